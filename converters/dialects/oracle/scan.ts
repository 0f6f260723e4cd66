import type { SourceSpan } from '../../model/index.js';
import type { LineMap } from './lines.js';

/** Heads that make SQL*Plus read a PL/SQL unit (ended by '/' on a line of its own, not by ';'). */
export const PLSQL_HEAD = /^(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:NON)?EDITIONABLE\s+)?(?:PACKAGE|PROCEDURE|FUNCTION|TRIGGER|TYPE|LIBRARY|JAVA)\b|DECLARE\b|BEGIN\b|<<)/i;

export interface ScanResult {
  /** Offset just after the statement text (before ';' or the '/' line). */
  end: number;
  /** Where reading continues. */
  next: number;
  /** Set when the statement is not properly ended. */
  problem?: { span: SourceSpan; message: string; fatal: boolean; notRun?: boolean };
}

function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 35;
}

const Q_CLOSE: Record<string, string> = { '[': ']', '{': '}', '(': ')', '<': '>' };

/** Is the line holding [from, eol) just '/' (SQL*Plus run command)? */
function slashLine(text: string, from: number, eol: number): boolean {
  return text.slice(from, eol).trim() === '/';
}

/**
 * A SQL statement from `pos`: ends at the first ';' outside strings, quoted names and comments,
 * or before a '/' line. Strings: '…' with '' doubled, q'[…]' (any delimiter), "…" names.
 */
export function scanSqlStatement(text: string, pos: number, lines: LineMap, blankEnds?: (line: string) => boolean): ScanResult {
  const n = text.length;
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59) return { end: i, next: i + 1 };
    if (c === 39) {
      const prev = text.charCodeAt(i - 1);
      const qq = (prev === 113 || prev === 81) && !isIdentChar(text.charCodeAt(i - 2))
        || ((prev === 113 || prev === 81) && (text.charCodeAt(i - 2) === 110 || text.charCodeAt(i - 2) === 78) && !isIdentChar(text.charCodeAt(i - 3)));
      if (qq && i + 1 < n) {
        const open = text[i + 1]!;
        const close = text.indexOf((Q_CLOSE[open] ?? open) + "'", i + 2);
        if (close < 0) return unterminated(text, pos, i - 1, lines, `q'${open}…' string`);
        i = close + 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        const k = text.indexOf("'", j);
        if (k < 0) return unterminated(text, pos, i, lines, 'string');
        if (text.charCodeAt(k + 1) === 39) { j = k + 2; continue; }
        i = k + 1;
        break;
      }
      continue;
    }
    if (c === 34) {
      const k = text.indexOf('"', i + 1);
      if (k < 0) return unterminated(text, pos, i, lines, 'quoted name');
      i = k + 1;
      continue;
    }
    if (c === 45 && text.charCodeAt(i + 1) === 45) { i = lines.lineEnd(i); continue; }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const k = text.indexOf('*/', i + 2);
      if (k < 0) return unterminated(text, pos, i, lines, 'comment');
      i = k + 2;
      continue;
    }
    if (c === 10 || c === 13) {
      const next = lines.nextLine(i);
      const eol = lines.lineEnd(next);
      if (slashLine(text, next, eol)) return { end: i, next: eol };
      if (blankEnds && text.slice(next, eol).trim() === '') {
        // SQLBLANKLINES OFF: a blank line ends the statement without running it (a later '/' runs it)
        let k = eol;
        while (k < n && /\s/.test(text[k]!)) k++;
        const kEol = lines.lineEnd(k);
        if (slashLine(text, k, kEol)) return { end: i, next: kEol };
        if (k >= n || blankEnds(text.slice(k, kEol))) {
          const span = lines.span(pos, i);
          return {
            end: i, next: next,
            problem: { span, fatal: false, notRun: true, message: `The statement starting at line ${span.line} is ended by a blank line without ';' or '/': SQL*Plus keeps it in its buffer and never runs it. dbshift converts it as evidently meant; add the ';' (or drop the statement) so the script and the conversion agree` },
          };
        }
      }
      i = next;
      continue;
    }
    i++;
  }
  const span = lines.span(pos, Math.min(n, pos + 1));
  return {
    end: n, next: n,
    problem: { span, fatal: false, message: `The statement starting at line ${span.line} is not ended by ';' or '/' before the end of the script (SQL*Plus would not run it); it is converted anyway` },
  };
}

function unterminated(text: string, pos: number, at: number, lines: LineMap, what: string): ScanResult {
  const span = lines.span(at, at + 1);
  const start = lines.start(pos);
  return {
    end: text.length, next: text.length,
    problem: { span, fatal: true, message: `The script ends inside a ${what} opened at line ${span.line}, column ${span.column} (in the statement starting at line ${start.line}); that statement is kept as text` },
  };
}

/**
 * A PL/SQL unit from `pos` up to a line holding only '/' (or '.'). A line starting a new CREATE
 * right after a line ending in ';' means the '/' was forgotten: the unit is cut there and reported.
 */
export function scanPlsqlUnit(text: string, pos: number, lines: LineMap): ScanResult {
  const n = text.length;
  let lineStart = lines.nextLine(lines.lineEnd(pos));
  const first = text.slice(lines.lineStartOf(pos), lines.lineEnd(pos)).trim();
  // The last line with code; its trailing -- comment is only stripped when a CREATE line needs it.
  let lastCodeLine: string | undefined;
  let inComment = first.includes('/*') && !first.includes('*/');
  while (lineStart < n) {
    const eol = lines.lineEnd(lineStart);
    const line = text.slice(lineStart, eol).trim();
    if (!inComment) {
      if (line === '/' || line === '.') return { end: lineStart, next: eol };
      if ((line.charCodeAt(0) | 0x20) === 0x63 && /^CREATE\s/i.test(line) && (lastCodeLine === undefined ? first : lastCodeLine.replace(/--.*$/, '').trim()).endsWith(';')) {
        const head = lines.start(pos);
        const span = lines.span(lineStart, eol);
        return {
          end: lineStart, next: lineStart,
          problem: { span: lines.span(pos, lines.lineEnd(pos)), fatal: false, message: `The PL/SQL unit starting at line ${head.line} is not ended by '/' before the CREATE at line ${span.line}; SQL*Plus would read both as one unit and fail. dbshift ends the unit there — add the '/' line` },
        };
      }
    }
    if (line.includes('/*') && !line.includes('*/', line.lastIndexOf('/*'))) inComment = true;
    else if (inComment && line.includes('*/')) inComment = false;
    if (line && !line.startsWith('--')) lastCodeLine = line;
    lineStart = lines.nextLine(eol);
  }
  const span = lines.span(pos, lines.lineEnd(pos));
  return {
    end: n, next: n,
    problem: { span, fatal: false, message: `The PL/SQL unit starting at line ${span.line} is not ended by a '/' line before the end of the script (SQL*Plus would not run it); it is converted anyway` },
  };
}
