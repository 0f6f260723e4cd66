import type { CatalogObject, Column, Comment, DataScript, Delete, Expr, Insert, QualifiedName, Table, Update } from '../../../model/index.js';
import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import { OBJECT_TYPE, type PgContext } from '../context.js';
import { parseRegclassText } from './table.js';

/** COMMENT ON … IS 'text' | NULL — the parser stands after ON. */
export function parseCommentOn(p: PgParser, ctx: PgContext, start: Tok): void {
  let objectType = p.next().upper;
  if (objectType === 'MATERIALIZED' || objectType === 'FOREIGN' || objectType === 'ACCESS' || objectType === 'EVENT') objectType += ' ' + p.next().upper;
  if (objectType === 'TEXT') objectType += ' ' + p.next().upper + ' ' + p.next().upper;
  if (objectType === 'EXTENSION') { p.skipToEnd(); return; } // describes the extension, not the schema
  let column: string | undefined;
  let name: QualifiedName;
  let on: QualifiedName | undefined;
  if (objectType === 'COLUMN') {
    const parts = p.qnameParts();
    column = parts.pop()!;
    name = ctx.qualify(parts.length > 1 ? { schema: parts[parts.length - 2]!, name: parts[parts.length - 1]! } : { name: parts[0] ?? '' });
  } else if (objectType === 'CONSTRAINT' || objectType === 'TRIGGER' || objectType === 'POLICY' || objectType === 'RULE') {
    name = { name: p.ident().name };
    p.expectWord('ON');
    if (p.acceptWord('DOMAIN')) { /* constraint on domain */ }
    on = ctx.qualify(p.qname());
  } else if (objectType === 'SCHEMA') {
    name = { name: p.ident().name };
  } else {
    name = ctx.qualify(p.qname());
    if (p.isPunct('(')) p.skipParens(); // function signature
  }
  p.expectWord('IS');
  const text = p.acceptWord('NULL') ? null : p.stringValue('the comment text');
  const target = findTarget(ctx, objectType, name, on);
  const value = text ?? undefined;
  if (target) {
    if (column !== undefined && target.kind === 'Table') {
      const col = target.columns.find((c) => c.name === column);
      if (col) { if (value === undefined) delete col.comment; else col.comment = value; return; }
    } else if (column === undefined && objectType !== 'CONSTRAINT' && objectType !== 'TRIGGER' && 'comment' in commentable(target)) {
      const t = target as { comment?: string };
      if (value === undefined) delete t.comment; else t.comment = value;
      return;
    }
  }
  const c: Comment = {
    kind: 'Comment', target: { objectType: objectType.toLowerCase(), name: on ? { ...on, name: `${name.name} ON ${on.name}` } : name, ...(column !== undefined ? { column } : {}) },
    text, span: p.spanFrom(start),
  };
  ctx.add(c);
}

/** Kinds whose IR node has a `comment` field. */
function commentable(o: CatalogObject): { comment?: string } {
  switch (o.kind) {
    case 'Table': case 'View': case 'Index': case 'Routine': case 'Schema': case 'Event':
      return { comment: o.comment ?? '' };
    default:
      return {};
  }
}

function findTarget(ctx: PgContext, objectType: string, name: QualifiedName, on: QualifiedName | undefined): CatalogObject | undefined {
  switch (objectType) {
    case 'TABLE': case 'COLUMN': case 'VIEW': case 'MATERIALIZED VIEW': case 'SEQUENCE': case 'INDEX': case 'FOREIGN TABLE':
      return ctx.findRelation(name);
    case 'FUNCTION': case 'PROCEDURE': case 'ROUTINE':
      return ctx.findRoutines(name).at(-1);
    case 'TYPE': case 'DOMAIN':
      return ctx.findType(name);
    case 'SCHEMA':
      return ctx.findSchema(name.name);
    case 'TRIGGER':
      return on ? ctx.findTrigger(name.name, on) : undefined;
    default:
      return undefined;
  }
}

const DROP_KIND: Record<string, CatalogObject['kind'][]> = {
  TABLE: ['Table'], VIEW: ['View'], 'MATERIALIZED VIEW': ['View'], INDEX: ['Index'], SEQUENCE: ['Sequence'],
  FUNCTION: ['Routine'], PROCEDURE: ['Routine'], ROUTINE: ['Routine'], TYPE: ['EnumType', 'CompositeType', 'Domain'],
  DOMAIN: ['Domain'], SCHEMA: ['Schema'], TRIGGER: ['Trigger'],
};

