// MySQL/MariaDB cannot roll back DDL. While applying statement by statement we classify each
// statement (what it created, what it changed) and, on failure, write an undo script that drops
// what this run created in reverse order — and say plainly what cannot be undone.

interface Tok { text: string; quoted: boolean }

/** The leading tokens of a statement: identifiers (bare or `quoted`), strings, punctuation. */
export function headTokens(sql: string, max = 40): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n && out.length < max) {
    const c = sql[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < n && sql[i] !== '\n') i++; continue; }
    if (c === '#') { while (i < n && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') { const e = sql.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === '`' || c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < n) {
        if (sql[j] === c) { if (sql[j + 1] === c) { v += c; j += 2; continue; } break; }
        if (sql[j] === '\\' && c !== '`') { v += sql[j + 1] ?? ''; j += 2; continue; }
        v += sql[j++];
      }
      out.push({ text: v, quoted: true });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z0-9_$\u0080-\uffff]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++;
      out.push({ text: sql.slice(i, j), quoted: false });
      i = j;
      continue;
    }
    out.push({ text: c, quoted: false });
    i++;
  }
  return out;
}

const kw = (t: Tok | undefined, ...words: string[]): boolean => !!t && !t.quoted && words.includes(t.text.toUpperCase());

export const quoteIdent = (s: string): string => `\`${s.replace(/`/g, '``')}\``;

export interface QName { schema?: string; name: string }
export const qnameSql = (q: QName): string => (q.schema ? `${quoteIdent(q.schema)}.${quoteIdent(q.name)}` : quoteIdent(q.name));

function readName(toks: Tok[], at: number): { name: QName; next: number } | undefined {
  const a = toks[at];
  if (!a || (!a.quoted && !/^[A-Za-z0-9_$\u0080-\uffff]+$/.test(a.text))) return undefined;
  if (toks[at + 1]?.text === '.' && !toks[at + 1]!.quoted && toks[at + 2]) {
    return { name: { schema: a.text, name: toks[at + 2]!.text }, next: at + 3 };
  }
  return { name: { name: a.text }, next: at + 1 };
}

export type CreatedKind = 'TABLE' | 'VIEW' | 'FUNCTION' | 'PROCEDURE' | 'TRIGGER' | 'EVENT' | 'INDEX' | 'DATABASE' | 'SEQUENCE';

/** What a statement does, as far as undo is concerned. */
export type Effect =
  | { kind: 'create'; what: CreatedKind; name: QName; onTable?: QName; ifNotExists: boolean; orReplace: boolean; temporary: boolean }
  | { kind: 'alter-table'; table: QName; undo?: string; clause: string }
  | { kind: 'data'; table?: QName; verb: string }
  | { kind: 'drop'; what: string; name?: QName }
  | { kind: 'rename'; pairs: [QName, QName][] }
  | { kind: 'use'; db: string }
  | { kind: 'neutral' }
  | { kind: 'unknown'; verb: string };

const CREATABLE = ['TABLE', 'VIEW', 'FUNCTION', 'PROCEDURE', 'TRIGGER', 'EVENT', 'INDEX', 'DATABASE', 'SCHEMA', 'SEQUENCE'];

function topLevelCommas(sql: string): number {
  let depth = 0, commas = 0;
  for (const t of headTokens(sql, 10_000)) {
    if (t.quoted) continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (t.text === ',' && depth === 0) commas++;
  }
  return commas;
}

