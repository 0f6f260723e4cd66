// Three-way line merge (base = previous conversion, mine = the user's edit, theirs = the new
// conversion), in the manner of diff3: regions where only one side changed take that side;
// regions both changed the same way merge; others become conflicts.

interface Match { a: number; b: number }

/** Longest common subsequence of lines as matched index pairs (O(n·m) table; objects are small). */
function lcs(a: string[], b: string[]): Match[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 25_000_000) return greedy(a, b);
  const t: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  }
  const out: Match[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ a: i, b: j }); i++; j++; } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++; else j++;
  }
  return out;
}

/** For huge inputs: match equal lines in order, greedily (still correct, possibly less minimal). */
function greedy(a: string[], b: string[]): Match[] {
  const out: Match[] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const k = b.indexOf(a[i]!, j);
    if (k >= 0) { out.push({ a: i, b: k }); j = k + 1; }
  }
  return out;
}

export interface MergeConflict {
  /** 1-based first line of the conflict block in `text`. */
  line: number;
  mine: string[];
  theirs: string[];
  base: string[];
}

export interface MergeResult {
  text: string;
  conflicts: MergeConflict[];
}

export const CONFLICT_MARKERS = { start: '<<<<<<< your edit', base: '||||||| previous conversion', mid: '=======', end: '>>>>>>> new conversion' };

function lines(s: string): string[] {
  return s.split('\n');
}

export function merge3(base: string, mine: string, theirs: string): MergeResult {
  if (mine === theirs) return { text: mine, conflicts: [] };
  if (base === theirs) return { text: mine, conflicts: [] };
  if (base === mine) return { text: theirs, conflicts: [] };
  const o = lines(base);
  const a = lines(mine);
  const b = lines(theirs);
  // Base lines that both sides kept, with where they are in each side: the stable anchors.
  const inA = new Map<number, number>();
  for (const m of lcs(o, a)) inA.set(m.a, m.b);
  const inB = new Map<number, number>();
  for (const m of lcs(o, b)) inB.set(m.a, m.b);
  const out: string[] = [];
  const conflicts: MergeConflict[] = [];
  let io = 0;
  let ia = 0;
  let ib = 0;
  const flush = (eo: number, ea: number, eb: number): void => {
    const os = o.slice(io, eo);
    const as = a.slice(ia, ea);
    const bs = b.slice(ib, eb);
    const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((v, k) => v === y[k]);
    if (same(as, bs)) out.push(...as);
    else if (same(os, as)) out.push(...bs);
    else if (same(os, bs)) out.push(...as);
    else {
      conflicts.push({ line: out.length + 1, mine: as, theirs: bs, base: os });
      out.push(CONFLICT_MARKERS.start, ...as, CONFLICT_MARKERS.mid, ...bs, CONFLICT_MARKERS.end);
    }
  };
  for (let k = 0; k < o.length; k++) {
    const ka = inA.get(k);
    const kb = inB.get(k);
    if (ka === undefined || kb === undefined || ka < ia || kb < ib) continue;
    flush(k, ka, kb);
    out.push(o[k]!);
    io = k + 1;
    ia = ka + 1;
    ib = kb + 1;
  }
  flush(o.length, a.length, b.length);
  return { text: out.join('\n'), conflicts };
}

export function hasConflictMarkers(text: string): boolean {
  return text.split('\n').some((l) => l === CONFLICT_MARKERS.start || l === CONFLICT_MARKERS.end);
}
