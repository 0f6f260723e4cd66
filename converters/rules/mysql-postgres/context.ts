import type { ConvertOptions, Diagnostic, DiagnosticDef, NamingStyle, ObjectRef, SourceSpan, Table, Column, DataType } from '../../model/index.js';
import { diagnostic, qnameKey, type QualifiedName } from '../../model/index.js';

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

/** Shared state of one transform run. */
export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Tables by qnameKey (target names), filled before expression rules run. */
  readonly tables = new Map<string, Table>();
  /** Current object (source ref) that findings are filed under. */
  object: ObjectRef | undefined;
  private readonly seen = new Set<string>();
  /** `tableKey|column` of NOT NULL columns whose data holds zero dates (they become NULL). */
  readonly zeroDateColumns = new Set<string>();

  constructor(readonly options: ResolvedOptions) {}

  report(def: DiagnosticDef, span: SourceSpan, message?: string, object: ObjectRef | undefined = this.object): void {
    this.diagnostics.push(diagnostic(def, span, message, object));
  }

  /** Reports once per schema and code (e.g. the collation note), filed under the first object met. */
  reportPerSchema(def: DiagnosticDef, schema: string | undefined, span: SourceSpan, message?: string): void {
    const k = `schema|${def.code}|${schema ?? ''}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.report(def, span, message);
  }

  /** Reports once per object and code (e.g. one division note per view, not per operator). */
  reportOnce(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    const seen = this.seenFor(this.object);
    const k = message ? `${def.code}|${message}` : def.code;
    if (seen.has(k)) return;
    seen.add(k);
    this.report(def, span, message);
  }

  // Findings already made per object, keyed by code (and message). Objects with the same type and
  // name share one set, as the same object met twice (e.g. a duplicate definition) must.
  private readonly seenByObject = new Map<string, Set<string>>();
  private readonly objectKeys = new WeakMap<ObjectRef, string>();
  private lastObject: ObjectRef | undefined;
  private lastSeen: Set<string> | undefined;

  private seenFor(o: ObjectRef | undefined): Set<string> {
    if (this.lastSeen && o === this.lastObject) return this.lastSeen;
    let key = o ? this.objectKeys.get(o) : '';
    if (key === undefined) {
      key = `${o!.type}|${o!.schema}|${o!.name}`;
      this.objectKeys.set(o!, key);
    }
    let seen = this.seenByObject.get(key);
    if (!seen) this.seenByObject.set(key, (seen = new Set()));
    this.lastObject = o;
    this.lastSeen = seen;
    return seen;
  }

  private typesByColumn: Map<string, DataType[]> | undefined;
  private indexedTables = -1;

  /** Distinct types of the columns with this name in any table: the best guess for an unqualified reference. */
  columnTypes(name: string): DataType[] {
    if (!this.typesByColumn || this.indexedTables !== this.tables.size) {
      // Distinct types only: real schemas repeat `id`/`name` columns in every table. A name has few
      // distinct types, so comparing with each beats building a string key per column.
      const byName = new Map<string, DataType[]>();
      for (const t of this.tables.values()) {
        for (const c of t.columns) {
          const d = c.dataType;
          const types = byName.get(c.name);
          if (!types) byName.set(c.name, [d]);
          else if (!types.some((x) => sameColumnType(x, d))) types.push(d);
        }
      }
      this.typesByColumn = byName;
      this.indexedTables = this.tables.size;
    }
    return this.typesByColumn.get(name) ?? [];
  }

  column(table: QualifiedName, name: string): Column | undefined {
    return this.tables.get(qnameKey(table))?.columns.find((c) => c.name === name);
  }
}
