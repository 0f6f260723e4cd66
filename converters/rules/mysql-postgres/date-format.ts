/** MySQL DATE_FORMAT / STR_TO_DATE specifiers → PostgreSQL to_char / to_timestamp patterns. */
const SPECIFIERS: Record<string, string | undefined> = {
  Y: 'YYYY', y: 'YY', m: 'MM', c: 'FMMM', d: 'DD', e: 'FMDD', D: 'FMDDth',
  H: 'HH24', k: 'FMHH24', h: 'HH12', I: 'HH12', l: 'FMHH12', i: 'MI', s: 'SS', S: 'SS', f: 'US',
  p: 'AM', M: 'FMMonth', b: 'Mon', W: 'FMDay', a: 'Dy', j: 'DDD',
  T: 'HH24:MI:SS', r: 'HH12:MI:SS AM', u: 'IW', v: 'IW', x: 'IYYY',
  // %U %V %X %w have no exact to_char pattern.
  U: undefined, V: undefined, X: undefined, w: undefined,
};

/** Returns the translated pattern, or the specifiers that have no equivalent. */
export function translateDateFormat(mysql: string): { pattern: string; unsupported: string[] } {
  let out = '';
  let literal = '';
  const unsupported: string[] = [];
  const flush = (): void => {
    if (!literal) return;
    // Letters would be read as patterns by to_char: quote runs of literal text that contain any.
    out += /[A-Za-z]/.test(literal) ? `"${literal.replace(/"/g, '\\"')}"` : literal;
    literal = '';
  };
  for (let i = 0; i < mysql.length; i++) {
    const ch = mysql[i]!;
    if (ch !== '%' || i === mysql.length - 1) { literal += ch; continue; }
    const spec = mysql[++i]!;
    if (spec === '%') { literal += '%'; continue; }
    if (!(spec in SPECIFIERS)) { literal += spec; continue; }
    const pg = SPECIFIERS[spec];
    if (pg === undefined) { unsupported.push(`%${spec}`); continue; }
    flush();
    out += pg;
  }
  flush();
  return { pattern: out, unsupported };
}

/** True when the format has time-of-day parts (STR_TO_DATE → to_timestamp rather than to_date). */
export function hasTimeParts(mysql: string): boolean {
  return /%[HkhIlisSfpTr]/.test(mysql);
}
