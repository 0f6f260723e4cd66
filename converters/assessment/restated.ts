// A statement a front end could not read (or does not convert) is reported twice on its way through:
// by the front end, with the reason and where it failed, and by the generator, which keeps the text
// as a comment and says "not converted". Counting both doubled the effort for every such statement.
// The front end's finding is the one that explains; the generator's is dropped when a front-end
// finding falls inside the same source text, and the front-end finding is filed under the object.
import type { ConvertResult, Diagnostic, ObjectRef, SourceSpan } from '../model/index.js';

/** Generator findings that only say the source text was kept as a comment (PostgreSQL GP…, MySQL GM…). */
const KEPT_AS_COMMENT: ReadonlySet<string> = new Set(['GP0001', 'GP0003', 'GM0001', 'GM0002']);

export interface Restated {
  /** Generator findings that restate a front-end finding. */
  dropped: Set<Diagnostic>;
  /** Front-end finding → the converted object whose text it is about (its source ref). */
  owner: Map<Diagnostic, ObjectRef>;
}

/** Position of a span for containment: offsets when both spans have them, else lines. */
function startOf(s: SourceSpan, byOffset: boolean): number { return byOffset ? s.offset! : s.line; }
function endOf(s: SourceSpan, byOffset: boolean): number {
  return byOffset ? Math.max(s.endOffset!, s.offset! + 1) : Math.max(s.endLine, s.line) + 1;
}
const hasOffsets = (s: SourceSpan): boolean => s.offset !== undefined && s.endOffset !== undefined;

export function restatedFindings(parseDiagnostics: Diagnostic[], result: ConvertResult): Restated {
  const dropped = new Set<Diagnostic>();
  const owner = new Map<Diagnostic, ObjectRef>();
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of parseDiagnostics) {
    // Input findings (IN…) and notes say nothing about why one statement is not converted.
    if (d.severity === 'info' || d.code.startsWith('IN') || !d.span.file) continue;
    const list = byFile.get(d.span.file);
    if (list) list.push(d); else byFile.set(d.span.file, [d]);
  }
  if (byFile.size === 0) return { dropped, owner };
  const inside = (g: Diagnostic): Diagnostic[] => {
    const list = byFile.get(g.span.file);
    if (!list) return [];
    return list.filter((d) => {
      const byOffset = hasOffsets(g.span) && d.span.offset !== undefined;
      const at = byOffset ? d.span.offset! : d.span.line;
      return at >= startOf(g.span, byOffset) && at < endOf(g.span, byOffset);
    });
  };
  const consider = (g: Diagnostic, object: ObjectRef | undefined): void => {
    if (!KEPT_AS_COMMENT.has(g.code)) return;
    const found = inside(g);
    if (found.length === 0) return;
    dropped.add(g);
    if (object) for (const d of found) if (!owner.has(d)) owner.set(d, object);
  };
  for (const o of result.objects) for (const g of o.diagnostics) consider(g, o.source);
  for (const g of result.diagnostics) consider(g, undefined);
  return { dropped, owner };
}
