import type { Assignment, Delete, Expr, Insert, OutputInto, Query, QualifiedName, TableExpr, Update } from '../../model/index.js';
import { Parser, describeToken } from './parser.js';
import { parseExpression, parseExpressionList } from './expr.js';
import { isQueryStart, parseQuery, parseNameList, parseFromList, parseOrderByList, parseAlias, parseValues } from './query.js';
import { qualifiedName } from './names.js';

const MYSQL_DML_MODIFIERS = ['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'QUICK'];

/** A query or INSERT / REPLACE / UPDATE / DELETE at the cursor. */
export function parseDml(p: Parser): Query | Insert | Update | Delete {
  if (p.isKw('INSERT') || p.isKw('REPLACE')) return parseInsert(p);
  if (p.isKw('UPDATE')) return parseUpdate(p);
  if (p.isKw('DELETE')) return parseDelete(p);
  if (p.isKw('WITH')) {
    // WITH … INSERT/UPDATE/DELETE (PostgreSQL): parse the CTEs through the query parser when it is a query.
    if (isQueryStart(p)) return parseQuery(p);
  }
  if (isQueryStart(p)) return parseQuery(p);
  throw p.error(`expected SELECT, INSERT, UPDATE or DELETE but found ${describeToken(p.cur)}`);
}

function tableName(p: Parser): QualifiedName {
  // T-SQL table variable (@t) as a DML target: its name keeps the '@'.
  if (p.dialect.name === 'sqlserver' && p.cur.type === 'variable' && p.cur.prefix === '@') return { name: `@${p.next().value}` };
  const q = p.qualifiedParts('a table name');
  return qualifiedName(q.parts, q.quoted);
}

function parseAssignments(p: Parser): Assignment[] {
  const out: Assignment[] = [];
  do {
    if (p.isOp('(')) {
      // SET (a, b) = (x, y): one assignment per column; (a, b) = (SELECT …) has no per-column form.
      const start = p.cur;
      const cols = parseNameList(p);
      p.expectOp('=');
      p.acceptKw('ROW');
      const valueTok = p.cur;
      const value = parseExpression(p);
      if (value.kind !== 'Row' || value.items.length !== cols.length) {
        throw p.error(`SET (${cols.join(', ')}) = … needs a list of ${cols.length} values here`, value.kind === 'Row' ? valueTok : start);
      }
      cols.forEach((c, i) => out.push({ column: [c], value: value.items[i]! }));
      continue;
    }
    const col = p.qualifiedParts('a column name');
    if (!p.acceptOp('=') && !p.acceptOp(':=')) throw p.error(`expected '=' but found ${describeToken(p.cur)}`);
    out.push({ column: col.parts, value: parseExpression(p) });
  } while (p.acceptOp(','));
  return out;
}

function parseReturning(p: Parser, into?: { outputInto?: OutputInto }): { expr: Expr; alias?: string }[] | undefined {
  if (p.dialect.name === 'sqlserver') {
    // T-SQL OUTPUT inserted.x, deleted.y [INTO table [(columns)]] [OUTPUT … (a second list to the client)].
    if (!p.isKw('OUTPUT')) return undefined;
    const out = parseOutputItems(p);
    if (p.acceptKw('INTO')) {
      if (!into) throw p.error('OUTPUT … INTO is not read here');
      const table = tableName(p);
      into.outputInto = p.isOp('(') && !isQueryStart(p) ? { table, columns: parseNameList(p) } : { table };
      if (p.isKw('OUTPUT')) throw p.error('OUTPUT … INTO followed by a second OUTPUT list is not modelled');
    }
    return out;
  }
  if (!p.acceptKw('RETURNING')) return undefined;
  const out: { expr: Expr; alias?: string }[] = [];
  do {
    const expr = parseExpression(p);
    const alias = parseAlias(p, false);
    out.push(alias !== undefined ? { expr, alias } : { expr });
  } while (p.acceptOp(','));
  return out;
}

function parseOutputItems(p: Parser): { expr: Expr; alias?: string }[] {
  p.expectKw('OUTPUT');
  const out: { expr: Expr; alias?: string }[] = [];
  do {
    const expr = parseExpression(p);
    const alias = parseAlias(p, true);
    out.push(alias !== undefined ? { expr, alias } : { expr });
  } while (p.acceptOp(','));
  return out;
}

export function parseInsert(p: Parser): Insert {
  const start = p.cur;
  const replace = p.acceptKw('REPLACE');
  if (!replace) p.expectKw('INSERT');
  let ignore = false;
  for (;;) {
    if (p.acceptAnyKw(...MYSQL_DML_MODIFIERS)) continue;
    if (p.acceptKw('IGNORE')) { ignore = true; continue; }
    break;
  }
  p.acceptKw('INTO');
  const table = tableName(p);
  const ins: Insert = { kind: 'Insert', table, source: { kind: 'DefaultValues' }, span: p.tokenSpan(start) };
  if (replace) ins.replace = true;
  if (ignore) ins.ignore = true;
  if (p.dialect.name === 'mysql' && p.isKw('PARTITION')) { p.next(); p.skipParens(); }
  if (p.dialect.name === 'postgres' && p.acceptKw('AS')) ins.alias = p.ident('an alias').name;
  if (p.isOp('(') && !isQueryStart(p)) ins.columns = parseNameList(p);
  if (p.acceptKw('OVERRIDING')) { p.acceptAnyKw('SYSTEM', 'USER'); p.expectKw('VALUE'); }
  const output = p.dialect.name === 'sqlserver' ? parseReturning(p, ins) : undefined;

  if (p.acceptKws('DEFAULT', 'VALUES')) {
    ins.source = { kind: 'DefaultValues' };
  } else if (p.isKw('VALUES') || p.isKw('VALUE')) {
    ins.source = parseValues(p);
  } else if (p.dialect.name === 'mysql' && p.acceptKw('SET')) {
    const sets = parseAssignments(p);
    ins.columns = sets.map((a) => a.column[a.column.length - 1]!);
    ins.source = { kind: 'Values', rows: [sets.map((a) => a.value)], span: p.spanFrom(start) };
  } else if (isQueryStart(p)) {
    ins.source = parseQuery(p);
  } else {
    throw p.error(`expected VALUES, SELECT${p.dialect.name === 'mysql' ? ', SET' : ''} or DEFAULT VALUES but found ${describeToken(p.cur)}`);
  }

  if (p.dialect.name === 'mysql') {
    if (p.acceptKw('AS')) { ins.alias = p.ident('an alias').name; if (p.isOp('(')) parseNameList(p); }
    if (p.acceptKws('ON', 'DUPLICATE', 'KEY', 'UPDATE')) ins.onDuplicateKeyUpdate = parseAssignments(p);
  } else if (p.acceptKws('ON', 'CONFLICT')) {
    const oc: NonNullable<Insert['onConflict']> = { action: 'nothing' };
    if (p.isOp('(')) {
      p.next();
      const target: string[] = [];
      do {
        const e = parseExpression(p);
        target.push(e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]! : p.textBetween(p.prev));
        p.acceptAnyKw('ASC', 'DESC');
      } while (p.acceptOp(','));
      p.expectOp(')');
      oc.target = target;
      if (p.acceptKw('WHERE')) parseExpression(p);
    } else if (p.acceptKws('ON', 'CONSTRAINT')) {
      oc.constraint = p.ident('a constraint name').name;
    }
    p.expectKw('DO');
    if (p.acceptKw('NOTHING')) oc.action = 'nothing';
    else {
      p.expectKw('UPDATE');
      p.expectKw('SET');
      oc.action = 'update';
      oc.set = parseAssignments(p);
      if (p.acceptKw('WHERE')) oc.where = parseExpression(p);
    }
    ins.onConflict = oc;
  }
  const returning = output ?? parseReturning(p);
  if (returning) ins.returning = returning;
  ins.span = p.spanFrom(start);
  return ins;
}

