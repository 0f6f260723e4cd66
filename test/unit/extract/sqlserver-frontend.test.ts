// The live SQL Server extraction (sys.* rows authored for a Northwind subset) parsed by the T-SQL
// front end gives the same catalog as the same objects read from instnwnd.sql: names, column
// types, nullability, identity, defaults, keys, foreign keys, indexes, views, procedure parameters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { CatalogObject, Expr } from '../../../converters/model/index.js';
import { extractSqlServer } from '../../../electron/node/extract/sqlserver/index.js';
import { tsqlFrontEnd } from '../../../converters/dialects/tsql/index.js';
import { loadRows, rowConnection } from './catalog-rows.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const NORTHWIND = readFileSync(resolve(repoRoot, '../shared/corpus/northwind-pubs-tsql/instnwnd.sql'), 'utf8');

/** Literal value of a default, through the extra parentheses SQL Server stores: ((0)) → 0. */
function lit(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'Literal') return e.value;
  if (e.kind === 'FunctionCall') return `${e.name.name.toLowerCase()}()`;
  return e.kind;
}

/** What both sides must agree on, per object (keyed by kind and lower-cased name). */
function shape(o: CatalogObject): [string, unknown] | undefined {
  switch (o.kind) {
    case 'Table': return [`table ${o.name.name.toLowerCase()}`, {
      schema: o.name.schema,
      columns: o.columns.map((c) => [c.name, c.dataType.name, c.dataType.length ?? null, c.dataType.precision ?? null, c.dataType.scale ?? null, c.nullable, c.identity ? [c.identity.start, c.identity.increment] : null, lit(c.default) ?? null]),
      constraints: o.constraints.map((c) => {
        if (c.kind === 'PrimaryKey' || c.kind === 'Unique') return [c.kind, c.name, c.columns.map((x) => x.column)];
        if (c.kind === 'ForeignKey') return [c.kind, c.name, c.columns, c.refTable.name, c.refColumns, c.onDelete ?? 'no action', c.onUpdate ?? 'no action', c.enforced !== false];
        if (c.kind === 'Check') return [c.kind, c.name, c.enforced !== false];
        return [c.kind, c.name];
      }).sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    }];
    case 'Index': return [`index ${o.table.name.toLowerCase()}.${o.name.toLowerCase()}`, [o.unique, o.columns.map((c) => [c.column, c.direction ?? 'asc'])]];
    case 'View': return [`view ${o.name.name.toLowerCase()}`, o.query.kind];
    case 'Routine': return [`routine ${o.name.name.toLowerCase()}`, [o.routineKind, o.params.map((p) => [p.name, p.dataType.name, p.dataType.length ?? null, p.mode]), o.body.kind]];
    default: return undefined;
  }
}

test('extracted Northwind subset = the same objects parsed from instnwnd.sql', async () => {
  const conn = rowConnection('sqlserver', loadRows('sqlserver-northwind.json'), /@p\d+/g);
  const live = await extractSqlServer(conn, ['dbo'], {});
  assert.ok(!live.diagnostics.some((d) => d.code === 'EX0202'), 'the front end parses the rebuilt sources');
  assert.deepEqual(live.catalog.objects.filter((o) => o.kind === 'UnparsedObject'), []);
  // The authored rows also hold an 'edge' schema of cases Northwind does not have: compare dbo.
  const dbo = live.catalog.objects.filter((o) => (o.kind === 'Index' ? o.table.schema : 'name' in o && o.name && 'name' in o.name ? o.name.schema : undefined) === 'dbo');
  const liveShapes = new Map(dbo.map(shape).filter((x): x is [string, unknown] => !!x));
  assert.ok(liveShapes.size >= 5, `only ${liveShapes.size} objects extracted`);

  const script = tsqlFrontEnd.parse([{ path: 'instnwnd.sql', text: NORTHWIND }]);
  const scriptShapes = new Map(script.catalog.objects.map(shape).filter((x): x is [string, unknown] => !!x));
  for (const [key, value] of liveShapes) {
    assert.ok(scriptShapes.has(key), `${key} is extracted but not in instnwnd.sql`);
    assert.deepEqual(value, scriptShapes.get(key), key);
  }
});
