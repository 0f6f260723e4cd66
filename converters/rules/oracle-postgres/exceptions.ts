import type { Expr, HandlerCondition, Raise, SourceSpan, Statement } from '../../model/index.js';
import { shortHash } from '../common/identifiers.js';
import { call, cast, dataType, num, str } from '../common/nodes.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/** Oracle predefined exceptions → PostgreSQL condition names. */
export const PREDEFINED: Record<string, string[]> = {
  no_data_found: ['no_data_found'],
  too_many_rows: ['too_many_rows'],
  dup_val_on_index: ['unique_violation'],
  zero_divide: ['division_by_zero'],
  invalid_number: ['invalid_text_representation'],
  value_error: ['numeric_value_out_of_range', 'invalid_text_representation', 'string_data_right_truncation', 'null_value_not_allowed'],
  cursor_already_open: ['duplicate_cursor'],
  invalid_cursor: ['invalid_cursor_state'],
  case_not_found: ['case_not_found'],
  login_denied: ['invalid_password'],
  timeout_on_resource: ['lock_not_available'],
  storage_error: ['out_of_memory'],
  program_error: ['internal_error'],
};

/** Oracle error numbers (PRAGMA EXCEPTION_INIT) with a PostgreSQL SQLSTATE. */
const ERROR_CODES: Record<number, string> = {
  [-1]: '23505', [-1400]: '23502', [-2291]: '23503', [-2292]: '23503', [-1403]: 'P0002', 100: 'P0002', [-1422]: 'P0003', [-1476]: '22012',
  [-1722]: '22P02', [-54]: '55P03', [-60]: '40P01', [-12899]: '22001', [-2290]: '23514',
};

/** SQLSTATE of a user-defined exception: class 'OR' plus three characters from its name. */
export function userSqlstate(name: string): string {
  return `OR${shortHash(name.toLowerCase()).slice(-3).toUpperCase()}`;
}

/** Exceptions of one routine: user-declared names and their SQLSTATEs. */
export class ExceptionScope {
  readonly states = new Map<string, string>();

  declare(name: string, errorCode: number | undefined, span: SourceSpan, ctx: OraRuleContext): void {
    if (errorCode === undefined) { this.states.set(name.toLowerCase(), userSqlstate(name)); return; }
    const state = ERROR_CODES[errorCode];
    if (state) { this.states.set(name.toLowerCase(), state); return; }
    if (errorCode <= -20000 && errorCode >= -20999) {
      ctx.report(OG.userException, span, `Exception ${name} is bound to application error ${errorCode}: RAISE_APPLICATION_ERROR raises SQLSTATE P0001 with 'ORA${errorCode}' in DETAIL; a handler for ${name} catches every application error`);
      this.states.set(name.toLowerCase(), 'P0001');
      return;
    }
    ctx.report(OG.userException, span, `Exception ${name} is bound to Oracle error ${errorCode}, which has no known SQLSTATE; it became a custom SQLSTATE that nothing else raises`);
    this.states.set(name.toLowerCase(), userSqlstate(name));
  }

  /** Handler conditions for PostgreSQL. */
  condition(c: HandlerCondition, ctx: OraRuleContext, span: SourceSpan): HandlerCondition[] {
    if (c.kind !== 'named') return [c];
    const n = c.name.toLowerCase();
    if (n === 'others') return [{ kind: 'others' }];
    const user = this.states.get(n);
    if (user) return [{ kind: 'sqlstate', value: user }];
    const pre = PREDEFINED[n];
    if (pre) return pre.map((name) => ({ kind: 'named', name }));
    ctx.report(OG.unsupportedStatement, span, `Handler for unknown exception ${c.name}: kept by name; it must exist as a PostgreSQL condition`);
    return [c];
  }

  /** RAISE e / RAISE_APPLICATION_ERROR → PostgreSQL RAISE. */
  raise(r: Raise, ctx: OraRuleContext): Statement {
    const s = r.span;
    const errno = r.items?.find((i) => i.name.toUpperCase() === 'ORACLE_ERRNO');
    if (errno) {
      ctx.reportOnce(OG.raiseApplicationError, s);
      const v = errno.value;
      const detail: Expr = v.kind === 'Literal' && v.type === 'number'
        ? str(`ORA-${String(Math.abs(Number(v.value))).padStart(5, '0')}`, s)
        : call('concat', [str('ORA-', s), call('lpad', [cast(call('abs', [v], s), dataType('text', s), s), num(5, s), str('0', s)], s)], s);
      return { kind: 'Raise', level: 'exception', sqlstate: 'P0001', ...(r.message ? { message: r.message } : {}), items: [{ name: 'DETAIL', value: detail }], span: s };
    }
    if (r.conditionName && !r.reraise) {
      const n = r.conditionName.toLowerCase();
      const user = this.states.get(n);
      if (user) return { kind: 'Raise', level: 'exception', sqlstate: user, message: str(user === 'P0001' ? r.conditionName : 'User-Defined Exception', s), span: s };
      const pre = PREDEFINED[n];
      if (pre) return { kind: 'Raise', level: 'exception', conditionName: pre[0]!, span: s };
    }
    return r;
  }
}
