import type { DataType, GeometrySubtype, SizeClass, TypeName } from '../../model/index.js';
import { NO_SPAN } from '../../model/index.js';
import type { Token } from './tokens.js';
import { Parser, ParseError } from './parser.js';
import { MYSQL_DIALECT, POSTGRES_DIALECT, type Dialect } from './dialect.js';

/** One source spelling of a type and what its parenthesised parameters mean. */
export interface TypeSpelling {
  name: TypeName;
  /**
   * length: (n) · precision: (p[,s]) · float: FLOAT(p) picks real/double, FLOAT(p,s) keeps both ·
   * fsp: fractional seconds · displayWidth: MySQL INT(11) · values: ENUM/SET members ·
   * geometry: PostGIS (subtype[, srid]).
   */
  params?: 'length' | 'precision' | 'float' | 'fsp' | 'displayWidth' | 'values' | 'geometry';
  defaultLength?: number;
  sizeClass?: SizeClass;
  geometry?: GeometrySubtype;
  withTimeZone?: boolean;
  unsigned?: boolean;
  /** PostgreSQL serial family (the front end makes identity columns of them). */
  serial?: boolean;
}

const GEOMETRY_SUBTYPES = new Set<string>(['geometry', 'point', 'linestring', 'polygon', 'multipoint', 'multilinestring', 'multipolygon', 'geometrycollection']);
const INTERVAL_FIELDS = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'];

export interface DataTypeOptions {
  /**
   * Stop before COLLATE (PostgreSQL column definitions attach COLLATE to the column).
   * MySQL types always take CHARACTER SET / COLLATE / BINARY.
   */
  noCollate?: boolean;
}

/** A dialect's spellings as a Map (a keyed `in` on the big record is a slow generic lookup), and the first words of multi-word spellings (so single-word types skip the longer lookups). */
interface SpellingIndex {
  spellings: Map<string, TypeSpelling>;
  /** By first word: its one-word spelling, and whether longer spellings start with it (one lookup per type). */
  firsts: Map<string, { spelling: TypeSpelling | undefined; multi: boolean }>;
}
const SPELLINGS = new WeakMap<Record<string, TypeSpelling>, SpellingIndex>();

let lastTypes: Record<string, TypeSpelling> | undefined;
let lastIndex: SpellingIndex | undefined;

function spellingIndex(d: Dialect): SpellingIndex {
  // One data type per column: the dialect's index is looked up once per dialect, not per type.
  if (d.types === lastTypes) return lastIndex!;
  let s = SPELLINGS.get(d.types);
  if (!s) {
    const keys = Object.keys(d.types);
    const firsts = new Map<string, { spelling: TypeSpelling | undefined; multi: boolean }>();
    for (const k of keys) {
      const w = k.split(' ')[0]!;
      const e = firsts.get(w) ?? { spelling: undefined, multi: false };
      if (w === k) e.spelling = d.types[k]; else e.multi = true;
      firsts.set(w, e);
    }
    s = { spellings: new Map(keys.map((k) => [k, d.types[k]!])), firsts };
    SPELLINGS.set(d.types, s);
  }
  lastTypes = d.types;
  lastIndex = s;
  return s;
}

/** Is the current token the start of a data type name this dialect knows (or could be a user type)? */
export function isDataTypeStart(p: Parser): boolean {
  const t = p.cur;
  if (t.type === 'qident') return p.dialect.userTypes;
  if (t.type !== 'word') return false;
  return t.upper in p.dialect.types || p.dialect.userTypes;
}

const NO_OPTIONS: DataTypeOptions = {};

