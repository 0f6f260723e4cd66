// Oracle live extraction: bulk dictionary reads → rebuilt Oracle DDL per object (and ALL_SOURCE
// for code) → the Oracle front end, so live objects and scripts give the same IR.
// Written from Oracle's documented dictionary views; not verified against a live server.
import type { Catalog, CatalogObject, Diagnostic, DiagnosticDef, SourceFile } from '../../../../converters/model/index.js';
import { frontEndFor } from '../../../../converters/convert.js';
import { extractDiagnostic, EXTRACT_CODES, groupBy } from '../common.js';
import type { Extractor } from '../types.js';
import {
  codeDdl, indexDdl, isWrapped, longText, mviewDdl, sequenceDdl, synonymDdl, tableDdl, viewDdl,
  type IndexParts, type ResolvedConstraint, type TableParts,
} from './ddl.js';
import { oqi } from './names.js';
import { num, readOracleCatalog, type OracleCatalogRows, type SequenceRow } from './queries.js';

export const ORACLE_EXTRACT_CODES = {
  wrapped: {
    code: 'EX0101', severity: 'high', effort: 'significant', title: 'Wrapped PL/SQL cannot be read',
    recommendation: 'Obtain the unwrapped source of this unit (version control, or its vendor) and convert it from that script.',
  },
  noFrontEnd: {
    code: 'EX0102', severity: 'critical', effort: 'significant', title: 'No Oracle front end in this build',
    recommendation: 'Use a dbshift build with the Oracle front end; the rebuilt DDL is in the extraction sources meanwhile.',
  },
} satisfies Record<string, DiagnosticDef>;

const file = (schema: string, kind: string, name: string): string => `live/${schema}/${kind}/${name}.sql`;
const k2 = (a: string, b: string): string => `${a}\u0000${b}`;
const CODE_KIND: Record<string, string> = {
  PACKAGE: 'package', 'PACKAGE BODY': 'package', TYPE: 'type', 'TYPE BODY': 'type', PROCEDURE: 'procedure', FUNCTION: 'function', TRIGGER: 'trigger',
};

interface Built { sources: SourceFile[]; diagnostics: Diagnostic[]; wrapped: Map<string, { schema: string; name: string; type: string }> }

