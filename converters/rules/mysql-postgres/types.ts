import type { DataType, Expr, SourceSpan } from '../../model/index.js';
import { bin, call, cast, dataType, num, str } from '../common/nodes.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';

/** A mapped type plus what a column of it needs to keep MySQL's value range exactly. */
export interface MappedType {
  type: DataType;
  /** CHECK on the column, given a reference to it. */
  check?: (column: Expr) => Expr;
  /** The column/variable became boolean: 0/1 literals against it become FALSE/TRUE. */
  boolean?: boolean;
  /** The type needs a CREATE TYPE … AS ENUM (values) first. */
  enumValues?: string[];
}

const nonNegative = (span: SourceSpan) => (c: Expr): Expr => bin('>=', c, num(0, span), span);

/** The fields like() writes first, in its order. */
const LIKE_KEYS = ['kind', 'name', 'sourceText', 'span', 'arrayDims'];
const NO_EXTRA: Partial<DataType> = {};

/**
 * Whether `t` already is what like(t, name, extra) would build: the same name, and exactly the
 * fields kind, name, sourceText, span (arrayDims), then extra's, with the same values in the same order.
 */
function alreadyLike(t: DataType, name: DataType['name'], extra: Partial<DataType> = NO_EXTRA): boolean {
  if (t.name !== name) return false;
  const rec = t as unknown as Record<string, unknown>;
  const ext = extra as Record<string, unknown>;
  const base = t.arrayDims ? 5 : 4;
  let extraKeys: string[] | undefined;
  let i = 0;
  for (const k in rec) {
    if (i < base) {
      if (k !== LIKE_KEYS[i]) return false;
    } else {
      extraKeys ??= Object.keys(ext);
      if (k !== extraKeys[i - base] || rec[k] !== ext[k]) return false;
    }
    i++;
  }
  return i - base === (extraKeys ?? Object.keys(ext)).length;
}

/**
 * A target type standing where `t` stood (same source text and span). `t` itself when it already
 * is that type (an INT stays the same INT): types are never changed in place, so target columns
 * can share the source's (one object fewer per column of every table).
 */
function like(t: DataType, name: DataType['name'], extra?: Partial<DataType>): DataType {
  if (alreadyLike(t, name, extra)) return t;
  // Built field by field (no spread of conditional objects): one per column of every table.
  const out: DataType = { kind: 'DataType', name, sourceText: t.sourceText, span: t.span };
  if (t.arrayDims) out.arrayDims = t.arrayDims;
  return extra ? Object.assign(out, extra) : out;
}

/** { type } plus the check when there is one. */
function checked(type: DataType, check: MappedType['check']): MappedType {
  const out: MappedType = { type };
  if (check) out.check = check;
  return out;
}

export function isTinyint1(t: DataType, ctx: RuleContext): boolean {
  return ctx.options.tinyint1AsBoolean && ((t.name === 'tinyint' && t.displayWidth === 1) || t.name === 'bool');
}

/**
 * MySQL type → PostgreSQL type. `where` tells whether a column is being mapped (checks and enum
 * types apply) or a variable/parameter/cast (only the type).
 */
