import type { Diagnostic, DiagnosticDef, ObjectRef, SourceSpan } from '../../model/index.js';
import { diagnostic } from '../../model/index.js';

export type MysqlFlavor = 'mysql' | 'mariadb';

/** State shared by the emitters while one object is printed. */
export class GenContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Set when something in the object could not be printed as valid MySQL (Unparsed and the like). */
  broken = false;
  /** 'trigger' resolves NEW/OLD; 'procedure'/'function' decide what RETURN means. */
  routineKind: 'none' | 'procedure' | 'function' | 'trigger' = 'none';
  /** Label of the outermost block of the routine being printed (RETURN in a procedure leaves it). */
  bodyLabel?: string;
  /** Enclosing loops' labels, innermost last (EXIT/CONTINUE without a label). */
  readonly loops: string[] = [];
  /** Inside an EXIT handler of a procedure: RETURN sets `flag` and leaves the handler block `label`. */
  handlerExit?: { label: string; flag: string };
  private labelSeq = 0;
  /** Indexes declared inline (KEY … inside CREATE TABLE), by qnameKey of their table. */
  inlineIndexes = new Map<string, import('../../model/index.js').Index[]>();

  constructor(readonly flavor: MysqlFlavor, readonly object?: ObjectRef) {}

  report(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    this.diagnostics.push(diagnostic(def, span, message, this.object));
  }

  /** A finding about something printed that would not run or would mean something else: the object is not converted. */
  fail(def: DiagnosticDef, span: SourceSpan, message?: string): void {
    this.broken = true;
    this.report(def, span, message);
  }

  /** A fresh label for loops and blocks the source left unlabelled. */
  label(prefix: string): string {
    this.labelSeq += 1;
    return `${prefix}${this.labelSeq}`;
  }
}
