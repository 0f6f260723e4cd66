import type { Expr, HandlerCondition, Raise, SourceSpan, Statement } from '../../model/index.js';
import { str } from '../common/nodes.js';
import { userSqlstate } from '../oracle-postgres/exceptions.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

/** Oracle predefined exceptions → MySQL handler conditions; `approx` when the match is not exact. */
const PREDEFINED: Record<string, { conds: HandlerCondition[]; approx?: string }> = {
  no_data_found: { conds: [{ kind: 'notFound' }, { kind: 'sqlstate', value: 'ORNDF' }] },
  too_many_rows: { conds: [{ kind: 'errorCode', value: 1172 }] },
  dup_val_on_index: { conds: [{ kind: 'errorCode', value: 1062 }] },
  zero_divide: { conds: [{ kind: 'errorCode', value: 1365 }], approx: 'MySQL raises division by zero only in strict mode with ERROR_FOR_DIVISION_BY_ZERO; otherwise x / 0 is NULL' },
  value_error: { conds: [{ kind: 'errorCode', value: 1264 }, { kind: 'errorCode', value: 1406 }, { kind: 'errorCode', value: 1366 }, { kind: 'errorCode', value: 1292 }], approx: 'VALUE_ERROR became the MySQL out-of-range, data-too-long and incorrect-value errors (1264, 1406, 1366, 1292); in PL/SQL variable assignments MySQL may truncate with a warning instead' },
  invalid_number: { conds: [{ kind: 'errorCode', value: 1366 }, { kind: 'errorCode', value: 1292 }], approx: 'INVALID_NUMBER became errors 1366/1292 (raised in strict mode only)' },
  case_not_found: { conds: [{ kind: 'errorCode', value: 1339 }] },
  cursor_already_open: { conds: [{ kind: 'errorCode', value: 1325 }] },
  invalid_cursor: { conds: [{ kind: 'errorCode', value: 1326 }] },
};

/**
 * SQLSTATE of NO_DATA_FOUND raised as an error: MySQL's SELECT … INTO without rows only raises the
 * NOT FOUND condition (a warning when nothing handles it), so routines re-raise it under this state
 * and NO_DATA_FOUND handlers catch both.
 */
export const NO_DATA_FOUND_STATE = 'ORNDF';

/** Oracle error numbers bound with PRAGMA EXCEPTION_INIT → MySQL error codes. */
const ERROR_CODES: Record<number, number> = { [-1]: 1062, [-1400]: 1048, [-2291]: 1452, [-2292]: 1451, [-1422]: 1172, [-1476]: 1365, [-1722]: 1366, [-60]: 1213, [-54]: 1205, [-12899]: 1406, [-2290]: 3819 };

/** SQLSTATE of RAISE_APPLICATION_ERROR(-20nnn): '45nnn', so handlers for EXCEPTION_INIT(e, -20nnn) catch exactly it. */
export const applicationSqlstate = (errno: number): string => `45${String(Math.abs(errno) % 1000).padStart(3, '0')}`;

/** User-declared exceptions of one routine (and its package): name → how to raise and catch it. */
export class ExceptionScope {
  readonly states = new Map<string, HandlerCondition>();

  declare(name: string, errorCode: number | undefined, span: SourceSpan, ctx: OmContext): void {
    const n = name.toLowerCase();
    if (errorCode === undefined) { this.states.set(n, { kind: 'sqlstate', value: userSqlstate(name) }); return; }
    if (errorCode === 100 || errorCode === -1403) { this.states.set(n, { kind: 'notFound' }); return; }
    const code = ERROR_CODES[errorCode];
    if (code) { this.states.set(n, { kind: 'errorCode', value: code }); return; }
    if (errorCode <= -20000 && errorCode >= -20999) { this.states.set(n, { kind: 'sqlstate', value: applicationSqlstate(errorCode) }); return; }
    ctx.report(OM.userException, span, `Exception ${name} is bound to Oracle error ${errorCode}, which has no known MySQL error code; it became a SQLSTATE nothing else raises`);
    this.states.set(n, { kind: 'sqlstate', value: userSqlstate(name) });
  }

  /** Handler conditions for MySQL. */
  conditions(list: HandlerCondition[], ctx: OmContext, span: SourceSpan, hasFetch: boolean): HandlerCondition[] {
    const out: HandlerCondition[] = [];
    for (const c of list) {
      if (c.kind === 'others') {
        out.push({ kind: 'sqlException' });
        // Oracle OTHERS also catches NO_DATA_FOUND (MySQL's SQLEXCEPTION does not include NOT FOUND).
        if (!hasFetch && !list.some((x) => x.kind === 'named' && x.name.toLowerCase() === 'no_data_found')) out.push({ kind: 'notFound' });
        continue;
      }
      if (c.kind !== 'named') { out.push(c); continue; }
      const n = c.name.toLowerCase();
      const user = this.states.get(n);
      if (user) { out.push(user); continue; }
      const pre = PREDEFINED[n];
      if (pre) {
        if (pre.approx) ctx.reportOnce(OM.exceptionApprox, span, pre.approx);
        if (n === 'no_data_found' && hasFetch) ctx.reportOnce(OM.exceptionApprox, span, 'NO_DATA_FOUND handler in a block that FETCHes: MySQL raises NOT FOUND at the end of a cursor too');
        out.push(...pre.conds);
        continue;
      }
      ctx.report(OM.unsupportedStatement, span, `Handler for unknown exception ${c.name}: it became a handler for any SQLEXCEPTION`);
      out.push({ kind: 'sqlException' });
    }
    return out;
  }

  /** RAISE e / RAISE_APPLICATION_ERROR → SIGNAL. */
  raise(r: Raise, ctx: OmContext): Statement {
    const s = r.span;
    const errno = r.items?.find((i) => i.name.toUpperCase() === 'ORACLE_ERRNO');
    if (errno) {
      const v = errno.value;
      const n = v.kind === 'Literal' ? Number(v.value) : v.kind === 'Unary' && v.op === '-' && v.operand.kind === 'Literal' ? -Number(v.operand.value) : NaN;
      const state = Number.isFinite(n) && n <= -20000 && n >= -20999 ? applicationSqlstate(n) : '45000';
      ctx.reportOnce(OM.raiseApplicationError, s, `RAISE_APPLICATION_ERROR(${Number.isFinite(n) ? n : '…'}) became SIGNAL SQLSTATE '${state}' with the message`);
      return { kind: 'Raise', level: 'exception', sqlstate: state, ...(r.message ? { message: r.message } : {}), span: s };
    }
    if (r.conditionName && !r.reraise) {
      const n = r.conditionName.toLowerCase();
      const user = this.states.get(n);
      const msg = (text: string): Expr => str(text, s);
      if (user?.kind === 'sqlstate') return { kind: 'Raise', level: 'exception', sqlstate: user.value, message: msg(user.value.startsWith('45') ? r.conditionName : 'User-Defined Exception'), span: s };
      if (user?.kind === 'notFound' || n === 'no_data_found') return { kind: 'Raise', level: 'exception', sqlstate: NO_DATA_FOUND_STATE, message: msg('ORA-01403: no data found'), span: s };
      ctx.report(OM.unsupportedStatement, s, `RAISE ${r.conditionName}: MySQL cannot SIGNAL a server error number; it became SIGNAL SQLSTATE '45000'`);
      return { kind: 'Raise', level: 'exception', sqlstate: '45000', message: msg(r.conditionName), span: s };
    }
    return r;
  }
}
