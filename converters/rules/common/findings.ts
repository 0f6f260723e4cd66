import type { Diagnostic, DiagnosticDef, ObjectRef, SourceSpan } from '../../model/index.js';
import { diagnostic } from '../../model/index.js';

/**
 * Where a rule set's findings go: `report` files one under the current object, `reportOnce` at most
 * once per object and code (+ message), e.g. one note per routine rather than one per operator.
 */
export class FindingsContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Current object (source ref) findings are filed under. */
  object: ObjectRef | undefined;

  report(def: DiagnosticDef, span: SourceSpan, message?: string, object: ObjectRef | undefined = this.object): void {
    this.diagnostics.push(diagnostic(def, span, message, object));
  }

  reportOnce(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    const seen = this.seenFor(this.object);
    const k = message ? `${def.code}|${message}` : def.code;
    if (seen.has(k)) return;
    seen.add(k);
    this.report(def, span, message);
  }

  // Objects with the same type, schema and name share one set, as the same object met twice (a
  // duplicate definition) must. The last object's set is kept at hand: findings come object by object.
  private readonly seenByObject = new Map<string, Set<string>>();
  private lastObject: ObjectRef | undefined;
  private lastSeen: Set<string> | undefined;

  private seenFor(o: ObjectRef | undefined): Set<string> {
    if (this.lastSeen && o === this.lastObject) return this.lastSeen;
    const key = o ? `${o.type}|${o.schema ?? ''}|${o.name}` : '';
    let seen = this.seenByObject.get(key);
    if (!seen) this.seenByObject.set(key, (seen = new Set()));
    this.lastObject = o;
    this.lastSeen = seen;
    return seen;
  }
}
