import type { ConvertOptions, Diagnostic, DiagnosticDef, NamingStyle, ObjectRef, SourceSpan, Table, Column } from '../../model/index.js';
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

  /** Reports once per object and code (e.g. one division note per view, not per operator). */
  reportOnce(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    const k = `${def.code}|${this.object?.type}|${this.object?.schema}|${this.object?.name}|${message ?? ''}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.report(def, span, message);
  }

  column(table: QualifiedName, name: string): Column | undefined {
    return this.tables.get(qnameKey(table))?.columns.find((c) => c.name === name);
  }
}
