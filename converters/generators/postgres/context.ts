import type { Diagnostic, DiagnosticDef, ObjectRef, SourceSpan, SourceDialect, Unparsed } from '../../model/index.js';
import { diagnostic } from '../../model/index.js';
import { GP } from './codes.js';

const NONE: readonly Unparsed[] = Object.freeze([]);

/** Per-object generation state: findings go to the object being printed. */
export class GenContext {
  diagnostics: Diagnostic[] = [];
  /** Set by a PL/pgSQL SqlStatement with strict: the SELECT … INTO it prints says INTO STRICT. */
  strictInto = false;
  constructor(private current: ObjectRef | undefined, readonly sourceDialect: SourceDialect) {}

  get object(): ObjectRef | undefined {
    return this.current;
  }

  /** Fresh state for the next object (one context serves a whole generate call). */
  next(object: ObjectRef): void {
    this.current = object;
    this.diagnostics = [];
    this.strictInto = false;
    this.unparsed = NONE;
  }

  report(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    this.diagnostics.push(diagnostic(def, span, message, this.object));
  }

  /** Unparsed source inside an object: the whole object becomes 'not-converted'. */
  unparsed: readonly Unparsed[] = NONE;
  /** Kept for the commented-out original, without a finding (the caller reports). */
  addUnparsed(u: Unparsed): void {
    if (this.unparsed === NONE) this.unparsed = [u];
    else (this.unparsed as Unparsed[]).push(u);
  }
  markUnparsed(u: Unparsed): void {
    this.addUnparsed(u);
    this.report(GP.unparsed, u.span, `Not converted (${u.reason}): ${u.text.slice(0, 200)}`);
  }
}
