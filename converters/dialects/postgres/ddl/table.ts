import type {
  Column, Constraint, DataType, Expr, IndexColumn, PartitionDef, Partitioning, QualifiedName, ReferentialAction, Table,
} from '../../../model/index.js';
import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';

const SERIAL_TYPES: Record<string, DataType['name']> = {
  serial: 'int', serial4: 'int', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint',
};

/** CREATE [TEMP|UNLOGGED] TABLE … — the parser stands after TABLE. */
export function parseCreateTable(p: PgParser, ctx: PgContext, start: Tok, mods: { temporary?: boolean; unlogged?: boolean }): Table | undefined {
  p.acceptSeq('IF', 'NOT', 'EXISTS');
  const name = ctx.qualify(p.qname());
  const table: Table = {
    kind: 'Table', name, columns: [], constraints: [], options: {}, span: p.spanFrom(start),
    ...(mods.temporary ? { temporary: true } : {}), ...(mods.unlogged ? { unlogged: true } : {}),
  };
  if (p.acceptWord('PARTITION')) {
    p.expectWord('OF');
    const parent = ctx.qualify(p.qname());
    const parentTable = ctx.findRelation(parent);
    // a partition has its parent's columns (types, defaults, NOT NULL); its own list only adds options
    if (parentTable?.kind === 'Table') table.columns = parentTable.columns.map((c) => copyColumn(parentTable, c));
    if (p.isPunct('(')) parseTableElements(p, ctx, table);
    const bound = parsePartitionBound(p, name.name);
    table.partitionOf = { parent, bound };
    if (parentTable?.kind === 'Table' && parentTable.partitioning) parentTable.partitioning.partitions.push(bound);
  } else if (p.isWord('AS')) {
    return undefined; // CREATE TABLE … AS query: caller reports it
  } else {
    p.expectPunct('(');
    p.back();
    parseTableElements(p, ctx, table);
  }
  parseTableTail(p, ctx, table);
  if (table.inherits) inheritColumns(ctx, table);
  markPrimaryKeyNotNull(table);
  table.span = p.spanFrom(start);
  return table;
}

function parseTableTail(p: PgParser, ctx: PgContext, table: Table): void {
  for (;;) {
    if (p.acceptWord('INHERITS')) {
      p.expectPunct('(');
      const parents: QualifiedName[] = [];
      do parents.push(ctx.qualify(p.qname())); while (p.acceptPunct(','));
      p.expectPunct(')');
      table.inherits = parents;
    } else if (p.acceptSeq('PARTITION', 'BY')) {
      table.partitioning = parsePartitionBy(p);
    } else if (p.acceptWord('USING')) {
      table.options['access_method'] = p.ident().name;
    } else if (p.acceptWord('WITH')) {
      if (p.acceptWord('OIDS')) { table.options['oids'] = 'true'; continue; }
      parseStorageOptions(p, table.options);
    } else if (p.acceptSeq('WITHOUT', 'OIDS')) {
      // default; nothing to keep
    } else if (p.acceptSeq('ON', 'COMMIT')) {
      const action = p.acceptSeq('PRESERVE', 'ROWS') ? 'preserve rows' : p.acceptSeq('DELETE', 'ROWS') ? 'delete rows' : (p.expectWord('DROP'), 'drop');
      table.options['on_commit'] = action;
    } else if (p.acceptWord('TABLESPACE')) {
      table.tablespace = p.ident().name;
    } else break;
  }
}

export function parseStorageOptions(p: PgParser, into: Record<string, string>): void {
  p.expectPunct('(');
  do {
    const key = p.ident().name + (p.acceptPunct('.') ? '.' + p.ident().name : '');
    into[key] = p.acceptPunct('=') ? p.rawValue() : 'true';
  } while (p.acceptPunct(','));
  p.expectPunct(')');
}

function parsePartitionBy(p: PgParser): Partitioning {
  const method = p.expectOneOf('RANGE', 'LIST', 'HASH') as Partitioning['method'];
  p.expectPunct('(');
  const columns: string[] = [];
  let expr: Expr | undefined;
  do {
    if (p.isIdent() && (p.isPunctAt(1, ',') || p.isPunctAt(1, ')'))) columns.push(p.ident().name);
    else {
      const e = p.expr();
      if (columns.length === 0 && !expr) expr = e;
      else columns.push(p.textOf(e.span));
    }
    if (p.isWord('COLLATE')) { p.next(); p.qname(); }
    if (p.isIdent() && !p.isPunct(',') && !p.isPunct(')')) p.qname(); // opclass
  } while (p.acceptPunct(','));
  p.expectPunct(')');
  return { method, columns, ...(expr ? { expr } : {}), partitions: [] };
}

