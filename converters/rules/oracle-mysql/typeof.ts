import type { Expr } from '../../model/index.js';
import { kindOf as oracleKindOf, type Kind } from '../oracle-postgres/typeof.js';
import { TEMPLATE_FUNCTION } from '../../generators/mysql/index.js';
import type { OmContext } from './context.js';

const DATETIME = /^(str_to_date|sysdate|now|current_timestamp|date_add|date_sub|timestamp|last_day)$/i;
const NUMBER = /^(truncate|round|char_length|length|instr|locate|row_number|timestampdiff|datediff)$/i;
const TEXT = /^(date_format|concat|concat_ws|substring|nullif|ifnull|upper|lower|lpad|rpad|replace|group_concat)$/i;

/**
 * Oracle kind of an expression (date, number, text) whether it is still Oracle or already
 * rewritten to MySQL (rules rewrite bottom-up, so operands are often MySQL already).
 */
export function kindOf(e: Expr, ctx: OmContext): Kind {
  if (e.kind === 'FunctionCall' && !e.name.schema) {
    const n = e.name.name;
    if (n === TEMPLATE_FUNCTION) {
      const t = e.args[0]?.kind === 'Literal' ? e.args[0].value : '';
      if (/^(DATE_ADD|DATE_SUB|TIMESTAMP\(|CAST\(.*AS DATETIME\)$|IF\(DATE\()/.test(t)) return 'datetime';
      if (/^\(TIMESTAMPDIFF|^IF\(DAY/.test(t)) return 'number';
      return 'unknown';
    }
    if (DATETIME.test(n)) return 'datetime';
    if (NUMBER.test(n)) return 'number';
    if (TEXT.test(n)) return n.toLowerCase() === 'nullif' || n.toLowerCase() === 'ifnull' ? (e.args[0] ? kindOf(e.args[0], ctx) : 'unknown') : 'text';
  }
  if (e.kind === 'Binary' && (e.op === '+' || e.op === '-')) {
    const l = kindOf(e.left, ctx);
    const r = kindOf(e.right, ctx);
    if (l === 'datetime' && r === 'datetime') return e.op === '-' ? 'number' : 'unknown';
    if (l === 'datetime' || r === 'datetime') return 'datetime';
    if (l === 'number' && r === 'number') return 'number';
  }
  return oracleKindOf(e, ctx);
}
