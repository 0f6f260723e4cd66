import type { QualifiedName, Table } from '../../../model/index.js';
import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';
import { linkNextval, markPrimaryKeyNotNull, parseColumnDef, parsePartitionBound, parseSequenceOptions, parseStorageOptions, parseTableConstraint } from './table.js';

/** ALTER TABLE [IF EXISTS] [ONLY] name action, … — the parser stands after TABLE. */
export function parseAlterTable(p: PgParser, ctx: PgContext, start: Tok): void {
  p.acceptSeq('IF', 'EXISTS');
  p.acceptWord('ONLY');
  const name = ctx.qualify(p.qname());
  p.acceptPunct('*');
  const rel = ctx.findRelation(name);
  if (!rel) {
    // ALTER TABLE also addresses sequences and views (pg_dump writes ALTER TABLE seq OWNER TO)
    if (p.isWord('OWNER')) { ctx.ignoredPrivileges++; p.skipToEnd(); return; }
    ctx.diag(PG.unknownTarget, p.spanFrom(start), `ALTER TABLE ${name.name}: the table is not defined earlier in the scripts; the change is not applied`, { type: 'table', name });
    p.skipToEnd();
    return;
  }
  if (rel.kind !== 'Table') {
    if (p.isWord('OWNER')) { ctx.ignoredPrivileges++; p.skipToEnd(); return; }
    if (rel.kind === 'Sequence' && p.acceptSeq('OWNED', 'BY')) { p.back(); p.back(); }
    if (rel.kind === 'Sequence') {
      const o = parseSequenceOptions(p);
      applySequenceOptions(rel, o);
      return;
    }
    ctx.diag(PG.alterIgnored, p.spanFrom(start), `ALTER TABLE on ${rel.kind.toLowerCase()} ${name.name} is not applied to the model`, { type: rel.kind.toLowerCase(), name });
    p.skipToEnd();
    return;
  }
  do parseAction(p, ctx, rel, name); while (p.acceptPunct(','));
}

export function applySequenceOptions(seq: import('../../../model/index.js').Sequence, o: ReturnType<typeof parseSequenceOptions>): void {
  const id = o.identity;
  if (id.start !== undefined) seq.start = id.start;
  if (id.increment !== undefined) seq.increment = id.increment;
  if (id.minValue !== undefined) seq.minValue = id.minValue;
  if (id.maxValue !== undefined) seq.maxValue = id.maxValue;
  if (id.cache !== undefined) seq.cache = id.cache;
  if (id.cycle !== undefined) seq.cycle = id.cycle;
  if (o.dataType) seq.dataType = o.dataType;
  if (o.ownedBy === null) delete seq.ownedBy;
  else if (o.ownedBy) seq.ownedBy = o.ownedBy;
}

function ignored(p: PgParser, ctx: PgContext, start: Tok, table: QualifiedName, what: string): void {
  p.skipToActionEnd();
  ctx.diag(PG.alterIgnored, p.spanFrom(start), `ALTER TABLE ${table.name} ${what} is not applied to the model`, { type: 'table', name: table });
}