/** Rows → one Oracle DDL file per object (exported for the unit tests). */
export function buildOracleSources(rows: OracleCatalogRows): Built {
  const diagnostics: Diagnostic[] = rows.missing.map((m) => extractDiagnostic(EXTRACT_CODES.catalogIncomplete, m));
  const sources: SourceFile[] = [];
  const add = (path: string, text: string): void => { sources.push({ path, text }); };
  const report = (def: DiagnosticDef, msg: string, type: string, schema: string, name: string, path?: string): void => {
    diagnostics.push(extractDiagnostic(def, msg, { type, schema, name }, path));
  };

  const colsBy = groupBy(rows.columns, (c) => k2(c.OWNER, c.TABLE_NAME));
  const consBy = groupBy(rows.constraints, (c) => k2(c.OWNER, c.TABLE_NAME));
  const consColsBy = groupBy(rows.consColumns, (c) => k2(c.OWNER, c.CONSTRAINT_NAME));
  const seqBy = new Map(rows.sequences.map((q) => [k2(q.SEQUENCE_OWNER, q.SEQUENCE_NAME), q]));
  const idsBy = groupBy(rows.identities, (i) => k2(i.OWNER, i.TABLE_NAME));
  const partBy = new Map(rows.partTables.map((p) => [k2(p.OWNER, p.TABLE_NAME), p]));
  const partKeysBy = groupBy(rows.partKeys, (p) => k2(p.OWNER, p.NAME));
  const partitionsBy = groupBy(rows.partitions, (p) => k2(p.TABLE_OWNER, p.TABLE_NAME));
  const tabComment = new Map(rows.tabComments.map((c) => [k2(c.OWNER, c.TABLE_NAME), c.COMMENTS]));
  const colCommentsBy = groupBy(rows.colComments, (c) => k2(c.OWNER, c.TABLE_NAME));
  const mviewContainers = new Set(rows.mviews.map((m) => k2(m.OWNER, m.CONTAINER_NAME)));
  const identitySeqs = new Set(rows.identities.map((i) => k2(i.OWNER, i.SEQUENCE_NAME)));
  const byPosition = <T extends { POSITION: unknown }>(a: T, b: T): number => Number(a.POSITION ?? 0) - Number(b.POSITION ?? 0);
  const consCols = (owner: string, name: string): string[] => [...(consColsBy.get(k2(owner, name)) ?? [])].sort(byPosition).map((c) => c.COLUMN_NAME);
  const resolve = (c: OracleCatalogRows['constraints'][number]): ResolvedConstraint => {
    const r: ResolvedConstraint = { row: c, columns: consCols(c.OWNER, c.CONSTRAINT_NAME) };
    if (c.CONSTRAINT_TYPE === 'R' && c.R_OWNER && c.R_CONSTRAINT_NAME) {
      const refCols = consColsBy.get(k2(c.R_OWNER, c.R_CONSTRAINT_NAME));
      if (refCols?.length) r.ref = { owner: c.R_OWNER, table: refCols[0]!.TABLE_NAME, columns: [...refCols].sort(byPosition).map((x) => x.COLUMN_NAME) };
    }
    return r;
  };

  for (const s of rows.sequences) {
    if (identitySeqs.has(k2(s.SEQUENCE_OWNER, s.SEQUENCE_NAME)) || s.SEQUENCE_NAME.startsWith('ISEQ$$_')) continue;
    add(file(s.SEQUENCE_OWNER, 'sequence', s.SEQUENCE_NAME), sequenceDdl(s));
  }

  for (const t of rows.tables) {
    const key = k2(t.OWNER, t.TABLE_NAME);
    // Materialized-view containers come with their view; MLOG$_/RUPD$_ (materialized view logs)
    // and DR$ (Oracle Text) tables are Oracle's own, made by the objects they serve.
    if (mviewContainers.has(key) || /^(BIN\$|MLOG\$_|RUPD\$_|DR\$)/.test(t.TABLE_NAME)) continue;
    const path = file(t.OWNER, 'table', t.TABLE_NAME);
    const identities = new Map<string, { row: OracleCatalogRows['identities'][number]; sequence?: SequenceRow }>();
    for (const i of idsBy.get(key) ?? []) {
      const sequence = seqBy.get(k2(i.OWNER, i.SEQUENCE_NAME));
      identities.set(i.COLUMN_NAME, sequence ? { row: i, sequence } : { row: i });
    }
    // ALL_TAB_IDENTITY_COLS unreadable: the column's default still names its ISEQ$$_ sequence
    // (how it is generated, ALWAYS or BY DEFAULT, is then unknown: BY DEFAULT refuses nothing).
    for (const c of colsBy.get(key) ?? []) {
      if (c.IDENTITY_COLUMN !== 'YES' || identities.has(c.COLUMN_NAME)) continue;
      const m = /"([^"]+)"\."(ISEQ\$\$_\d+)"\.nextval/i.exec(c.DATA_DEFAULT ?? '');
      const sequence = m ? seqBy.get(k2(m[1]!, m[2]!)) : undefined;
      const row = { OWNER: t.OWNER, TABLE_NAME: t.TABLE_NAME, COLUMN_NAME: c.COLUMN_NAME, GENERATION_TYPE: 'BY DEFAULT', SEQUENCE_NAME: m?.[2] ?? '', IDENTITY_OPTIONS: null };
      identities.set(c.COLUMN_NAME, sequence ? { row, sequence } : { row });
    }
    const pt = partBy.get(key);
    const parts: TableParts = {
      table: t, columns: colsBy.get(key) ?? [], identities,
      constraints: (consBy.get(key) ?? []).filter((c) => ['P', 'U', 'R', 'C'].includes(c.CONSTRAINT_TYPE)).map(resolve),
      ...(pt ? { partitioning: { table: pt, keys: (partKeysBy.get(key) ?? []).map((p) => p.COLUMN_NAME), partitions: partitionsBy.get(key) ?? [] } } : {}),
      ...(tabComment.has(key) ? { comment: tabComment.get(key)! } : {}),
      columnComments: new Map((colCommentsBy.get(key) ?? []).map((c) => [c.COLUMN_NAME, c.COMMENTS])),
    };
    add(path, tableDdl(parts, (m) => report(EXTRACT_CODES.unsupportedObject, `table ${t.OWNER}.${t.TABLE_NAME}: ${m}`, 'table', t.OWNER, t.TABLE_NAME, path)));
  }

  // Indexes that a primary key or unique constraint uses on exactly its columns come with the
  // constraint; the others are rebuilt.
  const keyIndexes = new Map<string, string[]>();
  for (const c of rows.constraints) {
    if ((c.CONSTRAINT_TYPE === 'P' || c.CONSTRAINT_TYPE === 'U') && c.INDEX_NAME) keyIndexes.set(k2(c.INDEX_OWNER ?? c.OWNER, c.INDEX_NAME), consCols(c.OWNER, c.CONSTRAINT_NAME));
  }
  const indColsBy = groupBy(rows.indColumns, (c) => k2(c.INDEX_OWNER, c.INDEX_NAME));
  const exprBy = new Map(rows.indExpressions.map((e) => [`${k2(e.INDEX_OWNER, e.INDEX_NAME)}\u0000${num(e.COLUMN_POSITION)}`, e.COLUMN_EXPRESSION]));
  for (const i of rows.indexes) {
    const key = k2(i.OWNER, i.INDEX_NAME);
    const path = file(i.OWNER, 'index', i.INDEX_NAME);
    if (i.INDEX_TYPE.includes('DOMAIN')) {
      report(EXTRACT_CODES.unsupportedObject, `index ${i.OWNER}.${i.INDEX_NAME} is a domain index (e.g. Oracle Text): not extracted`, 'index', i.OWNER, i.INDEX_NAME);
      continue;
    }
    const columns: IndexParts['columns'] = (indColsBy.get(key) ?? []).map((c) => {
      const expr = exprBy.get(`${key}\u0000${num(c.COLUMN_POSITION)}`);
      // DESC columns are function-based too: their expression is just the quoted column.
      const plain = expr !== undefined ? /^\s*"([^"]+)"\s*$/.exec(expr)?.[1] : c.COLUMN_NAME;
      return { text: plain !== undefined ? oqi(plain) : longText(expr), desc: c.DESCEND === 'DESC' };
    });
    const keyCols = keyIndexes.get(key);
    if (keyCols && keyCols.length === columns.length && columns.every((c, n) => c.text === oqi(keyCols[n]!) && !c.desc)) continue;
    if (i.PARTITIONED === 'YES') report(EXTRACT_CODES.unsupportedObject, `index ${i.OWNER}.${i.INDEX_NAME} is partitioned: extracted as one index`, 'index', i.OWNER, i.INDEX_NAME, path);
    add(path, indexDdl({ index: i, columns }));
  }

  const viewConsBy = groupBy(rows.constraints.filter((c) => c.CONSTRAINT_TYPE === 'O' || c.CONSTRAINT_TYPE === 'V'), (c) => k2(c.OWNER, c.TABLE_NAME));
  for (const v of rows.views) {
    const key = k2(v.OWNER, v.VIEW_NAME);
    if (v.TEXT === null || longText(v.TEXT) === '') {
      report(EXTRACT_CODES.noDefinition, `view ${v.OWNER}.${v.VIEW_NAME}: the dictionary returned no text`, 'view', v.OWNER, v.VIEW_NAME);
      continue;
    }
    const vc = viewConsBy.get(key) ?? [];
    const readOnly = vc.find((c) => c.CONSTRAINT_TYPE === 'O');
    const checkOption = vc.find((c) => c.CONSTRAINT_TYPE === 'V');
    add(file(v.OWNER, 'view', v.VIEW_NAME), viewDdl({
      view: v, columns: (colsBy.get(key) ?? []).map((c) => c.COLUMN_NAME),
      ...(readOnly ? { readOnly } : {}), ...(checkOption ? { checkOption } : {}),
      ...(tabComment.has(key) ? { comment: tabComment.get(key)! } : {}),
      columnComments: new Map((colCommentsBy.get(key) ?? []).map((c) => [c.COLUMN_NAME, c.COMMENTS])),
    }));
  }
  for (const m of rows.mviews) {
    if (m.QUERY === null) { report(EXTRACT_CODES.noDefinition, `materialized view ${m.OWNER}.${m.MVIEW_NAME}: the dictionary returned no query`, 'materialized view', m.OWNER, m.MVIEW_NAME); continue; }
    add(file(m.OWNER, 'materialized-view', m.MVIEW_NAME), mviewDdl(m, tabComment.get(k2(m.OWNER, m.MVIEW_NAME))));
  }
  for (const s of rows.synonyms) add(file(s.OWNER, 'synonym', s.SYNONYM_NAME), synonymDdl(s));

  // Code: ALL_SOURCE lines in LINE order; a package's (type's) spec and body share one file.
  const wrapped: Built['wrapped'] = new Map();
  const units = groupBy([...rows.source].sort((a, b) => Number(a.LINE) - Number(b.LINE)), (s) => `${k2(s.OWNER, s.NAME)}\u0000${s.TYPE}`);
  const trigStatus = new Map(rows.triggers.map((t) => [k2(t.OWNER, t.TRIGGER_NAME), t]));
  const byFile = new Map<string, string[]>();
  const order = ['PACKAGE', 'TYPE', 'PACKAGE BODY', 'TYPE BODY', 'PROCEDURE', 'FUNCTION', 'TRIGGER'];
  const sortedUnits = [...units.values()].sort((a, b) => order.indexOf(a[0]!.TYPE) - order.indexOf(b[0]!.TYPE));
  for (const lines of sortedUnits) {
    const { OWNER: owner, NAME: name, TYPE: type } = lines[0]!;
    const path = file(owner, CODE_KIND[type] ?? 'code', name);
    const text = lines.map((l) => l.TEXT ?? '').join('');
    if (isWrapped(text)) wrapped.set(path, { schema: owner, name, type: type.toLowerCase() });
    let ddl = codeDdl(owner, text);
    if (type === 'TRIGGER' && trigStatus.get(k2(owner, name))?.STATUS === 'DISABLED') ddl += `ALTER TRIGGER ${oqi(owner)}.${oqi(name)} DISABLE;\n`;
    const list = byFile.get(path);
    if (list) list.push(ddl); else byFile.set(path, [ddl]);
  }
  for (const [path, parts] of byFile) add(path, parts.join('\n'));
  const withSource = new Set(rows.source.filter((s) => s.TYPE === 'TRIGGER').map((s) => k2(s.OWNER, s.NAME)));
  for (const t of rows.triggers) {
    if (withSource.has(k2(t.OWNER, t.TRIGGER_NAME))) continue;
    if (!t.DESCRIPTION || !t.TRIGGER_BODY) {
      report(EXTRACT_CODES.noDefinition, `trigger ${t.OWNER}.${t.TRIGGER_NAME}: its source is not visible to this user`, 'trigger', t.OWNER, t.TRIGGER_NAME);
      continue;
    }
    const when = t.WHEN_CLAUSE ? `WHEN (${longText(t.WHEN_CLAUSE)})\n` : '';
    let ddl = codeDdl(t.OWNER, `TRIGGER ${t.DESCRIPTION.replace(/\s+$/, '')}\n${when}${t.TRIGGER_BODY}`);
    if (t.STATUS === 'DISABLED') ddl += `ALTER TRIGGER ${oqi(t.OWNER)}.${oqi(t.TRIGGER_NAME)} DISABLE;\n`;
    add(file(t.OWNER, 'trigger', t.TRIGGER_NAME), ddl);
  }
  for (const o of rows.otherObjects) {
    report(EXTRACT_CODES.unsupportedObject, `${o.OBJECT_TYPE.toLowerCase()} ${o.OWNER}.${o.OBJECT_NAME} is not extracted`, o.OBJECT_TYPE.toLowerCase(), o.OWNER, o.OBJECT_NAME);
  }
  return { sources, diagnostics, wrapped };
}

