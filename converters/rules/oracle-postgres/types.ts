import type { DataType, TypeName } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/** A target type standing where `t` stood (same source text and span). */
function like(t: DataType, name: TypeName, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, ...(t.arrayDims ? { arrayDims: t.arrayDims } : {}), ...extra };
}

/** NUMBER(p, 0) → the smallest integer type holding p digits; numeric(p) beyond bigint. */
function integerFor(t: DataType, p: number): DataType {
  if (p <= 4) return like(t, 'smallint');
  if (p <= 9) return like(t, 'int');
  if (p <= 18) return like(t, 'bigint');
  return like(t, 'decimal', { precision: p, scale: 0 });
}

const PLSQL_INTEGERS = /^(PLS_INTEGER|BINARY_INTEGER|SIMPLE_INTEGER|NATURALN?|POSITIVEN?|SIGNTYPE)$/i;

/**
 * Oracle type → PostgreSQL type. Never a float for fixed point; DATE keeps its time of day.
 * `where`: 'column' reports per-column findings; 'other' is a variable, parameter or cast.
 */
export function mapType(t: DataType, ctx: OraRuleContext, where: 'column' | 'other' = 'column'): DataType {
  const s = t.span;
  const src = t.sourceText.trim().toUpperCase();
  switch (t.name) {
    case 'decimal': {
      if (/^(INTEGER|INT|SMALLINT)\b/.test(src)) {
        if (ctx.options.integerAsInt) return like(t, 'int');
        if (where === 'column') ctx.reportOnce(OG.integerAsNumeric, s);
        return like(t, 'decimal', { precision: 38, scale: 0 });
      }
      if (t.precision === undefined) {
        // NUMBER(*, 0): integers of up to 38 digits (Oracle rounds fractions away on store).
        if (t.scale === 0) return like(t, 'decimal', { precision: 38, scale: 0 });
        const mode = ctx.options.numberWithoutPrecision;
        if (mode === 'bigint') return like(t, 'bigint');
        if (mode === 'double precision') return like(t, 'double');
        if (where === 'column') ctx.reportOnce(OG.numberNoPrecision, s);
        return like(t, 'decimal');
      }
      if ((t.scale ?? 0) === 0) return integerFor(t, t.precision);
      // NUMBER(p, s) with s > p (e.g. NUMBER(2, 5)) or negative s has no numeric(p, s) form before PG 15's relaxed rules.
      if (t.scale! < 0 || t.scale! > t.precision) return like(t, 'decimal', { precision: Math.max(t.precision, t.scale!) + Math.max(0, -t.scale!), scale: Math.max(0, t.scale!) });
      return like(t, 'decimal', { precision: t.precision, scale: t.scale });
    }
    case 'int': case 'smallint': case 'bigint': case 'tinyint': case 'mediumint':
      if (PLSQL_INTEGERS.test(src)) return like(t, 'int');
      return like(t, t.name === 'tinyint' || t.name === 'mediumint' ? 'int' : t.name);
    case 'bool': return like(t, 'bool');
    case 'real': return like(t, 'real');
    case 'double': return like(t, 'double');
    case 'varchar': case 'nvarchar':
      if (t.lengthUnit === 'byte' && where === 'column') ctx.reportOnce(OG.byteSemantics, s);
      return like(t, 'varchar', typeof t.length === 'number' ? { length: t.length } : {});
    case 'char': case 'nchar': return like(t, 'char', typeof t.length === 'number' ? { length: t.length } : {});
    case 'text': case 'clob': case 'nclob': return like(t, 'text');
    case 'binary': case 'varbinary': case 'blob': return like(t, 'blob');
    case 'date':
      if (where === 'column') ctx.reportOnce(OG.dateIsTimestamp, s);
      return like(t, 'timestamp', { fractionalSeconds: 0 });
    case 'timestamp': case 'datetime': {
      const local = /LOCAL\s+TIME\s+ZONE/.test(src);
      if (local) ctx.reportOnce(OG.localTimeZone, s);
      const fs = Math.min(t.fractionalSeconds ?? 6, 6);
      return like(t, 'timestamp', { fractionalSeconds: fs, ...(t.withTimeZone || local ? { withTimeZone: true } : {}) });
    }
    case 'interval': {
      const fields = (t.intervalFields ?? '').toUpperCase();
      return like(t, 'interval', fields.startsWith('YEAR') ? { intervalFields: 'YEAR TO MONTH' } : fields.startsWith('DAY') ? { intervalFields: 'DAY TO SECOND', ...(t.fractionalSeconds !== undefined ? { fractionalSeconds: Math.min(6, t.fractionalSeconds) } : {}) } : {});
    }
    case 'rowid':
      ctx.reportOnce(OG.rowid, s);
      return like(t, 'text');
    case 'xml':
      ctx.reportOnce(OG.xmlType, s);
      return like(t, 'xml');
    case 'geometry': case 'geography':
      if (ctx.options.postgis) return like(t, 'geometry');
      ctx.reportOnce(OG.spatial, s);
      return like(t, 'blob');
    case 'user':
      if (t.userType) {
        const n = (x: string) => applyNamingStyle(x, ctx.options.naming);
        return { ...t, userType: { name: n(t.userType.name), ...(t.userType.schema ? { schema: n(ctx.options.schemaMap[t.userType.schema] ?? t.userType.schema) } : {}) } };
      }
      ctx.reportOnce(OG.unknownType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      return like(t, 'text');
    case 'unknown':
      ctx.reportOnce(OG.unknownType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      return like(t, 'text');
    default: return t;
  }
}