export function mapType(t: DataType, ctx: RuleContext, where: 'column' | 'other'): MappedType {
  const s = t.span;
  const unsignedCheck = t.unsigned && where === 'column' ? nonNegative(s) : undefined;
  switch (t.name) {
    case 'bool': return { type: like(t, 'bool'), boolean: true };
    case 'tinyint':
      if (isTinyint1(t, ctx)) return { type: like(t, 'bool'), boolean: true };
      if (t.unsigned) ctx.reportOnce(MP.unsigned, s);
      return checked(like(t, 'smallint'), unsignedCheck);
    case 'smallint':
      if (t.unsigned) { ctx.reportOnce(MP.unsigned, s); return checked(like(t, 'int'), unsignedCheck); }
      return { type: like(t, 'smallint') };
    case 'mediumint':
      if (t.unsigned) ctx.reportOnce(MP.unsigned, s);
      return checked(like(t, 'int'), unsignedCheck);
    case 'int':
      if (t.unsigned) { ctx.reportOnce(MP.unsigned, s); return checked(like(t, 'bigint'), unsignedCheck); }
      return { type: like(t, 'int') };
    case 'bigint':
      // bigint, not numeric(20): keys stay integers (identity columns and the foreign keys that
      // reference them need the same integer type); the lost top half of the range is reported.
      if (t.unsigned) { ctx.reportOnce(MP.bigintUnsigned, s); return checked(like(t, 'bigint'), unsignedCheck); }
      return { type: like(t, 'bigint') };
    case 'decimal': return checked(like(t, 'decimal', { precision: t.precision !== undefined ? t.precision : 10, scale: t.scale ?? 0 }), unsignedCheck);
    case 'real': case 'double': return checked(like(t, t.name === 'real' && !/^float\s*\(\s*(2[5-9]|[3-5]\d)\s*\)/i.test(t.sourceText) ? 'real' : 'double'), unsignedCheck);
    case 'bit':
      if ((t.length ?? 1) === 1) { ctx.reportOnce(MP.bitType, s); return { type: like(t, 'bool'), boolean: true }; }
      return { type: like(t, 'bit', { length: t.length ?? 1 }) };
    // CAST(x AS CHAR) means a string of any length; a char column without length is char(1).
    case 'char': case 'nchar':
      if (where === 'other' && typeof t.length !== 'number') return { type: like(t, 'text') };
      return { type: like(t, 'char', typeof t.length === 'number' ? { length: Math.max(1, t.length) } : {}) };
    case 'varchar': case 'nvarchar': return { type: like(t, 'varchar', typeof t.length === 'number' ? { length: t.length } : {}) };
    case 'text': case 'clob': case 'nclob': return { type: like(t, 'text') };
    case 'binary': case 'varbinary': case 'blob': return { type: like(t, 'blob') };
    case 'date': return { type: like(t, 'date') };
    case 'time': return { type: like(t, 'time', t.fractionalSeconds !== undefined ? { fractionalSeconds: t.fractionalSeconds } : { fractionalSeconds: 0 }) };
    case 'datetime': return { type: like(t, 'timestamp', { fractionalSeconds: t.fractionalSeconds ?? 0 }) };
    case 'timestamp': return { type: like(t, 'timestamp', { fractionalSeconds: t.fractionalSeconds ?? 0, ...(ctx.options.timestampWithTimeZone ? { withTimeZone: true } : {}) }) };
    case 'year':
      ctx.reportOnce(MP.year, s);
      return { type: like(t, 'smallint'), ...(where === 'column' ? { check: (c: Expr) => ({ kind: 'Binary', op: 'or', left: { kind: 'Between', expr: c, low: num(1901, s), high: num(2155, s), not: false, span: s }, right: bin('=', c, num(0, s), s), span: s }) } : {}) };
    case 'json': return { type: like(t, 'jsonb') };
    case 'enum':
      if (where === 'column') return { type: like(t, 'user'), enumValues: t.values ?? [] };
      return { type: like(t, 'text') };
    case 'set': {
      const values = t.values ?? [];
      const length = Math.max(1, values.reduce((n, v) => n + v.length, 0) + Math.max(0, values.length - 1));
      ctx.reportOnce(MP.setType, s);
      const arr: Expr = cast({ kind: 'Array', items: values.map((v) => str(v, s)), span: s }, dataType('text', s, { arrayDims: 1 }), s);
      return {
        type: like(t, 'varchar', { length }),
        ...(where === 'column' ? { check: (c: Expr) => bin('or', bin('=', c, str('', s), s), bin('<@', call('string_to_array', [c, str(',', s)], s), arr, s), s) } : {}),
      };
    }
    case 'geometry': case 'geography':
      if (ctx.options.postgis) return { type: like(t, 'geometry', { ...(t.geometry ? { geometry: t.geometry } : {}), ...(t.srid !== undefined ? { srid: t.srid } : {}) }) };
      ctx.reportOnce(MP.spatial, s);
      return { type: like(t, 'blob') };
    case 'unknown': case 'rowid': case 'user':
      if (t.name === 'user' && t.userType) return { type: t };
      ctx.reportOnce(MP.unsupportedType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      return { type: like(t, 'text') };
    default: return { type: t };
  }
}