/** Parses each schema's files with that schema as the default for unqualified names. */
export function parseOracleSources(built: Built, serverVersion?: string): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const diagnostics = [...built.diagnostics];
  let fe;
  try { fe = frontEndFor('oracle'); } catch {
    diagnostics.push(extractDiagnostic(ORACLE_EXTRACT_CODES.noFrontEnd, `${built.sources.length} object definition(s) were read but cannot be parsed: this build has no Oracle front end`));
  }
  const objects: CatalogObject[] = [];
  if (fe) {
    for (const [schema, files] of groupBy(built.sources, (s) => s.path.split('/')[1] ?? '')) {
      const parsed = fe.parse(files, { defaultSchema: schema, ...(serverVersion ? { serverVersion } : {}) });
      objects.push(...parsed.catalog.objects);
      diagnostics.push(...parsed.diagnostics);
    }
  }
  // The front end reports wrapped units itself; where it said nothing about one, say it here.
  for (const [path, u] of built.wrapped) {
    if (!diagnostics.some((d) => d.span.file === path && /wrap/i.test(d.message))) {
      diagnostics.push(extractDiagnostic(ORACLE_EXTRACT_CODES.wrapped, `${u.type} ${u.schema}.${u.name} is wrapped (obfuscated) PL/SQL: its code cannot be converted`, { type: u.type, schema: u.schema, name: u.name }, path));
    }
  }
  return { catalog: { dialect: 'oracle', objects, ...(serverVersion ? { serverVersion } : {}) }, diagnostics };
}

