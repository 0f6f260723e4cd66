import type { SourceSpan } from '../../model/index.js';
import type { LexStart } from '../common/tokens.js';

/** Offsets ↔ 1-based line/column for one file (line starts found once, looked up by binary search). */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string, readonly file: string) {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  lineIndex(offset: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  start(offset: number): LexStart {
    const li = this.lineIndex(offset);
    return { offset, line: li + 1, column: offset - this.starts[li]! + 1 };
  }

  span(from: number, to: number): SourceSpan {
    const a = this.start(from);
    const b = this.start(Math.max(from, to));
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset: from, endOffset: to };
  }

  /** Offset just before the line break of the line holding `offset`. */
  lineEnd(offset: number): number {
    const text = this.text;
    let j = offset;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) break;
      j++;
    }
    return j;
  }

  /** Offset of the start of the next line (after the break at `eol`). */
  nextLine(eol: number): number {
    const text = this.text;
    if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) return eol + 2;
    return eol < text.length ? eol + 1 : eol;
  }

  lineStartOf(offset: number): number {
    return this.starts[this.lineIndex(offset)]!;
  }
}

/** Path helpers for include resolution (pure: no node:path). Paths use '/', backslashes are read as '/'. */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function dirName(p: string): string {
  const n = p.replace(/\\/g, '/');
  const i = n.lastIndexOf('/');
  return i < 0 ? '' : n.slice(0, i);
}

export function baseName(p: string): string {
  const n = p.replace(/\\/g, '/');
  return n.slice(n.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rel)) return normalizePath(rel);
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}
