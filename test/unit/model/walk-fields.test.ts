import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHILD_FIELDS, NO_SPAN, parseScripts, rewrite, walk, type Catalog, type NodeLike, type SourceDialect, type TargetDialect } from '../../../converters/index.js';
import { mysqlToPostgres } from '../../../converters/rules/mysql-postgres/index.js';
import { postgresToMysql } from '../../../converters/rules/postgres-mysql/index.js';
import { oracleToPostgres } from '../../../converters/rules/oracle-postgres/index.js';
import { oracleToMysql } from '../../../converters/rules/oracle-mysql/index.js';
import { sqlServerToPostgres } from '../../../converters/rules/sqlserver-postgres/index.js';
import { sqlServerToMysql } from '../../../converters/rules/sqlserver-mysql/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

/** The reference: every field of every object (but spans and origins), as walk did before the field table. */
function everyNode(root: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    const rec = v as Record<string, unknown>;
    if (typeof rec.kind === 'string') counts.set(rec.kind, (counts.get(rec.kind) ?? 0) + 1);
    for (const k in rec) if (k !== 'span' && k !== 'origin') visit(rec[k]);
  };
  visit(root);
  return counts;
}

function walked(root: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  walk(root, (n) => counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1));
  return counts;
}

function rewritten(root: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const out = rewrite(root, (n) => { counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1); return undefined; });
  assert.equal(out, root, 'a rewrite that changes nothing returns the tree itself');
  return counts;
}

const sorted = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => a[0].localeCompare(b[0]));

const RULES = { 'mysql-postgres': mysqlToPostgres, 'postgres-mysql': postgresToMysql, 'oracle-postgres': oracleToPostgres, 'oracle-mysql': oracleToMysql, 'sqlserver-postgres': sqlServerToPostgres, 'sqlserver-mysql': sqlServerToMysql };

const SCRIPTS: { dialect: SourceDialect; file: string }[] = [
  { dialect: 'mysql', file: 'sakila-mysql/sakila-schema.sql' },
  { dialect: 'postgres', file: 'pagila-postgres/pagila-schema.sql' },
  { dialect: 'oracle', file: 'oracle-hr/hr_code.sql' },
  { dialect: 'oracle', file: 'oracle-customer-orders/co_create.sql' },
  { dialect: 'sqlserver', file: 'northwind-pubs-tsql/instnwnd.sql' },
  { dialect: 'sqlserver', file: 'northwind-pubs-tsql/instpubs.sql' },
];

for (const { dialect, file } of SCRIPTS) {
  test(`walk and rewrite reach every node of ${file} (source and converted catalogs) through the field table`, () => {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const parsed = parseScripts(dialect, [{ path: file, text }]);
    const catalogs: Catalog[] = [parsed.catalog];
    for (const target of ['postgres', 'mysql'] as TargetDialect[]) {
      const rules = RULES[`${dialect}-${target}` as keyof typeof RULES];
      if (rules) catalogs.push(rules.transform(parsed.catalog, { target }).catalog);
    }
    for (const c of catalogs) {
      const expected = sorted(everyNode(c.objects));
      assert.ok(expected.length > 5, 'the script gives a tree with several kinds of node');
      assert.deepEqual(sorted(walked(c.objects)), expected);
      assert.deepEqual(sorted(rewritten(c.objects)), expected);
    }
  });
}

test('kinds the field table does not know are entered field by field', () => {
  const lit = { kind: 'Literal', type: 'number', value: '1', span: NO_SPAN };
  const tree = { kind: 'RuleOwnNode', payload: { deep: [lit] }, span: NO_SPAN };
  assert.equal((CHILD_FIELDS as Record<string, unknown>).RuleOwnNode, undefined);
  const seen: string[] = [];
  walk(tree, (n) => seen.push(n.kind));
  assert.deepEqual(seen, ['RuleOwnNode', 'Literal']);
  const out = rewrite(tree, (n: NodeLike) => (n.kind === 'Literal' ? { ...n, value: '2' } : undefined)) as typeof tree;
  assert.notEqual(out, tree);
  assert.equal((out.payload.deep[0] as typeof lit).value, '2');
  assert.equal(lit.value, '1', 'the input is not changed');
});

test('a known kind is entered only through its listed fields; leaves are neither entered nor passed to fn', () => {
  const lit = (v: string) => ({ kind: 'Literal', type: 'number', value: v, span: NO_SPAN });
  const bin = { kind: 'Binary', op: '+', left: lit('1'), right: { kind: 'Cast', expr: lit('2'), type: { kind: 'DataType', name: 'int', sourceText: 'int', span: NO_SPAN }, syntax: 'cast', span: NO_SPAN }, span: NO_SPAN };
  const seen: string[] = [];
  rewrite(bin, (n) => { seen.push(n.kind); return undefined; }, new Set(['DataType']));
  assert.deepEqual(seen, ['Literal', 'Literal', 'Cast', 'Binary']);
});
