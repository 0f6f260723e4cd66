import type { QualifiedName } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { describeToken } from '../../common/parser.js';
import type { OraContext } from '../context.js';

/** [schema.]name, qualified with the current schema (CONNECT / ALTER SESSION SET CURRENT_SCHEMA) when it has none. */
export function objectName(ctx: OraContext, p: Parser, what = 'a name'): QualifiedName {
  const q = p.qualifiedParts(what);
  const n = q.parts.length;
  const name: QualifiedName = { name: q.parts[n - 1]! };
  if (n > 1) name.schema = q.parts[n - 2]!;
  if (q.quoted[n - 1]) name.quoted = true;
  // name@dblink: remote objects are named as written
  if (p.isOp('@')) { p.next(); p.qualifiedParts('a database link'); }
  return ctx.qualify(name);
}

/** A signed integer that may exceed 2^53 (Oracle sequences go to 10^28): undefined when not exact. */
export function bigInteger(p: Parser, what: string): number | undefined {
  const neg = p.acceptOp('-');
  const t = p.cur;
  if (t.type !== 'number' || !/^\d+$/.test(t.value)) throw p.error(`expected ${what} but found ${describeToken(t)}`);
  p.next();
  const v = Number(t.value);
  if (!Number.isSafeInteger(v)) return undefined;
  return neg ? -v : v;
}

/**
 * Physical attribute clauses (storage, logging, compression, parallelism …): consumed and returned
 * as option name → text, so tables keep them for the report. Returns when the next token starts
 * something else.
 */
export function physicalOptions(p: Parser, into: Record<string, string>): boolean {
  let any = false;
  for (;;) {
    const t = p.cur;
    if (t.type !== 'word') return any;
    const w = t.upper;
    const from = p.pos;
    switch (w) {
      case 'TABLESPACE': p.next(); into.TABLESPACE = p.isKw('SET') ? (p.next(), p.ident().name) : p.ident('a tablespace').name; break;
      case 'PCTFREE': case 'PCTUSED': case 'INITRANS': case 'MAXTRANS': case 'PCTTHRESHOLD': case 'FREELISTS':
        p.next(); into[w] = p.next().text; break;
      case 'STORAGE': p.next(); into.STORAGE = p.skipParens(); break;
      case 'LOGGING': case 'NOLOGGING': case 'NOCOMPRESS': case 'NOPARALLEL': case 'MONITORING': case 'NOMONITORING':
      case 'ROWDEPENDENCIES': case 'NOROWDEPENDENCIES': case 'NOSORT': case 'ONLINE': case 'CACHE': case 'NOCACHE':
      case 'NOMAPPING': case 'MAPPING': case 'NOINMEMORY':
        p.next(); into[w] = 'yes'; break;
      case 'COMPRESS': {
        p.next();
        let v = 'yes';
        if (p.cur.type === 'number') v = p.next().text;
        else if (p.isAnyKw('BASIC', 'ADVANCED', 'FOR')) { const a = p.cur; while (p.isAnyKw('BASIC', 'ADVANCED', 'FOR', 'OLTP', 'ALL', 'DIRECT_LOAD', 'OPERATIONS', 'QUERY', 'ARCHIVE', 'LOW', 'HIGH')) p.next(); v = p.textBetween(a); }
        into.COMPRESS = v;
        break;
      }
      case 'PARALLEL': p.next(); into.PARALLEL = p.cur.type === 'number' ? p.next().text : p.isOp('(') ? p.skipParens() : 'yes'; break;
      case 'COMPUTE': if (!p.isKw('STATISTICS', 1)) return any; p.pos += 2; break;
      case 'SEGMENT': p.next(); p.expectKw('CREATION'); into.SEGMENT_CREATION = p.expectAnyKw('IMMEDIATE', 'DEFERRED'); break;
      case 'INMEMORY': { p.next(); while (p.isAnyKw('MEMCOMPRESS', 'PRIORITY', 'DISTRIBUTE', 'DUPLICATE', 'NO', 'FOR', 'QUERY', 'CAPACITY', 'DML', 'LOW', 'HIGH', 'NONE', 'MEDIUM', 'CRITICAL', 'AUTO', 'ALL')) p.next(); into.INMEMORY = 'yes'; break; }
      case 'RESULT_CACHE': p.next(); into.RESULT_CACHE = p.isOp('(') ? p.skipParens() : 'yes'; break;
      case 'FLASHBACK': p.next(); p.expectKw('ARCHIVE'); if (p.isIdent() && !p.isAnyKw('PARTITION', 'AS')) p.ident(); into.FLASHBACK_ARCHIVE = 'yes'; break;
      case 'ENABLE': case 'DISABLE':
        if (p.isKws(w, 'ROW', 'MOVEMENT')) { p.pos += 3; into.ROW_MOVEMENT = w; break; }
        return any;
      case 'LOB': {
        // LOB (col) STORE AS [SECUREFILE|BASICFILE] [name] [(…)]
        p.next();
        const cols = p.skipParens();
        p.expectKws('STORE', 'AS');
        p.acceptAnyKw('SECUREFILE', 'BASICFILE');
        if (p.isIdent() && !p.isOp('(')) p.ident();
        if (p.isOp('(')) p.skipParens();
        into[`LOB ${cols}`] = 'store as';
        break;
      }
      default: return any;
    }
    any = any || p.pos > from;
  }
}

