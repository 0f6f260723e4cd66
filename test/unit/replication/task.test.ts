import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  evaluate, isSelected, parseExpression, parseTableMappings, parseTaskFile, parseTaskSettings, targetColumnName,
  targetSchemaName, targetTableName, TaskDefinitionError, wildcard,
} from '../../../electron/node/replication/task/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/dms/${name}`, import.meta.url), 'utf8');

test('the documented DMS task settings parse unchanged, with the values they hold', () => {
  const { settings, notImplemented } = parseTaskSettings(fixture('task_settings.json'));
  assert.equal(settings.FullLoadSettings.MaxFullLoadSubTasks, 8);
  assert.equal(settings.FullLoadSettings.CommitRate, 10000);
  assert.equal(settings.FullLoadSettings.TargetTablePrepMode, 'DROP_AND_CREATE');
  assert.equal(settings.TargetMetadata.LobMaxSize, 32);
  assert.equal(settings.ChangeProcessingDdlHandlingPolicy.HandleSourceTableAltered, true);
  assert.equal(settings.ValidationSettings.EnableValidation, true);
  // Sections present but not acted on are reported by name, never dropped silently.
  for (const s of ['ErrorBehavior', 'ChangeProcessingTuning', 'StreamBufferSettings', 'ControlTablesSettings']) {
    assert.ok(notImplemented.some((n) => n.startsWith(`${s}:`)), `${s} reported`);
  }
  assert.ok(notImplemented.some((n) => n.startsWith('ValidationSettings.RecordFailureDelayInMinutes')));
});

test('defaults when sections are missing: MaxFullLoadSubTasks 8', () => {
  const { settings, notImplemented } = parseTaskSettings('{}');
  assert.equal(settings.FullLoadSettings.MaxFullLoadSubTasks, 8);
  assert.equal(settings.FullLoadSettings.CreatePkAfterFullLoad, false);
  assert.deepEqual(notImplemented, []);
});

function problems(f: () => unknown): string[] {
  try { f(); } catch (e) { if (e instanceof TaskDefinitionError) return e.problems; throw e; }
  assert.fail('expected a TaskDefinitionError');
}

test('unknown and invalid keys are named by their path', () => {
  assert.deepEqual(problems(() => parseTaskSettings('{"FullLoadSettings":{"MaxFullLoadSubTask":4}}')), ['FullLoadSettings.MaxFullLoadSubTask: unknown key']);
  assert.deepEqual(problems(() => parseTaskSettings('{"Bogus":1}')), ['Bogus: unknown key']);
  const p = problems(() => parseTaskSettings('{"FullLoadSettings":{"TargetTablePrepMode":"WIPE"}}'));
  assert.equal(p.length, 1);
  assert.match(p[0]!, /^FullLoadSettings\.TargetTablePrepMode: /);
  assert.match(problems(() => parseTaskSettings('{"Logging":{"LogComponents":[{"Id":"IO","Severity":"LOUD"}]}}'))[0]!, /^Logging\.LogComponents\[0\]\.Severity: /);
  assert.match(problems(() => parseTaskSettings('{not json'))[0]!, /not valid JSON/);
});

test('table mappings: the fixture parses; bad rules are named by path', () => {
  const m = parseTableMappings(fixture('table_mappings.json'));
  assert.equal(m.rules.length, 1);
  const bad = problems(() => parseTableMappings(JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 's', 'table-name': '%' }, 'rule-action': 'include', extra: 1 },
    { 'rule-type': 'transformation', 'rule-id': '2', 'rule-name': '2', 'rule-action': 'data-masking-digits-mask', 'rule-target': 'column', 'object-locator': { 'schema-name': 's', 'table-name': 't', 'column-name': 'c' } },
    { 'rule-type': 'transformation', 'rule-id': '3', 'rule-name': '3', 'rule-action': 'add-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 's', 'table-name': 't' }, value: 'x', expression: '$A ||| 1', 'data-type': { type: 'string', length: 5 } },
  ] })));
  assert.ok(bad.includes('rules[0].extra: unknown key'), bad.join('\n'));
  assert.ok(bad.some((b) => b.startsWith('rules[1].rule-action: ') && b.includes('not supported')), bad.join('\n'));
  const exprBad = problems(() => parseTableMappings(JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 's', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'transformation', 'rule-id': '3', 'rule-name': '3', 'rule-action': 'add-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 's', 'table-name': 't' }, value: 'x', expression: 'random()', 'data-type': { type: 'string', length: 5 } },
  ] })));
  assert.match(exprBad[0]!, /^rules\[1\]\.expression: function random is not supported/);
  assert.match(problems(() => parseTableMappings('{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"s","table-name":"%"},"rule-action":"include","filters":[{"filter-type":"source"}]}]}'))[0]!, /^rules\[0\]\.filters: .*not implemented/);
});

