import type { DataType, Expr } from '../../model/index.js';
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

/** The CHECK a column of a mapped type needs: UNSIGNED → >= 0, YEAR's range, SET's members. */
export type TypeCheck = 'none' | 'nonNegative' | 'year' | 'set';

/**
 * What mapType says, as plain fields of one reusable record (no result object or closure per
 * column): convertTable maps every column of every table.
 */
export interface TypeMapping {
  type: DataType;
  check: TypeCheck;
  boolean: boolean;
  enumValues: string[] | undefined;
}

export function typeMapping(): TypeMapping {
  return { type: undefined as unknown as DataType, check: 'none', boolean: false, enumValues: undefined };
}

/** The CHECK expression of `check` for a column of source type `t`, given a reference to the column. */
export function typeCheck(check: TypeCheck, t: DataType, c: Expr): Expr {
  const s = t.span;
  switch (check) {
    case 'nonNegative': return bin('>=', c, num(0, s), s);
    case 'year': return { kind: 'Binary', op: 'or', left: { kind: 'Between', expr: c, low: num(1901, s), high: num(2155, s), not: false, span: s }, right: bin('=', c, num(0, s), s), span: s };
    case 'set': return setCheck(t, c);
    case 'none': throw new Error('no CHECK for this type');
  }
}

// Apart from typeCheck: its closure over the span would make every call allocate a context.
function setCheck(t: DataType, c: Expr): Expr {
  const s = t.span;
  const arr: Expr = cast({ kind: 'Array', items: (t.values ?? []).map((v) => str(v, s)), span: s }, dataType('text', s, { arrayDims: 1 }), s);
  return bin('or', bin('=', c, str('', s), s), bin('<@', call('string_to_array', [c, str(',', s)], s), arr, s), s);
}

/** The fields like() writes first, in its order. */
const LIKE_KEYS = ['kind', 'name', 'sourceText', 'span', 'arrayDims'];
type Extra = keyof DataType | undefined;

/**
 * Whether `t` already is what like(t, name, k1, v1, k2, v2) would build: the same name, and exactly
 * the fields kind, name, sourceText, span (arrayDims), then k1 and k2 (those given), with the same
 * values in the same order.
 */
function alreadyLike(t: DataType, name: DataType['name'], k1: Extra, v1: unknown, k2: Extra, v2: unknown): boolean {
  if (t.name !== name) return false;
  const rec = t as unknown as Record<string, unknown>;
  const base = t.arrayDims ? 5 : 4;
  let i = 0;
  for (const k in rec) {
    if (i < base) {
      if (k !== LIKE_KEYS[i]) return false;
    } else if (i === base) {
      if (k !== k1 || rec[k] !== v1) return false;
    } else if (i === base + 1) {
      if (k !== k2 || rec[k] !== v2) return false;
    } else return false;
    i++;
  }
  return i === base + (k1 === undefined ? 0 : k2 === undefined ? 1 : 2);
}

/**
 * A target type standing where `t` stood (same source text and span), with up to two more fields
 * (k1 before k2; k2 only with k1). `t` itself when it already is that type (an INT stays the same
 * INT): types are never changed in place, so target columns can share the source's (one object
 * fewer per column of every table).
 */
function like(t: DataType, name: DataType['name'], k1?: Extra, v1?: unknown, k2?: Extra, v2?: unknown): DataType {
  if (alreadyLike(t, name, k1, v1, k2, v2)) return t;
  // One literal per common shape (fields added later would each grow the object).
  if (!t.arrayDims) {
    if (k1 === undefined) return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span };
    if (k2 === undefined) {
      if (k1 === 'length') return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, length: v1 as number };
      if (k1 === 'fractionalSeconds') return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, fractionalSeconds: v1 as number };
    } else if (k1 === 'precision' && k2 === 'scale') {
      return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, precision: v1 as number, scale: v2 as number };
    }
  }
  const out: DataType = { kind: 'DataType', name, sourceText: t.sourceText, span: t.span };
  if (t.arrayDims) out.arrayDims = t.arrayDims;
  const rec = out as unknown as Record<string, unknown>;
  if (k1 !== undefined) rec[k1] = v1;
  if (k2 !== undefined) rec[k2] = v2;
  return out;
}

export function isTinyint1(t: DataType, ctx: RuleContext): boolean {
  return ctx.options.tinyint1AsBoolean && ((t.name === 'tinyint' && t.displayWidth === 1) || t.name === 'bool');
}

const FLOAT_AS_DOUBLE = /^float\s*\(\s*(2[5-9]|[3-5]\d)\s*\)/i;

/**
 * MySQL type → PostgreSQL type, into `out`. `where` tells whether a column is being mapped (checks
 * and enum types apply) or a variable/parameter/cast (only the type).
 */