/** Comma-joined MySQL multi-table lists become one cross-join tree (same rows as the comma form). */
function joinAll(list: TableExpr[]): TableExpr {
  let t = list[0]!;
  for (let k = 1; k < list.length; k++) t = { kind: 'Join', type: 'cross', left: t, right: list[k]!, span: list[k]!.span };
  return t;
}

export function parseUpdate(p: Parser): Update {
  const start = p.expectKw('UPDATE');
  while (p.acceptAnyKw('LOW_PRIORITY', 'IGNORE')) { /* MySQL modifiers */ }
  const tables = parseFromList(p);
  p.expectKw('SET');
  const upd: Update = { kind: 'Update', table: joinAll(tables), set: parseAssignments(p), span: p.tokenSpan(start) };
  const output = p.dialect.name === 'sqlserver' ? parseReturning(p, upd) : undefined;
  if (output) upd.returning = output;
  if ((p.dialect.name === 'postgres' || p.dialect.name === 'sqlserver') && p.acceptKw('FROM')) upd.from = parseFromList(p);
  if (p.acceptKw('WHERE')) {
    if (p.acceptKws('CURRENT', 'OF')) {
      if (p.dialect.name !== 'oracle') throw p.error('UPDATE … WHERE CURRENT OF cursor is not supported by the converter');
      upd.currentOf = p.ident('a cursor name').name;
    } else upd.where = parseExpression(p);
  }
  if (p.acceptKws('ORDER', 'BY')) upd.orderBy = parseOrderByList(p);
  if (p.acceptKw('LIMIT')) upd.limit = parseExpression(p);
  const returning = p.dialect.name === 'sqlserver' ? undefined : parseReturning(p);
  if (returning) upd.returning = returning;
  upd.span = p.spanFrom(start);
  return upd;
}

