import type { Delete, Insert, Merge, Query, QualifiedName, Select, Update, Variable } from '../../../model/index.js';
import { rewrite, walk } from '../../../model/index.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';

type Sql = Query | Insert | Update | Delete | Merge;

/**
 * Columns of the tables a SQL statement reads (tables the script created earlier), by column name.
 * An INSERT's own table is not among them: its columns are not visible in VALUES (ORA-00984).
 * `locals` receives the names of the local variables the statement mentions (INTO targets too).
 */
function columnsOf(pl: PlParser, stmt: Sql, locals: Set<string>): Map<string, string> {
  const names: QualifiedName[] = [];
  const local = (n: { kind: string }): void => { if (n.kind === 'Variable' && (n as Variable).scope === 'local') locals.add((n as Variable).name); };
  if (stmt.kind === 'Insert') {
    walk(stmt.source, (n) => { if (n.kind === 'TableRef') names.push((n as unknown as { name: QualifiedName }).name); });
    walk(stmt, local);
  } else {
    walk(stmt, (n) => { if (n.kind === 'TableRef') names.push((n as unknown as { name: QualifiedName }).name); else local(n); });
  }
  const out = new Map<string, string>();
  for (const n of names) {
    const t = pl.ctx.find(n);
    if (t?.kind === 'Table') for (const c of t.columns) if (!out.has(c.name)) out.set(c.name, t.name.name);
  }
  return out;
}

/**
 * Inside a SQL statement Oracle resolves a name to a column of the statement's tables before a
 * PL/SQL variable of the same name. The parser resolved declared names to Variables; where the
 * statement's tables (known from the script) have a column of that name, it becomes the column
 * again, with a finding (the source most likely meant the variable). INTO targets stay variables.
 */
export function preferColumns<T extends Sql>(pl: PlParser, stmt: T): T {
  let hasTables = false;
  for (const o of pl.ctx.objects) if (o.kind === 'Table') { hasTables = true; break; }
  if (!hasTables) return stmt;
  const locals = new Set<string>();
  const cols = columnsOf(pl, stmt, locals);
  if (cols.size === 0) return stmt;
  // Most statements name no variable that is also a column: no rewrite then.
  let clash = false;
  for (const v of locals) if (cols.has(v)) { clash = true; break; }
  if (!clash) return stmt;
  const select = stmt.kind === 'Select' ? (stmt as Select) : undefined;
  const into = select?.into;
  if (select && into) delete select.into;
  const reported = new Set<string>();
  const out = rewrite(stmt, (n) => {
    if (n.kind !== 'Variable') return undefined;
    const v = n as unknown as Variable;
    const table = cols.get(v.name);
    if (v.scope !== 'local' || !table || pl.sourceText(v.span).includes('.')) return undefined;
    if (!reported.has(v.name)) {
      reported.add(v.name);
      pl.diag(OP.variableIsColumn, v.span, `${pl.unit}: ${v.name} is a variable and a column of ${table}; inside this SQL statement Oracle reads it as the column, so it stays the column`);
    }
    return { kind: 'ColumnRef', parts: [v.name], span: v.span };
  });
  if (into && select) {
    select.into = into;
    if (out !== stmt && out.kind === 'Select') (out as Select).into = into;
  }
  return out;
}
