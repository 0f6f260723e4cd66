// Bulk pg_catalog reads: one query per catalog for all requested schemas, never one per object.
// Objects that belong to extensions are left out (the extension recreates them).
import type { Connection } from '../../connectors/index.js';

export interface NsRow { oid: number; name: string; comment: string | null }
export interface RelRow {
  oid: number; schema: string; name: string; relkind: string; persistence: string; ispartition: boolean;
  partkey: string | null; partbound: string | null; parents: string[] | null; reloptions: string[] | null;
  viewdef: string | null; comment: string | null;
}
export interface AttRow {
  relid: number; name: string; num: number; type: string; notnull: boolean; def: string | null; identity: string;
  generated: string; collation: string | null; islocal: boolean; comment: string | null;
  seq: { start: string; inc: string; min: string; max: string; cache: string; cycle: boolean } | null;
}
export interface ConRow { relid: number; name: string; type: string; def: string }
export interface IdxRow { relid: number; schema: string; name: string; def: string; comment: string | null }
export interface SeqRow {
  schema: string; name: string; type: string; start: string; inc: string; min: string; max: string; cache: string; cycle: boolean;
  last_value: string | null; owner_table: string | null; owner_schema: string | null; owner_column: string | null; comment: string | null;
}
export interface TypeRow {
  schema: string; name: string; typtype: string; labels: string[] | null; basetype: string | null; notnull: boolean; def: string | null;
  collation: string | null; checks: { name: string; def: string }[] | null; attrs: { name: string; type: string }[] | null; comment: string | null;
}
export interface ProcRow {
  schema: string; name: string; prokind: string; def: string | null; identity_args: string; comment: string | null; lang: string;
  /** Aggregates: what CREATE AGGREGATE needs. */
  agg: { kind: string; sfunc: string; stype: string; finalfunc: string | null; combinefunc: string | null; initcond: string | null; sortop: string | null } | null;
}
export interface TrigRow { schema: string; table: string; name: string; def: string; comment: string | null }

export interface PgCatalogRows {
  namespaces: NsRow[]; relations: RelRow[]; attributes: AttRow[]; constraints: ConRow[]; indexes: IdxRow[];
  sequences: SeqRow[]; types: TypeRow[]; procs: ProcRow[]; triggers: TrigRow[]; missing: string[];
}

