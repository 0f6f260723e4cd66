import type { DataType, TypeName } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';
import type { TypeSpelling } from '../common/datatype.js';
import type { Parser } from '../common/parser.js';

/**
 * Oracle type spellings (first word) → canonical type. The parser below reads the parameters
 * itself (VARCHAR2(10 CHAR), NUMBER(*,0), TIMESTAMP(3) WITH LOCAL TIME ZONE, INTERVAL DAY(2) TO SECOND(6));
 * this table only tells the shared parser which words start a type.
 */
const T = (name: TypeName): TypeSpelling => ({ name });
export const ORACLE_TYPES: Record<string, TypeSpelling> = {
  NUMBER: T('decimal'), NUMERIC: T('decimal'), DECIMAL: T('decimal'), DEC: T('decimal'),
  INTEGER: T('decimal'), INT: T('decimal'), SMALLINT: T('decimal'),
  FLOAT: T('double'), REAL: T('double'), DOUBLE: T('double'), BINARY_FLOAT: T('real'), BINARY_DOUBLE: T('double'),
  VARCHAR2: T('varchar'), VARCHAR: T('varchar'), NVARCHAR2: T('nvarchar'), CHAR: T('char'), NCHAR: T('nchar'),
  CHARACTER: T('char'), NATIONAL: T('nchar'),
  CLOB: T('clob'), NCLOB: T('nclob'), BLOB: T('blob'), RAW: T('varbinary'), LONG: T('clob'),
  DATE: T('date'), TIMESTAMP: T('timestamp'), INTERVAL: T('interval'),
  ROWID: T('rowid'), UROWID: T('rowid'), XMLTYPE: T('xml'), SDO_GEOMETRY: T('geometry'), JSON: T('json'),
  BOOLEAN: T('bool'), PLS_INTEGER: T('int'), BINARY_INTEGER: T('int'), SIMPLE_INTEGER: T('int'),
  NATURAL: T('int'), NATURALN: T('int'), POSITIVE: T('int'), POSITIVEN: T('int'), SIGNTYPE: T('int'),
};

/** PL/SQL integer subtypes: canonical int, sourceText says which. */
const PLSQL_INTS = new Set(['PLS_INTEGER', 'BINARY_INTEGER', 'SIMPLE_INTEGER', 'NATURAL', 'NATURALN', 'POSITIVE', 'POSITIVEN', 'SIGNTYPE']);

