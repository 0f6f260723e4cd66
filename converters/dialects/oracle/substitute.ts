/** SQL*Plus substitution (&name, &&name, &1, with '.' ending a name) as SET DEFINE / SET CONCAT leave it. */
export interface SubstitutionSettings {
  /** The DEFINE prefix character ('&' by default); undefined when SET DEFINE OFF. */
  prefix: string | undefined;
  /** SET CONCAT character ('.' by default): ends a variable name and is dropped. */
  concat: string | undefined;
  /** SET ESCAPE character (off by default): an escaped prefix (\\&x with ESCAPE \\) stays as written, without the escape. */
  escape?: string | undefined;
}

export interface Substituted {
  text: string;
  /** Variables with no value, with the offset (in the input text) of their prefix. */
  missing: { name: string; at: number }[];
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 35 || c > 127;
}

/**
 * Replaces substitution variables. `lookup` returns the value or undefined; `&&name` with a value
 * from elsewhere also defines it (the caller's `define`). Unknown variables stay as written.
 */
export function substitute(
  text: string,
  settings: SubstitutionSettings,
  lookup: (name: string) => string | undefined,
  define: (name: string, value: string) => void,
): Substituted {
  const prefix = settings.prefix;
  if (!prefix || text.indexOf(prefix) < 0) return { text, missing: [] };
  const missing: Substituted['missing'] = [];
  let out = '';
  let chunk = 0;
  let i = text.indexOf(prefix);
  while (i >= 0 && i < text.length) {
    if (settings.escape && i > 0 && text[i - 1] === settings.escape) {
      out += text.slice(chunk, i - 1);
      chunk = i;
      i = text.indexOf(prefix, i + 1);
      continue;
    }
    let j = i + 1;
    const dbl = text[j] === prefix;
    if (dbl) j++;
    const nameStart = j;
    while (j < text.length && isNameChar(text.charCodeAt(j))) j++;
    if (j === nameStart) { i = text.indexOf(prefix, j); continue; }
    const name = text.slice(nameStart, j);
    const value = lookup(name);
    if (value === undefined) {
      missing.push({ name, at: i });
      i = text.indexOf(prefix, j);
      continue;
    }
    if (dbl) define(name, value);
    if (settings.concat && text[j] === settings.concat) j++;
    out += text.slice(chunk, i) + value;
    chunk = j;
    i = text.indexOf(prefix, j);
  }
  return { text: out + text.slice(chunk), missing };
}

/** [start, end) offsets of -- and /* *\/ comments in SQL text (strings and quoted names skipped). */
export function commentRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      for (;;) {
        const k = text.indexOf(c, j);
        if (k < 0) return out;
        if (c === "'" && text[k + 1] === "'") { j = k + 2; continue; }
        i = k + 1;
        break;
      }
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      out.push([i, j]);
      i = j;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const k = text.indexOf('*/', i + 2);
      const end = k < 0 ? n : k + 2;
      out.push([i, end]);
      i = end;
      continue;
    }
    i++;
  }
  return out;
}