const notExtension = (cls: string, col: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${cls}'::regclass AND d.objid = ${col} AND d.deptype = 'e')`;

/** With a `helper` connection the reads run as two concurrent chains (the server works on both). */
export async function readPgCatalog(c: Connection, wanted: string[] | undefined, helper?: Connection): Promise<PgCatalogRows> {
  const missing: string[] = [];
  const all = await c.query<NsRow>(`SELECT n.oid::int AS oid, n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment
    FROM pg_namespace n WHERE n.nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%'
      AND ${notExtension('pg_namespace', 'n.oid')} ORDER BY n.nspname`);
  const namespaces = all.filter((n) => !wanted || wanted.includes(n.name));
  if (wanted) for (const w of wanted) if (!namespaces.some((n) => n.name === w)) missing.push(`schema ${w} does not exist or is not visible to this user`);
  const empty: PgCatalogRows = { namespaces, relations: [], attributes: [], constraints: [], indexes: [], sequences: [], types: [], procs: [], triggers: [], missing };
  if (namespaces.length === 0) return empty;
  const p = [namespaces.map((n) => n.oid)];
  const on = (conn: Connection) => <T>(sql: string): Promise<T[]> => conn.query(sql, p) as Promise<T[]>;
  const [a, b] = await Promise.all([chainA(on(c)), chainB(on(helper ?? c))]);
  return { namespaces, ...a, ...b, missing };


  async function chainA(q: ReturnType<typeof on>) {
    const attributes = await q<AttRow>(`SELECT a.attrelid::int AS relid, a.attname AS name, a.attnum::int AS num,
        format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, pg_get_expr(ad.adbin, ad.adrelid) AS def,
        a.attidentity::text AS identity, a.attgenerated::text AS generated,
        CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = a.attcollation) END AS collation,
        a.attislocal AS islocal, ds.description AS comment,
        CASE WHEN idn.seqrelid IS NOT NULL THEN json_build_object('start', idn.seqstart::text, 'inc', idn.seqincrement::text, 'min', idn.seqmin::text,
          'max', idn.seqmax::text, 'cache', idn.seqcache::text, 'cycle', idn.seqcycle) END AS seq
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
      LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
      LEFT JOIN (SELECT d.refobjid, d.refobjsubid, s.* FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
                 WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i') idn
        ON idn.refobjid = a.attrelid AND idn.refobjsubid = a.attnum AND a.attidentity <> ''
      WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`);
    const relations = await q<RelRow>(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
        c.relpersistence::text AS persistence, c.relispartition AS ispartition,
        CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
        CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partbound,
        (SELECT array_agg(quote_ident(pn.nspname) || '.' || quote_ident(pc.relname) ORDER BY i.inhseqno) FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) AS parents,
        c.reloptions, CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS viewdef,
        obj_description(c.oid, 'pg_class') AS comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${notExtension('pg_class', 'c.oid')}
      ORDER BY n.nspname, c.relname`);
    const types = await q<TypeRow>(`SELECT n.nspname AS schema, t.typname AS name, t.typtype::text AS typtype,
        CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
        CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS basetype, t.typnotnull AS notnull, t.typdefault AS def,
        CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> (SELECT bt.typcollation FROM pg_type bt WHERE bt.oid = t.typbasetype)
          THEN (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = t.typcollation) END AS collation,
        CASE WHEN t.typtype = 'd' THEN (SELECT json_agg(json_build_object('name', co.conname, 'def', pg_get_constraintdef(co.oid)) ORDER BY co.conname)
          FROM pg_constraint co WHERE co.contypid = t.oid) END AS checks,
        CASE WHEN t.typtype = 'c' THEN (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
          FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attrs,
        obj_description(t.oid, 'pg_type') AS comment
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typnamespace = ANY($1::oid[]) AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
        AND ${notExtension('pg_type', 't.oid')}
      ORDER BY n.nspname, t.typname`);
    return { attributes, relations, types };
  }

  async function chainB(q: ReturnType<typeof on>) {
    const indexes = await q<IdxRow>(`SELECT i.indrelid::int AS relid, n.nspname AS schema, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def,
        obj_description(i.indexrelid, 'pg_class') AS comment
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
      WHERE ic.relnamespace = ANY($1::oid[])
        -- NOT IN over small id lists becomes a hashed subplan; pg_constraint has no index on conindid.
        AND i.indexrelid NOT IN (SELECT co.conindid FROM pg_constraint co WHERE co.contype IN ('p', 'u', 'x') AND co.conindid <> 0)
        AND i.indexrelid NOT IN (SELECT h.inhrelid FROM pg_inherits h)
        AND ${notExtension('pg_class', 'i.indexrelid')}
      ORDER BY n.nspname, ic.relname`);
    const constraints = await q<ConRow>(`SELECT co.conrelid::int AS relid, co.conname AS name, co.contype::text AS type, pg_get_constraintdef(co.oid) AS def
      FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid
      WHERE c.relnamespace = ANY($1::oid[]) AND co.contype IN ('p', 'u', 'f', 'c', 'x') AND co.conislocal
      ORDER BY co.conrelid, CASE co.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'x' THEN 3 ELSE 4 END, co.conname`);
    const sequences = await q<SeqRow>(`SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
        s.seqincrement::text AS inc, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
        ps.last_value::text AS last_value, oc.relname AS owner_table, onsp.nspname AS owner_schema, oa.attname AS owner_column,
        obj_description(c.oid, 'pg_class') AS comment
      FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
      LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      LEFT JOIN pg_class oc ON oc.oid = d.refobjid LEFT JOIN pg_namespace onsp ON onsp.oid = oc.relnamespace
      LEFT JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
      WHERE c.relnamespace = ANY($1::oid[]) AND (d.deptype IS NULL OR d.deptype <> 'i') AND ${notExtension('pg_class', 'c.oid')}
      ORDER BY n.nspname, c.relname`);
    const procs = await q<ProcRow>(`SELECT n.nspname AS schema, p.proname AS name, p.prokind::text AS prokind,
        CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS def,
        pg_get_function_identity_arguments(p.oid) AS identity_args, obj_description(p.oid, 'pg_proc') AS comment, l.lanname AS lang,
        CASE WHEN a.aggfnoid IS NOT NULL THEN json_build_object('kind', a.aggkind, 'sfunc', a.aggtransfn::regproc::text,
          'stype', format_type(a.aggtranstype, NULL), 'finalfunc', NULLIF(a.aggfinalfn, 0)::regproc::text,
          'combinefunc', NULLIF(a.aggcombinefn, 0)::regproc::text, 'initcond', a.agginitval,
          'sortop', CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoperator::text END) END AS agg
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
      WHERE p.pronamespace = ANY($1::oid[]) AND ${notExtension('pg_proc', 'p.oid')}
      ORDER BY n.nspname, p.proname, p.oid`);
    const triggers = await q<TrigRow>(`SELECT n.nspname AS schema, c.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS def,
        obj_description(tg.oid, 'pg_trigger') AS comment
      FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relnamespace = ANY($1::oid[]) AND NOT tg.tgisinternal AND tg.tgparentid = 0
      ORDER BY n.nspname, c.relname, tg.tgname`);
    return { indexes, constraints, sequences, procs, triggers };
  }
}