export function parseDelete(p: Parser): Delete {
  const start = p.expectKw('DELETE');
  while (p.acceptAnyKw(...MYSQL_DML_MODIFIERS, 'IGNORE')) { /* MySQL modifiers */ }
  const del: Delete = { kind: 'Delete', targets: [], from: [], span: p.tokenSpan(start) };
  const targetList = (): QualifiedName[] => {
    const out: QualifiedName[] = [];
    do {
      out.push(tableName(p));
      if (p.isOp('.') && p.isOp('*', 1)) p.pos += 2;
    } while (p.acceptOp(','));
    return out;
  };
  if (p.dialect.name === 'mysql' && !p.isKw('FROM')) {
    // DELETE t1, t2 FROM t1 JOIN t2 …
    del.targets = targetList();
    p.expectKw('FROM');
    del.from = parseFromList(p);
  } else {
    // Oracle: DELETE [FROM] t
    if (!((p.dialect.name === 'oracle' || p.dialect.name === 'sqlserver') && p.isIdent() && !p.isKw('FROM'))) p.expectKw('FROM');
    if (p.dialect.name === 'mysql') {
      const save = p.pos;
      const first = parseFromList(p);
      if (p.acceptKw('USING')) {
        // DELETE FROM t1, t2 USING t1 JOIN t2 …
        p.pos = save;
        del.targets = targetList();
        p.expectKw('USING');
        del.from = parseFromList(p);
      } else {
        del.from = first;
        del.targets = first.flatMap((t) => (t.kind === 'TableRef' ? [t.name] : []));
      }
    } else {
      const only = p.acceptKw('ONLY');
      const name = tableName(p);
      const alias = parseAlias(p, false);
      del.targets = [name];
      del.from = [{ kind: 'TableRef', name, ...(alias !== undefined ? { alias } : {}), ...(only ? { only } : {}), span: p.spanFrom(start) }];
      const output = p.dialect.name === 'sqlserver' ? parseReturning(p, del) : undefined;
      if (output) del.returning = output;
      if (p.acceptKw('USING') || (p.dialect.name === 'sqlserver' && p.acceptKw('FROM'))) del.using = parseFromList(p);
    }
  }
  if (p.acceptKw('WHERE')) {
    if (p.acceptKws('CURRENT', 'OF')) {
      if (p.dialect.name !== 'oracle') throw p.error('DELETE … WHERE CURRENT OF cursor is not supported by the converter');
      del.currentOf = p.ident('a cursor name').name;
    } else del.where = parseExpression(p);
  }
  if (p.acceptKws('ORDER', 'BY')) del.orderBy = parseOrderByList(p);
  if (p.acceptKw('LIMIT')) del.limit = parseExpression(p);
  const returning = p.dialect.name === 'sqlserver' ? undefined : parseReturning(p);
  if (returning) del.returning = returning;
  del.span = p.spanFrom(start);
  return del;
}

export { parseExpressionList };