/** State of a constraint after its definition (Oracle constraint_state). */
export interface ConstraintState {
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  disabled?: boolean;
  novalidate?: boolean;
  rely?: boolean;
  usingIndex?: string;
}

/** [NOT] DEFERRABLE, INITIALLY …, RELY, USING INDEX …, ENABLE/DISABLE, [NO]VALIDATE, EXCEPTIONS INTO … in any order. */
export function constraintState(p: Parser): ConstraintState {
  const st: ConstraintState = {};
  for (;;) {
    if (p.acceptKws('NOT', 'DEFERRABLE')) { st.deferrable = false; continue; }
    if (p.acceptKw('DEFERRABLE')) { st.deferrable = true; continue; }
    if (p.acceptKw('INITIALLY')) { st.initiallyDeferred = p.expectAnyKw('DEFERRED', 'IMMEDIATE') === 'DEFERRED'; continue; }
    if (p.acceptKw('RELY')) { st.rely = true; continue; }
    if (p.acceptKw('NORELY')) continue;
    if (p.acceptKw('ENABLE')) { st.disabled = false; continue; }
    if (p.acceptKw('DISABLE')) { st.disabled = true; continue; }
    if (p.acceptKw('VALIDATE')) { st.novalidate = false; continue; }
    if (p.acceptKw('NOVALIDATE')) { st.novalidate = true; continue; }
    if (p.acceptKws('EXCEPTIONS', 'INTO')) { p.qualifiedParts('a table name'); continue; }
    if (p.isKws('USING', 'INDEX')) {
      const from = p.cur;
      p.pos += 2;
      if (p.isOp('(')) p.skipParens();
      else if (p.isIdent() && !p.isAnyKw('TABLESPACE', 'PCTFREE', 'INITRANS', 'MAXTRANS', 'STORAGE', 'LOGGING', 'NOLOGGING', 'COMPUTE', 'COMPRESS', 'NOCOMPRESS', 'LOCAL', 'GLOBAL', 'ENABLE', 'DISABLE', 'REVERSE', 'SORT', 'NOSORT', 'ONLINE', 'PARALLEL', 'NOPARALLEL', 'VISIBLE', 'INVISIBLE')) p.qualifiedParts();
      else {
        physicalOptions(p, {});
        for (;;) {
          if (p.acceptAnyKw('LOCAL', 'GLOBAL', 'REVERSE', 'SORT', 'NOSORT', 'VISIBLE', 'INVISIBLE')) { if (p.isOp('(')) p.skipParens(); physicalOptions(p, {}); continue; }
          break;
        }
      }
      st.usingIndex = p.textBetween(from);
      continue;
    }
    return st;
  }
}
