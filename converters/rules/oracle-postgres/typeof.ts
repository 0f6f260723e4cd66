import type { Expr, TypeName } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import type { OraRuleContext } from './context.js';

/** What rules need to know of an expression's type: Oracle overloads TRUNC, ROUND, +, − by it. */
export type Kind = 'datetime' | 'number' | 'text' | 'interval' | 'unknown';

const KIND: Partial<Record<TypeName, Kind>> = {
  date: 'datetime', timestamp: 'datetime', datetime: 'datetime', time: 'datetime',
  smallint: 'number', int: 'number', bigint: 'number', decimal: 'number', real: 'number', double: 'number', tinyint: 'number', mediumint: 'number',
  char: 'text', varchar: 'text', nchar: 'text', nvarchar: 'text', text: 'text', clob: 'text', nclob: 'text',
  interval: 'interval',
};

export const kindOfType = (t: TypeName): Kind => KIND[t] ?? 'unknown';

const DATE_FUNCTIONS = new Set(['sysdate', 'systimestamp', 'current_date', 'current_timestamp', 'localtimestamp', 'to_date', 'to_timestamp', 'add_months', 'last_day', 'next_day',
  'trunc_date', 'round_date', 'date_trunc', 'make_timestamp', 'new_time', 'from_tz', 'cast_to_date']);
const NUMBER_FUNCTIONS = new Set(['to_number', 'length', 'instr', 'months_between', 'count', 'sum', 'avg', 'abs', 'mod', 'power', 'sqrt', 'ceil', 'floor', 'sign', 'strpos', 'nextval', 'currval', 'extract', 'row_number', 'rank', 'dense_rank']);
const TEXT_FUNCTIONS = new Set(['to_char', 'substr', 'upper', 'lower', 'initcap', 'lpad', 'rpad', 'ltrim', 'rtrim', 'trim', 'replace', 'concat', 'chr', 'listagg', 'string_agg', 'sys_connect_by_path', 'regexp_replace', 'regexp_substr', 'translate']);

/** Best knowledge of an expression's type after or before conversion; 'unknown' when unsure. */
export function kindOf(e: Expr, ctx: OraRuleContext): Kind {
  switch (e.kind) {
    case 'Literal':
      if (e.type === 'number') return 'number';
      if (e.type === 'string') return 'text';
      if (e.type === 'date' || e.type === 'timestamp') return 'datetime';
      if (e.type === 'interval') return 'interval';
      return 'unknown';
    case 'Interval': return 'interval';
    case 'Cast': return kindOfType(e.type.name);
    case 'Variable': {
      const t = ctx.variables.get(e.name.toLowerCase());
      return t ? kindOfType(t.name) : 'unknown';
    }
    case 'ColumnRef': {
      const name = e.parts[e.parts.length - 1]!.toLowerCase();
      if (e.parts.length === 2) {
        const rec = ctx.variables.get(e.parts[0]!.toLowerCase());
        const attrs = rec?.userType ? ctx.composites.get(qnameKey(rec.userType)) : undefined;
        const a = attrs?.find((x) => x.name.toLowerCase() === name);
        if (a) return kindOfType(a.dataType.name);
      }
      if (e.parts.length === 1) {
        const v = ctx.variables.get(name);
        if (v) return kindOfType(v.name);
      }
      const kinds = new Set(ctx.columnTypes(name).map((t) => kindOfType(t.name)));
      return kinds.size === 1 ? [...kinds][0]! : 'unknown';
    }
    case 'Raw': return /^(LOCALTIMESTAMP|CURRENT_TIMESTAMP|clock_timestamp)/i.test(e.text) ? 'datetime' : 'unknown';
    case 'FunctionCall': {
      const n = e.name.name.toLowerCase();
      if (DATE_FUNCTIONS.has(n)) return 'datetime';
      if (NUMBER_FUNCTIONS.has(n)) return 'number';
      if (TEXT_FUNCTIONS.has(n)) return 'text';
      if ((n === 'trunc' || n === 'round' || n === 'nvl' || n === 'coalesce' || n === 'greatest' || n === 'least' || n === 'max' || n === 'min') && e.args[0]) return kindOf(e.args[0], ctx);
      return 'unknown';
    }
    case 'Binary': {
      if (e.op === 'concat') return 'text';
      if (e.op === '*' || e.op === '/' || e.op === '%') return 'number';
      if (e.op === '+' || e.op === '-') {
        const l = kindOf(e.left, ctx);
        const r = kindOf(e.right, ctx);
        if (l === 'datetime' && r === 'datetime') return e.op === '-' ? 'number' : 'unknown';
        if (l === 'datetime' || r === 'datetime') return 'datetime';
        if (l === 'number' && r === 'number') return 'number';
        return 'unknown';
      }
      return 'unknown';
    }
    case 'Unary': return e.op === '-' || e.op === '+' ? kindOf(e.operand, ctx) : 'unknown';
    case 'Case': {
      const kinds = new Set([...e.whens.map((w) => kindOf(w.then, ctx)), ...(e.else ? [kindOf(e.else, ctx)] : [])]);
      kinds.delete('unknown');
      return kinds.size === 1 ? [...kinds][0]! : 'unknown';
    }
    case 'ScalarSubquery': {
      const q = e.query;
      return q.kind === 'Select' && q.items.length === 1 ? kindOf(q.items[0]!.expr, ctx) : 'unknown';
    }
    default: return 'unknown';
  }
}
