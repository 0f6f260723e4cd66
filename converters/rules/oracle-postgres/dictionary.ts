import type { CatalogObject, NodeLike, QualifiedName } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/** Oracle dictionary view (without its DBA_/ALL_/USER_ prefix) → where PostgreSQL keeps the same facts. */
const DICTIONARY: Record<string, string> = {
  users: 'pg_roles (rolcanlogin) / pg_namespace for schemas',
  tables: 'information_schema.tables or pg_class (relkind r/p)',
  tab_columns: 'information_schema.columns',
  tab_cols: 'information_schema.columns',
  views: 'information_schema.views / pg_views',
  objects: 'pg_class, pg_proc, pg_type joined with pg_namespace',
  constraints: 'information_schema.table_constraints / pg_constraint',
  cons_columns: 'information_schema.key_column_usage',
  indexes: 'pg_indexes / pg_index',
  ind_columns: 'pg_index joined with pg_attribute',
  sequences: 'information_schema.sequences / pg_sequences',
  source: 'pg_proc.prosrc (pg_get_functiondef(oid))',
  procedures: 'pg_proc',
  triggers: 'information_schema.triggers / pg_trigger',
  synonyms: 'no equivalent (synonyms became views)',
  tablespaces: 'pg_tablespace',
  data_files: 'no equivalent (pg_tablespace, pg_relation_filepath())',
  tab_comments: 'obj_description(oid, \'pg_class\')',
  col_comments: 'col_description(table_oid, column_number)',
  role_privs: 'pg_auth_members',
  sys_privs: 'no direct equivalent (role attributes in pg_roles)',
  tab_privs: 'information_schema.table_privileges',
  roles: 'pg_roles',
  errors: 'no equivalent (CREATE FUNCTION reports errors immediately)',
  dependencies: 'pg_depend',
  part_tables: 'pg_partitioned_table',
  tab_partitions: 'pg_inherits joined with pg_class',
  types: 'pg_type',
  segments: 'pg_total_relation_size() / pg_class.relpages',
  mviews: 'pg_matviews',
  jobs: 'no equivalent (pg_cron\'s cron.job if installed)',
  scheduler_jobs: 'no equivalent (pg_cron\'s cron.job if installed)',
};

/** V$ / GV$ views → PostgreSQL statistics views. */
const DYNAMIC: Record<string, string> = {
  session: 'pg_stat_activity',
  process: 'pg_stat_activity',
  database: 'pg_database / current_database()',
  instance: 'version(), pg_postmaster_start_time()',
  parameter: 'pg_settings',
  lock: 'pg_locks',
  sql: 'pg_stat_statements (extension)',
  sqlarea: 'pg_stat_statements (extension)',
  version: 'version()',
  nls_parameters: 'pg_settings (lc_*, DateStyle)',
  transaction: 'pg_stat_activity (xact_start)',
};

export function dictionaryName(name: QualifiedName): { view: string; equivalent?: string } | undefined {
  if (name.schema && !/^(sys|public)$/i.test(name.schema)) return undefined;
  const n = name.name.toLowerCase();
  const dyn = /^g?v\$(.+)$/.exec(n);
  if (dyn) return { view: name.name.toUpperCase(), equivalent: DYNAMIC[dyn[1]!] };
  const dict = /^(dba|all|user)_(.+)$/.exec(n);
  if (dict && DICTIONARY[dict[2]!]) return { view: name.name.toUpperCase(), equivalent: DICTIONARY[dict[2]!] };
  if (n === 'dictionary' || n === 'dict') return { view: name.name.toUpperCase(), equivalent: 'information_schema' };
  return undefined;
}

/**
 * Lets objects that went whole through the expression pass skip reportDictionaryViews' walk: the
 * pass shows the probe every table reference and query of its result (watch); an object whose
 * pass met no dictionary view and no WITH has nothing to report and no CTE names.
 */
export class DictionaryProbe {
  private seen = false;
  private readonly whole = new WeakSet<object>();
  constructor(private readonly relations: Set<string>) {}

  readonly watch = (n: NodeLike): void => {
    if (this.seen) return;
    if (n.kind === 'TableRef') {
      const name = (n as unknown as { name: QualifiedName }).name;
      if (!this.relations.has(`.${name.name.toLowerCase()}`) && dictionaryName(name)) this.seen = true;
    } else if ((n as { with?: unknown[] }).with?.length) this.seen = true;
  };

  /** Before each source object. */
  start(): void { this.seen = false; }

  /** `out` is the expression pass's result for all of `input`; a catalog object then needs no walk (unless seen). */
  passed<T>(input: T, out: T): T {
    if (typeof input === 'object' && input !== null && WHOLE_KINDS.has((input as { kind?: string }).kind ?? '')) this.whole.add(out as object);
    return out;
  }

  needsWalk(o: CatalogObject): boolean { return this.seen || !this.whole.has(o); }
}

const WHOLE_KINDS = new Set(['Routine', 'Trigger', 'View', 'DataScript', 'Index']);

/**
 * Reports every dictionary view read by `o` that is not a table of the converted catalog. The same
 * walk collects the names of the CTEs `o` defines into `ctes` (qualifyReferences needs them).
 */
export function reportDictionaryViews(o: CatalogObject, relations: Set<string>, ctx: OraRuleContext, ctes?: Set<string>): void {
  walk(o, (n) => {
    if (n.kind === 'Select' || n.kind === 'SetOperation') {
      const w = (n as { with?: { name: string }[] }).with;
      if (ctes && w) for (const c of w) ctes.add(c.name.toLowerCase());
      return;
    }
    if (n.kind !== 'TableRef') return;
    const ref = n as unknown as { name: QualifiedName; span: CatalogObject['span'] };
    if (relations.has(`.${ref.name.name.toLowerCase()}`)) return;
    const hit = dictionaryName(ref.name);
    if (hit) ctx.report(OG.dictionaryView, ref.span ?? o.span, `${hit.view} is an Oracle dictionary view${hit.equivalent ? `; in PostgreSQL read ${hit.equivalent}` : ' with no PostgreSQL equivalent'}`);
  });
}
