// The MySQL front end must read a script the way the server does: load the script into a real
// MariaDB with the mariadb client, read information_schema, and compare it with what the front end
// modelled (columns, types, nullability, defaults, identity, keys, indexes, foreign keys, checks,
// views, routines, parameters, triggers, events).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient, type FreshDatabase, type Row } from '../../harness/db.js';
import { mysqlFrontEnd, parseMysqlDataType } from '../../../converters/dialects/mysql/index.js';
import type { CatalogObject, DataType, Expr, Index, Routine, Table, Trigger, View, Event } from '../../../converters/model/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(here, '../../../../shared/corpus');
const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL is not set (run through scripts/with-test-servers.mjs)';

/** The parts of a type information_schema.COLUMN_TYPE shows, with MySQL's implicit defaults filled in. */
function norm(dt: DataType): Record<string, unknown> {
  let name: string = dt.name;
  let sizeClass = dt.sizeClass;
  if (name === 'bool') name = 'tinyint';
  if (name === 'json') { name = 'text'; sizeClass = 'long'; } // MariaDB: JSON is LONGTEXT + json_valid()
  if (name === 'nchar') name = 'char';
  if (name === 'nvarchar') name = 'varchar';
  const out: Record<string, unknown> = { name };
  if (['char', 'varchar', 'binary', 'varbinary', 'bit'].includes(name)) out.length = dt.length ?? 1;
  if (name === 'decimal') { out.precision = dt.precision ?? 10; out.scale = dt.scale ?? 0; }
  if ((name === 'real' || name === 'double') && dt.scale !== undefined) { out.precision = dt.precision; out.scale = dt.scale; }
  if (['time', 'datetime', 'timestamp'].includes(name)) out.fsp = dt.fractionalSeconds ?? 0;
  if (name === 'text' || name === 'blob') out.sizeClass = sizeClass ?? '';
  if (name === 'enum' || name === 'set') out.values = dt.values;
  if (name === 'geometry') out.geometry = dt.geometry;
  if (['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'real', 'double'].includes(name)) out.unsigned = !!dt.unsigned;
  return out;
}

/** COLUMN_DEFAULT as MariaDB prints it vs the parsed default expression. */
function defaultMatches(server: unknown, mine: Expr | undefined): boolean {
  if (server === null || server === 'NULL') return mine === undefined || (mine.kind === 'Literal' && mine.type === 'null');
  const s = String(server);
  if (!mine) return false;
  if (mine.kind === 'FunctionCall') return s.toLowerCase().startsWith(mine.name.name.toLowerCase());
  if (mine.kind === 'Literal') {
    const unq = s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
    if (mine.type === 'boolean') return unq === (mine.value === 'true' ? '1' : '0');
    if (mine.type === 'bit') return unq === `b'${mine.value}'`;
    return unq === mine.value || Number(unq) === Number(mine.value);
  }
  return true; // expression defaults: compared by presence
}

async function load(db: FreshDatabase, text: string): Promise<CatalogObject[]> {
  const r = await runMysqlClient(db.url, text, { allowFailure: true });
  assert.equal(r.code, 0, `the server rejected the script: ${r.stderr.split("\n").filter((l) => l.startsWith("ERROR")).join(" ")}`);
  const version = String((await db.query('SELECT VERSION() AS v'))[0]!.v);
  const parsed = mysqlFrontEnd.parse([{ path: 'script.sql', text }], { defaultSchema: db.name, serverVersion: version });
  const serious = parsed.diagnostics.filter((d) => d.severity !== 'info' && d.severity !== 'low');
  assert.deepEqual(serious.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`), []);
  return parsed.catalog.objects;
}

async function compareCatalog(db: FreshDatabase, objects: CatalogObject[]): Promise<void> {
  const q = (sql: string): Promise<Row[]> => db.query(sql, [db.name]);
  const tables = objects.filter((o): o is Table => o.kind === 'Table');
  const byName = new Map(tables.map((t) => [t.name.name.toLowerCase(), t]));

  const serverTables = await q(`SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`);
  assert.deepEqual(serverTables.map((r) => String(r.TABLE_NAME).toLowerCase()), [...byName.keys()].sort(), 'tables');

  for (const c of await q(`SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, ORDINAL_POSITION
      FROM information_schema.COLUMNS c WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA AND TABLE_TYPE = 'BASE TABLE')`)) {
    const where = `${c.TABLE_NAME}.${c.COLUMN_NAME}`;
    const t = byName.get(String(c.TABLE_NAME).toLowerCase());
    assert.ok(t, where);
    const col = t.columns[Number(c.ORDINAL_POSITION) - 1];
    assert.equal(col?.name.toLowerCase(), String(c.COLUMN_NAME).toLowerCase(), `${where}: column order`);
    const mine = norm(col!.dataType);
    const theirs = norm(parseMysqlDataType(String(c.COLUMN_TYPE)));
    // BOOLEAN is TINYINT(1) on the server; JSON a checked LONGTEXT — handled in norm().
    assert.deepEqual(mine, theirs, `${where}: type ${col!.dataType.sourceText} vs server ${c.COLUMN_TYPE}`);
    assert.equal(col!.nullable, c.IS_NULLABLE === 'YES', `${where}: nullability`);
    const extra = String(c.EXTRA).toLowerCase();
    assert.equal(!!col!.identity, extra.includes('auto_increment'), `${where}: auto_increment`);
    assert.equal(!!col!.generated, /virtual|stored|persistent/.test(extra), `${where}: generated`);
    if (col!.generated) assert.equal(col!.generated.stored, /stored|persistent/.test(extra), `${where}: stored`);
    assert.equal(!!col!.onUpdate, extra.includes('on update'), `${where}: ON UPDATE`);
    assert.equal(!!col!.invisible, extra.includes('invisible'), `${where}: invisible`);
    if (!col!.generated) assert.ok(defaultMatches(c.COLUMN_DEFAULT, col!.default), `${where}: default ${String(c.COLUMN_DEFAULT)} vs ${JSON.stringify(col!.default)}`);
  }

  // Keys and indexes: PRIMARY, UNIQUE constraints and Index objects against STATISTICS.
  const stats = await q(`SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, INDEX_TYPE
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`);
  const serverIdx = new Map<string, { unique: boolean; cols: string[]; type: string }>();
  for (const s of stats) {
    const k = `${String(s.TABLE_NAME).toLowerCase()}.${String(s.INDEX_NAME).toLowerCase()}`;
    const e = serverIdx.get(k) ?? { unique: Number(s.NON_UNIQUE) === 0, cols: [], type: String(s.INDEX_TYPE) };
    // SPATIAL indexes report an internal SUB_PART (32) that is not part of the definition.
    const sub = s.SUB_PART !== null && s.INDEX_TYPE !== 'SPATIAL' ? `(${String(s.SUB_PART)})` : '';
    e.cols.push(`${String(s.COLUMN_NAME).toLowerCase()}${sub}`);
    serverIdx.set(k, e);
  }
  const mineIdx = new Map<string, { unique: boolean; cols: string[]; type: string }>();
  const cols = (list: { column?: string; prefixLength?: number }[]) => list.map((k) => `${(k.column ?? '').toLowerCase()}${k.prefixLength !== undefined ? `(${k.prefixLength})` : ''}`);
  for (const t of tables) {
    for (const c of t.constraints) {
      if (c.kind === 'PrimaryKey') mineIdx.set(`${t.name.name.toLowerCase()}.primary`, { unique: true, cols: cols(c.columns), type: 'BTREE' });
      if (c.kind === 'Unique') mineIdx.set(`${t.name.name.toLowerCase()}.${(c.name ?? '').toLowerCase()}`, { unique: true, cols: cols(c.columns), type: 'BTREE' });
    }
  }
  for (const ix of objects.filter((o): o is Index => o.kind === 'Index')) {
    mineIdx.set(`${ix.table.name.toLowerCase()}.${ix.name.toLowerCase()}`, { unique: ix.unique, cols: cols(ix.columns), type: ix.method === 'fulltext' ? 'FULLTEXT' : ix.method === 'spatial' ? 'SPATIAL' : 'BTREE' });
  }
  // InnoDB adds an index for a foreign key with none to use; the front end models the FK only.
  const fkOnly = [...serverIdx.keys()].filter((k) => !mineIdx.has(k));
  const fks = await q(`SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
      FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
        ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
      WHERE k.TABLE_SCHEMA = ? ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`);
  const fkNames = new Set(fks.map((f) => `${String(f.TABLE_NAME).toLowerCase()}.${String(f.CONSTRAINT_NAME).toLowerCase()}`));
  assert.deepEqual(fkOnly.filter((k) => !fkNames.has(k)), [], 'indexes the front end did not model');
  for (const [k, v] of mineIdx) assert.deepEqual(v, serverIdx.get(k), `index ${k}`);

  const mineFks = tables.flatMap((t) => t.constraints.flatMap((c) => (c.kind === 'ForeignKey'
    ? c.columns.map((col, i) => [t.name.name, c.name, col, c.refTable.name, c.refColumns[i], (c.onUpdate ?? 'restrict').toUpperCase(), (c.onDelete ?? 'restrict').toUpperCase()].map((x) => String(x).toLowerCase()).join(' '))
    : [])));
  const theirFks = fks.map((f) => [f.TABLE_NAME, f.CONSTRAINT_NAME, f.COLUMN_NAME, f.REFERENCED_TABLE_NAME, f.REFERENCED_COLUMN_NAME, f.UPDATE_RULE, f.DELETE_RULE].map((x) => String(x).toLowerCase()).join(' '));
  assert.deepEqual(mineFks.sort(), theirFks.sort(), 'foreign keys');

  const checks = await q(`SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`);
  const jsonChecks = tables.flatMap((t) => t.columns.filter((c) => c.dataType.name === 'json')).length;
  assert.equal(tables.reduce((n, t) => n + t.constraints.filter((c) => c.kind === 'Check').length, 0) + jsonChecks, checks.length, 'check constraints');

  const views = objects.filter((o): o is View => o.kind === 'View');
  const sViews = await q(`SELECT TABLE_NAME, CHECK_OPTION, SECURITY_TYPE FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`);
  assert.deepEqual(views.map((v) => [v.name.name, (v.checkOption ?? 'none').toUpperCase(), (v.security ?? 'definer').toUpperCase()]).sort(),
    sViews.map((v) => [v.TABLE_NAME, v.CHECK_OPTION, v.SECURITY_TYPE]), 'views');
  assert.ok(views.every((v) => v.query.kind !== 'Unparsed'), 'every view query parsed');

  const routines = objects.filter((o): o is Routine => o.kind === 'Routine');
  const sRoutines = await q(`SELECT ROUTINE_NAME, ROUTINE_TYPE, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME`);
  assert.deepEqual(routines.map((r) => [r.name.name, r.routineKind.toUpperCase(), r.deterministic ? 'YES' : 'NO', (r.dataAccess ?? 'contains sql').toUpperCase(), (r.security ?? 'definer').toUpperCase()]).sort(),
    sRoutines.map((r) => [r.ROUTINE_NAME, r.ROUTINE_TYPE, r.IS_DETERMINISTIC, r.SQL_DATA_ACCESS, r.SECURITY_TYPE]), 'routines');
  assert.ok(routines.every((r) => r.body.kind === 'Block'), 'every routine body parsed');
  const params = await q(`SELECT SPECIFIC_NAME, ORDINAL_POSITION, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`);
  for (const p of params) {
    const r = routines.find((x) => x.name.name === p.SPECIFIC_NAME)!;
    const where = `${String(p.SPECIFIC_NAME)} #${String(p.ORDINAL_POSITION)}`;
    const dt = Number(p.ORDINAL_POSITION) === 0 ? (r.returns?.kind === 'type' ? r.returns.dataType : undefined) : r.params[Number(p.ORDINAL_POSITION) - 1]?.dataType;
    assert.ok(dt, where);
    assert.deepEqual(norm(dt), norm(parseMysqlDataType(String(p.DTD_IDENTIFIER))), `${where}: ${dt.sourceText} vs ${String(p.DTD_IDENTIFIER)}`);
    if (Number(p.ORDINAL_POSITION) > 0) {
      const mine = r.params[Number(p.ORDINAL_POSITION) - 1]!;
      assert.equal(mine.name, p.PARAMETER_NAME, where);
      assert.equal(mine.mode.toUpperCase(), p.PARAMETER_MODE, where);
    }
  }

  const triggers = objects.filter((o): o is Trigger => o.kind === 'Trigger');
  const sTriggers = await q(`SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_TIMING, ACTION_ORDER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME`);
  assert.deepEqual(triggers.map((t) => [t.name.name, t.events[0]!.toUpperCase(), t.table.name, t.timing.toUpperCase()]).sort(),
    sTriggers.map((t) => [t.TRIGGER_NAME, t.EVENT_MANIPULATION, t.EVENT_OBJECT_TABLE, t.ACTION_TIMING]), 'triggers');
  assert.ok(triggers.every((t) => t.body?.kind === 'Block'), 'every trigger body parsed');

  const events = objects.filter((o): o is Event => o.kind === 'Event');
  const sEvents = await q(`SELECT EVENT_NAME, INTERVAL_VALUE, INTERVAL_FIELD, STATUS, ON_COMPLETION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME`);
  assert.deepEqual(events.map((e) => [e.name.name, e.schedule.every && e.schedule.every.value.kind === 'Literal' ? e.schedule.every.value.value : null, e.schedule.every?.unit ?? null,
    e.enabled ? 'ENABLED' : 'DISABLED', e.onCompletionPreserve ? 'PRESERVE' : 'NOT PRESERVE']).sort(),
  sEvents.map((e) => [e.EVENT_NAME, e.INTERVAL_VALUE, e.INTERVAL_FIELD, e.STATUS, e.ON_COMPLETION]), 'events');
}

test('rich schema: the front end agrees with MariaDB', { skip }, async () => {
  const db = await freshMysqlDatabase('myfe_rich');
  try {
    const objects = await load(db, readFileSync(path.join(here, 'rich-schema.sql'), 'utf8'));
    await compareCatalog(db, objects);
  } finally {
    await db.drop();
  }
});

test('Sakila schema: the front end agrees with MariaDB', { skip }, async () => {
  const db = await freshMysqlDatabase('myfe_sakila');
  try {
    // This copy of Sakila creates schema rental_sys and one view still names schema sakila.
    const text = readFileSync(path.join(corpus, 'sakila-mysql/sakila-schema.sql'), 'utf8').replaceAll('rental_sys', db.name).replaceAll('sakila.', `${db.name}.`);
    const objects = await load(db, text);
    await compareCatalog(db, objects);
  } finally {
    await db.drop();
  }
});