/** Parses a data type at the cursor into the canonical DataType. */
export function parseDataType(p: Parser, options: DataTypeOptions = NO_OPTIONS): DataType {
  const first = p.cur;
  const d = p.dialect;
  if (d.dataType) return d.dataType(p);
  if (first.type !== 'word' && first.type !== 'qident') throw p.error(`expected a data type but found '${first.text || 'end of statement'}'`);

  // Longest multi-word spelling first (DOUBLE PRECISION, NATIONAL CHARACTER VARYING …).
  let spelling: TypeSpelling | undefined;
  if (first.type === 'word') {
    const index = spellingIndex(d);
    const byFirst = index.firsts.get(first.upper);
    // A word that starts no spelling is no type name; one that starts only itself needs no longer key.
    if (byFirst !== undefined && !byFirst.multi) { spelling = byFirst.spelling; p.pos++; }
    else if (byFirst !== undefined) for (let k = 4; k >= 1; k--) {
      let key = first.upper;
      let ok = true;
      for (let j = 1; j < k; j++) {
        const t = p.peek(j);
        if (t.type !== 'word') { ok = false; break; }
        key += ' ' + t.upper;
      }
      const found = ok ? index.spellings.get(key) : undefined;
      if (found !== undefined) { spelling = found; p.pos += k; break; }
    }
  } else if (d.name === 'postgres' && first.value === first.value.toLowerCase() && first.value.toUpperCase() in d.types && first.value !== 'char') {
    spelling = d.types[first.value.toUpperCase()];
    p.pos++;
  }

  // The span is set once the type is complete (NO_SPAN meanwhile: one span object per type, not two).
  const dt: DataType = { kind: 'DataType', name: 'unknown', sourceText: '', span: NO_SPAN };
  if (spelling) {
    dt.name = spelling.name;
    if (spelling.sizeClass) dt.sizeClass = spelling.sizeClass;
    if (spelling.geometry) dt.geometry = spelling.geometry;
    if (spelling.withTimeZone !== undefined) dt.withTimeZone = spelling.withTimeZone;
    if (spelling.unsigned) dt.unsigned = true;
    if (spelling.defaultLength !== undefined) dt.length = spelling.defaultLength;
  } else if (d.userTypes) {
    const q = p.qualifiedParts('a type name');
    dt.name = 'user';
    const name = q.parts[q.parts.length - 1]!;
    dt.userType = q.parts.length > 1 ? { schema: q.parts[q.parts.length - 2]!, name } : { name };
    if (q.quoted[q.quoted.length - 1]) dt.userType.quoted = true;
  } else {
    p.next();
  }

  if (dt.name === 'interval' && d.name === 'postgres') parseIntervalFields(p, dt);

  if (p.isOp('(')) {
    parseTypeArgs(p);
    applyArgs(p, dt, spelling, first);
  }

  // Trailing modifiers.
  for (;;) {
    const t = p.cur;
    if (t.type !== 'word') break;
    const w = t.upper;
    if (d.name === 'mysql') {
      if (w === 'UNSIGNED') { p.next(); dt.unsigned = true; continue; }
      if (w === 'SIGNED') { p.next(); continue; }
      if (w === 'ZEROFILL') { p.next(); dt.zerofill = true; dt.unsigned = true; continue; }
      if ((w === 'CHARACTER' && p.isKw('SET', 1)) || w === 'CHARSET') {
        p.pos += w === 'CHARSET' ? 1 : 2;
        dt.charset = p.identOrString('a character set name').name.toLowerCase();
        continue;
      }
      if (w === 'ASCII') { p.next(); dt.charset = 'latin1'; continue; }
      if (w === 'UNICODE') { p.next(); dt.charset = 'ucs2'; continue; }
      if (w === 'BINARY' && isCharacterType(dt.name)) { p.next(); dt.collation = dt.charset ? `${dt.charset}_bin` : 'binary'; continue; }
      if (w === 'SRID' && dt.name === 'geometry' && p.peek(1).type === 'number') { p.next(); dt.srid = p.integer(); continue; }
      if (w === 'COLLATE' && !options.noCollate) {
        p.next();
        dt.collation = p.identOrString('a collation name').name;
        continue;
      }
    } else if (dt.name === 'time' || dt.name === 'timestamp') {
      if (p.acceptKws('WITH', 'TIME', 'ZONE')) { dt.withTimeZone = true; continue; }
      if (p.acceptKws('WITHOUT', 'TIME', 'ZONE')) { dt.withTimeZone = false; continue; }
    }
    break;
  }

  if (d.name === 'postgres') {
    let dims = 0;
    for (;;) {
      if (p.isOp('[')) {
        p.next();
        if (p.cur.type === 'number') p.next();
        p.expectOp(']');
        dims++;
        continue;
      }
      if (p.isKw('ARRAY')) {
        p.next();
        if (p.isOp('[')) { p.next(); if (p.cur.type === 'number') p.next(); p.expectOp(']'); }
        dims++;
        continue;
      }
      break;
    }
    if (dims) dt.arrayDims = dims;
  }

  dt.span = p.spanFrom(first);
  // A one-token type (INT, DATETIME …) is its token's text, already a string.
  dt.sourceText = p.prev === first ? first.text : p.sharedTextBetween(first);
  return dt;
}

/**
 * The parameters of the type being parsed, in scratch arrays (one data type per column: no
 * argument objects per type). Only parseTypeArgs fills them and applyArgs reads them right after.
 */
const ARG_NUMBER = 0, ARG_STRING = 1, ARG_WORD = 2;
const argKinds: number[] = [];
const argNumbers: number[] = [];
const argTexts: string[] = [];
let argCount = 0;

function pushArg(kind: number, n: number, text: string): void {
  argKinds[argCount] = kind;
  argNumbers[argCount] = n;
  argTexts[argCount] = text;
  argCount++;
}