/** FOR VALUES … | DEFAULT */
export function parsePartitionBound(p: PgParser, name: string): PartitionDef {
  const start = p.tok;
  if (p.acceptWord('DEFAULT')) return { name, isDefault: true, span: p.spanFrom(start) };
  p.expectWord('FOR');
  p.expectWord('VALUES');
  if (p.acceptWord('IN')) {
    return { name, in: p.parenExprList(), span: p.spanFrom(start) };
  }
  if (p.acceptWord('FROM')) {
    const from = p.parenExprList();
    p.expectWord('TO');
    const to = p.parenExprList();
    return { name, from, to, span: p.spanFrom(start) };
  }
  p.expectWord('WITH');
  p.expectPunct('(');
  let modulus = 0, remainder = 0;
  do {
    const k = p.expectOneOf('MODULUS', 'REMAINDER');
    const v = p.integer();
    if (k === 'modulus') modulus = v; else remainder = v;
  } while (p.acceptPunct(','));
  p.expectPunct(')');
  return { name, modulus, remainder, span: p.spanFrom(start) };
}

/** ( column | table_constraint | LIKE … , … ) */
function parseTableElements(p: PgParser, ctx: PgContext, table: Table): void {
  p.expectPunct('(');
  if (p.acceptPunct(')')) return;
  do {
    const start = p.tok;
    if (p.isWord('CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE')) {
      table.constraints.push(parseTableConstraint(p, ctx));
    } else if (p.acceptWord('LIKE')) {
      parseLike(p, ctx, table, start);
    } else {
      parseColumnDef(p, ctx, table);
    }
  } while (p.acceptPunct(','));
  p.expectPunct(')');
}

/** A column definition; also used by ALTER TABLE … ADD COLUMN. */
export function parseColumnDef(p: PgParser, ctx: PgContext, table: Table): Column {
  const start = p.tok;
  const id = p.ident();
  let dataType: DataType;
  let identity: Column['identity'];
  if (p.isPunct(',') || p.isPunct(')') || p.isWord('WITH')) {
    // partition children: columns named only to add options/constraints
    dataType = { kind: 'DataType', name: 'unknown', sourceText: '', span: p.spanFrom(start) };
  } else {
    dataType = p.dataType();
    const serial = SERIAL_TYPES[dataType.sourceText.toLowerCase()];
    if (serial && !dataType.arrayDims) {
      dataType = { ...dataType, name: serial };
      identity = { style: 'serial' };
    }
  }
  const col: Column = { kind: 'Column', name: id.name, ...(id.quoted ? { quoted: true } : {}), dataType, nullable: true, span: p.spanFrom(start) };
  if (identity) { col.identity = identity; col.nullable = false; }
  if (p.acceptSeq('WITH', 'OPTIONS')) { /* typed tables */ }
  parseColumnConstraints(p, ctx, table, col);
  col.span = p.spanFrom(start);
  const existing = table.columns.findIndex((c) => c.name === col.name);
  if (existing >= 0 && col.dataType.name === 'unknown') {
    const prev = table.columns[existing]!;
    table.columns[existing] = { ...prev, ...(col.default ? { default: col.default } : {}), nullable: prev.nullable && col.nullable };
  } else table.columns.push(col);
  return col;
}

function constraintName(p: PgParser): string | undefined {
  if (!p.acceptWord('CONSTRAINT')) return undefined;
  return p.ident().name;
}