function alterUndo(toks: Tok[], at: number, table: QName, sql: string): string | undefined {
  if (topLevelCommas(sql) > 0 || !kw(toks[at], 'ADD')) return undefined;
  let i = at + 1;
  let constraint: string | undefined;
  if (kw(toks[i], 'CONSTRAINT')) {
    if (!kw(toks[i + 1], 'FOREIGN', 'UNIQUE', 'CHECK', 'PRIMARY')) { constraint = toks[i + 1]?.text; i += 2; } else i += 1;
  }
  const t = sqlTable(table);
  if (kw(toks[i], 'FOREIGN') && constraint) return `ALTER TABLE ${t} DROP FOREIGN KEY ${quoteIdent(constraint)}`;
  if (kw(toks[i], 'CHECK') && constraint) return `ALTER TABLE ${t} DROP CONSTRAINT ${quoteIdent(constraint)}`;
  if (kw(toks[i], 'PRIMARY')) return `ALTER TABLE ${t} DROP PRIMARY KEY`;
  if (kw(toks[i], 'UNIQUE', 'INDEX', 'KEY', 'FULLTEXT', 'SPATIAL')) {
    if (kw(toks[i], 'UNIQUE', 'FULLTEXT', 'SPATIAL')) i++;
    if (kw(toks[i], 'INDEX', 'KEY')) i++;
    const name = constraint ?? (toks[i] && toks[i]!.text !== '(' && !kw(toks[i], 'USING') ? toks[i]!.text : undefined);
    if (name) return `ALTER TABLE ${t} DROP INDEX ${quoteIdent(name)}`;
  }
  return undefined;
}

const sqlTable = qnameSql;

