// Test support: answers an extractor's tagged catalog queries (`/* dbshift:<name> */`) with rows
// authored from the vendors' documentation (test/fixtures/catalog-rows/*.json).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Connection, EngineDialect } from '../../../electron/node/connectors/index.js';

export type Rows = Record<string, Record<string, unknown>[]>;
type Compact = { defaults?: Record<string, unknown>; columns: string[]; rows: unknown[][] };

export function loadRows(name: string): Rows {
  const path = fileURLToPath(new URL(`../../fixtures/catalog-rows/${name}`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>[] | Compact>;
  const out: Rows = {};
  for (const [k, v] of Object.entries(raw)) {
    out[k] = Array.isArray(v) ? v : v.rows.map((r) => ({ ...v.defaults, ...Object.fromEntries(v.columns.map((c, i) => [c, r[i]])) }));
  }
  return out;
}

export interface FakeConnection extends Connection { sent: { tag: string; sql: string; params: unknown[] }[] }

/**
 * A connection that answers each query from `rows[tag]`, and checks what it is sent: the number
 * of binds matches the placeholders, and every column the rows carry is named in the query.
 */
export function rowConnection(dialect: EngineDialect, rows: Rows, placeholder: RegExp): FakeConnection {
  const sent: FakeConnection['sent'] = [];
  return {
    engine: dialect === 'oracle' ? 'oracle' : dialect === 'sqlserver' ? 'sqlserver' : dialect, dialect,
    serverVersion: 'test rows', display: `${dialect} rows`, sent,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const tag = /\/\*\s*dbshift:(\w+)\s*\*\//.exec(sql)?.[1];
      if (!tag) throw new Error(`untagged query: ${sql.slice(0, 80)}`);
      sent.push({ tag, sql, params });
      const holders = new Set(sql.match(placeholder) ?? []).size;
      if (holders !== params.length) throw new Error(`${tag}: ${holders} placeholders, ${params.length} binds`);
      const answer = rows[tag];
      if (!answer) throw new Error(`no rows for ${tag}`);
      for (const r of answer) {
        for (const col of Object.keys(r)) {
          if (!new RegExp(`\\b${col}\\b`).test(sql)) throw new Error(`${tag}: rows carry ${col}, which the query does not select`);
        }
      }
      return structuredClone(answer) as T[];
    },
    async exec() { throw new Error('catalog extraction must not run statements'); },
    async close() { /* nothing */ },
  };
}
