// Live catalog extraction: a fixed number of bulk catalog queries per engine (never one per
// object), definitions parsed by the source dialect's front end.
import { connect, parseConnectionUrl, type Connection } from '../connectors/index.js';
import { extractMysql } from './mysql/index.js';
import { extractOracle } from './oracle/index.js';
import { extractSqlServer } from './sqlserver/index.js';
import { extractPostgres } from './postgres/index.js';
import type { ExtractOptions, ExtractResult, Extractor } from './types.js';
import type { EngineDialect } from '../connectors/index.js';

export * from './types.js';

const EXTRACTORS: Record<EngineDialect, Extractor> = {
  mysql: extractMysql, postgres: extractPostgres, oracle: extractOracle,
  sqlserver: extractSqlServer,
};
export { EXTRACT_CODES } from './common.js';

/** Wraps a connection so every query is counted. */
function counting(c: Connection, signal?: AbortSignal): { conn: Connection; count: () => number } {
  let n = 0;
  // DBSHIFT_EXTRACT_TRACE=1 prints each catalog query's time to stderr (for tuning).
  const trace = !!process.env.DBSHIFT_EXTRACT_TRACE;
  const conn: Connection = {
    ...c,
    async query<T>(sql: string, params?: unknown[]) {
      if (signal?.aborted) throw new Error('extraction cancelled');
      n++;
      const t0 = performance.now();
      try { return await c.query<T>(sql, params); } finally {
        if (trace) process.stderr.write(`extract query ${n}: ${(performance.now() - t0).toFixed(0)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
      }
    },
    exec(sql: string) { n++; return c.exec(sql); },
  };
  return { conn, count: () => n };
}

export async function extractCatalog(url: string, opts: ExtractOptions = {}): Promise<ExtractResult> {
  // A password typed once serves both connections.
  let typed: Promise<string> | undefined;
  const prompt = opts.prompt ? (question: string) => (typed ??= opts.prompt!(question)) : undefined;
  const c = await connect(url, { role: 'source', ...(prompt ? { prompt } : {}) });
  // A second connection lets the server work on two catalog reads at once; without it (a
  // connection limit, say) the reads simply run one after another.
  // (Never for PGlite: a second instance would be another database, or clash on the directory.)
  // (Oracle and SQL Server extractors read on one connection.)
  const h = c.engine === 'pglite' || c.engine === 'oracle' || c.engine === 'sqlserver' ? undefined : await connect(url, { role: 'source', ...(prompt ? { prompt } : {}) }).catch(() => undefined);
  try {
    const { conn, count } = counting(c, opts.signal);
    const helper = h ? counting(h, opts.signal) : undefined;
    opts.onProgress?.(`connected to ${c.display} (${c.serverVersion})`);
    // A MySQL URL's database names the one schema to read, unless schemas are given.
    const database = c.dialect === 'mysql' ? parseConnectionUrl(url).database : undefined;
    const schemas = opts.schemas ?? (database ? [database] : undefined);
    const extract = EXTRACTORS[c.dialect];
    const r = await extract(conn, schemas, opts, helper?.conn);
    const queryCount = count() + (helper?.count() ?? 0);
    opts.onProgress?.(`extracted ${r.catalog.objects.length} object(s) with ${queryCount} catalog queries`);
    return { ...r, queryCount };
  } finally {
    await Promise.all([c.close(), h?.close()]);
  }
}
