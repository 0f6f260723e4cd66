// Where a source line of an object lands in its converted text, when no generator says so:
// anchors are identifiers that occur exactly once in the source object and once in the target
// region (as in a patience diff), kept in order on both sides; a source line between two anchors
// maps proportionally between their target lines. Deterministic: same texts, same answer.

const WORD = /[A-Za-z_][A-Za-z0-9_$#]{2,}/g;

export interface Anchor { source: number; target: number }

/** word (lower case) → the line numbers it is on, once per occurrence. */
function occurrences(lines: string[], first: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  lines.forEach((l, i) => {
    for (const m of l.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      const list = out.get(w);
      if (list) list.push(first + i); else out.set(w, [first + i]);
    }
  });
  return out;
}

/** Anchors between source lines `sourceFirst…` and target lines `targetFirst…`, increasing on both sides. */
export function anchorsOf(sourceLines: string[], sourceFirst: number, targetLines: string[], targetFirst: number): Anchor[] {
  const src = occurrences(sourceLines, sourceFirst);
  const tgt = occurrences(targetLines.map((l) => (l.trimStart().startsWith('--') ? '' : l)), targetFirst);
  const pairs: Anchor[] = [];
  for (const [w, s] of src) {
    const t = tgt.get(w);
    if (s.length === 1 && t?.length === 1) pairs.push({ source: s[0]!, target: t[0]! });
  }
  pairs.sort((a, b) => a.source - b.source || a.target - b.target);
  // Longest chain increasing in both (n is small: an object's unique words).
  const best: number[] = pairs.map(() => 1);
  const prev: number[] = pairs.map(() => -1);
  for (let i = 0; i < pairs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (pairs[j]!.source <= pairs[i]!.source && pairs[j]!.target <= pairs[i]!.target && best[j]! + 1 > best[i]!) { best[i] = best[j]! + 1; prev[i] = j; }
    }
  }
  let at = best.indexOf(Math.max(0, ...best));
  const chain: Anchor[] = [];
  while (at >= 0) { chain.push(pairs[at]!); at = prev[at]!; }
  return chain.reverse();
}

/** The target line a source line most likely became, and whether an anchor sits on that very source line. */
export function predictLine(anchors: Anchor[], line: number, targetFirst: number, targetLast: number): { line: number; anchored: boolean } | undefined {
  if (anchors.length === 0) return undefined;
  const on = anchors.filter((a) => a.source === line);
  if (on.length) return { line: on[0]!.target, anchored: true };
  const before = [...anchors].reverse().find((a) => a.source < line);
  const after = anchors.find((a) => a.source > line);
  const clamp = (n: number): number => Math.max(targetFirst, Math.min(targetLast, Math.round(n)));
  if (before && after) return { line: clamp(before.target + ((line - before.source) * (after.target - before.target)) / (after.source - before.source)), anchored: false };
  if (before) return { line: clamp(before.target + (line - before.source)), anchored: false };
  return { line: clamp(after!.target - (after!.source - line)), anchored: false };
}
