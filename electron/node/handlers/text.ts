// Converted objects as the editor shows them, edits back into statements, and where an action
// item lands in the converted text.
import type { ConvertedObject, Diagnostic, SourceFile, TargetDialect } from '../../../converters/index.js';
import type { ActionItem } from '../../../converters/contract/index.js';
import { anchorsOf, predictLine } from './align.js';

const MYSQL_DELIMITER = '$$';

function formatStatement(stmt: string, target: TargetDialect): string {
  const s = stmt.trimEnd().replace(/;+$/, '').trimEnd();
  if (target === 'mysql' && s.includes(';')) return `DELIMITER ${MYSQL_DELIMITER}\n${s}${MYSQL_DELIMITER}\nDELIMITER ;`;
  return `${s};`;
}

/** The parts objectText joins (with a blank line between), each with the object it came from. */
function objectParts(objs: ConvertedObject[], target: TargetDialect): { obj: ConvertedObject; text: string }[] {
  const parts: { obj: ConvertedObject; text: string }[] = [];
  for (const o of objs) {
    if (o.status === 'not-converted') {
      parts.push({ obj: o, text: `-- NOT CONVERTED: ${o.ref.type} ${o.ref.schema ? `${o.ref.schema}.` : ''}${o.ref.name}; see the action items. Fix the statements below and remove the comment marks.` });
      for (const s of o.statements) parts.push({ obj: o, text: s.split('\n').map((l) => `-- ${l}`).join('\n') });
    } else {
      for (const s of o.statements) parts.push({ obj: o, text: formatStatement(s, target) });
    }
  }
  return parts;
}

/** The text of a source object's converted statements, as the user edits it. */
export function objectText(objs: ConvertedObject[], target: TargetDialect): string {
  return `${objectParts(objs, target).map((p) => p.text).join('\n\n')}\n`;
}

export interface LineRange { startLine: number; endLine: number }

/** Per converted object, the lines (1-based) its statements take in objectText's output. */
export function objectLineRanges(objs: ConvertedObject[], target: TargetDialect): Map<ConvertedObject, LineRange> {
  const out = new Map<ConvertedObject, LineRange>();
  let line = 1;
  for (const p of objectParts(objs, target)) {
    const end = line + p.text.split('\n').length - 1;
    const r = out.get(p.obj);
    out.set(p.obj, r ? { startLine: r.startLine, endLine: end } : { startLine: line, endLine: end });
    line = end + 2;
  }
  return out;
}

/**
 * An edited text back into statements for the apply script. PostgreSQL: the text as one chunk
 * (the apply splitter understands dollar quotes). MySQL: DELIMITER lines are honoured.
 */
export function editStatements(text: string, target: TargetDialect): string[] {
  if (target === 'postgres') return text.trim() ? [text.trim()] : [];
  const out: string[] = [];
  let delim = ';';
  let cur: string[] = [];
  const push = (): void => { const s = cur.join('\n').trim(); if (s) out.push(s); cur = []; };
  for (const line of text.split('\n')) {
    const m = /^\s*DELIMITER\s+(\S+)\s*$/i.exec(line);
    if (m) { push(); delim = m[1]!; continue; }
    if (line.trimEnd().endsWith(delim)) {
      cur.push(line.trimEnd().slice(0, -delim.length));
      push();
    } else cur.push(line);
  }
  push();
  return out;
}

// Line start offsets per file text, so showing one object of a 10,000-object script does not split the whole file.
const lineStarts = new Map<string, number[]>();

function startsOf(text: string): number[] {
  let s = lineStarts.get(text);
  if (!s) {
    s = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) s.push(i + 1);
    if (lineStarts.size > 64) lineStarts.clear();
    lineStarts.set(text, s);
  }
  return s;
}

