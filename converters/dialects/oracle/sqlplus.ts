import type { SourceFile, SourceSpan } from '../../model/index.js';
import type { LexStart } from '../common/tokens.js';
import { OS } from './codes.js';
import type { OraContext } from './context.js';
import { LineMap, baseName, dirName, joinPath, normalizePath } from './lines.js';
import { commentRanges, substitute } from './substitute.js';
import { PLSQL_HEAD, scanPlsqlUnit, scanSqlStatement } from './scan.js';

/** A SQL statement or PL/SQL unit cut out of a script, substitution variables replaced. */
export interface ScriptItem {
  kind: 'sql' | 'plsql';
  text: string;
  span: SourceSpan;
  /** Where `text` starts in its file (for Parser spans). */
  start: LexStart;
  /** Substitution variables that had no value (already reported); the statement should be kept as text. */
  missing: string[];
  /** The script ends inside a string or comment of this statement (already reported): keep it as text. */
  unterminated?: boolean;
}

/** SQL*Plus commands by full name → shortest accepted abbreviation length. */
const COMMANDS: Record<string, number> = {
  ACCEPT: 3, APPEND: 1, ARCHIVE: 4, ATTRIBUTE: 4, BREAK: 3, BTITLE: 3, CHANGE: 1, CLEAR: 2, COLUMN: 3, COMPUTE: 4,
  CONNECT: 4, COPY: 4, DEFINE: 3, DEL: 3, DESCRIBE: 4, DISCONNECT: 4, EDIT: 2, EXECUTE: 4, EXIT: 3, GET: 3,
  HELP: 4, HISTORY: 4, HOST: 2, INPUT: 1, LIST: 1, PASSWORD: 5, PAUSE: 3, PRINT: 3, PROMPT: 3, QUIT: 4,
  RECOVER: 4, REMARK: 3, REPFOOTER: 4, REPHEADER: 4, RUN: 1, SAVE: 3, SET: 3, SHOW: 3, SHUTDOWN: 4, SPOOL: 3,
  START: 3, STARTUP: 7, STORE: 4, TIMING: 4, TTITLE: 3, UNDEFINE: 5, VARIABLE: 3, WHENEVER: 5, XQUERY: 6,
};

const SQL_START = new Set([
  'ALTER', 'ANALYZE', 'AUDIT', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DELETE', 'DROP', 'EXPLAIN', 'FLASHBACK', 'GRANT',
  'INSERT', 'LOCK', 'MERGE', 'NOAUDIT', 'PURGE', 'RENAME', 'REVOKE', 'ROLLBACK', 'SAVEPOINT', 'SELECT', 'TRUNCATE',
  'UPDATE', 'WITH', 'DECLARE', 'BEGIN', 'VALUES', 'ADMINISTER', 'ASSOCIATE', 'DISASSOCIATE',
]);

const FORMATTING = new Set(['ATTRIBUTE', 'BREAK', 'BTITLE', 'CLEAR', 'COLUMN', 'COMPUTE', 'REPFOOTER', 'REPHEADER', 'TTITLE']);
/** SET options that change how the script is read or run (→ shortest abbreviation); all others only change display and are accepted silently. */
const TRACKED_SETS: Record<string, number> = { DEFINE: 3, SCAN: 4, CONCAT: 3, SQLBLANKLINES: 5, ESCAPE: 3, SQLTERMINATOR: 4, BLOCKTERMINATOR: 3, AUTOCOMMIT: 4 };

/** Every accepted spelling (full name or abbreviation) → command; built once (commandOf runs per script line). */
const COMMAND_SPELLINGS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [name, min] of Object.entries(COMMANDS)) {
    // min 1 means only the full name (a one-letter abbreviation would catch too much)
    for (let n = min > 1 ? min : name.length; n <= name.length; n++) {
      const w = name.slice(0, n);
      if (!m.has(w) && !SQL_START.has(w)) m.set(w, name);
    }
  }
  return m;
})();