function parseTypeArgs(p: Parser): void {
  argCount = 0;
  p.expectOp('(');
  if (p.acceptOp(')')) return;
  do {
    const t = p.cur;
    if (t.type === 'number') { p.next(); pushArg(ARG_NUMBER, Number(t.value), ''); }
    else if (t.type === 'string') {
      p.next();
      let v = t.value;
      while (p.cur.type === 'string' && !p.cur.prefix) v += p.next().value;
      pushArg(ARG_STRING, 0, v);
    } else if (t.type === 'word' || t.type === 'qident') { p.next(); pushArg(ARG_WORD, 0, t.value); }
    else if (t.type === 'op' && t.value === '-' && p.peek(1).type === 'number') { p.next(); pushArg(ARG_NUMBER, -Number(p.next().value), ''); }
    else throw p.error(`unexpected '${t.text || 'end of statement'}' in type parameters`);
  } while (p.acceptOp(','));
  p.expectOp(')');
}

/** Parameter k as a number (undefined when absent). */
function num(p: Parser, k: number, first: Token): number | undefined {
  if (k >= argCount) return undefined;
  if (argKinds[k] === ARG_NUMBER) return argNumbers[k]!;
  throw new ParseError(`type parameter '${argTexts[k]!}' is not a number`, p.tokenSpan(first));
}

function applyArgs(p: Parser, dt: DataType, spelling: TypeSpelling | undefined, first: Token): void {
  const kind = spelling?.params;
  if (!spelling || !kind) {
    if (dt.name === 'unknown' || dt.name === 'user') return; // kept only in sourceText
    if (argCount) throw p.error(`type ${first.text} takes no parameters`, first);
    return;
  }
  switch (kind) {
    case 'length': {
      if (argCount > 0 && argKinds[0] === ARG_WORD && argTexts[0]!.toUpperCase() === 'MAX') dt.length = 'max';
      else { const v = num(p, 0, first); if (v !== undefined) dt.length = v; }
      return;
    }
    case 'precision': {
      const pr = num(p, 0, first);
      const sc = num(p, 1, first);
      if (pr !== undefined) dt.precision = pr;
      if (sc !== undefined) dt.scale = sc;
      return;
    }
    case 'float': {
      const pr = num(p, 0, first);
      const sc = num(p, 1, first);
      if (pr !== undefined && sc === undefined) {
        dt.name = pr <= 24 ? 'real' : 'double';
        dt.precision = pr;
      } else if (pr !== undefined) { dt.precision = pr; dt.scale = sc; }
      return;
    }
    case 'fsp': {
      const v = num(p, 0, first);
      if (v !== undefined) dt.fractionalSeconds = v;
      return;
    }
    case 'displayWidth': {
      const v = num(p, 0, first);
      if (v !== undefined) dt.displayWidth = v;
      return;
    }
    case 'values': {
      for (let k = 0; k < argCount; k++) {
        if (argKinds[k] !== ARG_STRING) throw p.error(`${dt.name.toUpperCase()} members must be quoted strings`, first);
      }
      dt.values = argTexts.slice(0, argCount);
      return;
    }
    case 'geometry': {
      if (argCount > 0 && argKinds[0] === ARG_WORD) {
        const s = argTexts[0]!.toLowerCase().replace(/z?m?$/, '');
        dt.geometry = (GEOMETRY_SUBTYPES.has(s) ? s : 'geometry') as GeometrySubtype;
      }
      const srid = num(p, 1, first);
      if (srid !== undefined) dt.srid = srid;
      return;
    }
  }
}

function isCharacterType(name: TypeName): boolean {
  return name === 'char' || name === 'varchar' || name === 'text' || name === 'nchar' || name === 'nvarchar' || name === 'enum' || name === 'set';
}

/** PostgreSQL INTERVAL [YEAR | … | DAY TO SECOND]; the (p) is handled by the caller. */
function parseIntervalFields(p: Parser, dt: DataType): void {
  const f = p.cur;
  if (f.type !== 'word' || !INTERVAL_FIELDS.includes(f.upper)) return;
  p.next();
  let fields = f.upper;
  if (p.isKw('TO') && p.peek(1).type === 'word' && INTERVAL_FIELDS.includes(p.peek(1).upper)) {
    p.next();
    fields += ` TO ${p.next().upper}`;
  }
  dt.intervalFields = fields;
}

/**
 * Parses a whole string as one data type, e.g. information_schema COLUMN_TYPE values such as
 * `smallint(5) unsigned` or `enum('a','b')`. Throws ParseError on trailing text.
 */
export function parseDataTypeText(text: string, dialect: 'mysql' | 'postgres' | Dialect, file = ''): DataType {
  const d = typeof dialect === 'string' ? (dialect === 'mysql' ? MYSQL_DIALECT : POSTGRES_DIALECT) : dialect;
  const p = new Parser(text, file, d);
  const dt = parseDataType(p);
  if (!p.atEnd()) throw p.error(`unexpected '${p.cur.text}' after the data type`);
  return dt;
}