function parseColumnConstraints(p: PgParser, ctx: PgContext, table: Table, col: Column): void {
  for (;;) {
    const start = p.tok;
    const name = constraintName(p);
    if (p.acceptSeq('NOT', 'NULL')) col.nullable = false;
    else if (p.acceptWord('NULL')) col.nullable = true;
    else if (p.acceptWord('DEFAULT')) {
      col.default = p.expr();
      linkNextval(ctx, table, col);
    } else if (p.acceptWord('COLLATE')) col.collation = p.qnameText();
    else if (p.acceptWord('GENERATED')) parseGenerated(p, ctx, col, table);
    else if (p.acceptSeq('PRIMARY', 'KEY')) {
      table.constraints.push(withAttrs(p, { kind: 'PrimaryKey', ...(name ? { name } : {}), columns: [{ column: col.name }], span: p.spanFrom(start) }));
      col.nullable = false;
      indexParams(p);
    } else if (p.acceptWord('UNIQUE')) {
      const nnd = p.acceptSeq('NULLS', 'NOT', 'DISTINCT');
      p.acceptSeq('NULLS', 'DISTINCT');
      table.constraints.push(withAttrs(p, { kind: 'Unique', ...(name ? { name } : {}), columns: [{ column: col.name }], ...(nnd ? { nullsNotDistinct: true } : {}), span: p.spanFrom(start) }));
      indexParams(p);
    } else if (p.acceptWord('REFERENCES')) {
      const fk = parseReferences(p, ctx, [col.name], name, start);
      table.constraints.push(fk);
    } else if (p.acceptWord('CHECK')) {
      p.expectPunct('(');
      const expr = p.expr();
      p.expectPunct(')');
      const noInherit = p.acceptSeq('NO', 'INHERIT');
      table.constraints.push(withAttrs(p, { kind: 'Check', ...(name ? { name } : {}), expr, ...(noInherit ? { noInherit: true } : {}), span: p.spanFrom(start) }));
    } else if (p.acceptWord('STORAGE') || p.acceptWord('COMPRESSION')) {
      p.next();
    } else if (name) {
      throw p.error(`expected a column constraint after CONSTRAINT ${name}`);
    } else break;
  }
}

function parseGenerated(p: PgParser, ctx: PgContext, col: Column, table: Table): void {
  const start = p.tok;
  const always = p.acceptWord('ALWAYS');
  if (!always) { p.expectWord('BY'); p.expectWord('DEFAULT'); }
  p.expectWord('AS');
  if (p.acceptWord('IDENTITY')) {
    const ident: NonNullable<Column['identity']> = { style: always ? 'always' : 'byDefault' };
    if (p.acceptPunct('(')) {
      const opts = parseSequenceOptions(p);
      p.expectPunct(')');
      Object.assign(ident, opts.identity);
      if (opts.name) ident.sequence = ctx.qualify(opts.name);
    }
    col.identity = ident;
    return;
  }
  p.expectPunct('(');
  const expr = p.expr();
  p.expectPunct(')');
  let stored = true;
  if (p.acceptWord('STORED')) stored = true;
  else if (p.acceptWord('VIRTUAL')) {
    stored = false;
    ctx.diag(PG.virtualGenerated, p.spanFrom(start), `Column ${table.name.name}.${col.name} is a VIRTUAL generated column`, { type: 'table', name: table.name });
  }
  col.generated = { expr, stored };
}

/** DEFAULT nextval('seq'::regclass) on an integer column is the serial pattern: link them. */
export function linkNextval(ctx: PgContext, table: Table, col: Column): void {
  const seq = nextvalSequence(col.default);
  if (!seq) return;
  const qualified = ctx.qualify(seq);
  col.identity = { ...(col.identity ?? {}), style: col.identity?.style ?? 'serial', sequence: qualified };
  const s = ctx.findRelation(qualified);
  if (s?.kind === 'Sequence') {
    if (s.start !== undefined) col.identity.start = s.start;
    if (s.increment !== undefined) col.identity.increment = s.increment;
    if (!s.ownedBy) s.ownedBy = { table: table.name, column: col.name };
  }
}

/** nextval('name') / nextval('name'::regclass) → the sequence name. */
export function nextvalSequence(e: Expr | undefined): QualifiedName | undefined {
  if (!e || e.kind !== 'FunctionCall') return undefined;
  if (e.name.name.toLowerCase() !== 'nextval' || e.args.length !== 1) return undefined;
  let arg = e.args[0]!;
  if (arg.kind === 'Cast') arg = arg.expr;
  if (arg.kind !== 'Literal' || arg.type !== 'string') return undefined;
  return parseRegclassText(arg.value);
}

/** 'public."My Seq"' → { schema: 'public', name: 'My Seq' } with PostgreSQL's folding rules. */
export function parseRegclassText(text: string): QualifiedName {
  const parts: { v: string; q: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let v = '';
      i++;
      while (i < text.length) {
        if (text[i] === '"') { if (text[i + 1] === '"') { v += '"'; i += 2; continue; } i++; break; }
        v += text[i++];
      }
      parts.push({ v, q: true });
    } else {
      let j = text.indexOf('.', i);
      if (j < 0) j = text.length;
      parts.push({ v: text.slice(i, j).trim().toLowerCase(), q: false });
      i = j;
    }
    if (text[i] === '.') i++;
  }
  const last = parts.at(-1) ?? { v: text, q: false };
  const schema = parts.length > 1 ? parts[parts.length - 2]!.v : undefined;
  return { ...(schema ? { schema } : {}), name: last.v, ...(last.q ? { quoted: true } : {}) };
}