/** Sequences continue after the last number Oracle wrote to disk (never a value handed out). */
export function applySequenceValues(catalog: Catalog, sequences: SequenceRow[]): void {
  const by = new Map(sequences.map((q) => [k2(q.SEQUENCE_OWNER.toUpperCase(), q.SEQUENCE_NAME.toUpperCase()), q]));
  for (const o of catalog.objects) {
    if (o.kind !== 'Sequence') continue;
    const q = by.get(k2((o.name.schema ?? '').toUpperCase(), o.name.name.toUpperCase()));
    const last = num(q?.LAST_NUMBER);
    const inc = num(q?.INCREMENT_BY) ?? 1;
    if (last === undefined || !Number.isSafeInteger(last)) continue;
    const current = last - inc;
    const min = num(q?.MIN_VALUE);
    const max = num(q?.MAX_VALUE);
    // An unused sequence has nothing to continue from: START WITH carries it.
    if ((min !== undefined && current < min) || (max !== undefined && current > max)) continue;
    o.currentValue = current;
  }
}

export const extractOracle: Extractor = async (c, schemas, opts) => {
  opts.onProgress?.('reading the Oracle data dictionary');
  const rows = await readOracleCatalog(c, schemas);
  opts.onProgress?.(`read ${rows.dictionary}_ views of ${rows.schemas.join(', ') || 'no schema'}`);
  const built = buildOracleSources(rows);
  opts.onProgress?.(`parsing ${built.sources.length} object definition(s)`);
  const parsed = parseOracleSources(built, c.serverVersion);
  applySequenceValues(parsed.catalog, rows.sequences);
  return { catalog: parsed.catalog, diagnostics: parsed.diagnostics, sources: built.sources };
};
