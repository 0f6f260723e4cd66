import type { FrontEnd, ParseOptions, ParseResult, SourceFile, SourceSpan } from '../../model/index.js';
import { TS } from './codes.js';
import { TsContext } from './context.js';
import { splitBatches, type Batch } from './splitter.js';
import { parseBatch, type BatchState } from './statement.js';

export { TS as TSQL_CODES } from './codes.js';
export { TSQL_DIALECT, tsqlDialect } from './tokenizer.js';
export { parseTsqlDataType } from './datatype.js';
export { splitBatches, type Batch } from './splitter.js';
export { readInsertExec, INSERT_EXEC_REASON, type InsertExec } from './procedural/insert-exec.js';

/** GO n repeats a batch n times; more than this is reported and capped. */
const MAX_REPEAT = 10000;

/** Joins a :r path to the including script's folder ('/' or '\' separators; '..' resolved). */
function resolveInclude(from: string, target: string): string {
  const clean = target.replace(/^["']|["']$/g, '').replace(/\\/g, '/');
  if (clean.startsWith('/') || /^[a-z]:\//i.test(clean)) return clean;
  const dir = from.replace(/\\/g, '/').split('/').slice(0, -1);
  for (const part of clean.split('/')) {
    if (part === '..') dir.pop(); else if (part !== '.' && part !== '') dir.push(part);
  }
  return dir.join('/');
}

function findFile(files: SourceFile[], path: string): SourceFile | undefined {
  const norm = (s: string): string => s.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
  const want = norm(path);
  return files.find((f) => norm(f.path) === want) ?? files.find((f) => want.endsWith(`/${norm(f.path)}`) || norm(f.path).endsWith(`/${want}`));
}

function parseFile(ctx: TsContext, file: SourceFile, files: SourceFile[], stack: string[]): void {
  const text = file.text.charCodeAt(0) === 0xfeff ? ` ${file.text.slice(1)}` : file.text;
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    ctx.diag(TS.notText, { file: file.path, line, column: 1, endLine: line, endColumn: 1 },
      `${file.path} contains NUL bytes (a UTF-16 file read as UTF-8, or a binary file): nothing was read from it`);
    return;
  }
  const state: BatchState = { ignored: 0, file: file.path };
  let stop = false;
  splitBatches(text, file.path, {
    onBatch: (b: Batch) => {
      if (stop) return;
      ctx.file = file.path;
      if (b.unterminated) {
        ctx.diag(TS.unterminated, b.span, `The batch ends inside an unterminated ${b.unterminated}; the batch is kept as text`);
        ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: b.text, reason: `unterminated ${b.unterminated}`, span: b.span }, span: b.span });
        return;
      }
      let n = b.repeat;
      if (n > MAX_REPEAT) { ctx.diag(TS.sqlcmdCommand, b.span, `GO ${n}: the batch is read ${MAX_REPEAT} times, not ${n}`); n = MAX_REPEAT; }
      for (let i = 0; i < n; i++) {
        try {
          parseBatch(ctx, b, state);
        } catch (e) {
          // A front-end bug must not lose the rest of the script.
          ctx.diag(TS.syntax, b.span, `Internal error while reading this batch: ${e instanceof Error ? e.message : String(e)}`);
          ctx.add({ kind: 'UnparsedObject', statement: { kind: 'Unparsed', text: b.text, reason: 'internal error', span: b.span }, span: b.span });
        }
      }
    },
    onCommand: (c) => {
      if (stop) return;
      switch (c.command) {
        case 'setvar': {
          const m = /^([A-Za-z_]\w*)\s*(?:"((?:[^"]|"")*)"|(\S*))?/.exec(c.args);
          if (!m) { ctx.diag(TS.sqlcmdCommand, c.span, `:setvar needs a variable name: ${c.args}`); return; }
          // A value given by the caller wins over the script's default (sqlcmd -v does the same).
          if (!ctx.callerVariables.has(m[1]!.toLowerCase())) ctx.variables.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[3] ?? ''));
          return;
        }
        case 'r': {
          const path = resolveInclude(file.path, c.args);
          const inc = findFile(files, path);
          if (!inc) { ctx.diag(TS.includeMissing, c.span, `:r ${c.args}: ${path} is not among the given files`); return; }
          if (stack.includes(inc.path)) { ctx.diag(TS.includeMissing, c.span, `:r ${c.args}: ${inc.path} includes itself (through ${stack.join(' → ')}); not read again`); return; }
          parseFile(ctx, inc, files, [...stack, inc.path]);
          return;
        }
        case 'on':
          // :on error exit|ignore — how sqlcmd reacts to errors; the converted script is applied by dbshift.
          return;
        case 'quit': case 'exit':
          stop = true;
          return;
        default:
          ctx.diag(TS.sqlcmdCommand, c.span, `SQLCMD command :${c.command} is not supported; it is ignored`);
      }
    },
    variable: (name: string, span: SourceSpan) => {
      const v = ctx.variables.get(name.toLowerCase());
      if (v === undefined) ctx.diag(TS.sqlcmdVariable, span, `$(${name}) has no value (no :setvar in the script and none given when converting)`);
      return v;
    },
  });
  if (state.ignored > 0) {
    const t = state.firstIgnored;
    const span = t ? { file: file.path, line: t.line, column: t.column, endLine: t.line, endColumn: t.endColumn } : { file: file.path, line: 1, column: 1, endLine: 1, endColumn: 1 };
    ctx.diag(TS.ignoredStatement, span, `${state.ignored} script-control statement(s) in ${file.path} ignored (session SET options, USE/CREATE DATABASE, CHECKPOINT, progress messages, privileges, environment checks)`);
  }
}

export const tsqlFrontEnd: FrontEnd = {
  dialect: 'sqlserver',
  parse(files: SourceFile[], options?: ParseOptions): ParseResult {
    const ctx = new TsContext(options?.defaultSchema, options?.variables);
    for (const f of files) {
      for (const m of f.text.matchAll(/^[ \t]*:r[ \t]+(.+?)\r?$/gim)) {
        const inc = findFile(files, resolveInclude(f.path, m[1]!.trim()));
        if (inc && inc !== f) ctx.included.add(inc.path);
      }
    }
    for (const f of files) {
      // Files another file includes with :r are read there, in place.
      if (ctx.included.has(f.path)) continue;
      parseFile(ctx, f, files, [f.path]);
    }
    return { catalog: { dialect: 'sqlserver', objects: ctx.objects }, diagnostics: ctx.diagnostics };
  },
};
