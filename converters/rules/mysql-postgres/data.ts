import type { CatalogObject, DataScript, Expr, Insert, Table, Column } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { nul } from '../common/nodes.js';
import { utf8Bytes } from '../common/identifiers.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';
import { isTinyint1 } from './types.js';
import { isZeroDate } from './tables.js';

const hexOfText = (s: string): string => utf8Bytes(s).map((b) => b.toString(16).padStart(2, '0')).join('');

/** One value of a data row, converted for the MySQL column it goes into. */
function convertValue(v: Expr, c: Column | undefined, ctx: RuleContext, zero: { count: number }): Expr {
  if (!c || v.kind !== 'Literal') return v;
  const t = c.dataType;
  const isBool = isTinyint1(t, ctx) || (t.name === 'bit' && (t.length ?? 1) === 1);
  if (isBool && (v.type === 'number' || v.type === 'bit' || v.type === 'hex')) {
    const n = v.type === 'number' ? Number(v.value) : Number.parseInt(v.value || '0', v.type === 'bit' ? 2 : 16);
    return { ...v, type: 'boolean', value: n ? 'TRUE' : 'FALSE' };
  }
  if (isZeroDate(v) && ['date', 'datetime', 'timestamp'].includes(t.name)) { zero.count++; return nul(v.span); }
  if (['blob', 'binary', 'varbinary'].includes(t.name) && v.type === 'string') return { ...v, type: 'hex', value: hexOfText(v.value) };
  if ((t.name === 'geometry' || t.name === 'geography') && v.type === 'hex' && ctx.options.postgis && v.value.length >= 10) {
    // MySQL stores geometries as a little-endian 4-byte SRID followed by WKB.
    const srid = Number.parseInt(v.value.slice(0, 8).match(/../g)!.reverse().join(''), 16);
    return { kind: 'Raw', text: `ST_SetSRID(ST_GeomFromWKB('\\x${v.value.slice(8).toLowerCase()}'::bytea), ${srid})`, span: v.span };
  }
  if (t.name === 'bit' && v.type === 'hex') return { ...v, type: 'bit', value: BigInt(`0x${v.value || '0'}`).toString(2).padStart(typeof t.length === 'number' ? t.length : 1, '0') };
  if (t.name === 'bit' && v.type === 'number') return { ...v, type: 'bit', value: BigInt(v.value).toString(2).padStart(typeof t.length === 'number' ? t.length : 1, '0') };
  return v;
}

const DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);
const DATE_TEXT = /^\s*(\d{2,4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2})[:.](\d{1,2})(?::(\d{1,2})(?:\.\d{1,6})?)?)?\s*$/;

/** A value MySQL (strict mode) rejects for the column, described; undefined when fine. */
function invalidValue(v: Expr, c: Column | undefined): string | undefined {
  if (!c || v.kind !== 'Literal' || v.type !== 'string' || !DATE_TYPES.has(c.dataType.name) || isZeroDate(v)) return undefined;
  const m = DATE_TEXT.exec(v.value);
  if (!m) return `'${v.value}' is not a valid ${c.dataType.name} for column ${c.name}`;
  const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? 0 : Number(x)));
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return `'${v.value}' is out of range for ${c.dataType.name} column ${c.name}`;
  return undefined;
}

/** Source-like text of a rejected statement, kept in the output as a comment. */
function statementText(i: Insert): string {
  const lit = (e: Expr): string => (e.kind !== 'Literal' ? '?' : e.type === 'string' ? `'${e.value.replace(/'/g, "''")}'` : e.type === 'null' ? 'NULL' : e.type === 'hex' ? `X'${e.value}'` : e.value);
  const rows = i.source.kind === 'Values' ? i.source.rows.map((r) => `(${r.map(lit).join(',')})`).join(',\n') : '…';
  return `INSERT INTO ${i.table.name}${i.columns ? ` (${i.columns.join(',')})` : ''} VALUES ${rows}`;
}

/**
 * Data rows: booleans, zero dates, bit and binary values, using the source column types.
 * A statement with a value MySQL would reject is split off, unconverted, as MySQL would reject it.
 */
export function convertData(d: DataScript, sourceTables: Map<string, Table>, ctx: RuleContext): CatalogObject[] {
  const table = sourceTables.get(qnameKey(d.table));
  if (!table) return [d];
  const rejected: CatalogObject[] = [];
  const kept = d.statements.filter((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return true;
    const cols = s.columns?.map((n) => table.columns.find((c) => c.name === n)) ?? table.columns;
    for (const r of s.source.rows) {
      for (let i = 0; i < r.length; i++) {
        const why = invalidValue(r[i]!, cols[i]);
        if (!why) continue;
        ctx.report(MP.invalidData, r[i]!.span, `${why}: MySQL rejects this INSERT (${s.source.rows.length} rows) in strict mode; it was not converted`);
        rejected.push({ kind: 'UnparsedObject', objectType: 'Data', name: { ...d.table, name: `${d.table.name}@${s.span.line}` }, span: s.span, reported: true,
          statement: { kind: 'Unparsed', text: statementText(s), reason: why, span: r[i]!.span }, ...(d.origin ? { origin: d.origin } : {}) });
        return false;
      }
    }
    return true;
  });
  d = { ...d, statements: kept, rowCount: kept.reduce((n, s) => n + (s.kind === 'Insert' && s.source.kind === 'Values' ? s.source.rows.length : 0), 0) };
  const zero = { count: 0 };
  const statements = d.statements.map((s) => {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') return s;
    const cols = s.columns?.map((n) => table.columns.find((c) => c.name === n)) ?? table.columns;
    const rows = s.source.rows.map((r) => r.map((v, i) => convertValue(v, cols[i], ctx, zero)));
    return { ...s, source: { ...s.source, rows } } satisfies Insert;
  });
  if (zero.count) ctx.report(MP.zeroDate, d.span, `${zero.count} zero date value(s) loaded into ${d.table.name} became NULL`);
  return [{ ...d, statements }, ...rejected];
}

/** Finds columns that will receive NULL for zero dates, so their NOT NULL can be relaxed. */
export function scanZeroDates(d: DataScript, sourceTables: Map<string, Table>, ctx: RuleContext): void {
  const key = qnameKey(d.table);
  const table = sourceTables.get(key);
  if (!table) return;
  for (const s of d.statements) {
    if (s.kind !== 'Insert' || s.source.kind !== 'Values') continue;
    const cols = s.columns?.map((n) => table.columns.find((c) => c.name === n)) ?? table.columns;
    for (const r of s.source.rows) r.forEach((v, i) => { const c = cols[i]; if (c && isZeroDate(v)) ctx.zeroDateColumns.add(`${key}|${c.name}`); });
  }
}
