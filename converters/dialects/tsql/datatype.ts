import type { DataType, TypeName } from '../../model/index.js';
import type { TypeSpelling } from '../common/datatype.js';
import type { Parser } from '../common/parser.js';

/**
 * SQL Server type names → canonical types. Notes on the less obvious ones: TINYINT is unsigned
 * (0–255); TIMESTAMP is ROWVERSION (an 8-byte row version, not a date: binary(8) with the source
 * text kept); SMALLDATETIME has minute precision; DATETIME2(n) / DATETIMEOFFSET(n) default to 7
 * fractional digits; NTEXT → nclob, IMAGE → blob; SYSNAME is nvarchar(128).
 */
const s = (name: TypeName, extra: Partial<TypeSpelling> = {}): TypeSpelling => ({ name, ...extra });

export const TSQL_TYPES: Record<string, TypeSpelling> = {
  BIT: s('bit', { defaultLength: 1 }),
  TINYINT: s('tinyint', { unsigned: true }), SMALLINT: s('smallint'), INT: s('int'), INTEGER: s('int'), BIGINT: s('bigint'),
  DECIMAL: s('decimal', { params: 'precision' }), DEC: s('decimal', { params: 'precision' }), NUMERIC: s('decimal', { params: 'precision' }),
  MONEY: s('money'), SMALLMONEY: s('money'),
  FLOAT: s('double', { params: 'float' }), REAL: s('real'), 'DOUBLE PRECISION': s('double'),
  CHAR: s('char', { params: 'length', defaultLength: 1 }), CHARACTER: s('char', { params: 'length', defaultLength: 1 }),
  VARCHAR: s('varchar', { params: 'length', defaultLength: 1 }), 'CHAR VARYING': s('varchar', { params: 'length', defaultLength: 1 }),
  'CHARACTER VARYING': s('varchar', { params: 'length', defaultLength: 1 }),
  NCHAR: s('nchar', { params: 'length', defaultLength: 1 }), 'NATIONAL CHARACTER': s('nchar', { params: 'length', defaultLength: 1 }),
  'NATIONAL CHAR': s('nchar', { params: 'length', defaultLength: 1 }),
  NVARCHAR: s('nvarchar', { params: 'length', defaultLength: 1 }), 'NATIONAL CHARACTER VARYING': s('nvarchar', { params: 'length', defaultLength: 1 }),
  'NATIONAL CHAR VARYING': s('nvarchar', { params: 'length', defaultLength: 1 }),
  TEXT: s('text'), NTEXT: s('nclob'),
  BINARY: s('binary', { params: 'length', defaultLength: 1 }), VARBINARY: s('varbinary', { params: 'length', defaultLength: 1 }),
  'BINARY VARYING': s('varbinary', { params: 'length', defaultLength: 1 }), IMAGE: s('blob'),
  DATE: s('date'), TIME: s('time', { params: 'fsp' }), DATETIME: s('datetime'), SMALLDATETIME: s('datetime'),
  DATETIME2: s('timestamp', { params: 'fsp' }), DATETIMEOFFSET: s('timestamp', { params: 'fsp', withTimeZone: true }),
  TIMESTAMP: s('binary'), ROWVERSION: s('binary'),
  UNIQUEIDENTIFIER: s('uuid'), XML: s('xml', { params: 'length' }),
  GEOMETRY: s('geometry', { geometry: 'geometry' }), GEOGRAPHY: s('geography'),
  SYSNAME: s('nvarchar'), SQL_VARIANT: s('unknown'), HIERARCHYID: s('unknown'), CURSOR: s('unknown'), TABLE: s('unknown'),
};