export interface SequenceOptions {
  identity: Partial<NonNullable<Column['identity']>>;
  dataType?: DataType;
  ownedBy?: { table: QualifiedName; column: string } | null;
  name?: QualifiedName;
}

/** Sequence options shared by CREATE/ALTER SEQUENCE and identity columns. */
export function parseSequenceOptions(p: PgParser): SequenceOptions {
  const out: SequenceOptions = { identity: {} };
  const id = out.identity;
  for (;;) {
    if (p.acceptWord('AS')) out.dataType = p.dataType();
    else if (p.acceptWord('START')) { p.acceptWord('WITH'); id.start = p.integer(); }
    else if (p.acceptWord('RESTART')) { if (p.acceptWord('WITH') || p.isNumber()) p.integer(); }
    else if (p.acceptWord('INCREMENT')) { p.acceptWord('BY'); id.increment = p.integer(); }
    else if (p.acceptWord('MINVALUE')) id.minValue = p.integer();
    else if (p.acceptWord('MAXVALUE')) id.maxValue = p.integer();
    else if (p.acceptSeq('NO', 'MINVALUE') || p.acceptSeq('NO', 'MAXVALUE')) { /* defaults */ }
    else if (p.acceptSeq('NO', 'CYCLE')) id.cycle = false;
    else if (p.acceptWord('CYCLE')) id.cycle = true;
    else if (p.acceptWord('CACHE')) id.cache = p.integer();
    else if (p.acceptSeq('SEQUENCE', 'NAME')) out.name = p.qname();
    else if (p.acceptSeq('OWNED', 'BY')) {
      if (p.acceptWord('NONE')) out.ownedBy = null;
      else {
        const parts = p.qnameParts();
        const column = parts.pop()!;
        const table: QualifiedName = parts.length > 1 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0] ?? '' };
        out.ownedBy = { table, column };
      }
    } else if (p.acceptWord('LOGGED') || p.acceptWord('UNLOGGED')) { /* storage only */ }
    else break;
  }
  return out;
}

function withAttrs<T extends Constraint>(p: PgParser, c: T): T {
  for (;;) {
    if (p.acceptSeq('NOT', 'DEFERRABLE')) c.deferrable = false;
    else if (p.acceptWord('DEFERRABLE')) c.deferrable = true;
    else if (p.acceptSeq('INITIALLY', 'DEFERRED')) c.initiallyDeferred = true;
    else if (p.acceptSeq('INITIALLY', 'IMMEDIATE')) c.initiallyDeferred = false;
    else if (p.acceptSeq('NOT', 'VALID')) c.enforced = false;
    else if (p.acceptSeq('NOT', 'ENFORCED')) c.enforced = false;
    else if (p.acceptWord('ENFORCED')) { /* default */ }
    else return c;
  }
}

/** INCLUDE (…) / WITH (…) / USING INDEX TABLESPACE x after PRIMARY KEY / UNIQUE. */
function indexParams(p: PgParser): void {
  for (;;) {
    if (p.acceptWord('INCLUDE')) p.parenIdentList();
    else if (p.isWord('WITH') && p.isPunctAt(1, '(')) { p.next(); parseStorageOptions(p, {}); }
    else if (p.acceptSeq('USING', 'INDEX', 'TABLESPACE')) p.ident();
    else return;
  }
}

const ACTIONS: Record<string, ReferentialAction> = { cascade: 'cascade', restrict: 'restrict' };

function parseAction(p: PgParser): ReferentialAction {
  if (p.acceptSeq('SET', 'NULL')) { if (p.isPunct('(')) p.parenIdentList(); return 'set null'; }
  if (p.acceptSeq('SET', 'DEFAULT')) { if (p.isPunct('(')) p.parenIdentList(); return 'set default'; }
  if (p.acceptSeq('NO', 'ACTION')) return 'no action';
  const w = p.expectOneOf('CASCADE', 'RESTRICT');
  return ACTIONS[w]!;
}