export function mapTypeInto(t: DataType, ctx: RuleContext, where: 'column' | 'other', out: TypeMapping): void {
  const s = t.span;
  const unsignedCheck: TypeCheck = t.unsigned && where === 'column' ? 'nonNegative' : 'none';
  let type: DataType;
  let check: TypeCheck = 'none';
  let boolean = false;
  let enumValues: string[] | undefined;
  switch (t.name) {
    case 'bool': type = like(t, 'bool'); boolean = true; break;
    case 'tinyint':
      if (isTinyint1(t, ctx)) { type = like(t, 'bool'); boolean = true; break; }
      if (t.unsigned) ctx.reportOnce(MP.unsigned, s);
      type = like(t, 'smallint'); check = unsignedCheck; break;
    case 'smallint':
      if (t.unsigned) { ctx.reportOnce(MP.unsigned, s); type = like(t, 'int'); check = unsignedCheck; break; }
      type = like(t, 'smallint'); break;
    case 'mediumint':
      if (t.unsigned) ctx.reportOnce(MP.unsigned, s);
      type = like(t, 'int'); check = unsignedCheck; break;
    case 'int':
      if (t.unsigned) { ctx.reportOnce(MP.unsigned, s); type = like(t, 'bigint'); check = unsignedCheck; break; }
      type = like(t, 'int'); break;
    case 'bigint':
      // bigint, not numeric(20): keys stay integers (identity columns and the foreign keys that
      // reference them need the same integer type); the lost top half of the range is reported.
      if (t.unsigned) { ctx.reportOnce(MP.bigintUnsigned, s); type = like(t, 'bigint'); check = unsignedCheck; break; }
      type = like(t, 'bigint'); break;
    case 'decimal': type = like(t, 'decimal', 'precision', t.precision !== undefined ? t.precision : 10, 'scale', t.scale ?? 0); check = unsignedCheck; break;
    case 'real': case 'double': type = like(t, t.name === 'real' && !FLOAT_AS_DOUBLE.test(t.sourceText) ? 'real' : 'double'); check = unsignedCheck; break;
    case 'bit':
      if ((t.length ?? 1) === 1) { ctx.reportOnce(MP.bitType, s); type = like(t, 'bool'); boolean = true; break; }
      type = like(t, 'bit', 'length', t.length ?? 1); break;
    // CAST(x AS CHAR) means a string of any length; a char column without length is char(1).
    case 'char': case 'nchar':
      if (where === 'other' && typeof t.length !== 'number') { type = like(t, 'text'); break; }
      type = typeof t.length === 'number' ? like(t, 'char', 'length', Math.max(1, t.length)) : like(t, 'char'); break;
    case 'varchar': case 'nvarchar': type = typeof t.length === 'number' ? like(t, 'varchar', 'length', t.length) : like(t, 'varchar'); break;
    case 'text': case 'clob': case 'nclob': type = like(t, 'text'); break;
    case 'binary': case 'varbinary': case 'blob': type = like(t, 'blob'); break;
    case 'date': type = like(t, 'date'); break;
    case 'time': type = like(t, 'time', 'fractionalSeconds', t.fractionalSeconds !== undefined ? t.fractionalSeconds : 0); break;
    case 'datetime': type = like(t, 'timestamp', 'fractionalSeconds', t.fractionalSeconds ?? 0); break;
    case 'timestamp':
      if (ctx.options.timestampWithTimeZone) { type = like(t, 'timestamp', 'fractionalSeconds', t.fractionalSeconds ?? 0, 'withTimeZone', true); break; }
      if (where === 'column') ctx.reportOnce(MP.timestampZone, s);
      type = like(t, 'timestamp', 'fractionalSeconds', t.fractionalSeconds ?? 0); break;
    case 'year':
      ctx.reportOnce(MP.year, s);
      type = like(t, 'smallint'); if (where === 'column') check = 'year'; break;
    case 'json': type = like(t, 'jsonb'); break;
    case 'enum':
      if (where === 'column') { type = like(t, 'user'); enumValues = t.values ?? []; break; }
      type = like(t, 'text'); break;
    case 'set': {
      const values = t.values ?? [];
      const length = Math.max(1, values.reduce((n, v) => n + v.length, 0) + Math.max(0, values.length - 1));
      ctx.reportOnce(MP.setType, s);
      type = like(t, 'varchar', 'length', length);
      if (where === 'column') check = 'set';
      break;
    }
    case 'geometry': case 'geography':
      if (ctx.options.postgis) {
        type = t.geometry ? like(t, 'geometry', 'geometry', t.geometry, t.srid !== undefined ? 'srid' : undefined, t.srid)
          : like(t, 'geometry', t.srid !== undefined ? 'srid' : undefined, t.srid);
        break;
      }
      ctx.reportOnce(MP.spatial, s);
      type = like(t, 'blob'); break;
    case 'unknown': case 'rowid': case 'user':
      if (t.name === 'user' && t.userType) { type = t; break; }
      ctx.reportOnce(MP.unsupportedType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      type = like(t, 'text'); break;
    default: type = t;
  }
  out.type = type;
  out.check = check;
  out.boolean = boolean;
  out.enumValues = enumValues;
}

/**
 * MySQL type → PostgreSQL type. `where` tells whether a column is being mapped (checks and enum
 * types apply) or a variable/parameter/cast (only the type).
 */
export function mapType(t: DataType, ctx: RuleContext, where: 'column' | 'other'): MappedType {
  const m = typeMapping();
  mapTypeInto(t, ctx, where, m);
  const out: MappedType = { type: m.type };
  const check = m.check;
  if (check !== 'none') out.check = (c) => typeCheck(check, t, c);
  if (m.boolean) out.boolean = true;
  if (m.enumValues) out.enumValues = m.enumValues;
  return out;
}
