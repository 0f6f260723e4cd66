import type { CatalogObject, Column, Index, Table } from '../../../model/index.js';
import { Parser, describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import type { Token } from '../../common/tokens.js';
import type { MyContext } from '../context.js';
import { MY } from '../codes.js';
import { parseColumnDef, parseTableElement } from './columns.js';
import { parsePartitioning, parseTableOption } from './options.js';
import { objectName } from './parts.js';
import { finishTable } from './table.js';

const same = (a: string | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

function placeColumn(table: Table, col: Column, p: Parser, replacing?: string): void {
  const idx = replacing !== undefined ? table.columns.findIndex((c) => same(c.name, replacing)) : -1;
  if (idx >= 0) table.columns.splice(idx, 1);
  if (p.acceptKw('FIRST')) { table.columns.unshift(col); return; }
  if (p.acceptKw('AFTER')) {
    const after = p.ident('a column name').name;
    const at = table.columns.findIndex((c) => same(c.name, after));
    if (at < 0) throw p.error(`column ${after} does not exist in ${table.name.name}`);
    table.columns.splice(at + 1, 0, col);
    return;
  }
  if (idx >= 0) table.columns.splice(idx, 0, col);
  else table.columns.push(col);
}

function findColumn(p: Parser, table: Table, name: string, at: Token): Column {
  const c = table.columns.find((x) => same(x.name, name));
  if (!c) throw p.error(`column ${name} does not exist in ${table.name.name}`, at);
  return c;
}

function tableIndexes(ctx: MyContext, table: Table): Index[] {
  return ctx.objects.filter((o): o is Index => o.kind === 'Index' && same(o.table.name, table.name.name) && same(o.table.schema, table.name.schema ?? ''));
}

/**
 * ALTER TABLE t action, … merged into the Table parsed earlier. Returns new objects (indexes) to
 * add, or undefined when the table is unknown (the caller keeps the statement as text).
 */
export function parseAlterTable(p: Parser, ctx: MyContext): CatalogObject[] | undefined {
  p.acceptAnyKw('ONLINE', 'OFFLINE', 'IGNORE');
  p.expectKw('TABLE');
  p.acceptKws('IF', 'EXISTS');
  const name = ctx.qualify(objectName(p, 'a table name'));
  const table = ctx.find('Table', name);
  if (!table) return undefined;
  ctx.current = { type: 'table', name: table.name.name, ...(table.name.schema ? { schema: table.name.schema } : {}) };
  const added: Index[] = [];
  const ignored = (t: Token, what: string) => ctx.diag(MY.alterNotModelled, p.spanFrom(t), `ALTER TABLE ${name.name} ${what} is not modelled; apply it by hand after conversion`);

  do {
    const t = p.cur;
    if (p.atEnd()) break;
    if (p.acceptKw('ADD')) {
      if (p.isKw('PARTITION')) { p.next(); p.skipParens(); ignored(t, 'ADD PARTITION'); continue; }
      const colKw = p.acceptKw('COLUMN');
      p.acceptKws('IF', 'NOT', 'EXISTS');
      if (!colKw) {
        const el = parseTableElement(p, table, () => [...tableIndexes(ctx, table), ...added].map((i) => i.name));
        if (el) {
          if (el.constraint) table.constraints.push(el.constraint);
          if (el.index) added.push({ ...el.index, table: table.name });
          continue;
        }
      }
      if (p.isOp('(')) {
        p.next();
        do {
          const def = parseColumnDef(p, ctx);
          table.columns.push(def.column);
          table.constraints.push(...def.constraints);
        } while (p.acceptOp(','));
        p.expectOp(')');
        continue;
      }
      const def = parseColumnDef(p, ctx);
      placeColumn(table, def.column, p);
      table.constraints.push(...def.constraints);
      continue;
    }
    if (p.acceptKw('MODIFY') || p.isKw('CHANGE')) {
      const change = p.acceptKw('CHANGE');
      p.acceptKw('COLUMN');
      p.acceptKws('IF', 'EXISTS');
      const oldTok = p.cur;
      // MODIFY repeats the name at the start of the new definition; CHANGE gives old and new names.
      const old = change ? p.ident('a column name').name : p.cur.value;
      findColumn(p, table, old, oldTok);
      const def = parseColumnDef(p, ctx);
      placeColumn(table, def.column, p, old);
      if (change && !same(old, def.column.name)) renameColumnRefs(table, old, def.column.name);
      table.constraints.push(...def.constraints);
      continue;
    }
    if (p.acceptKw('DROP')) {
      if (p.acceptKws('PRIMARY', 'KEY')) { table.constraints = table.constraints.filter((c) => c.kind !== 'PrimaryKey'); continue; }
      if (p.acceptKws('FOREIGN', 'KEY')) { const n = p.ident('a constraint name').name; table.constraints = table.constraints.filter((c) => !(c.kind === 'ForeignKey' && same(c.name, n))); continue; }
      if (p.acceptAnyKw('INDEX', 'KEY')) {
        p.acceptKws('IF', 'EXISTS');
        const n = p.ident('an index name').name;
        table.constraints = table.constraints.filter((c) => !(c.kind === 'Unique' && same(c.name, n)));
        ctx.remove('Index', { ...(table.name.schema ? { schema: table.name.schema } : {}), name: n }, (o) => o.kind === 'Index' && same(o.table.name, table.name.name));
        continue;
      }
      if (p.acceptAnyKw('CHECK', 'CONSTRAINT')) {
        p.acceptKws('IF', 'EXISTS');
        const n = p.ident('a constraint name').name;
        table.constraints = table.constraints.filter((c) => !same(c.name, n));
        continue;
      }
      if (p.isKw('PARTITION')) { while (!p.atEnd() && !p.isOp(',')) p.next(); ignored(t, 'DROP PARTITION'); continue; }
      p.acceptKw('COLUMN');
      p.acceptKws('IF', 'EXISTS');
      const ct = p.cur;
      const n = p.ident('a column name').name;
      findColumn(p, table, n, ct);
      table.columns = table.columns.filter((c) => !same(c.name, n));
      continue;
    }
    if (p.acceptKw('ALTER')) {
      if (p.acceptKw('INDEX')) { p.ident(); p.acceptAnyKw('VISIBLE', 'INVISIBLE'); continue; }
      if (p.isKw('CHECK') || p.isKw('CONSTRAINT')) { p.next(); p.ident(); p.acceptKw('NOT'); p.acceptKw('ENFORCED'); ignored(t, 'ALTER CHECK … ENFORCED'); continue; }
      p.acceptKw('COLUMN');
      const ct = p.cur;
      const col = findColumn(p, table, p.ident('a column name').name, ct);
      if (p.acceptKws('SET', 'DEFAULT')) {
        if (p.isOp('(')) { p.next(); col.default = parseExpression(p); p.expectOp(')'); } else col.default = parseExpression(p, 85);
      } else if (p.acceptKws('DROP', 'DEFAULT')) delete col.default;
      else if (p.acceptKws('SET', 'VISIBLE')) delete col.invisible;
      else if (p.acceptKws('SET', 'INVISIBLE')) col.invisible = true;
      else throw p.error(`expected SET DEFAULT, DROP DEFAULT or SET [IN]VISIBLE but found ${describeToken(p.cur)}`);
      continue;
    }
    if (p.acceptKw('RENAME')) {
      if (p.acceptKw('COLUMN')) {
        const ct = p.cur;
        const from = p.ident('a column name').name;
        p.expectKw('TO');
        const to = p.ident('a column name').name;
        findColumn(p, table, from, ct).name = to;
        renameColumnRefs(table, from, to);
        continue;
      }
      if (p.acceptAnyKw('INDEX', 'KEY')) {
        const from = p.ident('an index name').name;
        p.expectKw('TO');
        const to = p.ident('an index name').name;
        for (const c of table.constraints) if (c.kind === 'Unique' && same(c.name, from)) c.name = to;
        for (const ix of tableIndexes(ctx, table)) if (same(ix.name, from)) ctx.rename(ix, () => { ix.name = to; });
        continue;
      }
      p.acceptAnyKw('TO', 'AS');
      const to = ctx.qualify(objectName(p, 'a table name'));
      renameTable(ctx, table, to);
      continue;
    }
    if (p.acceptKws('DISABLE', 'KEYS') || p.acceptKws('ENABLE', 'KEYS') || p.acceptKw('FORCE')) continue;
    if (p.isAnyKw('ALGORITHM', 'LOCK') && (p.isOp('=', 1) || p.peek(1).type === 'word')) { p.next(); p.acceptOp('='); p.next(); continue; }
    if (p.acceptKws('ORDER', 'BY')) { do { parseExpression(p); p.acceptAnyKw('ASC', 'DESC'); } while (p.acceptOp(',')); continue; }
    if (p.acceptKws('CONVERT', 'TO')) {
      if (!p.acceptKws('CHARACTER', 'SET')) p.expectKw('CHARSET');
      const cs = p.identOrString('a character set name').name.toLowerCase();
      table.charset = cs;
      if (p.acceptKw('COLLATE')) table.collation = p.identOrString('a collation name').name;
      for (const c of table.columns) if (['char', 'varchar', 'text', 'enum', 'set', 'nchar', 'nvarchar'].includes(c.dataType.name)) { c.charset = cs; c.dataType.charset = cs; delete c.collation; }
      continue;
    }
    if (p.isKw('PARTITION') && p.isKw('BY', 1)) {
      table.partitioning = parsePartitioning(p, (span) => ctx.diag(MY.ignoredClause, span, `Subpartition definitions of ${name.name} are not carried over; recreate them by hand if needed`));
      continue;
    }
    if (p.acceptKws('REMOVE', 'PARTITIONING')) { delete table.partitioning; continue; }
    if (parseTableOption(p, table)) continue;
    throw p.error(`ALTER TABLE action ${describeToken(p.cur)} is not supported by the converter`);
  } while (p.acceptOp(',') || (!p.atEnd() && !p.isOp(';')));
  p.expectEnd();
  finishTable(table);
  return added;
}

/** Keeps constraints and indexes pointing at a renamed column. */
function renameColumnRefs(table: Table, from: string, to: string): void {
  for (const c of table.constraints) {
    if (c.kind === 'PrimaryKey' || c.kind === 'Unique') for (const k of c.columns) if (same(k.column, from)) k.column = to;
    if (c.kind === 'ForeignKey') c.columns = c.columns.map((x) => (same(x, from) ? to : x));
  }
}

/** RENAME TABLE / ALTER TABLE … RENAME TO: the table and what names it. */
export function renameTable(ctx: MyContext, table: Table, to: Table['name']): void {
  const old = table.name;
  ctx.rename(table, () => { table.name = to; });
  for (const o of [...ctx.objects]) {
    if ((o.kind === 'Index' || o.kind === 'Trigger') && same(o.table.name, old.name) && same(o.table.schema, old.schema ?? '')) ctx.rename(o, () => { o.table = to; });
    if (o.kind === 'Table') for (const c of o.constraints) if (c.kind === 'ForeignKey' && same(c.refTable.name, old.name) && same(ctx.qualify(c.refTable).schema, old.schema ?? '')) c.refTable = to;
  }
}
