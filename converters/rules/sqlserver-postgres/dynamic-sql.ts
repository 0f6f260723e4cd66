import type { DynamicSql, Expr } from '../../model/index.js';
import { str } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

/**
 * Replaces @name outside string literals and quoted names of `sql` by what `to` returns (undefined
 * keeps the text).
 */
export function replaceParameters(sql: string, to: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < sql.length;) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      while (j < sql.length && !(sql[j] === close && sql[j + 1] !== close)) j += sql[j] === close ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '@' && sql[i + 1] !== '@' && (i === 0 || sql[i - 1] !== '@')) {
      const m = /^@(\w+)/.exec(sql.slice(i, i + 130));
      if (m) {
        out += to(m[1]!) ?? m[0];
        i += m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * sp_executesql N'… @p …', N'@p type, …', values → EXECUTE '… $1 …' USING values (PL/pgSQL binds
 * by position). The front end names every value after its declared parameter.
 */
export function executeWithParameters(s: DynamicSql, ctx: MsRuleContext): DynamicSql {
  if (!s.using?.length) return s;
  const sp = s.span;
  const named = s.using.map((u) => (u.kind === 'NamedArg' ? { name: u.name.replace(/^@/, '').toLowerCase(), value: u.value } : undefined));
  if (s.sql.kind !== 'Literal' || s.sql.type !== 'string' || named.some((n) => !n)) {
    ctx.report(TG.unsupported, sp, 'sp_executesql with parameters and a statement text built at run time (or values the declaration does not name): PL/pgSQL EXECUTE … USING binds $1, $2 …; replace the @parameters in the text by hand');
    return { ...s, using: s.using.map((u) => (u.kind === 'NamedArg' ? u.value : u)) };
  }
  const byName = new Map(named.map((n) => [n!.name, n!.value]));
  const order: string[] = [];
  const unknown = new Set<string>();
  const text = replaceParameters(s.sql.value, (name) => {
    const k = name.toLowerCase();
    if (!byName.has(k)) { unknown.add(name); return undefined; }
    let at = order.indexOf(k);
    if (at < 0) at = order.push(k) - 1;
    return `$${at + 1}`;
  });
  if (unknown.size) ctx.report(TG.unsupported, sp, `sp_executesql text uses ${[...unknown].map((n) => `@${n}`).join(', ')}, which no parameter declares: kept as written`);
  const using: Expr[] = order.map((k) => byName.get(k)!);
  return { ...s, sql: str(text, s.sql.span), ...(using.length ? { using } : { using: undefined }) };
}
