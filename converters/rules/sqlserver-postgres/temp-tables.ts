import type { DataType, DdlStatement, Statement, Table, VarDecl } from '../../model/index.js';
import { qnameKey, walk } from '../../model/index.js';
import { str } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';
import { convertTable } from './tables.js';

/**
 * #temp tables created in code and table variables (DECLARE @t TABLE) → PostgreSQL temporary
 * tables named "#t" / "@t" (the names the statements already use).
 * A T-SQL #temp table lives until its procedure ends and is visible to the procedures it calls; a
 * PostgreSQL temporary table lives in the session: DROP TABLE IF EXISTS + CREATE TEMP TABLE …
 * ON COMMIT DROP gives a fresh empty table on every call, visible to callees, gone at commit.
 */

type TempSource = { name: string; table: Table; span: Statement['span'] };

function tableOf(s: Statement): TempSource | undefined {
  if (s.kind === 'DdlStatement' && s.action === 'create' && s.object?.kind === 'Table' && s.object.temporary) {
    return { name: s.object.name.name, table: s.object, span: s.span };
  }
  if (s.kind === 'VarDecl' && s.table) {
    const name = `@${s.names[0]!}`;
    return { name, table: { kind: 'Table', name: { name }, columns: s.table.columns, constraints: s.table.constraints, temporary: true, options: {}, span: s.span }, span: s.span };
  }
  return undefined;
}

/** Converts the temporary tables a routine declares and makes their columns known to typing (before `annotate`). */
export function registerTempTables(body: unknown, ctx: MsRuleContext): void {
  walk(body, (n) => {
    const t = tableOf(n as Statement);
    if (!t) return;
    const converted = convertTable(t.table, ctx);
    ctx.tempTables.set(t.name.toLowerCase(), converted);
    ctx.tables.set(qnameKey({ name: t.name }), converted);
  });
}

/** The statements replacing a #temp CREATE TABLE or a table variable declaration; undefined for other statements. */
export function lowerTempTable(s: Statement, ctx: MsRuleContext): Statement[] | undefined {
  const t = tableOf(s);
  if (!t) return undefined;
  if (t.name.startsWith('##')) return undefined;
  const table = ctx.tempTables.get(t.name.toLowerCase()) ?? convertTable(t.table, ctx);
  const name = { name: t.name };
  ctx.reportOnce(TG.tempTable, t.span, `${s.kind === 'VarDecl' ? 'Table variable' : 'Temporary table'} ${t.name} became a temporary table (dropped and created again on each call, dropped at commit)`);
  const drop: DdlStatement = { kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'table', name }, text: `DROP TABLE IF EXISTS ${t.name}`, span: t.span };
  const create: DdlStatement = { kind: 'DdlStatement', action: 'create', object: { ...table, name, temporary: true, options: { ...table.options, on_commit: 'drop' } }, target: { objectType: 'table', name }, text: (s as VarDecl | DdlStatement).kind === 'DdlStatement' ? (s as DdlStatement).text : `DECLARE ${t.name} TABLE (…)`, span: t.span };
  return [drop, create];
}

/**
 * #temp tables and table variables declared anywhere in `body` (source definitions, lower-case
 * names; `routine` prefixes table variables' keys, which are local to their routine).
 */
export function tempDefinitions(body: unknown, into = new Map<string, Table>(), routine = ''): Map<string, Table> {
  walk(body, (n) => {
    const t = tableOf(n as Statement);
    const key = t ? (t.name.startsWith('@') ? `${routine}${t.name}` : t.name).toLowerCase() : '';
    if (t && !into.has(key)) into.set(key, t.table);
  });
  return into;
}

const SIMPLE: Partial<Record<DataType['name'], string>> = {
  tinyint: 'smallint', smallint: 'smallint', int: 'integer', bigint: 'bigint', bit: 'boolean', bool: 'boolean', real: 'real', double: 'double precision',
  money: 'numeric(19,4)', date: 'date', time: 'time', datetime: 'timestamp(3)', timestamp: 'timestamp', text: 'text', uuid: 'uuid', binary: 'bytea', varbinary: 'bytea', blob: 'bytea',
};

/** PostgreSQL type text of a column type for a plpgsql_check pragma (undefined when not a plain type). */
function typeText(t: DataType): string | undefined {
  if (t.name === 'decimal') return t.precision !== undefined ? `numeric(${t.precision},${t.scale ?? 0})` : 'numeric';
  if (t.name === 'varchar' || t.name === 'nvarchar' || t.name === 'char' || t.name === 'nchar') {
    const base = t.name.endsWith('char') && !t.name.includes('varchar') ? 'char' : 'varchar';
    return typeof t.length === 'number' ? `${base}(${t.length})` : t.length === 'max' ? 'text' : base === 'char' ? 'char(1)' : 'varchar';
  }
  return SIMPLE[t.name];
}

const quote = (n: string): string => `"${n.replace(/"/g, '""')}"`;

/**
 * plpgsql_check cannot see tables a routine creates while it runs (nor a caller's #temp table):
 * `PERFORM 'PRAGMA:TABLE: name (cols)'` (a constant, no cost at run time) declares them for the
 * check. One per temporary table the routine reads or writes whose definition is known.
 */
export function checkPragmas(body: unknown, global: Map<string, Table>, span: Statement['span']): Statement[] {
  const own = tempDefinitions(body);
  const used = new Set<string>();
  walk(body, (n) => {
    const x = n as unknown as { kind: string; name?: { name: string }; table?: { name: string }; targets?: { name: string }[] };
    const names = x.kind === 'TableRef' ? [x.name!.name] : x.kind === 'Insert' ? [x.table!.name] : x.kind === 'Delete' ? x.targets!.map((t) => t.name) : [];
    for (const name of names) if (/^[#@]/.test(name) && !name.startsWith('##')) used.add(name.toLowerCase());
  });
  const out: Statement[] = [];
  for (const name of used) {
    const t = own.get(name) ?? (name.startsWith('#') ? global.get(name) : undefined);
    if (!t) continue;
    const cols = t.columns.map((c) => (c.generated ? undefined : `${quote(c.name)} ${typeText(c.dataType) ?? ''}`));
    if (cols.some((c) => !c || c.endsWith(' '))) continue;
    const sql = `PRAGMA:TABLE: ${quote(t.name.name)} (${cols.join(', ')})`;
    out.push({ kind: 'SqlStatement', perform: true, statement: { kind: 'Select', items: [{ expr: str(sql, span) }], from: [], groupBy: [], orderBy: [], span }, span });
  }
  return out;
}
