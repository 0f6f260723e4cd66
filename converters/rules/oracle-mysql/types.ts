import type { DataType, TypeName } from '../../model/index.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

function like(t: DataType, name: TypeName, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, ...extra };
}

/** NUMBER(p, 0) → the smallest integer type holding every p-digit value; DECIMAL(p) beyond BIGINT. */
function integerFor(t: DataType, p: number): DataType {
  if (p <= 2) return like(t, 'tinyint');
  if (p <= 4) return like(t, 'smallint');
  if (p <= 6) return like(t, 'mediumint');
  if (p <= 9) return like(t, 'int');
  if (p <= 18) return like(t, 'bigint');
  return like(t, 'decimal', { precision: p, scale: 0 });
}

const PLSQL_INTEGERS = /^(PLS_INTEGER|BINARY_INTEGER|SIMPLE_INTEGER|NATURALN?|POSITIVEN?|SIGNTYPE)$/i;

/**
 * Oracle type → MySQL type. Fixed point stays DECIMAL (never a float); DATE keeps its time
 * (DATETIME). `where`: 'column' reports per-column findings; 'other' is a variable, parameter or cast.
 */
export function mapType(t: DataType, ctx: OmContext, where: 'column' | 'other' = 'column'): DataType {
  const s = t.span;
  const src = t.sourceText.trim().toUpperCase();
  switch (t.name) {
    case 'decimal': {
      // Oracle INTEGER is NUMBER(38): DECIMAL(38,0) keeps every value.
      if (/^(INTEGER|INT|SMALLINT)\b/.test(src)) return ctx.options.integerAsInt ? like(t, 'int') : like(t, 'decimal', { precision: 38, scale: 0 });
      if (t.precision === undefined) {
        if (t.scale === 0) return like(t, 'decimal', { precision: 38, scale: 0 });
        const mode = ctx.options.numberWithoutPrecision;
        if (mode === 'bigint') return like(t, 'bigint');
        if (mode === 'double precision') return like(t, 'double');
        if (where === 'column') ctx.reportOnce(OM.numberNoPrecision, s);
        return like(t, 'decimal', { precision: 65, scale: 30 });
      }
      const scale = t.scale ?? 0;
      if (scale === 0) return integerFor(t, t.precision);
      // NUMBER(p, s) with s > p (NUMBER(2,5): 0.000nn) or s < 0 (rounds to tens) → a DECIMAL that holds the values.
      let p = scale > t.precision ? scale : scale < 0 ? t.precision - scale : t.precision;
      let sc = Math.max(0, scale);
      if (p > 65 || sc > 30) {
        ctx.reportOnce(OM.numberTooWide, s, `${t.sourceText} exceeds DECIMAL(65,30); DECIMAL(${Math.min(p, 65)},${Math.min(sc, 30)}) was used`);
        p = Math.min(p, 65); sc = Math.min(sc, 30);
      }
      return like(t, 'decimal', { precision: p, scale: sc });
    }
    case 'int': case 'smallint': case 'bigint': case 'tinyint': case 'mediumint':
      if (PLSQL_INTEGERS.test(src)) return like(t, 'int');
      return like(t, t.name);
    case 'bool': return like(t, 'bool');
    case 'real': return like(t, 'real');
    case 'double': return like(t, 'double');
    case 'varchar': case 'nvarchar': {
      if (t.lengthUnit === 'byte' && where === 'column') ctx.reportOnce(OM.byteSemantics, s);
      const n = typeof t.length === 'number' ? t.length : 4000;
      if (n > 16383) { ctx.reportOnce(OM.longVarchar, s); return like(t, 'text', { sizeClass: 'medium' }); }
      return like(t, 'varchar', { length: n });
    }
    case 'char': case 'nchar': {
      const n = typeof t.length === 'number' ? t.length : 1;
      return n > 255 ? like(t, 'varchar', { length: n }) : like(t, 'char', { length: n });
    }
    case 'text': case 'clob': case 'nclob': return like(t, 'text', { sizeClass: 'long' });
    case 'binary': case 'varbinary':
      return like(t, 'varbinary', { length: typeof t.length === 'number' ? t.length : 2000 });
    case 'blob': return like(t, 'blob', { sizeClass: 'long' });
    case 'date':
      if (where === 'column') ctx.reportOnce(OM.dateIsDatetime, s);
      return like(t, 'datetime', { fractionalSeconds: 0 });
    case 'timestamp': case 'datetime': {
      const fs = t.fractionalSeconds ?? 6;
      if (fs > 6) ctx.reportOnce(OM.fractionTooLong, s);
      if (t.withTimeZone || /TIME\s+ZONE/.test(src)) ctx.reportOnce(OM.timeZone, s, `${t.sourceText} became DATETIME(${Math.min(fs, 6)}); the time zone is not stored`);
      return like(t, 'datetime', { fractionalSeconds: Math.min(fs, 6) });
    }
    case 'time': return like(t, 'time', { fractionalSeconds: Math.min(t.fractionalSeconds ?? 0, 6) });
    case 'interval':
      ctx.reportOnce(OM.interval, s, `${t.sourceText} became VARCHAR(64)`);
      return like(t, 'varchar', { length: 64 });
    case 'rowid':
      ctx.reportOnce(OM.rowid, s);
      return like(t, 'varchar', { length: 64 });
    case 'xml':
      ctx.reportOnce(OM.xmlType, s);
      return like(t, 'text', { sizeClass: 'long' });
    case 'geometry': case 'geography':
      ctx.reportOnce(OM.spatial, s);
      return like(t, 'geometry', { geometry: 'geometry' });
    case 'json': case 'jsonb': return like(t, 'json');
    default:
      ctx.reportOnce(OM.unknownType, s, `Type ${t.sourceText} has no MySQL equivalent; LONGTEXT was used`);
      return like(t, 'text', { sizeClass: 'long' });
  }
}