/** Fixed facets of types whose size the name implies. */
const FIXED: Record<string, Partial<DataType>> = {
  MONEY: { precision: 19, scale: 4 }, SMALLMONEY: { precision: 10, scale: 4 },
  DATETIME: { fractionalSeconds: 3 }, SMALLDATETIME: { fractionalSeconds: 0 },
  DATETIME2: { fractionalSeconds: 7 }, DATETIMEOFFSET: { fractionalSeconds: 7 }, TIME: { fractionalSeconds: 7 },
  TIMESTAMP: { length: 8 }, ROWVERSION: { length: 8 }, SYSNAME: { length: 128 },
  DECIMAL: { precision: 18, scale: 0 }, DEC: { precision: 18, scale: 0 }, NUMERIC: { precision: 18, scale: 0 },
};

/** Types whose text must be a single word; multi-word spellings are tried longest first. */
const MULTI = new Map<string, string[]>();
for (const k of Object.keys(TSQL_TYPES)) {
  if (!k.includes(' ')) continue;
  const first = k.split(' ')[0]!;
  MULTI.set(first, [...(MULTI.get(first) ?? []), k].sort((a, b) => b.length - a.length));
}

/**
 * A T-SQL type at the cursor: `int`, "int", [int], nvarchar(max), decimal(10,2), dbo.MyAlias,
 * float(24). Names the dialect does not know are user (alias or table) types.
 */
export function parseTsqlDataType(p: Parser): DataType {
  const first = p.cur;
  if (first.type !== 'word' && first.type !== 'qident') throw p.error(`expected a data type but found '${first.text || 'end of statement'}'`);
  const dt: DataType = { kind: 'DataType', name: 'unknown', sourceText: '', span: p.tokenSpan(first) };
  let key: string | undefined;
  const isSchemaQualified = p.isOp('.', 1);
  if (!isSchemaQualified) {
    const up = first.type === 'word' ? first.upper : first.value.toUpperCase();
    for (const multi of first.type === 'word' ? (MULTI.get(up) ?? []) : []) {
      const words = multi.split(' ');
      if (words.every((w, k) => p.isKw(w, k))) { key = multi; p.pos += words.length; break; }
    }
    if (!key && up in TSQL_TYPES) { key = up; p.next(); }
  }
  if (key) {
    const sp = TSQL_TYPES[key]!;
    dt.name = sp.name;
    if (sp.unsigned) dt.unsigned = true;
    if (sp.withTimeZone) dt.withTimeZone = true;
    if (sp.geometry) dt.geometry = sp.geometry;
    if (sp.defaultLength !== undefined) dt.length = sp.defaultLength;
    Object.assign(dt, FIXED[key] ?? {});
    if (p.isOp('(')) {
      p.next();
      if (p.acceptKw('MAX')) { dt.length = 'max'; }
      else if (sp.name === 'xml') { p.acceptAnyKw('CONTENT', 'DOCUMENT'); p.qualifiedParts('an XML schema collection'); }
      else {
        const a = p.integer('a type length');
        const b = p.acceptOp(',') ? p.integer('a scale') : undefined;
        if (sp.params === 'precision') { dt.precision = a; dt.scale = b ?? 0; }
        else if (sp.params === 'float') { dt.name = a <= 24 ? 'real' : 'double'; dt.precision = a; }
        else if (sp.params === 'fsp') dt.fractionalSeconds = a;
        else if (sp.params === 'length') dt.length = a;
        else throw p.error(`${key} takes no size`);
      }
      p.expectOp(')');
    } else if (key === 'VARCHAR' || key === 'NVARCHAR' || key === 'VARBINARY' || key === 'CHAR' || key === 'NCHAR' || key === 'BINARY') {
      dt.length = 1;
    }
  } else {
    const q = p.qualifiedParts('a type name');
    dt.name = 'user';
    const name = q.parts[q.parts.length - 1]!;
    dt.userType = q.parts.length > 1 ? { schema: q.parts[q.parts.length - 2]!, name } : { name };
    if (q.quoted[q.quoted.length - 1]) dt.userType.quoted = true;
    if (p.isOp('(')) p.skipParens();
  }
  dt.span = p.spanFrom(first);
  dt.sourceText = p.textBetween(first);
  return dt;
}
