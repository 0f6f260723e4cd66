import type { Diagnostic, DiagnosticDef, ObjectRef, SourceSpan } from '../../model/index.js';
import { diagnostic } from '../../model/index.js';

/**
 * What reportOnce said about one object: code and message (null: none) pairs, flat. Objects get
 * a few findings each, so a list beats a Set, and no `code|message` key string is built per finding.
 */
type Seen = (string | null)[];

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
    const code = def.code;
    // An empty message counts as none (as the finding then carries the title).
    const msg = message || null;
    for (let i = 0; i < seen.length; i += 2) if (seen[i] === code && seen[i + 1] === msg) return;
    seen.push(code, msg);
    this.report(def, span, message);
  }

  // Objects with the same type, schema and name share one list, as the same object met twice (a
  // duplicate definition) must: type → schema → name. The last object's list is kept at hand:
  // findings come object by object.
  private readonly seenByObject = new Map<string, Map<string, Map<string, Seen>>>();
  private lastObject: ObjectRef | undefined;
  private lastSeen: Seen | undefined;
  private readonly seenWithoutObject: Seen = [];

  private seenFor(o: ObjectRef | undefined): Seen {
    if (this.lastSeen && o === this.lastObject) return this.lastSeen;
    let seen: Seen;
    if (!o) seen = this.seenWithoutObject;
    else {
      let bySchema = this.seenByObject.get(o.type);
      if (!bySchema) this.seenByObject.set(o.type, (bySchema = new Map()));
      const schema = o.schema ?? '';
      let byName = bySchema.get(schema);
      if (!byName) bySchema.set(schema, (byName = new Map()));
      let list = byName.get(o.name);
      if (!list) byName.set(o.name, (list = []));
      seen = list;
    }
    this.lastObject = o;
    this.lastSeen = seen;
    return seen;
  }
}
