// Reading source scripts from disk: folders expand to their *.sql files (recursively, sorted),
// bytes become text (UTF-8, UTF-16 with BOM, Latin-1 fallback), binary files are skipped with a
// located finding so the rest still converts.
import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic, DiagnosticDef, SourceFile } from '../../../converters/index.js';
import { diagnostic } from '../../../converters/index.js';
import type { AssessmentInputFile } from '../../../converters/assessment/index.js';
import { UserError } from './errors.js';

export const INPUT_CODES = {
  latin1: {
    code: 'IN0001', severity: 'info', effort: 'none', title: 'File is not valid UTF-8; read as Latin-1 (ISO-8859-1)',
    recommendation: 'Check non-ASCII text in string literals and comments in the output; convert the file to UTF-8 to avoid the guess.',
  },
  binary: {
    code: 'IN0002', severity: 'high', effort: 'simple', title: 'File is binary (contains NUL bytes), not an SQL script; skipped',
    recommendation: 'Remove the file from the input, or export the script again as text.',
  },
  utf16: {
    code: 'IN0003', severity: 'info', effort: 'none', title: 'File is UTF-16 (byte-order mark); decoded as UTF-16',
    recommendation: 'Nothing to do; save scripts as UTF-8 to avoid surprises with other tools.',
  },
  empty: {
    code: 'IN0004', severity: 'low', effort: 'none', title: 'File is empty',
    recommendation: 'Check that the right file was given.',
  },
} satisfies Record<string, DiagnosticDef>;

export interface ReadInputs {
  files: SourceFile[];
  inputs: AssessmentInputFile[];
  diagnostics: Diagnostic[];
  totalBytes: number;
}

/** Path as printed in messages: relative to the working directory when below it. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, p);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

async function sqlFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sqlFilesUnder(p)));
    else if (e.isFile() && /\.sql$/i.test(e.name)) out.push(p);
  }
  return out;
}

function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return e instanceof Error ? e.message : String(e);
}

/** Expands the command-line paths: files as given, folders to their *.sql files sorted by path. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  if (paths.length === 0) throw new UserError('no input scripts given', 'pass one or more .sql files or folders, or --source-url to read a live database');
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try { st = await stat(p); } catch (e) {
      throw new UserError(`cannot read ${displayPath(p)}: ${fsReason(e)}`, 'check the path and permissions');
    }
    if (st.isDirectory()) {
      let found: string[];
      try { found = await sqlFilesUnder(p); } catch (e) {
        throw new UserError(`cannot read folder ${displayPath(p)}: ${fsReason(e)}`, 'check the path and permissions');
      }
      if (found.length === 0) throw new UserError(`folder ${displayPath(p)} holds no .sql files`, 'pass the folder that contains the scripts, or the files themselves');
      out.push(...found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    } else {
      out.push(p);
    }
  }
  return [...new Set(out)];
}

function lineColumnAt(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  return { line, column: index - lineStart + 1 };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface DecodedText {
  text?: string;
  encoding: string;
  diagnostic?: Diagnostic;
}

/** Bytes → text, or a located finding when the bytes are not a text script. */
export function decodeScript(bytes: Uint8Array, path: string): DecodedText {
  const at = (line: number, column: number) => ({ file: path, line, column, endLine: line, endColumn: column });
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return { text, encoding: le ? 'utf-16le (BOM)' : 'utf-16be (BOM)', diagnostic: diagnostic(INPUT_CODES.utf16, at(1, 1)) };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = lineColumnAt(bytes, nul);
    return {
      encoding: 'binary (skipped)',
      diagnostic: diagnostic(INPUT_CODES.binary, at(line, column), `${INPUT_CODES.binary.title}; first NUL byte at line ${line}, column ${column}`),
    };
  }
  let body = bytes;
  let bom = false;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) { body = bytes.subarray(3); bom = true; }
  try {
    return { text: utf8.decode(body), encoding: bom ? 'utf-8 (BOM)' : 'utf-8' };
  } catch {
    const bad = firstInvalidUtf8(body);
    const { line, column } = lineColumnAt(body, Math.min(bad, body.length - 1));
    return {
      text: latin1(body),
      encoding: 'latin-1',
      diagnostic: diagnostic(INPUT_CODES.latin1, at(line, column), `${INPUT_CODES.latin1.title}; first non-UTF-8 byte near line ${line}, column ${column}`),
    };
  }
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** Reads every input. Files that cannot be read at all are usage errors (exit 2). */
export async function readInputs(paths: string[], onFile?: (path: string, bytes: number) => void): Promise<ReadInputs> {
  const files: SourceFile[] = [];
  const inputs: AssessmentInputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  let totalBytes = 0;
  for (const p of await expandPaths(paths)) {
    const shown = displayPath(p);
    let bytes: Uint8Array;
    try { bytes = await readFile(p); } catch (e) {
      throw new UserError(`cannot read ${shown}: ${fsReason(e)}`, 'check the path and permissions');
    }
    totalBytes += bytes.length;
    onFile?.(shown, bytes.length);
    const decoded = decodeScript(bytes, shown);
    inputs.push({ path: shown, bytes: bytes.length, encoding: decoded.encoding });
    if (decoded.diagnostic) diagnostics.push(decoded.diagnostic);
    if (decoded.text === undefined) continue;
    if (decoded.text.trim() === '') diagnostics.push(diagnostic(INPUT_CODES.empty, { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 }));
    files.push({ path: shown, text: decoded.text });
  }
  return { files, inputs, diagnostics, totalBytes };
}
