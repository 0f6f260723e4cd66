import type { DataType, TypeName } from '../../model/index.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';

function like(t: DataType, name: TypeName, extra: Partial<DataType> = {}): DataType {
  return { kind: 'DataType', name, sourceText: t.sourceText, span: t.span, ...extra };
}

/**
 * SQL Server type → MySQL type. `where`: 'column' reports per-column findings; 'other' is a
 * variable, parameter or cast (findings there would repeat the column ones).
 */
export function mapType(t: DataType, ctx: TmContext, where: 'column' | 'other' = 'column'): DataType {
  const s = t.span;
  const src = t.sourceText.trim().toUpperCase();
  const col = where === 'column';
  const len = typeof t.length === 'number' ? t.length : undefined;
  switch (t.name) {
    case 'bit': return like(t, 'bool');
    case 'tinyint':
      if (col) ctx.reportOnce(TM.tinyint, s);
      return like(t, 'tinyint', { unsigned: true });
    case 'smallint': case 'int': case 'bigint': return like(t, t.name);
    case 'money':
      if (col) ctx.reportOnce(TM.money, s);
      return like(t, 'decimal', { precision: /^SMALLMONEY/.test(src) ? 10 : 19, scale: 4 });
    case 'decimal': return like(t, 'decimal', { precision: t.precision ?? 18, scale: t.scale ?? 0 });
    case 'real': return like(t, 'real');
    case 'double': return like(t, 'double');
    case 'char': case 'nchar': return len !== undefined && len > 255 ? like(t, 'varchar', { length: len }) : like(t, 'char', { length: len ?? 1 });
    case 'varchar': case 'nvarchar':
      if (t.length === 'max') return like(t, 'text', { sizeClass: 'long' });
      return like(t, 'varchar', { length: len ?? 1 });
    case 'text': case 'nclob': case 'clob': return like(t, 'text', { sizeClass: 'long' });
    case 'binary': case 'varbinary': case 'blob':
      if (/^(ROWVERSION|TIMESTAMP)\b/.test(src)) {
        ctx.reportOnce(TM.rowversion, s);
        return like(t, 'binary', { length: 8 });
      }
      if (t.name === 'blob' || t.length === 'max') return like(t, 'blob', { sizeClass: 'long' });
      return like(t, t.name, { length: len ?? 1 });
    case 'date': return like(t, 'date');
    case 'datetime':
      if (/^SMALLDATETIME/.test(src)) return like(t, 'datetime', { fractionalSeconds: 0 });
      if (col) ctx.reportOnce(TM.datetime, s);
      return like(t, 'datetime', { fractionalSeconds: 3 });
    case 'timestamp': case 'time': {
      const fs = t.fractionalSeconds ?? 7;
      if (fs > 6 && col) ctx.reportOnce(TM.fractionalSeconds, s);
      if (t.withTimeZone) ctx.reportOnce(TM.datetimeoffset, s);
      return like(t, t.name === 'time' ? 'time' : 'datetime', { fractionalSeconds: Math.min(fs, 6) });
    }
    case 'uuid': return like(t, 'char', { length: 36 });
    case 'xml':
      if (col) ctx.reportOnce(TM.xml, s);
      return like(t, 'text', { sizeClass: 'long' });
    case 'geometry': case 'geography':
      ctx.reportOnce(TM.cursorType, s, `${t.sourceText} became GEOMETRY: SQL Server spatial methods and geography (round-earth) semantics are not converted`);
      return like(t, 'geometry', { geometry: 'geometry' });
    case 'user': {
      const base = t.userType ? ctx.domains.get(t.userType.name.toLowerCase()) : undefined;
      if (base) {
        if (col) ctx.reportOnce(TM.userType, s, `Alias type ${t.sourceText} became its base type ${base.sourceText}`);
        return mapType(base, ctx, 'other');
      }
      ctx.reportOnce(TM.unsupportedType, s, `Type ${t.sourceText} has no MySQL equivalent; LONGTEXT was used`);
      return like(t, 'text', { sizeClass: 'long' });
    }
    default:
      ctx.reportOnce(TM.unsupportedType, s, `Type ${t.sourceText} has no MySQL equivalent; LONGTEXT was used`);
      return like(t, 'text', { sizeClass: 'long' });
  }
}
