import { mysqlDialect, type Dialect, type MysqlDialectOptions } from '../common/dialect.js';
import type { Parser } from '../common/parser.js';
import type { MyContext } from './context.js';

/**
 * sql_mode changes how the rest of a script reads: ANSI_QUOTES makes "…" an identifier,
 * PIPES_AS_CONCAT makes || concatenation, NO_BACKSLASH_ESCAPES keeps \ literal in strings,
 * REAL_AS_FLOAT makes REAL a single-precision float. SET statements in the script are followed,
 * including the usual save/restore through a user variable (SET @OLD_SQL_MODE=@@SQL_MODE …).
 */
export function dialectForSqlMode(mode: string, server: MysqlDialectOptions = {}): Dialect {
  // One Dialect per setting: tokenizer tables are cached per config object, and live extraction
  // parses thousands of one-statement files.
  const key = `${mode}|${server.serverVersion ?? ''}|${server.mariadb ?? ''}|${server.ansiQuotes ?? ''}|${server.pipesAsConcat ?? ''}|${server.noBackslashEscapes ?? ''}`;
  let d = DIALECTS.get(key);
  if (!d) {
    d = buildDialect(mode, server);
    if (DIALECTS.size > 64) DIALECTS.clear();
    DIALECTS.set(key, d);
  }
  return d;
}

const DIALECTS = new Map<string, Dialect>();

function buildDialect(mode: string, server: MysqlDialectOptions): Dialect {
  const flags = new Set(mode.toUpperCase().split(',').map((s) => s.trim()));
  const ansi = flags.has('ANSI');
  const d = mysqlDialect({
    ...server,
    ansiQuotes: ansi || flags.has('ANSI_QUOTES'),
    pipesAsConcat: ansi || flags.has('PIPES_AS_CONCAT'),
    noBackslashEscapes: flags.has('NO_BACKSLASH_ESCAPES'),
  });
  if (ansi || flags.has('REAL_AS_FLOAT')) d.types = { ...d.types, REAL: { name: 'real' } };
  return d;
}

const isSqlModeName = (name: string): boolean => /^((global|session|local)\.)?sql_mode$/i.test(name);

/** Reads a SET statement at the cursor for sql_mode changes; never throws, never moves the cursor. */
export function trackSqlMode(ctx: MyContext, p: Parser): void {
  const save = p.pos;
  try {
    if (!p.acceptKw('SET')) return;
    do {
      const level = p.acceptAnyKw('GLOBAL', 'SESSION', 'LOCAL', 'PERSIST');
      const t = p.next();
      let target: { mode: true } | { saveTo: string } | undefined;
      if (t.type === 'variable' && t.prefix === '@@' && isSqlModeName(t.value)) target = { mode: true };
      else if (t.type === 'word' && isSqlModeName(t.value)) target = { mode: true };
      else if (t.type === 'variable' && t.prefix === '@') target = { saveTo: t.value.toLowerCase() };
      if (!p.acceptOp('=') && !p.acceptOp(':=')) return;
      const v = p.next();
      if (target && 'mode' in target && level !== 'GLOBAL') {
        let mode: string | undefined;
        if (v.type === 'string') mode = v.value;
        else if (v.type === 'variable' && v.prefix === '@') mode = ctx.savedSqlModes.get(v.value.toLowerCase());
        if (mode !== undefined) { ctx.sqlMode = mode; ctx.dialect = dialectForSqlMode(mode, ctx.server); }
      } else if (target && 'saveTo' in target && v.type === 'variable' && v.prefix === '@@' && isSqlModeName(v.value)) {
        ctx.savedSqlModes.set(target.saveTo, ctx.sqlMode);
      }
      // Skip the rest of this assignment's value.
      let depth = 0;
      while (!p.atEnd() && !(depth === 0 && p.isOp(','))) {
        if (p.isOp('(')) depth++;
        else if (p.isOp(')')) depth--;
        p.next();
      }
    } while (p.acceptOp(','));
  } finally {
    p.pos = save;
  }
}

/** '8.0.36' → MySQL 80036; '10.11.6-MariaDB-log' → MariaDB 101106. */
export function serverFromVersion(version: string): MysqlDialectOptions | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return undefined;
  const major = Number(m[1]);
  return { serverVersion: major * 10000 + Number(m[2]) * 100 + Number(m[3]), mariadb: /mariadb/i.test(version) || major >= 10 };
}

/** The server a mysqldump / mariadb-dump header names ("-- MySQL dump 10.13  Distrib 8.0.36, …"). */
export function serverFromDumpHeader(text: string): MysqlDialectOptions | undefined {
  const m = /^-- (?:MySQL|MariaDB) dump [\d.]+\s+Distrib ([\w.-]+)/m.exec(text.slice(0, 2000));
  return m ? serverFromVersion(m[1]!) : undefined;
}
