// Live sources and targets: thin wrappers over extract/ and apply/ that turn their failures into
// messages without passwords.
import type { SourceDialect } from '../../../converters/index.js';
import { ConnectionUrlError, ENGINE_DIALECT, parseConnectionUrl, redactUrl } from '../connectors/url.js';
import { UserError } from './errors.js';
import type { LoadedSource, Progress } from './index.js';

import type { ExtractResult } from '../extract/index.js';

export type { ExtractResult };

// Loaded on use, so that converting scripts never loads database drivers.
async function loadExtract(): Promise<typeof import('../extract/index.js')> {
  return import('../extract/index.js');
}

export function dialectOfUrl(url: string): SourceDialect {
  try {
    return ENGINE_DIALECT[parseConnectionUrl(url).engine];
  } catch (e) {
    if (e instanceof ConnectionUrlError) throw new UserError(e.message, 'see: dbshift --help (URLs)');
    throw e;
  }
}

export async function extractLive(url: string, schemas: string[] | undefined, progress?: Progress,
  prompt?: (q: string) => Promise<string>): Promise<ExtractResult> {
  dialectOfUrl(url);
  const mod = await loadExtract();
  progress?.(`Reading the catalog of ${redactUrl(url)}${schemas ? ` (schemas ${schemas.join(', ')})` : ''}`);
  try {
    return await mod.extractCatalog(url, {
      ...(schemas ? { schemas } : {}),
      ...(progress ? { onProgress: (p: string) => progress(p) } : {}),
      ...(prompt ? { prompt } : {}),
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|EAI_AGAIN|timeout|connect|denied|password|authentication|unknown database|does not exist/i.test(msg)) {
      throw new UserError(`cannot read ${redactUrl(url)}: ${msg}`, 'check the URL, that the server is running, the user name and the password');
    }
    throw new Error(`extracting ${redactUrl(url)} failed: ${msg}`, { cause: e });
  }
}

export async function loadLive(url: string, schemas: string[] | undefined, progress?: Progress,
  prompt?: (q: string) => Promise<string>): Promise<LoadedSource> {
  const source = dialectOfUrl(url);
  const ex = await extractLive(url, schemas, progress, prompt);
  progress?.(`Extracted ${ex.catalog.objects.length} object(s) with ${ex.queryCount} catalog queries`);
  return {
    source, catalog: ex.catalog, parseDiagnostics: ex.diagnostics,
    inputs: ex.sources.map((f) => ({ path: f.path, bytes: f.text.length })),
    sourceLabel: `live database ${redactUrl(url)}`, sourceKind: 'live database', files: ex.sources,
  };
}