function commandOf(word: string): string | undefined {
  return COMMAND_SPELLINGS.get(word);
}

/** Does a line start a SQL statement, a PL/SQL unit or a SQL*Plus command? */
function startsStatementOrCommand(line: string): boolean {
  const t = line.trimStart();
  if (t.startsWith('@') || t.startsWith('--') || t.startsWith('/*') || t.startsWith('<<')) return true;
  const m = /^[A-Za-z][A-Za-z0-9_$#]*/.exec(t);
  if (!m) return false;
  const w = m[0].toUpperCase();
  return SQL_START.has(w) || commandOf(w) !== undefined;
}

/** `name arg1 'arg two' "arg3"` → words, quotes removed. */
function scriptArgs(text: string): string[] {
  return [...text.trim().matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Signals EXIT/QUIT: SQL*Plus ends the session, so nothing after it (in this or an including script) runs. */
class ExitSignal { constructor(readonly span: SourceSpan) {} }

/**
 * One SQL*Plus session over the given files: runs the root scripts in order, following @/@@/START
 * includes inline (each file at most once), keeping DEFINE variables and SET options across files
 * as SQL*Plus does, and handing statements and PL/SQL units to `onItem`.
 */
export class SqlPlusSession {
  private readonly files = new Map<string, SourceFile>();
  private readonly byBase = new Map<string, SourceFile[]>();
  private readonly done = new Set<string>();
  private readonly active = new Set<string>();
  private readonly vars = new Map<string, string>();
  private definePrefix: string | undefined = '&';
  private concat: string | undefined = '.';
  private escape: string | undefined;
  private formattingReported = false;
  /** SET SQLBLANKLINES ON: blank lines do not end SQL statements. */
  blankLines = false;
  /** First span of each ignored SQL*Plus command kind with a count, reported at the end. */
  readonly formattingCount = { n: 0 };

  constructor(
    private readonly ctx: OraContext,
    files: SourceFile[],
    variables: Record<string, string> | undefined,
    private readonly onItem: (item: ScriptItem) => void,
  ) {
    for (const f of files) {
      const key = normalizePath(f.path);
      this.files.set(key, f);
      const b = baseName(key).toLowerCase();
      this.byBase.set(b, [...(this.byBase.get(b) ?? []), f]);
    }
    for (const [k, v] of Object.entries(variables ?? {})) {
      this.vars.set(k.toUpperCase(), v);
      if (/PASS|PWD|SECRET/i.test(k)) this.markSecret(k);
    }
  }

  /** Runs every file that no other given file includes, then any file never reached. */
  run(files: SourceFile[]): void {
    const included = new Set<string>();
    for (const f of files) {
      const dir = dirName(normalizePath(f.path));
      for (const m of f.text.matchAll(/^[ \t]*(?:@@?|sta(?:r|rt)?[ \t]+)[ \t]*([^\s;&]+)/gim)) {
        const target = this.resolve(m[1]!, dir, dir, true);
        if (target && target !== f) included.add(normalizePath(target.path));
      }
    }
    for (const f of files) if (!included.has(normalizePath(f.path))) this.runRoot(f);
    for (const f of files) if (!this.done.has(normalizePath(f.path))) this.runRoot(f);
  }

  private runRoot(f: SourceFile): void {
    try {
      this.runFile(f, dirName(normalizePath(f.path)));
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
    }
  }

  private resolve(raw: string, cwd: string, here: string, quiet = false): SourceFile | undefined {
    const name = /\.[A-Za-z0-9]+$/.test(baseName(raw)) ? raw : `${raw}.sql`;
    const exact = this.files.get(joinPath(here, name)) ?? this.files.get(joinPath(cwd, name)) ?? this.files.get(normalizePath(name));
    if (exact) return exact;
    const same = this.byBase.get(baseName(name).toLowerCase());
    if (same && same.length === 1) {
      if (!quiet) this.byNameOnly = true;
      return same[0];
    }
    return undefined;
  }
  private byNameOnly = false;

  private runFile(file: SourceFile, cwd: string): void {
    const key = normalizePath(file.path);
    this.done.add(key);
    this.active.add(key);
    const prevFile = this.ctx.file;
    this.ctx.file = file.path;
    try {
      new FileRun(this, file, cwd, key).run();
    } finally {
      this.active.delete(key);
      this.ctx.file = prevFile;
    }
  }

  // ---- used by FileRun ----

  get context(): OraContext { return this.ctx; }

  emit(item: ScriptItem): void { this.onItem(item); }

  /** Substitutes variables in `text` (which starts at `from` in the file); reports the missing ones. */
  /**
   * Substitutes variables in `text` (which starts at `from` in the file); reports the missing ones.
   * `mask`: text that ends up in the model gets '********' for secret variables (passwords).
   */
  subst(text: string, from: number, lines: LineMap, report = true, mask = false): { text: string; missing: string[]; secret: boolean } {
    let secret = false;
    const r = substitute(text, { prefix: this.definePrefix, concat: this.concat, escape: this.escape },
      (n) => {
        const key = n.toUpperCase();
        const v = this.vars.get(key);
        if (v === undefined || !this.secrets.has(key)) return v;
        secret = true;
        if (!mask) return v;
        if (!this.maskReported.has(key)) {
          this.maskReported.add(key);
          this.ctx.diag(OS.secretMasked, lines.span(from + text.indexOf(n) - 1, from + text.indexOf(n) + n.length), `&${n} holds a password (ACCEPT … HIDE or a password-like name): its value is not copied into the converted code; '********' stands in its place`);
        }
        return '********';
      },
      (n, v) => this.vars.set(n.toUpperCase(), v));
    const names: string[] = [];
    // in SQL text (mask), a variable inside a comment changes nothing that is converted
    const comments = mask && r.missing.length ? commentRanges(text) : [];
    for (const m of r.missing) {
      if (comments.some(([a, b]) => m.at >= a && m.at < b)) continue;
      if (names.includes(m.name)) continue;
      names.push(m.name);
      if (report) {
        this.ctx.diag(OS.missingVariable, lines.span(from + m.at, from + m.at + m.name.length + 1),
          `Substitution variable &${m.name} has no value: give it in the conversion settings (variables: { ${/^\d+$/.test(m.name) ? `"${m.name}"` : m.name}: "…" }) or DEFINE ${m.name} = … before this line; the statement is kept as text`);
      }
    }
    return { text: r.text, missing: names, secret };
  }

  private readonly secrets = new Set<string>();
  private readonly maskReported = new Set<string>();
  /** Variables whose values must not reach the model: ACCEPT … HIDE, password-like names, and values copied from them. */
  markSecret(name: string): void { this.secrets.add(name.toUpperCase()); }

  hasVar(name: string): boolean { return this.vars.has(name.toUpperCase()); }
  /** @script a b c: the arguments become &1, &2, &3 (DEFINEd, as SQL*Plus does). */
  defineArgs(args: string[]): void { args.forEach((a, i) => this.vars.set(String(i + 1), a)); }
  define(name: string, value: string, secret = false): void {
    this.vars.set(name.toUpperCase(), value);
    if (secret || /PASS|PWD|SECRET/i.test(name)) this.markSecret(name);
  }
  undefine(name: string): void { this.vars.delete(name.toUpperCase()); }

  setOption(name: string, value: string, span: SourceSpan): void {
    const v = value.trim().replace(/^['"](.*)['"]$/, '$1');
    const up = v.toUpperCase();
    if (name === 'DEFINE' || name === 'SCAN') {
      if (up === 'OFF') this.definePrefix = undefined;
      else if (up === 'ON') this.definePrefix = this.definePrefix ?? '&';
      else if (v.length === 1) this.definePrefix = v;
      return;
    }
    if (name === 'SQLBLANKLINES') { this.blankLines = up === 'ON'; return; }
    if (name === 'CONCAT') {
      if (up === 'OFF') this.concat = undefined;
      else if (up === 'ON') this.concat = '.';
      else if (v.length === 1) this.concat = v;
      return;
    }
    if (name === 'ESCAPE') {
      if (up === 'OFF') this.escape = undefined;
      else if (up === 'ON') this.escape = '\\';
      else if (v.length === 1) this.escape = v;
      return;
    }
    if (name === 'SQLTERMINATOR' || name === 'BLOCKTERMINATOR') {
      if (up === 'ON' || up === 'OFF' || (name === 'SQLTERMINATOR' && v === ';') || (name === 'BLOCKTERMINATOR' && v === '.')) return;
      this.ctx.diag(OS.sessionSetting, span, `SET ${name} ${v} is not followed: dbshift reads ';' and '/' as terminators and no escape character; check the statements after this line`);
      return;
    }
    if (name === 'AUTOCOMMIT' && up !== 'OFF') {
      this.ctx.diag(OS.sessionSetting, span, `SET AUTOCOMMIT ${v}: the script relies on a commit after every statement; the converted script commits as the target client does`);
    }
  }

  formatting(span: SourceSpan, what: string): void {
    this.formattingCount.n++;
    if (this.formattingReported) return;
    this.formattingReported = true;
    this.ctx.diag(OS.formatting, span, `SQL*Plus formatting command ${what} ignored (and any later COLUMN/TTITLE/BREAK/COMPUTE commands)`);
  }

  include(raw: string, cwd: string, here: string, span: SourceSpan): void {
    this.byNameOnly = false;
    const f = this.resolve(raw, cwd, here);
    if (!f) {
      this.ctx.diag(OS.missingInclude, span, raw.startsWith('?')
        ? `Included script ${raw} is one of Oracle's own scripts (? is ORACLE_HOME) and is not among the converted files; what it creates (e.g. PLAN_TABLE) is not converted`
        : `Included script ${raw} is not among the converted files (looked for ${joinPath(here, raw)}); its objects are not converted`);
      return;
    }
    const key = normalizePath(f.path);
    if (this.active.has(key)) {
      this.ctx.diag(OS.missingInclude, span, `Script ${raw} includes itself (directly or through other scripts); the include is skipped`);
      return;
    }
    if (this.byNameOnly) this.ctx.diag(OS.includeByName, span, `Included script ${raw} not found at that path; used ${f.path}, the given file with the same name`);
    if (this.done.has(key)) return;
    this.runFile(f, cwd);
  }

  exit(span: SourceSpan): never { throw new ExitSignal(span); }
}

/** Reads one file line by line the way SQL*Plus does. */
class FileRun {
  private readonly lines: LineMap;
  private readonly text: string;
  private readonly here: string;

  constructor(private readonly s: SqlPlusSession, private readonly file: SourceFile, private readonly cwd: string, key: string) {
    this.text = file.text;
    this.lines = new LineMap(file.text, file.path);
    this.here = dirName(key);
  }

  run(): void {
    const text = this.text;
    const n = text.length;
    let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0) { pos++; continue; }
      const eol = this.lines.lineEnd(pos);
      const line = text.slice(pos, eol);
      if (line.startsWith('--')) { pos = eol; continue; }
      if (line.startsWith('/*')) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) {
          this.s.context.diag(OS.unterminated, this.lines.span(pos, pos + 2), 'Comment /* is never closed by */: the rest of the script is inside it and is not converted');
          return;
        }
        pos = close + 2;
        continue;
      }
      const trimmed = line.trimEnd();
      if (trimmed === '/' || trimmed === '.') { pos = eol; continue; }
      if (line.startsWith('@')) { pos = this.includeCommand(pos, eol); continue; }
      const m = /^[A-Za-z][A-Za-z0-9_$#]*/.exec(line);
      const word = m ? m[0].toUpperCase() : '';
      if (word === 'SET' && /^SET\s+(TRANSACTION|ROLE|CONSTRAINTS?)\b/i.test(line)) { pos = this.statement(pos, false); continue; }
      const cmd = word ? commandOf(word) : undefined;
      if (cmd) { pos = this.command(cmd, pos, eol); continue; }
      if (SQL_START.has(word) || line.startsWith('(') || line.startsWith('<<')) {
        pos = this.statement(pos, PLSQL_HEAD.test(text.slice(pos, pos + 400)));
        continue;
      }
      const end = this.continued(pos, eol);
      this.s.context.diag(OS.unknownCommand, this.lines.span(pos, eol),
        `Unknown SQL*Plus command or statement '${line.trim().slice(0, 60)}': skipped`);
      pos = end;
    }
  }

  /** End of a SQL*Plus command that may continue over lines ending with '-'. */
  private continued(pos: number, eol: number): number {
    let end = eol;
    while (end < this.text.length && this.text.slice(this.lines.lineStartOf(end), end).trimEnd().endsWith('-')) {
      end = this.lines.lineEnd(this.lines.nextLine(end));
    }
    return end;
  }

  private statement(pos: number, plsql: boolean): number {
    const text = this.text;
    const ctx = this.s.context;
    const r = plsql ? scanPlsqlUnit(text, pos, this.lines) : scanSqlStatement(text, pos, this.lines, this.s.blankLines ? undefined : startsStatementOrCommand);
    const raw = text.slice(pos, r.end).trimEnd();
    const span = this.lines.span(pos, pos + raw.length);
    if (r.problem) ctx.diag(r.problem.notRun ? OS.notRun : OS.unterminated, r.problem.span, r.problem.message);
    const privilege = /^(GRANT|REVOKE|CREATE\s+USER|ALTER\s+USER|DROP\s+USER|CREATE\s+ROLE)\b/i.test(raw);
    const sub = this.s.subst(raw, pos, this.lines, !privilege, true);
    const start = this.lines.start(pos);
    this.s.emit({ kind: plsql ? 'plsql' : 'sql', text: sub.text, span, start, missing: privilege ? [] : sub.missing, ...(r.problem?.fatal ? { unterminated: true } : {}) });
    return r.next;
  }

  private includeCommand(pos: number, eol: number): number {
    const end = this.continued(pos, eol);
    const raw = this.commandText(pos, end);
    const sub = this.s.subst(raw, pos, this.lines);
    const span = this.lines.span(pos, end);
    if (sub.missing.length) return end;
    const dbl = sub.text.startsWith('@@');
    const [target, ...args] = scriptArgs(sub.text.slice(dbl ? 2 : 1));
    if (!target) { this.s.context.diag(OS.unknownCommand, span, '@ without a script name: skipped'); return end; }
    this.s.defineArgs(args);
    this.s.include(target, dbl ? this.here : this.cwd, this.here, span);
    return end;
  }

  /** Command text with '-' continuations joined and a trailing ';' dropped. */
  private commandText(pos: number, end: number): string {
    return this.text.slice(pos, end).replace(/[ \t]*-[ \t]*(\r\n|\r|\n)/g, ' ').trimEnd().replace(/;$/, '').trimEnd();
  }

  private command(cmd: string, pos: number, eol: number): number {
    const ctx = this.s.context;
    if (cmd === 'REMARK') return eol;
    const end = this.continued(pos, eol);
    const span = this.lines.span(pos, end);
    const raw = this.commandText(pos, end);
    const args = raw.replace(/^\S+\s*/, '');
    switch (cmd) {
      case 'PROMPT': case 'SPOOL': case 'SHOW': case 'DESCRIBE': case 'PAUSE': case 'TIMING': case 'PRINT':
      case 'VARIABLE': case 'HELP': case 'LIST': case 'HISTORY': case 'PASSWORD': case 'DISCONNECT':
        return end;
      case 'SET': {
        const m = /^(\w+)\s*(.*)$/.exec(args);
        if (!m) return end;
        const opt = m[1]!.toUpperCase();
        const full = Object.keys(TRACKED_SETS).find((o) => o.startsWith(opt) && opt.length >= TRACKED_SETS[o]!);
        if (full) this.s.setOption(full, this.s.subst(m[2]!, pos, this.lines, false).text, span);
        return end;
      }
      case 'DEFINE': {
        const m = /^([A-Za-z0-9_$#]+)\s*=\s*(.*)$/s.exec(args);
        if (!m) return end;
        // a DEFINE from an undefined variable leaves it undefined; its uses report it
        const sub = this.s.subst(m[2]!.trim(), pos + raw.indexOf(m[2]!), this.lines, false);
        if (sub.missing.length) return end;
        this.s.define(m[1]!, sub.text.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1'), sub.secret);
        return end;
      }
      case 'UNDEFINE':
        for (const v of args.split(/\s+/).filter(Boolean)) this.s.undefine(v);
        return end;
      case 'ACCEPT': {
        const m = /^([A-Za-z0-9_$#]+)(.*)$/s.exec(args);
        if (m && /\bHIDE\b/i.test(m[2]!)) this.s.markSecret(m[1]!);
        if (!m || this.s.hasVar(m[1]!)) return end;
        const def = /\bDEF(?:AULT)?\s+('([^']*)'|"([^"]*)"|(\S+))/i.exec(m[2]!);
        if (def) {
          const sub = this.s.subst(def[2] ?? def[3] ?? def[4] ?? '', pos, this.lines, false);
          if (!sub.missing.length) this.s.define(m[1]!, sub.text);
        }
        return end;
      }
      case 'CONNECT': {
        // CONNECT user[/password][@db] [AS SYSDBA]: only the user is read; the password is never kept.
        const user = args.split(/[/@\s]/)[0] ?? '';
        const sub = this.s.subst(user, pos + raw.indexOf(user), this.lines);
        if (sub.missing.length || !sub.text) return end;
        ctx.defaultSchema = sub.text.startsWith('"') ? sub.text.replace(/^"|"$/g, '') : sub.text.toUpperCase();
        return end;
      }
      case 'START': {
        const sub = this.s.subst(args, pos, this.lines);
        const [target, ...params] = scriptArgs(sub.text);
        if (sub.missing.length || !target) return end;
        this.s.defineArgs(params);
        this.s.include(target, this.cwd, this.here, span);
        return end;
      }
      case 'EXIT': case 'QUIT': {
        const rest = this.text.slice(end).trim();
        if (rest && !/^((rem(ark)?\b|--)[^\n]*\s*)*$/i.test(rest)) {
          ctx.diag(OS.exitCommand, span, `${cmd} at ${this.file.path}:${span.line} ends the SQL*Plus session: the rest of the script (and of any script that included it) is not converted`);
        }
        return this.s.exit(span);
      }
      case 'EXECUTE': {
        // statistics gathering is not schema content (like ANALYZE)
        if (/^(SYS\.)?DBMS_STATS\./i.test(args)) return end;
        const sub = this.s.subst(args, pos, this.lines, true, true);
        const body = sub.text.replace(/;\s*$/, '');
        this.s.emit({ kind: 'plsql', text: `BEGIN ${body}; END;`, span, start: this.lines.start(pos), missing: sub.missing });
        return end;
      }
      case 'WHENEVER':
        return end;
      case 'HOST': case 'EDIT': case 'GET': case 'SAVE': case 'STORE': case 'RUN': case 'COPY': case 'RECOVER':
      case 'STARTUP': case 'SHUTDOWN': case 'ARCHIVE': case 'XQUERY': case 'APPEND': case 'CHANGE': case 'DEL': case 'INPUT':
        ctx.diag(OS.notModelled, span, `SQL*Plus command ${cmd} is not run by dbshift: skipped`);
        return end;
      default:
        if (FORMATTING.has(cmd)) { this.s.formatting(span, cmd); return end; }
        ctx.diag(OS.unknownCommand, span, `SQL*Plus command ${cmd} is not handled: skipped`);
        return end;
    }
  }
}
