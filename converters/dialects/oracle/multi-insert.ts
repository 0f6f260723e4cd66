import type { Expr, Insert, Query, Select, SourceSpan } from '../../model/index.js';
import type { Parser } from '../common/parser.js';
import { parseExpression, parseExpressionList } from '../common/expr.js';
import { parseNameList, parseQuery } from '../common/query.js';
import { qualifiedName } from '../common/names.js';

type Into = { table: Insert['table']; columns?: string[]; values?: Expr[]; span: SourceSpan };
type Branch = { when?: Expr; else?: boolean; into: Into[] };

/** The derived table every INTO reads the source rows from. */
export const MULTI_INSERT_SOURCE = 'dbshift_src';

/**
 * INSERT ALL | FIRST [WHEN cond THEN] INTO t [(cols)] [VALUES (…)] … [ELSE INTO …] subquery (the
 * cursor is at INSERT) → one INSERT … SELECT per INTO, in order, chained through Insert.dataCte
 * (see Insert.multiTable): each selects its VALUES from the subquery as a derived table, filtered by
 * its branch — ALL: its own WHEN; FIRST: also no earlier WHEN true; ELSE: no WHEN true.
 */
export function parseMultiInsert(p: Parser): Insert {
  const start = p.expectKw('INSERT');
  const first = p.expectAnyKw('ALL', 'FIRST') === 'FIRST';
  const branches: Branch[] = [];
  if (p.isKw('INTO')) {
    if (first) throw p.error('INSERT FIRST needs WHEN conditions');
    branches.push({ into: intos(p) });
  } else {
    while (p.acceptKw('WHEN')) {
      const when = parseExpression(p);
      p.expectKw('THEN');
      branches.push({ when, into: intos(p) });
    }
    if (p.acceptKw('ELSE')) branches.push({ else: true, into: intos(p) });
    if (!branches.length) throw p.error('expected INTO or WHEN after INSERT ALL/FIRST');
  }
  const source = parseQuery(p);
  const span = p.spanFrom(start);
  const filters = branchFilters(branches, first, span);
  // SELECT … FROM dual: the VALUES need no source row (the multi-row INSERT ALL idiom).
  const dual = isDualOnly(source) && branches.every((b) => b.into.every((i) => i.values));
  let chained: Insert | undefined;
  let n = 0;
  branches.forEach((b, bi) => {
    for (const into of b.into) {
      const where = filters[bi];
      const select: Select = {
        kind: 'Select', items: into.values ? into.values.map((expr) => ({ expr })) : [{ expr: { kind: 'Star', span: into.span } }],
        from: dual ? [] : [{ kind: 'DerivedTable', query: source, alias: MULTI_INSERT_SOURCE, span: into.span }],
        ...(where ? { where } : {}), groupBy: [], orderBy: [], span: into.span,
      };
      const ins: Insert = { kind: 'Insert', table: into.table, ...(into.columns ? { columns: into.columns } : {}), source: select, multiTable: first ? 'first' : 'all', span };
      if (chained) ins.dataCte = { name: `dbshift_ins${++n}`, statement: chained };
      chained = ins;
    }
  });
  return chained!;
}

function intos(p: Parser): Into[] {
  const out: Into[] = [];
  while (p.isKw('INTO')) {
    const s = p.next();
    const q = p.qualifiedParts('a table name');
    const into: Into = { table: qualifiedName(q.parts, q.quoted), span: p.tokenSpan(s) };
    // A table alias may follow the name; the VALUES cannot refer to it.
    if (p.isIdent() && !p.isAnyKw('VALUES', 'INTO', 'WHEN', 'ELSE', 'SELECT', 'WITH')) p.next();
    if (p.isOp('(')) into.columns = parseNameList(p);
    if (p.acceptKw('VALUES')) {
      p.expectOp('(');
      into.values = parseExpressionList(p);
      p.expectOp(')');
    }
    into.span = p.spanFrom(s);
    out.push(into);
  }
  if (!out.length) throw p.error('expected INTO in the multi-table INSERT');
  return out;
}

function branchFilters(branches: Branch[], first: boolean, span: SourceSpan): (Expr | undefined)[] {
  const isTrue = (e: Expr, not: boolean): Expr => ({ kind: 'IsTest', expr: e, test: 'true', not, span: e.span });
  const and = (l: Expr | undefined, r: Expr): Expr => (l ? { kind: 'Binary', op: 'and', left: l, right: r, span } : r);
  const whens = branches.filter((b) => b.when).map((b) => b.when!);
  let seen = 0;
  return branches.map((b) => {
    if (b.else) return whens.reduce<Expr | undefined>((acc, w) => and(acc, isTrue(w, true)), undefined);
    if (!b.when) return undefined;
    const earlier = first ? whens.slice(0, seen) : [];
    seen++;
    return earlier.reduce<Expr>((acc, w) => and(acc, isTrue(w, true)), isTrue(b.when, false));
  });
}

function isDualOnly(q: Query): boolean {
  return q.kind === 'Select' && q.from.length === 1 && q.from[0]!.kind === 'TableRef' && q.from[0]!.name.name.toUpperCase() === 'DUAL' && !q.where && !q.groupBy.length && !q.having;
}