test('selection: % wildcards, later exclude wins, _ is literal', () => {
  const m = parseTableMappings(JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': 'a', 'object-locator': { 'schema-name': 'shop', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'selection', 'rule-id': '2', 'rule-name': 'b', 'object-locator': { 'schema-name': 'shop', 'table-name': 'tmp%' }, 'rule-action': 'exclude' },
  ] }));
  assert.equal(isSelected(m, { schema: 'shop', table: 'orders' }), true);
  assert.equal(isSelected(m, { schema: 'shop', table: 'tmp_x' }), false);
  assert.equal(isSelected(m, { schema: 'other', table: 'orders' }), false);
  assert.equal(wildcard('a_c', 'abc'), false);
  assert.equal(wildcard('a%c', 'a.+c'), true);
});

test('transformations rename schemas, tables and columns; remove-column drops one', () => {
  const m = parseTableMappings(JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'shop', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'transformation', 'rule-id': '2', 'rule-name': '2', 'rule-action': 'rename', 'rule-target': 'schema', 'object-locator': { 'schema-name': 'shop' }, value: 'store' },
    { 'rule-type': 'transformation', 'rule-id': '3', 'rule-name': '3', 'rule-action': 'add-prefix', 'rule-target': 'table', 'object-locator': { 'schema-name': 'shop', 'table-name': '%' }, value: 'x_' },
    { 'rule-type': 'transformation', 'rule-id': '4', 'rule-name': '4', 'rule-action': 'convert-uppercase', 'rule-target': 'column', 'object-locator': { 'schema-name': 'shop', 'table-name': 'orders', 'column-name': 'note%' } },
    { 'rule-type': 'transformation', 'rule-id': '5', 'rule-name': '5', 'rule-action': 'remove-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 'shop', 'table-name': 'orders', 'column-name': 'secret' } },
    { 'rule-type': 'transformation', 'rule-id': '6', 'rule-name': '6', 'rule-action': 'replace-suffix', 'rule-target': 'column', 'object-locator': { 'schema-name': 'shop', 'table-name': 'orders', 'column-name': '%_dt' }, 'old-value': '_dt', value: '_at' },
  ] }));
  const t = { schema: 'shop', table: 'orders' };
  assert.equal(targetSchemaName(m, t), 'store');
  assert.equal(targetTableName(m, t), 'x_orders');
  assert.equal(targetColumnName(m, t, 'note1'), 'NOTE1');
  assert.equal(targetColumnName(m, t, 'secret'), undefined);
  assert.equal(targetColumnName(m, t, 'created_dt'), 'created_at');
  assert.equal(targetColumnName(m, t, 'id'), 'id');
});

test('add-column expressions evaluate with SQLite semantics', () => {
  const row = { FIRST: 'Ada', LAST: 'Lovelace', N: 4, NONE: null } as Record<string, unknown>;
  const get = (c: string): unknown => row[c];
  assert.equal(evaluate(parseExpression("$FIRST||' '||$LAST"), get), 'Ada Lovelace');
  assert.equal(evaluate(parseExpression('$N * 2 + 1'), get), 9);
  assert.equal(evaluate(parseExpression("$NONE || 'x'"), get), null);
  assert.equal(evaluate(parseExpression("ifnull($NONE, 'dflt')"), get), 'dflt');
  assert.equal(evaluate(parseExpression("upper(substr($LAST, 1, 4))"), get), 'LOVE');
});

test('task.json: migration type checked, passwords refused', () => {
  const ok = parseTaskFile(JSON.stringify({ ReplicationTaskIdentifier: 'shop-task', MigrationType: 'full-load-and-cdc', SourceUrl: 'mysql://u@h/shop', TargetUrl: 'postgres://u@h/db' }));
  assert.equal(ok.MigrationType, 'full-load-and-cdc');
  assert.match(problems(() => parseTaskFile(JSON.stringify({ ReplicationTaskIdentifier: 'a', MigrationType: 'cdc-only', SourceUrl: 'mysql://u@h/shop', TargetUrl: 'postgres://u@h/db' })))[0]!, /^MigrationType: /);
  const pw = problems(() => parseTaskFile(JSON.stringify({ ReplicationTaskIdentifier: 'a', MigrationType: 'cdc', SourceUrl: 'mysql://u:hunter22@h/shop', TargetUrl: 'postgres://u@h/db' })));
  assert.match(pw[0]!, /^SourceUrl: keep passwords out/);
  assert.ok(!pw.join().includes('hunter22'));
});
