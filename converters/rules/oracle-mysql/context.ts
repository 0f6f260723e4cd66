import type { ConvertOptions, DataType, DiagnosticDef, ObjectRef, Routine, SourceSpan } from '../../model/index.js';
import { OraRuleContext, resolveOptions } from '../oracle-postgres/context.js';
import { FROM_OG } from './codes.js';

/**
 * State of one Oracle → MySQL transform. It extends the Oracle → PostgreSQL context so the
 * target-neutral Oracle analyses of that rule set ((+) joins, key triggers, expression kinds) run
 * unchanged; their findings are re-filed under OM codes.
 */
export class OmContext extends OraRuleContext {
  readonly flavor: 'mysql' | 'mariadb';
  /** Package variables in scope of the routine being converted: lower-case name → user variable. */
  packageVars = new Map<string, { user: string; type: DataType }>();
  /** Routines of the package being converted (lower case) → target routine name. */
  packageRoutines = new Map<string, string>();
  /** All package routines by `pkg.routine` (lower case) → target name. */
  readonly qualifiedRoutines = new Map<string, string>();
  /** Source routines by lower-case name and `package.name` (statement-level triggers check what they call). */
  readonly sourceRoutines = new Map<string, Routine>();
  /** Current routine kind (functions and triggers forbid transaction control). */
  routineKind: 'procedure' | 'function' | 'trigger' | undefined;

  constructor(options: ConvertOptions) {
    super({ ...resolveOptions(options), naming: options.naming ?? 'lower', nativeOnly: true });
    this.flavor = options.mysqlFlavor ?? 'mysql';
  }

  override report(def: DiagnosticDef, span: SourceSpan, message?: string, object: ObjectRef | undefined = this.object): void {
    const mapped = FROM_OG[def.code];
    if (def.code.startsWith('OG') && !mapped) return; // a PostgreSQL-only remark of a shared helper
    super.report(mapped ?? def, span, mapped && message ? message.replace(/PostgreSQL/g, 'MySQL') : message, object);
  }
}
