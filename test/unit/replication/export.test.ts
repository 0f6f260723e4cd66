import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTask } from '../../../electron/node/replication/index.js';
import {
  isSelected, loadTaskDefinition, parseTableMappings, parseTaskSettings, type TaskDefinition,
} from '../../../electron/node/replication/task/index.js';
import {
  awsDmsExport, createReplicationTaskInput, debeziumExport, exportAwsDms, exportDebezium,
} from '../../../electron/node/replication/export/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/dms/${name}`, import.meta.url), 'utf8');

function fixtureTask(mappingsText = fixture('table_mappings.json')): { dir: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'dbshift-export-'));
  const dir = join(root, 'task');
  createTask(dir, {
    id: 'shop-task', type: 'full-load-and-cdc', sourceUrl: 'mysql://app@db.example:3307/shop', targetUrl: 'postgres://app@pg.example/shopdb?sslmode=require',
    settingsText: fixture('task_settings.json'), mappingsText,
  });
  return { dir, root };
}

// Documented property names (Debezium MySQL connector, Debezium JDBC sink, Kafka Connect common
// connector config and the RegexRouter SMT); anything else in our output is a typo.
const MYSQL_SOURCE_PROPS = new Set([
  'connector.class', 'tasks.max', 'database.hostname', 'database.port', 'database.user', 'database.password', 'database.server.id',
  'topic.prefix', 'database.include.list', 'table.include.list', 'snapshot.mode', 'include.schema.changes',
  'schema.history.internal.kafka.bootstrap.servers', 'schema.history.internal.kafka.topic',
]);
const JDBC_SINK_PROPS = new Set([
  'connector.class', 'tasks.max', 'connection.url', 'connection.username', 'connection.password', 'topics', 'topics.regex',
  'insert.mode', 'delete.enabled', 'primary.key.mode', 'primary.key.fields', 'schema.evolution', 'table.name.format',
  'transforms', 'transforms.table.type', 'transforms.table.regex', 'transforms.table.replacement',
]);

