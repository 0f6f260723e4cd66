import type { CatalogObject, Table, Index, Sequence, Trigger, Constraint, Expr, Statement, Synonym, View, Identity, PartitionDef } from '../../model/index.js';
import { qnameKey, walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { mapType } from './types.js';
import { applyNamingStyle } from '../common/identifiers.js';

const PG_BIGINT_MAX = 9223372036854775807;
const fitsBigint = (n: number | undefined): boolean => n === undefined || Math.abs(n) < PG_BIGINT_MAX;

/** Column types, temporary/IOT/partition options and constraints of one table. */
export function convertTable(t: Table, ctx: OraRuleContext, identities: Map<string, Identity>): Table {
  const s = t.span;
  const options: Record<string, string> = {};
  let temporary = false;
  let unlogged = t.unlogged;
  const optionText = Object.entries(t.options).map(([k, v]) => `${k}=${v}`).join(' ').toLowerCase();
  if (t.temporary) { ctx.reportOnce(OG.tempTable, s); unlogged = true; }
  if (/organization\s*=?\s*index|iot/.test(optionText)) ctx.reportOnce(OG.iot, s);
  if (/organization\s*=?\s*external/.test(optionText)) ctx.report(OG.externalTable, s, `Table ${t.name.name} is an external table; it became an empty regular table`);
  if (Object.keys(t.options).some((k) => /interval/i.test(k))) ctx.reportOnce(OG.intervalPartition, s, `INTERVAL partitioning (${Object.entries(t.options).find(([k]) => /interval/i.test(k))![1]}) has no PostgreSQL equivalent: the listed partitions were created plus a DEFAULT partition that takes later rows`);
  const constraints: Constraint[] = [];
  for (const c of t.constraints) {
    if (c.enforced === false) {
      if (c.kind === 'PrimaryKey' || c.kind === 'Unique') {
        ctx.report(OG.disabledDropped, c.span, `Disabled ${c.kind === 'PrimaryKey' ? 'primary key' : 'unique constraint'} ${c.name ?? ''} was not created`);
        continue;
      }
      ctx.report(OG.disabledConstraint, c.span, `Disabled ${c.kind === 'Check' ? 'CHECK' : 'FOREIGN KEY'} constraint ${c.name ?? ''} was not created`);
      continue;
    }
    if (c.notValidated) {
      if (c.kind === 'Check' || c.kind === 'ForeignKey') ctx.report(OG.notValidated, c.span, `Constraint ${c.name ?? c.kind} (ENABLE NOVALIDATE) became NOT VALID, added after the data`);
      else ctx.report(OG.notValidatedKey, c.span, `${c.kind === 'PrimaryKey' ? 'Primary key' : 'Unique constraint'} ${c.name ?? ''} is ENABLE NOVALIDATE in Oracle; PostgreSQL validates it, so rows with duplicate keys Oracle tolerated make the load fail`);
    }
    if (c.kind === 'ForeignKey' && c.refColumns.length === 0) {
      const ref = ctx.table(c.refTable);
      const pk = ref?.constraints.find((x) => x.kind === 'PrimaryKey');
      if (pk && pk.kind === 'PrimaryKey') {
        ctx.reportOnce(OG.fkColumns, c.span);
        constraints.push({ ...c, refColumns: pk.columns.map((x) => x.column ?? '') });
        continue;
      }
    }
    constraints.push(c);
  }
  const interval = Object.keys(t.options).some((k) => /interval/i.test(k));
  const partitioning = t.partitioning ? { ...t.partitioning, partitions: [...t.partitioning.partitions.map((p): PartitionDef => ({ ...p, name: p.name.toLowerCase() })),
    ...(interval && !t.partitioning.partitions.some((p) => p.isDefault) ? [{ name: 'default', isDefault: true, span: s }] : [])] } : undefined;
  if (partitioning) {
    const keyCols = new Set(partitioning.columns.map((c) => c.toLowerCase()));
    for (const c of constraints) {
      if ((c.kind === 'PrimaryKey' || c.kind === 'Unique') && ![...keyCols].every((k) => c.columns.some((x) => x.column?.toLowerCase() === k))) {
        ctx.report(OG.unknownType, c.span, 'PostgreSQL requires primary keys and unique constraints of a partitioned table to include the partition key columns; add them before applying');
      }
    }
  }
  const out: Table = {
    ...t,
    columns: t.columns.map((c) => {
      if (c.invisible) ctx.report(OG.invisibleColumn, c.span, `Column ${t.name.name}.${c.name} is INVISIBLE in Oracle; in PostgreSQL SELECT * and INSERT without a column list include it`);
      const identity = identities.get(`${qnameKey(t.name)}|${c.name}`);
      return { ...c, dataType: mapType(c.dataType, ctx, 'column'), ...(identity ? { identity } : {}) };
    }),
    constraints,
    options,
    temporary,
    ...(unlogged ? { unlogged } : {}),
    ...(partitioning ? { partitioning } : {}),
  };
  delete out.tablespace;
  return out;
}

/** Sequence numbers beyond bigint (Oracle's default MAXVALUE has 28 digits) are left to PostgreSQL's defaults. */
export function convertSequence(q: Sequence): Sequence {
  const out: Sequence = { ...q };
  if (!fitsBigint(q.maxValue)) delete out.maxValue;
  if (!fitsBigint(q.minValue)) delete out.minValue;
  delete out.dataType;
  if (out.cache !== undefined && out.cache < 1) delete out.cache;
  return out;
}

export function convertIndex(i: Index, ctx: OraRuleContext, tables: Map<string, Table>): Index | undefined {
  const t = tables.get(qnameKey(i.table));
  if (t && i.unique && i.columns.every((c) => c.column)) {
    const cols = i.columns.map((c) => c.column!.toLowerCase()).join(',');
    const match = t.constraints.find((c) => (c.kind === 'PrimaryKey' || c.kind === 'Unique') && c.columns.map((x) => (x.column ?? '').toLowerCase()).join(',') === cols);
    if (match) { ctx.reportOnce(OG.indexIsConstraint, i.span, `Index ${i.name} duplicates constraint ${match.name ?? ''}; PostgreSQL creates the constraint's own index`); return undefined; }
  }
  if (i.method === 'bitmap') { ctx.reportOnce(OG.bitmapIndex, i.span); return { ...i, method: undefined }; }
  if (i.method === 'other') { ctx.reportOnce(OG.reverseIndex, i.span, `Index ${i.name} (${i.method}) became a plain btree index`); return { ...i, method: undefined }; }
  return i;
}

/** Synonym of a known table or view → a view over it. */
export function convertSynonym(original: Synonym, ctx: OraRuleContext, relations: Set<string>): CatalogObject {
  const n = (x: string): string => applyNamingStyle(x, ctx.options.naming);
  const s: Synonym = { ...original, target: { name: n(original.target.name), ...(original.target.schema ? { schema: n(ctx.options.schemaMap[original.target.schema] ?? original.target.schema) } : {}) } };
  if (!relations.has(qnameKey(s.target)) && !relations.has(`.${s.target.name.toLowerCase()}`)) {
    ctx.report(OG.synonymUnsupported, s.span, `Synonym ${s.name.name} for ${s.target.name}: not a table or view of this script; not converted`);
    return s;
  }
  ctx.reportOnce(OG.synonym, s.span);
  const span = s.span;
  const view: View = { kind: 'View', name: s.name, query: { kind: 'Select', items: [{ expr: { kind: 'Star', span } }], from: [{ kind: 'TableRef', name: s.target, span }], groupBy: [], orderBy: [], span }, span, ...(s.origin ? { origin: s.origin } : {}) };
  return view;
}

// ---- sequence + trigger key pattern --------------------------------------------------------

/** `NEW.col := seq.NEXTVAL` or `SELECT seq.NEXTVAL INTO NEW.col FROM dual` → [col, seq name]. */
function keyAssignment(st: Statement): { column: string; seq: string[] } | undefined {
  const seqOf = (e: Expr | undefined): string[] | undefined =>
    (e?.kind === 'ColumnRef' && e.parts.length >= 2 && e.parts[e.parts.length - 1]!.toLowerCase() === 'nextval' ? e.parts.slice(0, -1) : undefined);
  const newCol = (e: Expr | undefined): string | undefined =>
    (e?.kind === 'ColumnRef' && e.parts.length === 2 && e.parts[0]!.toLowerCase() === 'new' ? e.parts[1] : undefined);
  if (st.kind === 'Assign') {
    const column = newCol(st.target);
    const seq = seqOf(st.value);
    return column && seq ? { column, seq } : undefined;
  }
  if (st.kind === 'SqlStatement' && st.statement.kind === 'Select') {
    const q = st.statement;
    const into = q.into ?? st.into;
    const fromDual = q.from.length === 0 || (q.from.length === 1 && q.from[0]!.kind === 'TableRef' && q.from[0]!.name.name.toLowerCase() === 'dual');
    if (!fromDual || q.items.length !== 1 || into?.length !== 1 || q.where) return undefined;
    const column = newCol(into[0]);
    const seq = seqOf(q.items[0]!.expr);
    return column && seq ? { column, seq } : undefined;
  }
  return undefined;
}

function keyPattern(t: Trigger): { column: string; seq: string[]; conditional: boolean } | undefined {
  if (t.timing !== 'before' || t.forEach !== 'row' || t.events.length !== 1 || t.events[0] !== 'insert' || t.when || t.compound) return undefined;
  const b = t.body;
  if (!b || b.kind !== 'Block' || b.declarations.length || b.exceptionHandlers.length || b.body.length !== 1) return undefined;
  const st = b.body[0]!;
  if (st.kind === 'If' && st.branches.length === 1 && !st.else && st.branches[0]!.body.length === 1) {
    const c = st.branches[0]!.condition;
    const k = keyAssignment(st.branches[0]!.body[0]!);
    if (k && c.kind === 'IsTest' && c.test === 'null' && !c.not && c.expr.kind === 'ColumnRef' && c.expr.parts[1]?.toLowerCase() === k.column.toLowerCase()) return { ...k, conditional: true };
    return undefined;
  }
  const k = keyAssignment(st);
  return k ? { ...k, conditional: false } : undefined;
}

/** How often each sequence's NEXTVAL/CURRVAL is referenced, by lower-case sequence name. */
function sequenceUses(objects: CatalogObject[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const o of objects) {
    walk(o, (n) => {
      if (n.kind !== 'ColumnRef') return;
      const p = (n as unknown as { parts: string[] }).parts;
      const last = p[p.length - 1]!.toLowerCase();
      if (p.length >= 2 && (last === 'nextval' || last === 'currval')) {
        const k = p[p.length - 2]!.toLowerCase();
        uses.set(k, (uses.get(k) ?? 0) + 1);
      }
    });
  }
  return uses;
}

/**
 * Finds BEFORE INSERT triggers that only fill a key from a sequence and turns the key into an
 * identity column starting where the sequence stands. The trigger goes; the sequence goes too
 * unless other code still calls it. Returns the objects to drop.
 */
export function identityFromTriggers(objects: CatalogObject[], ctx: OraRuleContext): { drop: Set<CatalogObject>; identities: Map<string, Identity> } {
  const drop = new Set<CatalogObject>();
  const identities = new Map<string, Identity>();
  if (!ctx.options.identityFromTrigger) return { drop, identities };
  const sequences = new Map<string, Sequence>();
  for (const o of objects) if (o.kind === 'Sequence') sequences.set(o.name.name.toLowerCase(), o);
  // Counted (one walk of every object) only once a trigger has the key pattern.
  let seqUses: Map<string, number> | undefined;
  for (const o of objects) {
    if (o.kind !== 'Trigger') continue;
    const k = keyPattern(o);
    if (!k) continue;
    const seq = sequences.get(k.seq[k.seq.length - 1]!.toLowerCase());
    const table = objects.find((x): x is Table => x.kind === 'Table' && qnameKey(x.name) === qnameKey(o.table)) ?? objects.find((x): x is Table => x.kind === 'Table' && x.name.name.toLowerCase() === o.table.name.toLowerCase());
    const column = table?.columns.find((c) => c.name.toLowerCase() === k.column.toLowerCase());
    const key = `${qnameKey(table?.name ?? o.table)}|${column?.name ?? ''}`;
    if (!seq || !table || !column || column.identity || identities.has(key)) continue;
    const identity: Identity = { style: 'byDefault', start: seq.currentValue !== undefined ? seq.currentValue + (seq.increment ?? 1) : (seq.start ?? 1),
      ...(seq.increment !== undefined && seq.increment !== 1 ? { increment: seq.increment } : {}) };
    identities.set(key, identity);
    drop.add(o);
    seqUses ??= sequenceUses(objects);
    const shared = (seqUses.get(seq.name.name.toLowerCase()) ?? 0) > 1;
    if (!shared) drop.add(seq);
    ctx.report(OG.identityFromTrigger, o.span, `Trigger ${o.name.name} filled ${table.name.name}.${column.name} from ${seq.name.name}: now an identity column${shared ? ` (the sequence is kept: other code calls it; identity and sequence now count separately)` : ''}${k.conditional ? '' : '; the trigger also overwrote keys given explicitly, the identity column keeps them'}`, o.origin);
  }
  return { drop, identities };
}