/** Lines `from..to` (1-based) of a file. */
export function linesOf(text: string, from: number, to: number): string {
  const s = startsOf(text);
  const a = s[Math.max(0, from - 1)] ?? text.length;
  const bIdx = Math.max(from, to);
  const b = bIdx < s.length ? s[bIdx]! - 1 : text.length;
  return text.slice(a, Math.max(a, b));
}

function sourceSlice(files: Map<string, SourceFile>, d: Diagnostic): string {
  const f = files.get(d.span.file);
  if (!f || d.span.line <= 0) return '';
  const lines = linesOf(f.text, d.span.line, Math.max(d.span.line, d.span.endLine)).split('\n');
  if (lines.length === 0) return '';
  if (lines.length === 1) return lines[0]!.slice(Math.max(0, d.span.column - 1), d.span.endLine === d.span.line && d.span.endColumn > d.span.column ? d.span.endColumn - 1 : undefined);
  lines[0] = lines[0]!.slice(Math.max(0, d.span.column - 1));
  return lines.join('\n');
}

const COMMON = new Set(['select', 'from', 'where', 'begin', 'end', 'declare', 'create', 'table', 'procedure', 'function', 'return', 'returns', 'then', 'into', 'values', 'insert', 'update', 'delete', 'set', 'and', 'not', 'null', 'default']);

/** a before b, comparing element by element. */
function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

const escapeRe = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a finding lands in the converted text: the generator's targetSpan when it gives one
 * (exact). Otherwise a best match within `region` (the lines of the target object the finding
 * belongs to, when the text is the generated one; else the whole text): a line holding one of the
 * finding's telling words as a whole identifier, with that word's columns. With the source
 * object's text, the occurrence nearest the line the finding's source line maps to (align.ts)
 * wins, so several findings on the same word land on their own lines; without it, the first one.
 * No word found: the mapped line when an anchor sits on the finding's source line, else the region.
 */
export function targetLinesOf(
  d: Diagnostic, converted: string | null, files: Map<string, SourceFile>, region?: LineRange, sourceObject?: { text: string; startLine: number },
): ActionItem['targetLines'] {
  if (d.targetSpan) return { startLine: d.targetSpan.startLine, endLine: d.targetSpan.endLine, exact: true };
  if (!converted) return undefined;
  // Longer identifiers tell more (last_update before NEW); ties keep source order.
  const words = [...new Set((sourceSlice(files, d).match(/[A-Za-z_][A-Za-z0-9_$]{2,}/g) ?? [])
    .filter((w) => !COMMON.has(w.toLowerCase())))].sort((a, b) => b.length - a.length);
  const lines = converted.split('\n');
  const from = region ? Math.max(1, region.startLine) : 1;
  const to = region ? Math.min(lines.length, region.endLine) : lines.length;
  const predicted = sourceObject
    ? predictLine(anchorsOf(sourceObject.text.split('\n'), sourceObject.startLine, lines.slice(from - 1, to), from), d.span.line, from, to)
    : undefined;
  // Ranked by distance from the predicted line, then word, line, column: the same input always gives the same place.
  let best: { n: number; col: number; len: number; key: number[] } | undefined;
  words.slice(0, 6).forEach((w, rank) => {
    const re = new RegExp(`(?<![A-Za-z0-9_$])${escapeRe(w)}(?![A-Za-z0-9_$])`, 'gi');
    for (let n = from; n <= to; n++) {
      const l = lines[n - 1]!;
      if (l.trimStart().startsWith('--')) continue;
      for (const m of l.matchAll(re)) {
        const key = [predicted ? Math.abs(n - predicted.line) : 0, rank, n, m.index];
        if (!best || lexLess(key, best.key)) best = { n, col: m.index + 1, len: w.length, key };
      }
    }
  });
  if (best) return { startLine: best.n, endLine: best.n, exact: false, startColumn: best.col, endColumn: best.col + best.len };
  if (predicted?.anchored) return { startLine: predicted.line, endLine: predicted.line, exact: false };
  return region ? { startLine: from, endLine: to, exact: false } : undefined;
}
