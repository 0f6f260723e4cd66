import type { SourceSpan } from './span.js';
import type { QualifiedName } from './names.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
/** simple < 2 h, medium 2–6 h, significant > 6 h, none: informational only. */
export type Effort = 'none' | 'simple' | 'medium' | 'significant';

export const EFFORT_HOURS: Record<Effort, number> = { none: 0, simple: 1, medium: 4, significant: 8 };

/** Objects as the report names them. */
export interface ObjectRef {
  schema?: string;
  name: string;
  type: string;
}

/**
 * A finding. Everything that is not converted exactly becomes one (an action item); parse
 * problems too. `code` is stable across releases (e.g. MP0012 for MySQL→PostgreSQL rule 12).
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  effort: Effort;
  message: string;
  recommendation: string;
  span: SourceSpan;
  object?: ObjectRef;
  /** Where in the generated target SQL the finding applies, when known (filled by generators). */
  targetSpan?: { startLine: number; endLine: number };
  /** Vendor documentation of the construct (copied from DiagnosticDef.docUrl). */
  docUrl?: string;
  /**
   * Set when the conversion relies on an emulation (a helper function, trigger or table the
   * target needs because it lacks the feature): names it, e.g. 'sequence counter table + nextval function'.
   * The assessment lists objects that depend on emulations (copied from DiagnosticDef.emulation).
   */
  emulation?: string;
}

/** The fixed part of a rule's finding: declared once in a code table, stamped per occurrence. */
export interface DiagnosticDef {
  code: string;
  severity: Severity;
  effort: Effort;
  title: string;
  recommendation: string;
  /** Vendor documentation of the source construct or of its target replacement (optional). */
  docUrl?: string;
  /** Findings of this code mean the object depends on an emulation; see Diagnostic.emulation. */
  emulation?: string;
}

export function diagnostic(def: DiagnosticDef, span: SourceSpan, message?: string, object?: ObjectRef): Diagnostic {
  // Field by field, not spreads of conditional objects: one per finding, thousands per script.
  // With the object in the literal when there is one (a field added later grows the object).
  const d: Diagnostic = object
    ? { code: def.code, severity: def.severity, effort: def.effort, message: message ?? def.title, recommendation: def.recommendation, span, object }
    : { code: def.code, severity: def.severity, effort: def.effort, message: message ?? def.title, recommendation: def.recommendation, span };
  if (def.docUrl) d.docUrl = def.docUrl;
  if (def.emulation) d.emulation = def.emulation;
  return d;
}

export function objectRef(type: string, name: QualifiedName): ObjectRef {
  return name.schema ? { schema: name.schema, name: name.name, type } : { name: name.name, type };
}

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