/** DROP kind [IF EXISTS] name, … [CASCADE|RESTRICT] — the parser stands after DROP. */
export function parseDrop(p: PgParser, ctx: PgContext, start: Tok): void {
  let what = p.next().upper;
  if (what === 'MATERIALIZED' || what === 'FOREIGN' || what === 'EVENT' || what === 'ACCESS') what += ' ' + p.next().upper;
  if (what === 'DATABASE') {
    p.skipToEnd();
    ctx.diag(PG.ignoredSetting, p.spanFrom(start), 'DROP DATABASE ignored: the target database is chosen when the result is applied');
    return;
  }
  p.acceptWord('CONCURRENTLY');
  const ifExists = p.acceptSeq('IF', 'EXISTS');
  const kinds = DROP_KIND[what];
  do {
    const name = what === 'SCHEMA' ? { name: p.ident().name } : ctx.qualify(p.qname());
    if (p.isPunct('(')) p.skipParens();
    let on: QualifiedName | undefined;
    if (p.acceptWord('ON')) on = ctx.qualify(p.qname());
    let found: CatalogObject | undefined;
    if (kinds?.includes('Trigger')) found = on ? ctx.findTrigger(name.name, on) : undefined;
    else if (kinds?.includes('Routine')) found = ctx.findRoutines(name).at(-1);
    else if (kinds?.includes('Schema')) found = ctx.findSchema(name.name);
    else if (kinds) found = kinds.some((k) => k === 'Domain' || k === 'EnumType' || k === 'CompositeType') ? ctx.findType(name) : ctx.findRelation(name);
    if (found && kinds?.includes(found.kind)) {
      ctx.remove(found);
      dropDependents(ctx, found, p.isWord('CASCADE'));
    }
    else if (!ifExists || !kinds) {
      ctx.diag(PG.dropUnknown, p.spanFrom(start), `DROP ${what} ${name.name}: not defined earlier in the scripts; nothing to convert`,
        { type: kinds ? OBJECT_TYPE[kinds[0]!] : what.toLowerCase(), name });
    }
  } while (p.acceptPunct(','));
  p.acceptWord('CASCADE') || p.acceptWord('RESTRICT');
}

/** SET [SESSION|LOCAL] name {TO|=} value, … — only search_path changes anything. */
export function parseSet(p: PgParser, ctx: PgContext): void {
  p.acceptWord('SESSION') || p.acceptWord('LOCAL');
  if (!p.isIdent()) { p.skipToEnd(); return; }
  const name = p.qnameText().toLowerCase();
  if (name !== 'search_path') { p.skipToEnd(); return; }
  if (!p.acceptWord('TO')) p.expectPunct('=');
  if (p.acceptWord('DEFAULT')) { ctx.defaultSchema = undefined; return; }
  const first = p.rawValue();
  while (p.acceptPunct(',')) p.rawValue();
  setSearchPath(ctx, first);
}

export function setSearchPath(ctx: PgContext, value: string): void {
  const head = value.split(',')[0]!.trim().replace(/^"(.*)"$/, '$1');
  ctx.defaultSchema = head === '' || head === '$user' ? undefined : head;
}

/** Appends data statements to the table's DataScript when it is the last object, else starts one. */
export function addData(ctx: PgContext, table: QualifiedName, stmt: Insert | Update | Delete, rows: number): void {
  const last = ctx.objects.at(-1);
  if (last?.kind === 'DataScript' && last.table.name === table.name && last.table.schema === table.schema) {
    last.statements.push(stmt);
    last.rowCount += rows;
    last.span = { ...last.span, endLine: stmt.span.endLine, endColumn: stmt.span.endColumn, ...(stmt.span.endOffset !== undefined ? { endOffset: stmt.span.endOffset } : {}) };
    return;
  }
  const ds: DataScript = { kind: 'DataScript', table, statements: [stmt], rowCount: rows, span: stmt.span };
  ctx.add(ds);
}

/** Rows an INSERT adds, as far as the text tells. */
export function insertRowCount(ins: Insert): number {
  return ins.source.kind === 'Values' ? ins.source.rows.length : 0;
}