/** Parses an Oracle data type at the cursor. Unknown names become user types (object types, collections, %TYPE bases). */
export function parseOracleDataType(p: Parser): DataType {
  const first = p.cur;
  if (first.type !== 'word' && first.type !== 'qident') throw p.error(`expected a data type but found '${first.text || 'end of statement'}'`);
  const dt: DataType = { kind: 'DataType', name: 'unknown', sourceText: '', span: NO_SPAN };
  const w = first.type === 'word' ? first.upper : '';
  const known = first.type === 'word' && w in ORACLE_TYPES && !p.isOp('.', 1);
  if (!known) readUserType(p, dt);
  else {
    p.next();
    switch (w) {
      case 'NUMBER': case 'NUMERIC': case 'DECIMAL': case 'DEC':
        dt.name = 'decimal';
        if (p.acceptOp('(')) {
          if (p.acceptOp('*')) { /* NUMBER(*, s): maximum precision */ } else dt.precision = p.integer('a precision');
          if (p.acceptOp(',')) dt.scale = p.integer('a scale');
          p.expectOp(')');
        }
        break;
      case 'INTEGER': case 'INT': case 'SMALLINT':
        dt.name = 'decimal'; dt.precision = 38; dt.scale = 0;
        break;
      case 'FLOAT':
        dt.name = 'double';
        if (p.acceptOp('(')) { dt.precision = p.integer('a binary precision'); p.expectOp(')'); }
        break;
      case 'REAL': dt.name = 'double'; break;
      case 'DOUBLE': p.expectKw('PRECISION'); dt.name = 'double'; break;
      case 'BINARY_FLOAT': dt.name = 'real'; break;
      case 'BINARY_DOUBLE': dt.name = 'double'; break;
      case 'VARCHAR2': case 'VARCHAR': dt.name = 'varchar'; readLength(p, dt); break;
      case 'NVARCHAR2': dt.name = 'nvarchar'; readLength(p, dt); break;
      case 'CHAR': case 'CHARACTER':
        if (p.acceptKw('VARYING')) { dt.name = 'varchar'; readLength(p, dt); break; }
        dt.name = 'char'; if (!readLength(p, dt)) dt.length = 1;
        break;
      case 'NCHAR':
        if (p.acceptKw('VARYING')) { dt.name = 'nvarchar'; readLength(p, dt); break; }
        dt.name = 'nchar'; if (!readLength(p, dt)) dt.length = 1;
        break;
      case 'NATIONAL':
        p.expectAnyKw('CHAR', 'CHARACTER');
        if (p.acceptKw('VARYING')) dt.name = 'nvarchar'; else dt.name = 'nchar';
        if (!readLength(p, dt) && dt.name === 'nchar') dt.length = 1;
        break;
      case 'CLOB': dt.name = 'clob'; break;
      case 'NCLOB': dt.name = 'nclob'; break;
      case 'BLOB': dt.name = 'blob'; break;
      case 'RAW': dt.name = 'varbinary'; readLength(p, dt); break;
      case 'LONG': dt.name = p.acceptKw('RAW') ? 'blob' : 'clob'; break;
      case 'DATE': dt.name = 'date'; break;
      case 'TIMESTAMP':
        dt.name = 'timestamp';
        if (p.acceptOp('(')) { dt.fractionalSeconds = p.integer('fractional second digits'); p.expectOp(')'); }
        if (p.acceptKw('WITH')) { p.acceptKw('LOCAL'); p.expectKws('TIME', 'ZONE'); dt.withTimeZone = true; }
        else if (p.acceptKws('WITHOUT', 'TIME', 'ZONE')) dt.withTimeZone = false;
        break;
      case 'INTERVAL': {
        dt.name = 'interval';
        const from = p.expectAnyKw('YEAR', 'DAY');
        if (p.acceptOp('(')) { dt.precision = p.integer('a leading field precision'); p.expectOp(')'); }
        p.expectKw('TO');
        const to = p.expectAnyKw(from === 'YEAR' ? 'MONTH' : 'SECOND');
        if (to === 'SECOND' && p.acceptOp('(')) { dt.fractionalSeconds = p.integer('fractional second digits'); p.expectOp(')'); }
        dt.intervalFields = `${from} TO ${to}`;
        break;
      }
      case 'ROWID': dt.name = 'rowid'; break;
      case 'UROWID': dt.name = 'rowid'; readLength(p, dt); break;
      case 'XMLTYPE': dt.name = 'xml'; break;
      case 'SDO_GEOMETRY': dt.name = 'geometry'; dt.geometry = 'geometry'; break;
      case 'JSON': dt.name = 'json'; break;
      case 'BOOLEAN': dt.name = 'bool'; break;
      default:
        if (PLSQL_INTS.has(w)) { dt.name = 'int'; break; }
        throw p.error(`unhandled type ${w}`, first);
    }
  }
  dt.span = p.spanFrom(first);
  dt.sourceText = p.textBetween(first);
  return dt;
}

/** (n [BYTE|CHAR]); false when there is no parenthesis. */
function readLength(p: Parser, dt: DataType): boolean {
  if (!p.acceptOp('(')) return false;
  dt.length = p.integer('a length');
  const unit = p.acceptAnyKw('BYTE', 'CHAR');
  if (unit) dt.lengthUnit = unit === 'BYTE' ? 'byte' : 'char';
  p.expectOp(')');
  return true;
}

const SCHEMA_TYPES: Record<string, TypeName> = { XMLTYPE: 'xml', SDO_GEOMETRY: 'geometry' };

function readUserType(p: Parser, dt: DataType): void {
  const q = p.qualifiedParts('a type name');
  const name = q.parts[q.parts.length - 1]!;
  // SYS.XMLTYPE, MDSYS.SDO_GEOMETRY and the like are the built-in types under their owner.
  const builtin = !q.quoted[q.quoted.length - 1] ? SCHEMA_TYPES[name] : undefined;
  if (builtin && q.parts.length === 2) {
    dt.name = builtin;
    if (builtin === 'geometry') dt.geometry = 'geometry';
    return;
  }
  dt.name = 'user';
  dt.userType = q.parts.length > 1 ? { schema: q.parts[q.parts.length - 2]!, name } : { name };
  if (q.quoted[q.quoted.length - 1]) dt.userType.quoted = true;
}
