import type { Constraint, Index, SourceSpan, Table } from '../../../model/index.js';
import type { Parser } from '../../common/parser.js';
import { describeToken } from '../../common/parser.js';
import { parseNameList } from '../../common/query.js';
import { OS } from '../codes.js';
import type { OraContext } from '../context.js';
import { constraintState, objectName, physicalOptions } from './parts.js';
import { atConstraint, columnDefinition, outOfLineConstraint, resolveRefColumns } from './table.js';

/** Adds a constraint; a unique index created earlier on exactly its columns is the one Oracle uses for it, so it is dropped. */
function addConstraint(ctx: OraContext, t: Table, c: Constraint): void {
  t.constraints.push(c);
  if (c.kind === 'ForeignKey') resolveRefColumns(ctx, c, c.span);
  if (c.kind !== 'PrimaryKey' && c.kind !== 'Unique') return;
  if (c.kind === 'PrimaryKey') {
    for (const k of c.columns) { const col = t.columns.find((x) => x.name === k.column); if (col) col.nullable = false; }
  }
  const cols = c.columns.map((k) => k.column).join(',');
  let backing: Index | undefined;
  for (const o of ctx.indexesOn(t.name.name)) {
    if (o.unique && (o.table.schema ?? '') === (t.name.schema ?? '') && o.columns.map((k) => k.column ?? '\0').join(',') === cols) { backing = o; break; }
  }
  if (backing) {
    ctx.remove(backing);
    ctx.diag(OS.backingIndex, backing.span, `Unique index ${backing.name} on ${t.name.name}(${cols}) backs the ${c.kind === 'PrimaryKey' ? 'primary key' : 'unique constraint'} ${c.name ?? ''} added at line ${c.span.line}; it is converted as part of the constraint, not as a separate index`);
  }
}

/** ALTER TABLE t … (the cursor is after TABLE). */
export function parseAlterTable(ctx: OraContext, p: Parser, span: SourceSpan): void {
  const name = objectName(ctx, p, 'a table name');
  const found = ctx.find(name);
  if (!found || found.kind !== 'Table') {
    ctx.diag(OS.unknownTarget, span, `ALTER TABLE ${name.name}: the table is not defined earlier in the scripts; the change is not converted`);
    return;
  }
  const t = found;
  do alterAction(ctx, p, t, span); while (p.acceptOp(','));
  p.expectEnd();
}