function parseReferences(p: PgParser, ctx: PgContext, columns: string[], name: string | undefined, start: Tok): Constraint {
  const refTable = ctx.qualify(p.qname());
  const refColumns = p.isPunct('(') ? p.parenIdentList() : [];
  const fk: Constraint = { kind: 'ForeignKey', ...(name ? { name } : {}), columns, refTable, refColumns, span: p.spanFrom(start) };
  for (;;) {
    if (p.acceptWord('MATCH')) fk.match = p.expectOneOf('FULL', 'PARTIAL', 'SIMPLE') as 'full' | 'partial' | 'simple';
    else if (p.acceptSeq('ON', 'DELETE')) fk.onDelete = parseAction(p);
    else if (p.acceptSeq('ON', 'UPDATE')) fk.onUpdate = parseAction(p);
    else break;
  }
  withAttrs(p, fk);
  fk.span = p.spanFrom(start);
  return fk;
}

function indexColumns(p: PgParser): IndexColumn[] {
  p.expectPunct('(');
  const cols: IndexColumn[] = [];
  do cols.push(parseIndexElement(p)); while (p.acceptPunct(','));
  p.expectPunct(')');
  return cols;
}

/** col | (expr) | func(…) [COLLATE c] [opclass] [ASC|DESC] [NULLS FIRST|LAST] */
export function parseIndexElement(p: PgParser): IndexColumn {
  const ic: IndexColumn = {};
  if (p.isIdent() && (p.isPunctAt(1, ',') || p.isPunctAt(1, ')') || p.isIdentAt(1))) {
    ic.column = p.ident().name;
  } else {
    const e = p.expr();
    if (e.kind === 'ColumnRef' && e.parts.length === 1) ic.column = e.parts[0]!;
    else ic.expr = e;
  }
  if (p.acceptWord('COLLATE')) ic.collation = p.qnameText();
  if (p.isIdent() && !p.isWord('ASC', 'DESC', 'NULLS')) {
    ic.opclass = p.qnameText();
    if (p.isPunct('(')) p.skipParens();
  }
  if (p.acceptWord('ASC')) ic.direction = 'asc';
  else if (p.acceptWord('DESC')) ic.direction = 'desc';
  if (p.acceptWord('NULLS')) ic.nulls = p.expectOneOf('FIRST', 'LAST') as 'first' | 'last';
  return ic;
}

/** A table constraint; also used by ALTER TABLE … ADD. */
export function parseTableConstraint(p: PgParser, ctx: PgContext): Constraint {
  const start = p.tok;
  const name = constraintName(p);
  const named = name ? { name } : {};
  if (p.acceptSeq('PRIMARY', 'KEY')) {
    const c = { kind: 'PrimaryKey' as const, ...named, columns: indexColumns(p), span: p.spanFrom(start) };
    indexParams(p);
    return withAttrs(p, c);
  }
  if (p.acceptWord('UNIQUE')) {
    const nnd = p.acceptSeq('NULLS', 'NOT', 'DISTINCT');
    p.acceptSeq('NULLS', 'DISTINCT');
    const c = { kind: 'Unique' as const, ...named, columns: indexColumns(p), ...(nnd ? { nullsNotDistinct: true } : {}), span: p.spanFrom(start) };
    indexParams(p);
    return withAttrs(p, c);
  }
  if (p.acceptSeq('FOREIGN', 'KEY')) {
    const cols = p.parenIdentList();
    p.expectWord('REFERENCES');
    return parseReferences(p, ctx, cols, name, start);
  }
  if (p.acceptWord('CHECK')) {
    p.expectPunct('(');
    const expr = p.expr();
    p.expectPunct(')');
    const noInherit = p.acceptSeq('NO', 'INHERIT');
    return withAttrs(p, { kind: 'Check', ...named, expr, ...(noInherit ? { noInherit: true } : {}), span: p.spanFrom(start) });
  }
  if (p.acceptWord('EXCLUDE')) {
    if (p.acceptWord('USING')) p.ident();
    p.skipParens();
    indexParams(p);
    if (p.acceptWord('WHERE')) { p.expectPunct('('); p.expr(); p.expectPunct(')'); }
    const c = withAttrs(p, { kind: 'OtherConstraint' as const, ...named, text: '', reason: 'EXCLUDE constraint', span: p.spanFrom(start) });
    c.text = p.textOf(c.span);
    return c;
  }
  throw p.error('expected PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or EXCLUDE');
}

/** PostgreSQL makes primary key columns NOT NULL. */
export function markPrimaryKeyNotNull(table: Table): void {
  for (const c of table.constraints) {
    if (c.kind !== 'PrimaryKey') continue;
    for (const ic of c.columns) {
      const col = ic.column ? table.columns.find((x) => x.name === ic.column) : undefined;
      if (col) col.nullable = false;
    }
  }
}