test('aws-dms export of the fixture task parses back with our parsers to the same definition', async () => {
  const { dir, root } = fixtureTask();
  try {
    const def = await loadTaskDefinition(dir);
    const out = join(root, 'dms');
    const res = await exportAwsDms(dir, out, { sourceEndpointArn: 'arn:aws:dms:eu-west-1:123456789012:endpoint:SRC' });
    assert.equal(res.written.length, 3);
    const settings = parseTaskSettings(readFileSync(join(out, 'task_settings.json'), 'utf8'));
    assert.deepEqual(settings.settings, def.settings);
    assert.deepEqual(settings.notImplemented, def.notImplemented);
    assert.deepEqual(parseTableMappings(readFileSync(join(out, 'table_mappings.json'), 'utf8')), def.mappings);
    const sh = readFileSync(join(out, 'create-replication-task.sh'), 'utf8');
    assert.ok(statSync(join(out, 'create-replication-task.sh')).mode & 0o100, 'script is executable');
    for (const flag of ["--replication-task-identifier 'shop-task'", "--source-endpoint-arn 'arn:aws:dms:eu-west-1:123456789012:endpoint:SRC'",
      "--target-endpoint-arn 'REPLACE_WITH_TARGET_ENDPOINT_ARN'", "--replication-instance-arn 'REPLACE_WITH_REPLICATION_INSTANCE_ARN'",
      '--migration-type full-load-and-cdc', '--table-mappings file://table_mappings.json', '--replication-task-settings file://task_settings.json']) {
      assert.ok(sh.includes(flag), `script has ${flag}`);
    }
    assert.match(sh, /^aws dms create-replication-task \\$/m);
    assert.deepEqual(res.notes.length, 2, 'the two placeholder ARNs are reported');
    // The SDK request carries the same JSON as the files.
    const input = createReplicationTaskInput(def);
    assert.equal(input.TableMappings, readFileSync(join(out, 'table_mappings.json'), 'utf8'));
    assert.equal(input.ReplicationTaskSettings, readFileSync(join(out, 'task_settings.json'), 'utf8'));
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('debezium export: documented property names, selection as include regex, upsert sink per schema', async () => {
  const mappings = JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'shop', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'selection', 'rule-id': '2', 'rule-name': '2', 'object-locator': { 'schema-name': 'shop', 'table-name': 'audit_%' }, 'rule-action': 'exclude' },
    { 'rule-type': 'transformation', 'rule-id': '3', 'rule-name': '3', 'rule-target': 'schema', 'object-locator': { 'schema-name': 'shop' }, 'rule-action': 'rename', value: 'store' },
    { 'rule-type': 'transformation', 'rule-id': '4', 'rule-name': '4', 'rule-target': 'table', 'object-locator': { 'schema-name': 'shop', 'table-name': 'orders' }, 'rule-action': 'add-prefix', value: 'x_' },
  ] });
  const { dir, root } = fixtureTask(mappings);
  try {
    const def = await loadTaskDefinition(dir);
    const out = join(root, 'dbz');
    const res = await exportDebezium(dir, out, { bootstrapServers: 'kafka:9092' });
    const [src, sink, ...rest] = res.written.filter((w) => w.endsWith('.json')).map((w) => JSON.parse(readFileSync(w, 'utf8')) as { name: string; config: Record<string, string> });
    assert.equal(rest.length, 0);
    for (const k of Object.keys(src!.config)) assert.ok(MYSQL_SOURCE_PROPS.has(k), `source property ${k} is documented`);
    for (const k of Object.keys(sink!.config)) assert.ok(JDBC_SINK_PROPS.has(k), `sink property ${k} is documented`);
    const s = src!.config;
    assert.equal(s['connector.class'], 'io.debezium.connector.mysql.MySqlConnector');
    assert.equal(s['database.hostname'], 'db.example');
    assert.equal(s['database.port'], '3307');
    assert.equal(s['database.user'], 'app');
    assert.match(s['database.password']!, /^\$\{file:[^:]+:source\.password\}$/);
    assert.match(s['database.server.id']!, /^\d+$/);
    assert.equal(s['snapshot.mode'], 'initial');
    assert.equal(s['schema.history.internal.kafka.bootstrap.servers'], 'kafka:9092');
    // The include list selects exactly what the DMS rules select (Java and JS regex agree on these constructs).
    const re = new RegExp(`^(?:${s['table.include.list']!})$`);
    for (const table of ['orders', 'audit_log', 'audit', 'auditXlog', 'customers']) {
      assert.equal(re.test(`shop.${table}`), isSelected(def.mappings, { schema: 'shop', table }), table);
    }
    assert.equal(re.test('other.orders'), false);
    const k = sink!.config;
    assert.equal(k['connector.class'], 'io.debezium.connector.jdbc.JdbcSinkConnector');
    assert.equal(k['insert.mode'], 'upsert');
    assert.equal(k['primary.key.mode'], 'record_key');
    assert.equal(k['schema.evolution'], 'basic');
    assert.equal(k['connection.url'], 'jdbc:postgresql://pg.example:5432/shopdb?sslmode=require&currentSchema=store');
    assert.ok(new RegExp(`^${k['topics.regex']!}$`).test('shop_task.shop.orders'));
    assert.ok(!new RegExp(`^${k['topics.regex']!}$`).test('shop_task.schema-history'));
    assert.equal('shop_task.shop.orders'.replace(new RegExp(k['transforms.table.regex']!), k['transforms.table.replacement']!.replace('$1', '$$1')), 'orders');
    assert.ok(res.notes.some((n) => n.startsWith('rule 4 (add-prefix table)')), 'the table rename that the sink cannot do is reported');
    assert.ok(readFileSync(join(out, 'README.txt'), 'utf8').includes('config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider'));
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('no password from the URLs reaches any exported file', async () => {
  const { dir, root } = fixtureTask();
  try {
    const base = await loadTaskDefinition(dir);
    // Task files refuse passwords; an in-memory definition with them proves the exporters drop them anyway.
    const def: TaskDefinition = { ...base, task: { ...base.task, SourceUrl: 'mysql://app:Sup3rSecretSrc@db:3306/shop', TargetUrl: 'postgres://app:Sup3rSecretTgt@pg/shop?password=Sup3rSecretQ' } };
    const texts = [...Object.values(awsDmsExport(def).files), JSON.stringify(debeziumExport(def))];
    for (const t of texts) assert.ok(!/Sup3rSecret/.test(t), 'no password in the output');
  } finally { rmSync(root, { recursive: true, force: true }); }
});