function parseAction(p: PgParser, ctx: PgContext, table: Table, name: QualifiedName): void {
  const start = p.tok;
  if (p.acceptWord('ADD')) {
    if (p.isWord('CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE')) {
      const c = parseTableConstraint(p, ctx);
      if (p.acceptSeq('NOT', 'VALID')) c.enforced = false;
      table.constraints.push(c);
      markPrimaryKeyNotNull(table);
      return;
    }
    p.acceptWord('COLUMN');
    p.acceptSeq('IF', 'NOT', 'EXISTS');
    parseColumnDef(p, ctx, table);
    return;
  }
  if (p.acceptWord('DROP')) {
    if (p.acceptWord('CONSTRAINT')) {
      p.acceptSeq('IF', 'EXISTS');
      const cn = p.ident().name;
      table.constraints = table.constraints.filter((c) => c.name !== cn);
      p.acceptWord('CASCADE') || p.acceptWord('RESTRICT');
      return;
    }
    p.acceptWord('COLUMN');
    p.acceptSeq('IF', 'EXISTS');
    const col = p.ident().name;
    table.columns = table.columns.filter((c) => c.name !== col);
    p.acceptWord('CASCADE') || p.acceptWord('RESTRICT');
    return;
  }
  if (p.acceptWord('ALTER')) {
    p.acceptWord('COLUMN');
    const colName = p.ident().name;
    const col = table.columns.find((c) => c.name === colName);
    if (!col) { ignored(p, ctx, start, name, `ALTER COLUMN ${colName} (no such column)`); return; }
    if (p.acceptSeq('SET', 'DEFAULT')) { col.default = p.expr(); linkNextval(ctx, table, col); return; }
    if (p.acceptSeq('DROP', 'DEFAULT')) { delete col.default; if (col.identity?.style === 'serial') delete col.identity; return; }
    if (p.acceptSeq('SET', 'NOT', 'NULL')) { col.nullable = false; return; }
    if (p.acceptSeq('DROP', 'NOT', 'NULL')) { col.nullable = true; return; }
    if (p.acceptSeq('SET', 'DATA', 'TYPE') || p.acceptWord('TYPE')) {
      col.dataType = p.dataType();
      if (p.acceptWord('COLLATE')) col.collation = p.qnameText();
      if (p.acceptWord('USING')) {
        p.expr();
        ctx.diag(PG.alterIgnored, p.spanFrom(start), `ALTER COLUMN ${colName} TYPE … USING: the conversion expression only matters for existing rows`, { type: 'table', name });
      }
      return;
    }
    if (p.acceptWord('ADD')) {
      p.expectWord('GENERATED');
      const always = p.acceptWord('ALWAYS');
      if (!always) { p.expectWord('BY'); p.expectWord('DEFAULT'); }
      p.expectWord('AS'); p.expectWord('IDENTITY');
      col.identity = { style: always ? 'always' : 'byDefault' };
      if (p.acceptPunct('(')) {
        const o = parseSequenceOptions(p);
        Object.assign(col.identity, o.identity);
        if (o.name) col.identity.sequence = ctx.qualify(o.name);
        p.expectPunct(')');
      }
      return;
    }
    if (p.acceptSeq('DROP', 'IDENTITY')) { p.acceptSeq('IF', 'EXISTS'); delete col.identity; return; }
    if (p.acceptSeq('SET', 'STATISTICS') || p.acceptSeq('SET', 'STORAGE') || p.acceptSeq('SET', 'COMPRESSION')) { p.next(); return; }
    if (p.isWord('SET', 'RESET') && p.isPunctAt(1, '(')) { p.next(); parseStorageOptions(p, {}); return; } // per-column planner options
    ignored(p, ctx, start, name, `ALTER COLUMN ${colName} action`);
    return;
  }
  if (p.acceptSeq('OWNER', 'TO')) { p.next(); ctx.ignoredPrivileges++; return; }
  if (p.acceptWord('ATTACH')) {
    p.expectWord('PARTITION');
    const child = ctx.qualify(p.qname());
    const bound = parsePartitionBound(p, child.name);
    if (table.partitioning) {
      table.partitioning.partitions = table.partitioning.partitions.filter((d) => d.name !== child.name);
      table.partitioning.partitions.push(bound);
    }
    const c = ctx.findRelation(child);
    if (c?.kind === 'Table') c.partitionOf = { parent: name, bound };
    else ctx.diag(PG.unknownTarget, p.spanFrom(start), `ATTACH PARTITION ${child.name}: the partition table is not defined earlier in the scripts`, { type: 'table', name });
    return;
  }
  if (p.acceptWord('DETACH')) {
    p.expectWord('PARTITION');
    const child = ctx.qualify(p.qname());
    p.acceptWord('CONCURRENTLY') || p.acceptWord('FINALIZE');
    if (table.partitioning) table.partitioning.partitions = table.partitioning.partitions.filter((d) => d.name !== child.name);
    const c = ctx.findRelation(child);
    if (c?.kind === 'Table') delete c.partitionOf;
    return;
  }
  if (p.acceptSeq('RENAME', 'COLUMN') || (p.isWord('RENAME') && !p.isWordAt(1, 'TO', 'CONSTRAINT') && p.acceptWord('RENAME'))) {
    const from = p.ident().name;
    p.expectWord('TO');
    const to = p.ident();
    const col = table.columns.find((c) => c.name === from);
    if (col) { col.name = to.name; if (to.quoted) col.quoted = true; else delete col.quoted; }
    return;
  }
  if (p.acceptSeq('RENAME', 'CONSTRAINT')) {
    const from = p.ident().name;
    p.expectWord('TO');
    const to = p.ident().name;
    for (const c of table.constraints) if (c.name === from) c.name = to;
    return;
  }
  if (p.acceptSeq('RENAME', 'TO')) {
    const oldKey = ctx.keyOf(table);
    table.name = { ...table.name, ...(() => { const i = p.ident(); return { name: i.name, quoted: i.quoted }; })() };
    ctx.rekey(table, oldKey);
    return;
  }
  if (p.acceptSeq('SET', 'SCHEMA')) {
    const oldKey = ctx.keyOf(table);
    table.name = { ...table.name, schema: p.ident().name };
    ctx.rekey(table, oldKey);
    return;
  }
  if (p.acceptWord('ENABLE') || p.acceptWord('DISABLE')) {
    const enable = start.upper === 'ENABLE';
    p.acceptWord('REPLICA') || p.acceptWord('ALWAYS');
    if (p.acceptWord('TRIGGER')) {
      const what = p.acceptWord('ALL') ? 'all' : p.acceptWord('USER') ? 'user' : p.ident().name;
      if (!enable) ctx.diag(PG.alterIgnored, p.spanFrom(start), `Trigger ${what} on ${name.name} is disabled in the source; the converted trigger will be enabled`, { type: 'table', name });
      return;
    }
    if (p.acceptSeq('ROW', 'LEVEL', 'SECURITY')) {
      ctx.diag(PG.notModelledObject, p.spanFrom(start), `Row level security on ${name.name} is not converted: the target table will not restrict rows by policy`, { type: 'table', name });
      return;
    }
    ignored(p, ctx, start, name, enable ? 'ENABLE …' : 'DISABLE …');
    return;
  }
  if (p.acceptSeq('REPLICA', 'IDENTITY') || p.acceptSeq('CLUSTER', 'ON') || p.acceptSeq('SET', 'WITHOUT', 'CLUSTER')
    || p.acceptSeq('SET', 'LOGGED') || p.acceptSeq('SET', 'UNLOGGED') || p.acceptSeq('SET', 'TABLESPACE')
    || p.acceptSeq('SET', 'ACCESS', 'METHOD') || p.acceptSeq('FORCE', 'ROW', 'LEVEL', 'SECURITY') || p.acceptSeq('NO', 'FORCE', 'ROW', 'LEVEL', 'SECURITY')) {
    p.skipToActionEnd();
    return;
  }
  if (p.isWord('SET', 'RESET') && p.isPunctAt(1, '(')) {
    p.next();
    parseStorageOptions(p, table.options);
    return;
  }
  if (p.acceptSeq('VALIDATE', 'CONSTRAINT')) {
    const cn = p.ident().name;
    for (const c of table.constraints) if (c.name === cn) delete c.enforced;
    return;
  }
  ignored(p, ctx, start, name, `action '${p.tok.text}'`);
}
