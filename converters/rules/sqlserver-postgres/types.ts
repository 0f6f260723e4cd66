import type { DataType, TypeName } from '../../model/index.js';
import { applyNamingStyle } from '../common/identifiers.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

function like(t: DataType, name: TypeName, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, ...extra };
}

const len = (t: DataType): Partial<DataType> => (typeof t.length === 'number' ? { length: t.length } : {});

/**
 * SQL Server type → PostgreSQL type. `where`: 'column' reports per-column findings; 'other' is a
 * variable, parameter or cast (findings there would repeat the column ones).
 */
export function mapType(t: DataType, ctx: MsRuleContext, where: 'column' | 'other' = 'column'): DataType {
  const s = t.span;
  const src = t.sourceText.trim().toUpperCase();
  const col = where === 'column';
  switch (t.name) {
    case 'bit': return like(t, 'bool');
    case 'tinyint': return like(t, 'smallint');
    case 'smallint': case 'int': case 'bigint': return like(t, t.name);
    case 'money':
      if (col) ctx.reportOnce(TG.money, s);
      return like(t, 'decimal', { precision: t.precision ?? (/^SMALLMONEY/.test(src) ? 10 : 19), scale: t.scale ?? 4 });
    case 'decimal': return like(t, 'decimal', t.precision !== undefined ? { precision: t.precision, scale: t.scale ?? 0 } : {});
    case 'real': return like(t, 'real');
    case 'double': return like(t, 'double');
    case 'char': case 'nchar': return like(t, 'char', len(t));
    case 'varchar': case 'nvarchar':
      return t.length === 'max' ? like(t, 'text') : like(t, 'varchar', len(t));
    case 'text': case 'nclob': case 'clob': return like(t, 'text');
    case 'binary': case 'varbinary': case 'blob':
      if (/^(ROWVERSION|TIMESTAMP)\b/.test(src)) ctx.reportOnce(TG.rowversion, s);
      return like(t, 'blob');
    case 'date': return like(t, 'date');
    case 'datetime':
      if (/^SMALLDATETIME/.test(src)) return like(t, 'timestamp', { fractionalSeconds: 0 });
      if (col) ctx.reportOnce(TG.datetime, s);
      return like(t, 'timestamp', { fractionalSeconds: 3 });
    case 'timestamp': case 'time': {
      const fs = t.fractionalSeconds ?? 7;
      if (fs > 6 && col) ctx.reportOnce(TG.fractionalSeconds, s);
      if (t.withTimeZone) ctx.reportOnce(TG.datetimeoffset, s);
      return like(t, t.name, { fractionalSeconds: Math.min(fs, 6), ...(t.withTimeZone ? { withTimeZone: true } : {}) });
    }
    case 'uuid': return like(t, 'uuid');
    case 'xml': return like(t, 'xml');
    case 'geometry': case 'geography':
      if (ctx.options.postgis) return like(t, t.name);
      ctx.reportOnce(TG.spatial, s);
      return like(t, 'blob');
    case 'user':
      if (t.userType) {
        const n = (x: string) => applyNamingStyle(x, ctx.options.naming);
        // Always schema-qualified: alias types such as pubs' tid/id would otherwise resolve to pg_catalog types.
        const src = t.userType.schema ?? 'dbo';
        const schema = ctx.options.schemaMap[src] ?? ctx.options.schemaMap[src.toLowerCase()] ?? src;
        return { ...t, userType: { name: n(t.userType.name), schema: n(schema) } };
      }
      ctx.reportOnce(TG.unsupportedType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      return like(t, 'text');
    case 'unknown':
      ctx.reportOnce(TG.unsupportedType, s, `Type ${t.sourceText} has no PostgreSQL equivalent; text was used`);
      return like(t, 'text');
    default: return t;
  }
}

/** Text-like target types (for string + and case-insensitivity findings). */
export function isTextType(t: DataType | undefined): boolean {
  return !!t && ['char', 'varchar', 'nchar', 'nvarchar', 'text', 'clob', 'nclob'].includes(t.name);
}
