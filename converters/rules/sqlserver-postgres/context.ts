import type { ConvertOptions, DataType, DiagnosticDef, NamingStyle, QualifiedName, SourceSpan, Table } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { FindingsContext } from '../common/findings.js';
import { TG } from './codes.js';
import { EMULATION_SCHEMA } from './emulation.js';

export interface MssqlOptions {
  naming: NamingStyle;
  /** Source schema → target schema; dbo → public unless the caller maps dbo itself. */
  schemaMap: Record<string, string>;
  nativeOnly: boolean;
  postgis: boolean;
}

export function resolveOptions(o: ConvertOptions): MssqlOptions {
  const map = o.schemaMap ?? {};
  const hasDbo = Object.keys(map).some((k) => k.toLowerCase() === 'dbo');
  return {
    naming: o.naming ?? 'lower',
    schemaMap: hasDbo ? map : { ...map, dbo: 'public' },
    nativeOnly: o.nativeOnly ?? false,
    postgis: o.postgis ?? false,
  };
}

/** Shared state of one SQL Server → PostgreSQL transform run. */
export class MsRuleContext extends FindingsContext {
  /** Tables by qnameKey of their (target) names, filled before expressions are converted. */
  readonly tables = new Map<string, Table>();
  /** Emulation functions (dbshift_mssql.<name>) some object uses. */
  readonly emulations = new Set<string>();
  /** Types of the variables/parameters in scope (lower-case names without @). */
  variables = new Map<string, DataType>();
  /** Tables (aliases and names, lower case) in scope of the query being converted → table. */
  scope: Map<string, Table>[] = [];
  /** Parameters renamed per routine (lower-case routine name → lower-case parameter → new name), for named arguments of calls. */
  readonly paramRenames = new Map<string, Map<string, string>>();
  /** #temp tables and table variables declared in routines (lower-case "#t"/"@t" → converted table). */
  readonly tempTables = new Map<string, Table>();
  /** Source definitions of the #temp tables routines create (lower-case name), for callees' plpgsql_check pragmas. */
  readonly tempDefinitions = new Map<string, Table>();
  /** Procedures that become RETURNS TABLE functions (lower-case source name → target name), for INSERT … EXEC. */
  readonly resultSetFunctions = new Map<string, QualifiedName>();

  constructor(readonly options: MssqlOptions) { super(); }

  /** Marks use of dbshift_mssql.<name>; false (and an action item) under nativeOnly. */
  useEmulation(name: string, span: SourceSpan, what: string, def: DiagnosticDef = TG.emulation): boolean {
    if (this.options.nativeOnly) {
      this.reportOnce(TG.nativeOnly, span, `${what} needs the emulation function ${EMULATION_SCHEMA}.${name}; kept as written (nativeOnly)`);
      return false;
    }
    this.emulations.add(name);
    this.reportOnce(def, span, `${what} uses ${EMULATION_SCHEMA}.${name}`);
    return true;
  }

  table(name: QualifiedName): Table | undefined {
    return this.tables.get(qnameKey(name)) ?? [...this.tables.values()].find((t) => t.name.name.toLowerCase() === name.name.toLowerCase());
  }

  /** Alias (or table name) in scope whose table has this unqualified column. */
  qualifierOf(column: string): string | undefined {
    const c = column.toLowerCase();
    for (let i = this.scope.length - 1; i >= 0; i--) {
      for (const [k, t] of this.scope[i]!) if (t.columns.some((x) => x.name.toLowerCase() === c)) return k;
    }
    return undefined;
  }

  /** Type of a column reference by the tables in scope (or any table when unqualified and unique). */
  columnType(parts: string[]): DataType | undefined {
    const colName = parts[parts.length - 1]!.toLowerCase();
    const find = (t: Table | undefined) => t?.columns.find((c) => c.name.toLowerCase() === colName)?.dataType;
    if (parts.length >= 2) {
      const q = parts[parts.length - 2]!.toLowerCase();
      for (let i = this.scope.length - 1; i >= 0; i--) {
        const t = this.scope[i]!.get(q);
        if (t) return find(t);
      }
      return find(this.table({ name: parts[parts.length - 2]! }));
    }
    for (let i = this.scope.length - 1; i >= 0; i--) {
      for (const t of new Set(this.scope[i]!.values())) {
        const d = find(t);
        if (d) return d;
      }
    }
    const all = [...this.tables.values()].map(find).filter((d): d is DataType => !!d);
    return all.length && all.every((d) => d.name === all[0]!.name) ? all[0] : undefined;
  }
}
