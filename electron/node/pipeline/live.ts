// Live sources and targets: thin wrappers over extract/ and apply/ that turn their failures into
// messages without passwords.
import type { Catalog, Diagnostic, SourceDialect } from '../../../converters/index.js';
import { ConnectionUrlError, ENGINE_DIALECT, parseConnectionUrl, redactUrl } from '../connectors/url.js';
import { UserError } from './errors.js';
import type { LoadedSource, Progress } from './index.js';

export interface ExtractResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  queryCount: number;
}

interface ExtractModule {
  extractCatalog(url: string, options: { schemas?: string[]; onProgress?: (p: unknown) => void; prompt?: (q: string) => Promise<string> }): Promise<ExtractResult>;
}

// Resolved at run time so that converting scripts never loads database drivers.
const EXTRACT_MODULE = '../extract/index.js';

export function dialectOfUrl(url: string): SourceDialect {
  try {
    return ENGINE_DIALECT[parseConnectionUrl(url).engine];
  } catch (e) {
    if (e instanceof ConnectionUrlError) throw new UserError(e.message, 'see: dbshift --help (URLs)');
    throw e;
  }
}

export function progressText(p: unknown): string {
  if (typeof p === 'string') return p;
  if (p && typeof p === 'object') {
    const o = p as Record<string, unknown>;
    if (typeof o.message === 'string') return o.message;
    return Object.entries(o).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k}=${String(v)}`).join(' ');
  }
  return String(p);
}

export async function extractLive(url: string, schemas: string[] | undefined, progress?: Progress,
  prompt?: (q: string) => Promise<string>): Promise<ExtractResult> {
  dialectOfUrl(url);
  const mod = (await import(EXTRACT_MODULE)) as ExtractModule;
  progress?.(`Reading the catalog of ${redactUrl(url)}${schemas ? ` (schemas ${schemas.join(', ')})` : ''}`);
  try {
    return await mod.extractCatalog(url, {
      ...(schemas ? { schemas } : {}),
      ...(progress ? { onProgress: (p: unknown) => progress(progressText(p)) } : {}),
      ...(prompt ? { prompt } : {}),
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new UserError(`cannot read ${redactUrl(url)}: ${msg}`, 'check the URL, that the server is running, the user name and the password');
  }
}

export async function loadLive(url: string, schemas: string[] | undefined, progress?: Progress,
  prompt?: (q: string) => Promise<string>): Promise<LoadedSource> {
  const source = dialectOfUrl(url);
  const ex = await extractLive(url, schemas, progress, prompt);
  progress?.(`Extracted ${ex.catalog.objects.length} object(s) with ${ex.queryCount} catalog queries`);
  return {
    source, catalog: ex.catalog, parseDiagnostics: ex.diagnostics, inputs: [],
    sourceLabel: `live database ${redactUrl(url)}`, sourceKind: 'live database',
  };
}
