import type { Column, Constraint, Table } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import type { Token } from '../../common/tokens.js';
import type { TsContext } from '../context.js';
import { TS } from '../codes.js';
import { parseTsqlDataType } from '../datatype.js';
import { defaultExpr, objectName } from './parts.js';
import { checkType, parseColumnDef, parseTableConstraint } from './table.js';

/**
 * ALTER TABLE t … applied to the table parsed earlier: [WITH CHECK|NOCHECK] ADD columns/constraints,
 * ADD CONSTRAINT n DEFAULT x FOR col, ALTER COLUMN, DROP CONSTRAINT/COLUMN, [NO]CHECK CONSTRAINT.
 * Returns false when the table is unknown (the caller keeps the statement as text).
 */
export function parseAlterTable(p: Parser, ctx: TsContext, start: Token): boolean {
  const name = ctx.qualify(objectName(p, 'a table name'));
  const table = ctx.find('Table', name);
  if (!table) return false;
  let enforced = true;
  if (p.acceptKw('WITH')) enforced = p.expectAnyKw('CHECK', 'NOCHECK') === 'CHECK';
  if (p.acceptKw('ADD')) {
    do {
      const itemStart = p.cur;
      if (p.isKw('CONSTRAINT') || p.isAnyKw('PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN', 'DEFAULT')) {
        let cname: string | undefined;
        if (p.acceptKw('CONSTRAINT')) cname = p.ident('a constraint name').name;
        if (p.acceptKw('DEFAULT')) {
          const value = defaultExpr(p);
          p.expectKw('FOR');
          const col = p.ident('a column name').name;
          const c = findColumn(table, col);
          if (!c) throw p.error(`column ${col} is not a column of ${table.name.name}`);
          c.default = value;
          if (cname) c.defaultName = cname; else delete c.defaultName;
          p.acceptKws('WITH', 'VALUES');
          continue;
        }
        const c = parseTableConstraint(p, ctx, itemStart, cname);
        if (c === 'default') continue;
        // WITH NOCHECK: existing rows are not checked; the constraint is enforced for new rows.
        if (!enforced) ctx.diag(TS.ignoredClause, p.spanFrom(start), `WITH NOCHECK on ${c.name ?? c.kind}: existing rows were not validated by SQL Server; the target validates them when the constraint is created`);
        table.constraints.push(c);
      } else {
        table.columns.push(parseColumnDef(p, ctx, table.constraints, itemStart));
      }
    } while (p.acceptOp(','));
    return true;
  }
  if (p.acceptKws('ALTER', 'COLUMN')) {
    const col = p.ident('a column name').name;
    const c = findColumn(table, col);
    if (!c) throw p.error(`column ${col} is not a column of ${table.name.name}`);
    c.dataType = parseTsqlDataType(p);
    checkType(ctx, c);
    if (p.acceptKw('COLLATE')) c.collation = p.ident().name;
    if (p.acceptKws('NOT', 'NULL')) c.nullable = false;
    else if (p.acceptKw('NULL')) c.nullable = true;
    return true;
  }
  if (p.acceptKw('DROP')) {
    do {
      if (p.acceptKw('COLUMN')) {
        p.acceptKws('IF', 'EXISTS');
        do { const col = p.ident('a column name').name; table.columns = table.columns.filter((c) => c.name.toLowerCase() !== col.toLowerCase()); } while (p.acceptOp(',') && !p.isAnyKw('CONSTRAINT', 'COLUMN'));
      } else {
        p.acceptKw('CONSTRAINT');
        p.acceptKws('IF', 'EXISTS');
        const cname = p.ident('a constraint name').name.toLowerCase();
        table.constraints = table.constraints.filter((c) => (c.name ?? '').toLowerCase() !== cname);
        for (const c of table.columns) if (c.defaultName?.toLowerCase() === cname) { delete c.default; delete c.defaultName; }
      }
    } while (p.acceptOp(','));
    return true;
  }
  const check = p.acceptAnyKw('CHECK', 'NOCHECK');
  if (check) {
    p.expectKw('CONSTRAINT');
    const all = p.acceptKw('ALL');
    const names = all ? [] : [p.ident('a constraint name').name.toLowerCase()];
    while (p.acceptOp(',')) names.push(p.ident().name.toLowerCase());
    // NOCHECK CONSTRAINT ALL around data loads (Northwind) is undone by CHECK CONSTRAINT ALL: only FK/CHECK constraints are affected.
    for (const c of table.constraints) {
      if (c.kind !== 'ForeignKey' && c.kind !== 'Check') continue;
      if (all || names.includes((c.name ?? '').toLowerCase())) setEnforced(c, check === 'CHECK');
    }
    return true;
  }
  if (p.isAnyKw('ENABLE', 'DISABLE') && p.isKw('TRIGGER', 1)) {
    const what = p.next().upper;
    p.next();
    const names: string[] = [];
    do names.push(p.next().value); while (p.acceptOp(','));
    ctx.diag(TS.unsupportedStatement, p.spanFrom(start), `ALTER TABLE … ${what} TRIGGER ${names.join(', ')} is not converted`);
    return true;
  }
  throw p.error(`ALTER TABLE … ${describeToken(p.cur)} is not read by the converter`);
}

function setEnforced(c: Constraint, on: boolean): void {
  if (on) delete c.enforced; else c.enforced = false;
}

function findColumn(t: Table, name: string): Column | undefined {
  const l = name.toLowerCase();
  return t.columns.find((c) => c.name.toLowerCase() === l);
}