function alterAction(ctx: OraContext, p: Parser, t: Table, span: SourceSpan): void {
  const start = p.cur;
  if (p.isAnyKw('ADD', 'DROP', 'TRUNCATE', 'SPLIT', 'MERGE', 'EXCHANGE', 'MOVE', 'COALESCE', 'MODIFY', 'RENAME', 'SET')
    && p.isAnyKwAt(1, 'PARTITION', 'PARTITIONS', 'SUBPARTITION', 'SUBPARTITIONS', 'INTERVAL', 'SUPPLEMENTAL', 'STORE')) {
    const what = `${p.cur.upper} ${p.peek(1).upper}`;
    while (!p.atEnd() && !p.isOp(';')) p.next();
    ctx.diag(OS.alterIgnored, span, `ALTER TABLE ${t.name.name} ${what} …: partition maintenance and logging options are not applied to the model; recreate the partitions by hand if the target needs them`);
    return;
  }
  if (p.acceptKw('ADD')) {
    const paren = p.acceptOp('(');
    do {
      const s = p.cur;
      if (atConstraint(p)) addConstraint(ctx, t, outOfLineConstraint(ctx, p, s));
      else {
        const extra: Constraint[] = [];
        const col = columnDefinition(ctx, p, t.name, extra);
        t.columns.push(col);
        for (const c of extra) addConstraint(ctx, t, c);
      }
    } while (paren && p.acceptOp(','));
    if (paren) p.expectOp(')');
    return;
  }
  if (p.acceptKw('MODIFY')) {
    if (p.acceptKw('CONSTRAINT')) {
      const cname = p.ident('a constraint name').name;
      const st = constraintState(p);
      const c = t.constraints.find((x) => x.name === cname);
      if (!c) { ctx.diag(OS.unknownTarget, p.spanFrom(start), `MODIFY CONSTRAINT ${cname}: no such constraint on ${t.name.name}`); return; }
      if (st.disabled !== undefined) c.enforced = !st.disabled;
      if (st.disabled !== undefined || st.novalidate !== undefined) setValidation(c, c.enforced !== false && st.novalidate === true);
      return;
    }
    if (p.isKws('PRIMARY', 'KEY') || p.isKw('UNIQUE')) {
      const isPk = p.acceptKws('PRIMARY', 'KEY');
      if (!isPk) p.next();
      const cols = p.isOp('(') ? parseNameList(p) : undefined;
      const st = constraintState(p);
      const c = t.constraints.find((x) => (isPk ? x.kind === 'PrimaryKey' : x.kind === 'Unique' && (!cols || x.columns.map((k) => k.column).join() === cols.join())));
      if (c && st.disabled !== undefined) c.enforced = !st.disabled;
      if (c && (st.disabled !== undefined || st.novalidate !== undefined)) setValidation(c, c.enforced !== false && st.novalidate === true);
      return;
    }
    const paren = p.acceptOp('(');
    do {
      const extra: Constraint[] = [];
      const seen: { nullExplicit?: boolean } = {};
      const changed = columnDefinition(ctx, p, t.name, extra, seen);
      const col = t.columns.find((c) => c.name === changed.name);
      if (!col) { ctx.diag(OS.unknownTarget, changed.span, `MODIFY ${changed.name}: ${t.name.name} has no such column`); continue; }
      if (changed.dataType.sourceText) col.dataType = changed.dataType;
      if (changed.default) col.default = changed.default;
      if (!changed.nullable) col.nullable = false;
      else if (seen.nullExplicit) col.nullable = true;
      if (changed.identity) col.identity = changed.identity;
      for (const c of extra) addConstraint(ctx, t, c);
    } while (paren && p.acceptOp(','));
    if (paren) p.expectOp(')');
    return;
  }
  if (p.acceptKw('DROP')) {
    if (p.acceptKw('CONSTRAINT')) {
      const cname = p.ident('a constraint name').name;
      p.acceptKw('CASCADE');
      p.acceptAnyKw('KEEP', 'DROP') && p.acceptKw('INDEX');
      const i = t.constraints.findIndex((c) => c.name === cname);
      if (i >= 0) t.constraints.splice(i, 1);
      else ctx.diag(OS.unknownTarget, p.spanFrom(start), `DROP CONSTRAINT ${cname}: no such constraint on ${t.name.name}`);
      return;
    }
    if (p.acceptKws('PRIMARY', 'KEY')) {
      p.acceptKw('CASCADE');
      t.constraints = t.constraints.filter((c) => c.kind !== 'PrimaryKey');
      return;
    }
    if (p.acceptKw('UNIQUE')) {
      const cols = parseNameList(p).join(',');
      t.constraints = t.constraints.filter((c) => !(c.kind === 'Unique' && c.columns.map((k) => k.column).join(',') === cols));
      return;
    }
    const cols = p.acceptKw('COLUMN') ? [p.ident('a column name').name] : parseNameList(p);
    while (p.acceptAnyKw('CASCADE', 'CONSTRAINTS', 'INVALIDATE')) { /* options */ }
    for (const c of cols) {
      const i = t.columns.findIndex((x) => x.name === c);
      if (i < 0) { ctx.diag(OS.unknownTarget, p.spanFrom(start), `DROP COLUMN ${c}: ${t.name.name} has no such column`); continue; }
      t.columns.splice(i, 1);
    }
    return;
  }
  if (p.acceptKw('RENAME')) {
    if (p.acceptKw('COLUMN')) {
      const from = p.ident('a column name').name;
      p.expectKw('TO');
      const to = p.ident('a column name');
      const col = t.columns.find((c) => c.name === from);
      if (!col) { ctx.diag(OS.unknownTarget, p.spanFrom(start), `RENAME COLUMN ${from}: ${t.name.name} has no such column`); return; }
      col.name = to.name;
      if (to.quoted) col.quoted = true; else delete col.quoted;
      for (const c of t.constraints) {
        if (c.kind === 'ForeignKey') c.columns = c.columns.map((x) => (x === from ? to.name : x));
        else if (c.kind === 'PrimaryKey' || c.kind === 'Unique') for (const k of c.columns) if (k.column === from) k.column = to.name;
      }
      return;
    }
    if (p.acceptKw('CONSTRAINT')) {
      const from = p.ident('a constraint name').name;
      p.expectKw('TO');
      const to = p.ident('a constraint name').name;
      const c = t.constraints.find((x) => x.name === from);
      if (c) c.name = to;
      return;
    }
    p.expectKw('TO');
    const to = p.ident('a table name');
    ctx.remove(t);
    t.name = { ...t.name, name: to.name, ...(to.quoted ? { quoted: true } : {}) };
    ctx.add(t);
    return;
  }
  const en = p.acceptAnyKw('ENABLE', 'DISABLE');
  if (en) {
    const validate = p.acceptAnyKw('VALIDATE', 'NOVALIDATE');
    if (p.acceptKw('CONSTRAINT')) {
      const cname = p.ident('a constraint name').name;
      const c = t.constraints.find((x) => x.name === cname);
      if (c) { c.enforced = en === 'ENABLE'; setValidation(c, en === 'ENABLE' && validate === 'NOVALIDATE'); }
      else ctx.diag(OS.unknownTarget, p.spanFrom(start), `${en} CONSTRAINT ${cname}: no such constraint on ${t.name.name}`);
      constraintState(p);
      return;
    }
    if (p.acceptKws('PRIMARY', 'KEY')) {
      for (const c of t.constraints) if (c.kind === 'PrimaryKey') { c.enforced = en === 'ENABLE'; setValidation(c, en === 'ENABLE' && validate === 'NOVALIDATE'); }
      return;
    }
    if (p.acceptKws('ALL', 'TRIGGERS')) {
      for (const o of ctx.objects) if (o.kind === 'Trigger' && o.table.name === t.name.name) o.enabled = en === 'ENABLE';
      return;
    }
    if (p.acceptKws('ROW', 'MOVEMENT')) return;
    if (p.acceptKws('TABLE', 'LOCK')) return;
    throw p.error(`expected CONSTRAINT, PRIMARY KEY or ALL TRIGGERS after ${en} but found ${describeToken(p.cur)}`);
  }
  if (physicalOptions(p, t.options)) return;
  if (p.isAnyKw('MOVE', 'SHRINK', 'ALLOCATE', 'DEALLOCATE', 'READ', 'NOPARALLEL')) {
    while (!p.atEnd() && !p.isOp(';')) p.next();
    ctx.diag(OS.alterIgnored, span, `ALTER TABLE ${t.name.name} ${start.upper}: a storage operation, not applied to the model`);
    return;
  }
  throw p.error(`ALTER TABLE action ${describeToken(p.cur)} is not supported`);
}

/** ENABLE NOVALIDATE: enforced from now on, existing rows not checked (ENABLE [VALIDATE] clears it). */
function setValidation(c: Constraint, novalidate: boolean): void {
  if (novalidate) c.notValidated = true;
  else delete c.notValidated;
}
