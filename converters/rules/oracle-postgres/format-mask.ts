/**
 * Oracle datetime format models → PostgreSQL to_char/to_timestamp templates. Most elements are
 * spelled the same; the ones that are not are rewritten, the ones PostgreSQL lacks are reported.
 */
const SAME = ['YYYY', 'YYY', 'YY', 'Y', 'IYYY', 'IYY', 'IY', 'I', 'MONTH', 'MON', 'MM', 'DDD', 'DD', 'DAY', 'DY', 'D', 'HH24', 'HH12', 'HH', 'MI', 'SSSSS', 'SS',
  'AM', 'PM', 'A.M.', 'P.M.', 'Q', 'WW', 'IW', 'W', 'J', 'CC', 'RM', 'TZH', 'TZM', 'FM', 'FX', 'TH', 'SP', 'BC', 'AD', 'B.C.', 'A.D.'];
/** Oracle elements with a different PostgreSQL spelling. */
const RENAMED: Record<string, string> = {
  SYYYY: 'YYYY', SYEAR: 'YYYY', YEAR: 'YYYY', RRRR: 'YYYY', RR: 'YY', FF1: 'MS', FF2: 'MS', FF3: 'MS', FF4: 'US', FF5: 'US', FF6: 'US', FF: 'US', FF7: 'US', FF8: 'US', FF9: 'US', SSSSS: 'SSSS', TZR: 'TZ', TZD: 'TZ',
};
const UNSUPPORTED = ['DL', 'DS', 'TS', 'X', 'E', 'EE', 'SCC'];

// Longest elements first so HH24 wins over HH, SSSSS over SS …
const ELEMENTS = [...new Set([...SAME, ...Object.keys(RENAMED), ...UNSUPPORTED])].sort((a, b) => b.length - a.length);

export interface MaskResult { mask: string; unsupported: string[]; approximate: string[] }

/**
 * Case of MONTH/MON/DAY/DY is meaningful in both engines (Month → "January"); every other
 * element is matched case-insensitively, as Oracle does.
 */
export function translateDateMask(oracle: string): MaskResult {
  let out = '';
  const unsupported: string[] = [];
  const approximate: string[] = [];
  let i = 0;
  while (i < oracle.length) {
    const ch = oracle[i]!;
    if (ch === '"') {
      const end = oracle.indexOf('"', i + 1);
      const lit = end < 0 ? oracle.slice(i) : oracle.slice(i, end + 1);
      out += lit;
      i += lit.length;
      continue;
    }
    const rest = oracle.slice(i).toUpperCase();
    const el = ELEMENTS.find((e) => rest.startsWith(e));
    if (!el) {
      // Punctuation passes through; a lone letter PostgreSQL could read as a pattern is quoted.
      out += /[A-Za-z]/.test(ch) ? `"${ch}"` : ch;
      i++;
      continue;
    }
    const written = oracle.slice(i, i + el.length);
    if (UNSUPPORTED.includes(el)) unsupported.push(el);
    if (el === 'RR' || el === 'RRRR' || el.startsWith('FF') || el === 'TZR' || el === 'TZD') approximate.push(el);
    if (RENAMED[el]) out += RENAMED[el];
    else if (/^(MONTH|MON|DAY|DY)$/.test(el)) out += written;
    else out += el;
    i += el.length;
  }
  return { mask: out, unsupported, approximate };
}

/** True when the mask has time-of-day elements (TO_DATE then needs to_timestamp). */
export function maskHasTime(mask: string): boolean {
  return /HH|MI|SS|AM|PM|FF/i.test(mask.replace(/"[^"]*"/g, ''));
}
