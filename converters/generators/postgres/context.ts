import type { Diagnostic, DiagnosticDef, ObjectRef, SourceSpan, SourceDialect, Unparsed } from '../../model/index.js';
import { diagnostic } from '../../model/index.js';
import { GP } from './codes.js';

/** Per-object generation state: findings go to the object being printed. */
export class GenContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Set by a PL/pgSQL SqlStatement with strict: the SELECT … INTO it prints says INTO STRICT. */
  strictInto = false;
  constructor(readonly object: ObjectRef | undefined, readonly sourceDialect: SourceDialect) {}

  report(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    this.diagnostics.push(diagnostic(def, span, message, this.object));
  }

  /** Unparsed source inside an object: the whole object becomes 'not-converted'. */
  readonly unparsed: Unparsed[] = [];
  markUnparsed(u: Unparsed): void {
    this.unparsed.push(u);
    this.report(GP.unparsed, u.span, `Not converted (${u.reason}): ${u.text.slice(0, 200)}`);
  }
}
