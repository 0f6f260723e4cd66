import type { ConvertOptions, DiagnosticDef, NamingStyle, SourceSpan, Table, Column, DataType } from '../../model/index.js';
import { qnameKey, type QualifiedName } from '../../model/index.js';
import { FindingsContext } from '../common/findings.js';

export interface ResolvedOptions {
  naming: NamingStyle;
  schemaMap: Record<string, string>;
  tinyint1AsBoolean: boolean;
  timestampWithTimeZone: boolean;
  postgis: boolean;
}

export function resolveOptions(o: ConvertOptions): ResolvedOptions {
  return {
    naming: o.naming ?? 'lower',
    schemaMap: o.schemaMap ?? {},
    tinyint1AsBoolean: o.tinyint1AsBoolean ?? true,
    timestampWithTimeZone: o.timestampWithTimeZone ?? false,
    postgis: o.postgis ?? false,
  };
}

/** Same type as far as reference guesses go: name, display width, length, precision, scale, signedness. */
function sameColumnType(a: DataType, b: DataType): boolean {
  return a.name === b.name && (a.displayWidth ?? '') === (b.displayWidth ?? '') && (a.length ?? '') === (b.length ?? '')
    && (a.precision ?? '') === (b.precision ?? '') && (a.scale ?? '') === (b.scale ?? '') && !a.unsigned === !b.unsigned;
}

function hasColumnType(types: DataType[], d: DataType): boolean {
  for (let i = 0; i < types.length; i++) if (sameColumnType(types[i]!, d)) return true;
  return false;
}

/** Shared state of one transform run. */
export class RuleContext extends FindingsContext {
  /** Tables by qnameKey (target names), filled before expression rules run. */
  readonly tables = new Map<string, Table>();
  /** Schemas already reported on, by code (reportPerSchema). */
  private readonly seenPerSchema = new Map<string, Set<string>>();
  /** `tableKey|column` of NOT NULL columns whose data holds zero dates (they become NULL). */
  readonly zeroDateColumns = new Set<string>();

  constructor(readonly options: ResolvedOptions) { super(); }

  /** Reports once per schema and code (e.g. the collation note), filed under the first object met. */
  reportPerSchema(def: DiagnosticDef, schema: string | undefined, span: SourceSpan, message?: string): void {
    let schemas = this.seenPerSchema.get(def.code);
    if (!schemas) this.seenPerSchema.set(def.code, (schemas = new Set()));
    const k = schema ?? '';
    if (schemas.has(k)) return;
    schemas.add(k);
    this.report(def, span, message);
  }

  private typesByColumn: Map<string, DataType[]> | undefined;
  private indexedTables = -1;

  /** Distinct types of the columns with this name in any table: the best guess for an unqualified reference. */
  columnTypes(name: string): DataType[] {
    if (!this.typesByColumn || this.indexedTables !== this.tables.size) {
      // Distinct types only: real schemas repeat `id`/`name` columns in every table. A name has few
      // distinct types, so comparing with each beats building a string key per column.
      const byName = new Map<string, DataType[]>();
      // forEach and an indexed loop: no iterator result object per column while unoptimized.
      this.tables.forEach((t) => {
        const columns = t.columns;
        for (let i = 0; i < columns.length; i++) {
          const c = columns[i]!;
          const d = c.dataType;
          const types = byName.get(c.name);
          if (!types) byName.set(c.name, [d]);
          else if (!hasColumnType(types, d)) types.push(d);
        }
      });
      this.typesByColumn = byName;
      this.indexedTables = this.tables.size;
    }
    return this.typesByColumn.get(name) ?? [];
  }

  column(table: QualifiedName, name: string): Column | undefined {
    return this.tables.get(qnameKey(table))?.columns.find((c) => c.name === name);
  }
}
