import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displayPath, UserError } from '../../pipeline/index.js';
import { extractLive } from '../../pipeline/live.js';
import { requireString, schemaList, type ParsedCommand } from '../args.js';
import type { CommandContext } from './convert.js';

/** Writes the live catalog (the IR Catalog) as JSON; the extractor's findings go to stderr. */
export async function runExtract(p: ParsedCommand, ctx: CommandContext): Promise<number> {
  const url = requireString(p, 'source-url', 'extract', 'say which database to read: --source-url postgres://…|mysql://…');
  const outFile = requireString(p, 'out', 'extract', 'say where to write the catalog: --out FILE.json');
  if (p.positionals.length > 0) throw new UserError(`extract: unexpected argument "${p.positionals[0]}"`, 'see: dbshift extract --help');
  const ex = await extractLive(url, schemaList(p), (m) => ctx.out.progress(m), ctx.prompt);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, ctx.out.clean(`${JSON.stringify(ex.catalog, null, 2)}\n`));
  for (const d of ex.diagnostics) ctx.out.warn(`${d.span.file ? `${d.span.file}: ` : ''}${d.severity} ${d.code}: ${d.message}`);
  if (ctx.out.json) ctx.out.resultJson({ out: outFile, objects: ex.catalog.objects.length, diagnostics: ex.diagnostics.length, queryCount: ex.queryCount });
  else ctx.out.result(`Wrote ${displayPath(outFile)}: ${ex.catalog.objects.length} object(s), ${ex.diagnostics.length} finding(s), ${ex.queryCount} catalog queries`);
  return 0;
}