export function classify(sql: string): Effect {
  const toks = headTokens(sql);
  const verb = (toks[0]?.text ?? '').toUpperCase();
  if (verb === 'CREATE') {
    let i = 1;
    let orReplace = false, temporary = false;
    while (i < toks.length && !(kw(toks[i], ...CREATABLE))) {
      if (kw(toks[i], 'OR') && kw(toks[i + 1], 'REPLACE')) orReplace = true;
      if (kw(toks[i], 'TEMPORARY')) temporary = true;
      i++;
    }
    if (i >= toks.length) return { kind: 'unknown', verb: 'CREATE' };
    const what = (toks[i]!.text.toUpperCase() === 'SCHEMA' ? 'DATABASE' : toks[i]!.text.toUpperCase()) as CreatedKind;
    i++;
    let ifNotExists = false;
    if (kw(toks[i], 'IF') && kw(toks[i + 1], 'NOT') && kw(toks[i + 2], 'EXISTS')) { ifNotExists = true; i += 3; }
    const n = readName(toks, i);
    if (!n) return { kind: 'unknown', verb: `CREATE ${what}` };
    if (what === 'INDEX') {
      let j = n.next;
      while (j < toks.length && !kw(toks[j], 'ON')) j++;
      const t = readName(toks, j + 1);
      if (!t) return { kind: 'unknown', verb: 'CREATE INDEX' };
      return { kind: 'create', what, name: n.name, onTable: t.name, ifNotExists, orReplace, temporary };
    }
    if (what === 'TRIGGER') {
      let j = n.next;
      while (j < toks.length && !kw(toks[j], 'ON')) j++;
      const t = readName(toks, j + 1);
      return { kind: 'create', what, name: n.name, ...(t ? { onTable: t.name } : {}), ifNotExists, orReplace, temporary };
    }
    return { kind: 'create', what, name: n.name, ifNotExists, orReplace, temporary };
  }
  if (verb === 'ALTER' && kw(toks[1], 'TABLE')) {
    let i = 2;
    if (kw(toks[i], 'IF') && kw(toks[i + 1], 'EXISTS')) i += 2;
    const n = readName(toks, i);
    if (!n) return { kind: 'unknown', verb: 'ALTER TABLE' };
    const undo = alterUndo(toks, n.next, n.name, sql);
    const clause = toks.slice(n.next, n.next + 4).map((t) => t.text).join(' ');
    return { kind: 'alter-table', table: n.name, clause, ...(undo ? { undo } : {}) };
  }
  if (['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'LOAD', 'TRUNCATE'].includes(verb)) {
    let i = 1;
    while (i < toks.length && (kw(toks[i], 'INTO', 'FROM', 'IGNORE', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'QUICK', 'TABLE'))) i++;
    if (verb === 'LOAD') {
      while (i < toks.length && !kw(toks[i], 'TABLE')) i++;
      i++;
    }
    const n = readName(toks, i);
    return { kind: 'data', verb, ...(n ? { table: n.name } : {}) };
  }
  if (verb === 'DROP') {
    let i = 1;
    while (i < toks.length && kw(toks[i], 'TEMPORARY', 'UNIQUE')) i++;
    const what = (toks[i]?.text ?? '').toUpperCase();
    i++;
    if (kw(toks[i], 'IF') && kw(toks[i + 1], 'EXISTS')) i += 2;
    const n = readName(toks, i);
    return { kind: 'drop', what, ...(n ? { name: n.name } : {}) };
  }
  if (verb === 'RENAME' && kw(toks[1], 'TABLE')) {
    const pairs: [QName, QName][] = [];
    let i = 2;
    for (;;) {
      const a = readName(toks, i);
      if (!a || !kw(toks[a.next], 'TO')) break;
      const b = readName(toks, a.next + 1);
      if (!b) break;
      pairs.push([a.name, b.name]);
      if (toks[b.next]?.text !== ',') break;
      i = b.next + 1;
    }
    return pairs.length ? { kind: 'rename', pairs } : { kind: 'unknown', verb: 'RENAME' };
  }
  if (verb === 'USE' && toks[1]) return { kind: 'use', db: toks[1].text };
  if (['SET', 'SELECT', 'DO', 'SHOW', 'DELIMITER', 'COMMIT', 'BEGIN', 'START', 'ANALYZE', 'OPTIMIZE', 'FLUSH'].includes(verb)) return { kind: 'neutral' };
  return { kind: 'unknown', verb: verb || '(empty)' };
}

/** One step of the undo plan, recorded right after its statement succeeded. */
export interface UndoStep {
  index: number;
  line: number;
  /** Database in effect (USE) when the statement ran. */
  db?: string;
  /** Statements that undo it; restore statements with bodies need a DELIMITER. */
  sql: string[];
  needsDelimiter?: boolean;
  /** What cannot be undone, said plainly. */
  limitation?: string;
}

const DROP_SQL: Record<Exclude<CreatedKind, 'INDEX'>, string> = {
  TABLE: 'DROP TABLE IF EXISTS', VIEW: 'DROP VIEW IF EXISTS', FUNCTION: 'DROP FUNCTION IF EXISTS',
  PROCEDURE: 'DROP PROCEDURE IF EXISTS', TRIGGER: 'DROP TRIGGER IF EXISTS', EVENT: 'DROP EVENT IF EXISTS',
  DATABASE: 'DROP DATABASE IF EXISTS', SEQUENCE: 'DROP SEQUENCE IF EXISTS',
};

export function dropStatement(what: CreatedKind, name: QName, onTable?: QName): string {
  if (what === 'INDEX') return `DROP INDEX ${quoteIdent(name.name)} ON ${qnameSql(onTable ?? { name: '?' })}`;
  return `${DROP_SQL[what]} ${qnameSql(name)}`;
}

/** The undo script: steps in reverse order, for the mariadb/mysql command-line client. */
export function buildUndoScript(steps: UndoStep[], header: string[]): string {
  const out = [...header.map((h) => `-- ${h}`), 'SET FOREIGN_KEY_CHECKS = 0;'];
  let db: string | undefined;
  for (const s of [...steps].reverse()) {
    if (s.sql.length === 0 && !s.limitation) continue;
    if (s.db && s.db !== db && s.sql.length > 0) { out.push(`USE ${quoteIdent(s.db)};`); db = s.db; }
    out.push(`-- undo of statement ${s.index + 1} (apply.sql line ${s.line})`);
    if (s.limitation) out.push(`-- NOT UNDONE: ${s.limitation.replace(/\n/g, ' ')}`);
    for (const sql of s.sql) {
      if (s.needsDelimiter) {
        const d = sql.includes('//') ? '$$' : '//';
        out.push(`DELIMITER ${d}`, `${sql}${d}`, 'DELIMITER ;');
      } else out.push(`${sql};`);
    }
  }
  out.push('SET FOREIGN_KEY_CHECKS = 1;');
  return `${out.join('\n')}\n`;
}
