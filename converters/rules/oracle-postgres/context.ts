import type { CatalogObject, ConvertOptions, NamingStyle, SourceSpan, Table, Column, DataType, Sequence, QualifiedName } from '../../model/index.js';
import { qnameKey } from '../../model/index.js';
import { FindingsContext } from '../common/findings.js';
import { OG } from './codes.js';

export interface OraOptions {
  naming: NamingStyle;
  schemaMap: Record<string, string>;
  numberWithoutPrecision: 'numeric' | 'double precision' | 'bigint';
  integerAsInt: boolean;
  identityFromTrigger: boolean;
  nativeOnly: boolean;
  postgis: boolean;
  timestampWithTimeZone: boolean;
}

export function resolveOptions(o: ConvertOptions): OraOptions {
  return {
    naming: o.naming ?? 'lower',
    schemaMap: o.schemaMap ?? {},
    numberWithoutPrecision: o.oracleNumberWithoutPrecision ?? 'numeric',
    integerAsInt: o.oracleIntegerAsInt ?? false,
    identityFromTrigger: o.oracleIdentityFromTrigger ?? true,
    nativeOnly: o.nativeOnly ?? false,
    postgis: o.postgis ?? false,
    timestampWithTimeZone: o.timestampWithTimeZone ?? false,
  };
}

/** Shared state of one Oracle → PostgreSQL transform run. */
export class OraRuleContext extends FindingsContext {
  /** Tables by qnameKey of their (target) names, filled before expressions are converted. */
  readonly tables = new Map<string, Table>();
  readonly sequences = new Map<string, Sequence>();
  /** Emulation functions (dbshift_ora.<name>) some object uses. */
  readonly emulations = new Set<string>();
  /** Objects rules create for the object being converted (e.g. composite types of local records), placed before it. */
  extraObjects: CatalogObject[] = [];
  /** Attributes of composite types rules created, by qnameKey. */
  readonly composites = new Map<string, { name: string; dataType: DataType }[]>();
  /** Types of the variables/parameters in scope of the routine being converted (lower-case names). */
  variables = new Map<string, DataType>();

  constructor(readonly options: OraOptions) { super(); }

  /** Marks use of dbshift_ora.<name>; false (and an action item) under nativeOnly. */
  useEmulation(name: string, span: SourceSpan, what: string, fallback = 'kept as written'): boolean {
    if (this.options.nativeOnly) {
      this.reportOnce(OG.nativeOnly, span, `${what} needs the emulation function dbshift_ora.${name}; ${fallback} (nativeOnly)`);
      return false;
    }
    this.emulations.add(name);
    this.reportOnce(OG.emulation, span, `${what} uses dbshift_ora.${name}`);
    return true;
  }

  table(name: QualifiedName): Table | undefined {
    return this.tables.get(qnameKey(name)) ?? (name.schema ? undefined : [...this.tables.values()].find((t) => t.name.name === name.name));
  }

  column(table: QualifiedName, name: string): Column | undefined {
    return this.table(table)?.columns.find((c) => c.name === name);
  }

  private byColumn: Map<string, DataType[]> | undefined;
  private indexed = -1;
  private lowerNames: Set<string> | undefined;
  private lowerIndexed = -1;

  /** Every column name of every known table, lower case (built once per catalog state, not per routine). */
  columnNamesLower(): Set<string> {
    if (!this.lowerNames || this.lowerIndexed !== this.tables.size) {
      const s = new Set<string>();
      for (const t of this.tables.values()) for (const c of t.columns) s.add(c.name.toLowerCase());
      this.lowerNames = s;
      this.lowerIndexed = this.tables.size;
    }
    return this.lowerNames;
  }

  /** Distinct type names of the columns with this name in any table. */
  columnTypes(name: string): DataType[] {
    if (!this.byColumn || this.indexed !== this.tables.size) {
      const m = new Map<string, Map<string, DataType>>();
      for (const t of this.tables.values()) {
        for (const c of t.columns) {
          let types = m.get(c.name);
          if (!types) m.set(c.name, (types = new Map()));
          types.set(c.dataType.name, c.dataType);
        }
      }
      this.byColumn = new Map([...m].map(([k, v]) => [k, [...v.values()]]));
      this.indexed = this.tables.size;
    }
    return this.byColumn.get(name) ?? [];
  }
}
