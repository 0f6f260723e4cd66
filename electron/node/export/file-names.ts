// Object names become file names under objects/<schema>/<type>/. Names come from user input
// (including hostile ones), so a name never reaches the file system as is: anything outside a
// small safe set is replaced, and a hash of the real name keeps replaced names distinct and stable.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_STEM = 80;

/** FNV-1a, 32 bit, as 8 hex digits: stable across runs and platforms. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A single path segment for `name`: letters, digits, `_`, `-`, `.` only; never `.`/`..`, never
 * starting with a dot, never a Windows device name, bounded length. When anything had to change,
 * `~<hash>` of the original is appended so two different names never share a file.
 */
export function safeSegment(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_');
  let changed = s !== name;
  if (s === '' || WINDOWS_RESERVED.test(s.replace(/\..*$/, ''))) { s = `_${s}`; changed = true; }
  if (s.length > MAX_STEM) { s = s.slice(0, MAX_STEM); changed = true; }
  if (s.endsWith('.')) { s = `${s}_`; changed = true; }
  return changed ? `${s}~${shortHash(name)}` : s;
}

/**
 * Assigns file names to objects in one folder so that names differing only in case (which
 * collide on case-insensitive file systems) get distinct files: every member of such a group
 * gets the hash suffix. The result depends only on the set of names, not on their order.
 */
export function assignFileNames(names: string[]): Map<string, string> {
  const stems = new Map<string, string>();
  for (const n of names) stems.set(n, safeSegment(n));
  const byLower = new Map<string, string[]>();
  for (const [n, s] of stems) {
    const k = s.toLowerCase();
    byLower.set(k, [...(byLower.get(k) ?? []), n]);
  }
  const out = new Map<string, string>();
  for (const [n, s] of stems) {
    const group = byLower.get(s.toLowerCase())!;
    const stem = group.length > 1 && !s.includes('~') ? `${s}~${shortHash(n)}` : s;
    out.set(n, `${stem}.sql`);
  }
  return out;
}