/**
 * LIKE source [INCLUDING/EXCLUDING …]: the source's columns with their types and NOT NULL;
 * defaults, identity, generated expressions and CHECK constraints only when included, as in PostgreSQL.
 */
function parseLike(p: PgParser, ctx: PgContext, table: Table, start: Tok): void {
  const srcName = ctx.qualify(p.qname());
  const inc = new Set<string>();
  while (p.isWord('INCLUDING', 'EXCLUDING')) {
    const on = p.next().upper === 'INCLUDING';
    const what = p.next().upper;
    const all = what === 'ALL' ? ['DEFAULTS', 'IDENTITY', 'GENERATED', 'CONSTRAINTS', 'COMMENTS', 'INDEXES', 'STORAGE', 'STATISTICS', 'COMPRESSION'] : [what];
    for (const w of all) if (on) inc.add(w); else inc.delete(w);
  }
  const src = ctx.findRelation(srcName);
  if (src?.kind !== 'Table') {
    ctx.diag(PG.unknownTarget, p.spanFrom(start), `CREATE TABLE ${table.name.name} (LIKE ${srcName.name}): the source table is not defined earlier in the scripts; its columns are missing`, { type: 'table', name: table.name });
    return;
  }
  for (const c of src.columns) {
    const col: Column = JSON.parse(JSON.stringify(c)) as Column;
    if (!inc.has('DEFAULTS')) delete col.default;
    if (col.identity?.style === 'serial') {
      // the copy's default is nextval() of the source's own sequence
      if (inc.has('DEFAULTS')) col.identity = { style: 'serial', sequence: serialSequence(src, c) };
      else delete col.identity;
    } else if (!inc.has('IDENTITY')) delete col.identity;
    if (!inc.has('GENERATED')) delete col.generated;
    if (!inc.has('COMMENTS')) delete col.comment;
    table.columns.push(col);
  }
  if (inc.has('CONSTRAINTS')) for (const k of src.constraints) if (k.kind === 'Check') table.constraints.push(JSON.parse(JSON.stringify(k)) as Constraint);
  if (inc.has('INDEXES')) {
    for (const k of src.constraints) {
      if (k.kind === 'PrimaryKey' || k.kind === 'Unique') { const copy = JSON.parse(JSON.stringify(k)) as Constraint; delete copy.name; table.constraints.push(copy); }
    }
    ctx.diag(PG.alterIgnored, p.spanFrom(start), `CREATE TABLE ${table.name.name} (LIKE ${srcName.name} INCLUDING INDEXES): primary key and unique constraints are copied, other indexes are not`, { type: 'table', name: table.name });
  }
}

/**
 * INHERITS: the child has its parents' columns first (in order), then its own; a column the child
 * declares again is merged (NOT NULL if either says so, the child's default wins), as PostgreSQL does.
 */
function inheritColumns(ctx: PgContext, table: Table): void {
  const out: Column[] = [];
  for (const parentName of table.inherits ?? []) {
    const parent = ctx.findRelation(parentName);
    if (parent?.kind !== 'Table') continue;
    for (const c of parent.columns) {
      if (out.some((x) => x.name === c.name)) continue;
      const copy = copyColumn(parent, c);
      if (copy.identity?.style !== 'serial') delete copy.identity;
      out.push(copy);
    }
  }
  for (const c of table.columns) {
    const i = out.findIndex((x) => x.name === c.name);
    if (i < 0) { out.push(c); continue; }
    const inherited = out[i]!;
    out[i] = { ...inherited, ...c, nullable: inherited.nullable && c.nullable, ...(c.default ?? inherited.default ? { default: c.default ?? inherited.default! } : {}) };
  }
  table.columns = out;
}

/** The sequence behind a serial column: named explicitly, or PostgreSQL's <table>_<column>_seq. */
export function serialSequence(table: Table, c: Column): QualifiedName {
  return c.identity?.sequence ?? { ...(table.name.schema ? { schema: table.name.schema } : {}), name: `${table.name.name}_${c.name}_seq` };
}

/** A copy of a column for a child table; a serial column keeps drawing from the parent's sequence. */
function copyColumn(parent: Table, c: Column): Column {
  const copy = JSON.parse(JSON.stringify(c)) as Column;
  if (copy.identity?.style === 'serial') copy.identity.sequence = serialSequence(parent, c);
  return copy;
}
