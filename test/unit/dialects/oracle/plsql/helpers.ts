import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block, CatalogObject, Diagnostic, Routine, Statement } from '../../../../../converters/model/index.js';
import { walk } from '../../../../../converters/model/index.js';
import { OraContext } from '../../../../../converters/dialects/oracle/context.js';
import { parsePlsqlUnit } from '../../../../../converters/dialects/oracle/plsql/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export interface Parsed { ctx: OraContext; objects: CatalogObject[]; diagnostics: Diagnostic[] }

/** Parses units (each as the SQL*Plus layer would hand it over) into one context. */
export function parseUnits(...units: string[]): Parsed {
  const ctx = new OraContext();
  ctx.file = 'test.sql';
  let line = 1;
  let offset = 0;
  for (const u of units) {
    parsePlsqlUnit(ctx, u, { file: 'test.sql', line, column: 1, endLine: line, endColumn: 1, offset });
    const lines = u.split('\n').length;
    line += lines + 1;
    offset += u.length + 3;
  }
  return { ctx, objects: ctx.objects, diagnostics: ctx.diagnostics };
}

/** The units of a SQL*Plus script: from a CREATE … PL/SQL header to the line before '/'. */
export function scriptUnits(script: string): { text: string; line: number; offset: number }[] {
  const out: { text: string; line: number; offset: number }[] = [];
  const head = /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:PACKAGE|PROCEDURE|FUNCTION|TRIGGER|TYPE)\b/i;
  const lines = script.split('\n');
  let offset = 0;
  let cur: { text: string; line: number; offset: number } | undefined;
  lines.forEach((l, i) => {
    if (cur) {
      if (/^\s*\/\s*$/.test(l)) { cur.text = cur.text.replace(/\n$/, ''); out.push(cur); cur = undefined; }
      else cur.text += `${l}\n`;
    } else if (head.test(l)) {
      cur = { text: `${l}\n`, line: i + 1, offset };
    }
    offset += l.length + 1;
  });
  return out;
}

export function parseScriptUnits(script: string, file: string): Parsed {
  const ctx = new OraContext();
  ctx.file = file;
  for (const u of scriptUnits(script)) parsePlsqlUnit(ctx, u.text, { file, line: u.line, column: 1, endLine: u.line, endColumn: 1, offset: u.offset });
  return { ctx, objects: ctx.objects, diagnostics: ctx.diagnostics };
}

export function unparsedIn(root: unknown): string[] {
  const out: string[] = [];
  walk(root, (n) => { if (n.kind === 'Unparsed') out.push((n as unknown as { reason: string }).reason); });
  return out;
}

export function routine(objects: CatalogObject[], name: string): Routine {
  const r = objects.find((o): o is Routine => o.kind === 'Routine' && o.name.name === name);
  if (!r) throw new Error(`no routine ${name} in ${objects.map((o) => o.kind).join(', ')}`);
  return r;
}

export function bodyOf(r: { body?: unknown }): Block {
  const b = r.body as Block;
  if (!b || b.kind !== 'Block') throw new Error(`body is ${JSON.stringify(b).slice(0, 200)}`);
  return b;
}

/** The statements of `BEGIN … END` wrapped around `code` in a procedure with the given declarations. */
export function stmts(code: string, decls = '', params = ''): { body: Statement[]; block: Block; parsed: Parsed } {
  const parsed = parseUnits(`CREATE OR REPLACE PROCEDURE p${params ? ` (${params})` : ''} IS\n${decls}\nBEGIN\n${code}\nEND p;`);
  const r = routine(parsed.objects, 'P');
  const block = bodyOf(r);
  return { body: block.body, block, parsed };
}

/** JSON without spans, for readable deep comparisons. */
export function strip<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'span' ? undefined : x)));
}
