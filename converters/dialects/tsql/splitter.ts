import type { SourceSpan } from '../../model/index.js';

/** One batch: the text between GO separators, where it starts, and how often GO n repeats it. */
export interface Batch {
  text: string;
  file: string;
  /** 0-based offset, 1-based line/column of the batch's first character in its file. */
  offset: number;
  line: number;
  column: number;
  span: SourceSpan;
  repeat: number;
  /** Set when a string, quoted name or comment is still open at the end of the batch. */
  unterminated?: 'string' | 'quoted identifier' | 'comment';
  /** $(var) references substituted in this batch: the text no longer matches the file column for column after them. */
  substituted?: boolean;
}

/** A SQLCMD line (`:setvar`, `:r`, `:on error`, …) met between batches. */
export interface SqlcmdLine {
  command: string;
  args: string;
  span: SourceSpan;
}

export interface SplitCallbacks {
  onBatch(b: Batch): void;
  onCommand(c: SqlcmdLine): void;
  /** Value of a SQLCMD variable, or undefined when it has none (the callback reports it). */
  variable(name: string, span: SourceSpan): string | undefined;
}

const GO_LINE = /^[ \t]*go(?:[ \t]+(\d+))?[ \t]*(?:--.*)?\r?$/i;
const CMD_LINE = /^[ \t]*:([a-z]+)\b[ \t]*(.*?)\r?$/i;
const VAR_REF = /\$\(([A-Za-z_][\w]*)\)/g;
/** Per scanner state: the characters that end it or matter inside it (newlines always: GO is found at line starts). */
const NEXT: Record<'code' | 'string' | 'qident' | 'bracket' | 'comment', RegExp> = {
  code: /['"[\n]|--|\/\*/g,
  string: /['\n]/g,
  qident: /["\n]/g,
  bracket: /[\]\n]/g,
  comment: /\*\/|\/\*|\n/g,
};

/**
 * Splits a script the way sqlcmd / SSMS do: a line holding only GO [count] (any case, a trailing
 * -- comment allowed) ends a batch, unless it is inside a block comment or a string; lines
 * starting with ':' are SQLCMD commands; $(name) is replaced by the variable's value.
 */
export function splitBatches(text: string, file: string, cb: SplitCallbacks): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  let batchStart = 0, batchLine = 1;
  let state: 'code' | 'string' | 'qident' | 'bracket' | 'comment' = 'code';
  let depth = 0;
  const span = (from: number, to: number, l1: number, l2: number, c1 = 1, c2 = 1): SourceSpan =>
    ({ file, line: l1, column: c1, endLine: l2, endColumn: c2, offset: from, endOffset: to });

  const flush = (end: number, endLine: number, repeat: number): void => {
    const raw = text.slice(batchStart, end);
    if (raw.trim() !== '') {
      let body = raw;
      let substituted = false;
      if (raw.includes('$(')) {
        body = raw.replace(VAR_REF, (m, name: string, at: number) => {
          const before = raw.slice(0, at);
          const l = batchLine + (before.match(/\n/g)?.length ?? 0);
          const c = at - (before.lastIndexOf('\n') + 1) + 1;
          const v = cb.variable(name, span(batchStart + at, batchStart + at + m.length, l, l, c, c + m.length));
          if (v === undefined) return m;
          substituted = true;
          return v;
        });
      }
      const lastNl = raw.trimEnd().lastIndexOf('\n');
      const b: Batch = {
        text: body, file, offset: batchStart, line: batchLine, column: 1,
        span: span(batchStart, end, batchLine, endLine, 1, raw.trimEnd().length - lastNl),
        repeat,
      };
      if (state !== 'code') b.unterminated = state === 'comment' ? 'comment' : state === 'string' ? 'string' : 'quoted identifier';
      if (substituted) b.substituted = true;
      cb.onBatch(b);
    }
  };

  let lineStart = 0;
  while (i <= n) {
    // At each line start outside strings and comments: GO or a SQLCMD command?
    if (i === lineStart && state === 'code') {
      const eol = text.indexOf('\n', i);
      const lineEnd = eol < 0 ? n : eol;
      const lineText = text.slice(i, lineEnd);
      const go = GO_LINE.exec(lineText);
      const cmd = go ? null : CMD_LINE.exec(lineText);
      if (go || cmd) {
        flush(i, line, go?.[1] ? Number(go[1]) : 1);
        if (cmd) cb.onCommand({ command: cmd[1]!.toLowerCase(), args: cmd[2]!.trim(), span: span(i, lineEnd, line, line, 1, lineText.length + 1) });
        i = lineEnd + 1;
        line++;
        lineStart = i;
        batchStart = Math.min(i, n);
        batchLine = line;
        continue;
      }
    }
    if (i >= n) break;
    // Jump to the next character that can change the state (native regex scan instead of a JS loop per character).
    const re = NEXT[state];
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) { i = n; continue; }
    i = m.index;
    const c = text.charCodeAt(i);
    if (c === 10) { line++; i++; lineStart = i; continue; }
    switch (state) {
      case 'code':
        if (c === 39) state = 'string';
        else if (c === 34) state = 'qident';
        else if (c === 91) state = 'bracket';
        else if (c === 45) {
          const eol = text.indexOf('\n', i);
          i = eol < 0 ? n : eol;
          continue;
        } else { state = 'comment'; depth = 1; i += 2; continue; }
        break;
      case 'string': state = 'code'; break; // '' re-enters string on the next quote
      case 'qident': state = 'code'; break;
      case 'bracket': state = 'code'; break;
      case 'comment':
        if (c === 42) { depth--; i += 2; if (depth === 0) state = 'code'; continue; }
        depth++; i += 2; continue;
    }
    i++;
  }
  flush(n, line, 1);
}