/** SELECT pg_catalog.setval('seq', n [, is_called]) → the sequence's current value. */
export function applySetval(ctx: PgContext, e: Expr): boolean {
  if (e.kind !== 'FunctionCall' || e.name.name.toLowerCase() !== 'setval' || e.args.length < 2) return false;
  let a0 = e.args[0]!;
  if (a0.kind === 'Cast') a0 = a0.expr;
  const a1 = e.args[1]!;
  const num = a1.kind === 'Literal' && a1.type === 'number' ? Number(a1.value)
    : a1.kind === 'Unary' && a1.op === '-' && a1.operand.kind === 'Literal' ? -Number(a1.operand.value) : NaN;
  if (a0.kind !== 'Literal' || a0.type !== 'string' || Number.isNaN(num)) return false;
  const isCalled = !(e.args[2]?.kind === 'Literal' && e.args[2].value.toLowerCase() === 'false');
  return setCurrent(ctx, a0.value, num, isCalled);
}

function setCurrent(ctx: PgContext, seqText: string, n: number, isCalled: boolean): boolean {
  const name = ctx.qualify(parseRegclassText(seqText));
  const seq = ctx.findRelation(name);
  if (seq?.kind !== 'Sequence') return isIdentitySequence(ctx, name);
  seq.currentValue = isCalled ? n : n - (seq.increment ?? 1);
  return true;
}

/** pg_dump sets identity sequences too; the generator restarts identities from the data itself. */
function isIdentitySequence(ctx: PgContext, name: QualifiedName): boolean {
  // A dump with thousands of identity tables has as many setval calls: look up candidates by
  // sequence name (index built by the last full scan), and confirm them with the same test.
  const candidates = IDENTITY_INDEX.get(ctx)?.get(name.name);
  if (candidates) {
    for (const [t, c] of candidates) if (ctx.findRelation(t.name) === t && identityMatches(ctx, t, c, name)) return true;
  }
  const index = new Map<string, [Table, Column][]>();
  IDENTITY_INDEX.set(ctx, index);
  let found = false;
  for (const o of ctx.objects) {
    if (o.kind !== 'Table') continue;
    for (const c of o.columns) {
      if (!c.identity) continue;
      const seqName = c.identity.sequence?.name ?? `${o.name.name}_${c.name}_seq`;
      const list = index.get(seqName);
      if (list) list.push([o, c]); else index.set(seqName, [[o, c]]);
      if (!found && identityMatches(ctx, o, c, name)) found = true;
    }
  }
  return found;
}

const IDENTITY_INDEX = new WeakMap<PgContext, Map<string, [Table, Column][]>>();

function identityMatches(ctx: PgContext, t: Table, c: Column, name: QualifiedName): boolean {
  const s = c.identity?.sequence;
  if (s) return s.name === name.name && (s.schema ?? ctx.defaultSchema) === (name.schema ?? ctx.defaultSchema);
  return !!c.identity && `${t.name.name}_${c.name}_seq` === name.name;
}

const sameName = (a: QualifiedName, b: QualifiedName, ctx: PgContext): boolean =>
  a.name === b.name && (a.schema ?? ctx.defaultSchema) === (b.schema ?? ctx.defaultSchema);

/**
 * What PostgreSQL drops together with an object: a table's indexes, triggers, owned sequences and
 * (in the model) its data; with CASCADE on a schema, everything in it.
 */
function dropDependents(ctx: PgContext, dropped: CatalogObject, cascade: boolean): void {
  if (dropped.kind === 'Table') {
    for (const o of [...ctx.objects]) {
      if ((o.kind === 'Index' || o.kind === 'Trigger') && sameName(o.table, dropped.name, ctx)) ctx.remove(o);
      else if (o.kind === 'DataScript' && sameName(o.table, dropped.name, ctx)) ctx.remove(o);
      else if (o.kind === 'Sequence' && o.ownedBy && sameName(o.ownedBy.table, dropped.name, ctx)) ctx.remove(o);
    }
  } else if (dropped.kind === 'Schema' && cascade) {
    for (const o of [...ctx.objects]) {
      const n = o.kind === 'Index' || o.kind === 'DataScript' ? o.table : o.kind === 'Comment' ? o.target.name : 'name' in o && o.name && typeof o.name === 'object' ? o.name : undefined;
      if (n?.schema === dropped.name.name) ctx.remove(o);
    }
  }
}
