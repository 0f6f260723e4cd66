// Full load PostgreSQL → MariaDB/MySQL: each table streams out of COPY (SELECT …) TO STDOUT inside a
// transaction that imports the replication slot's exported snapshot (so the slot's changes start
// exactly where the loaded rows end), and goes into the target as multi-row INSERTs of ~1 MB.
// Rows are never held: the COPY stream pauses while an INSERT is on its way.
import { StringDecoder } from 'node:string_decoder';
import type mysql from 'mysql2';
import { to as copyTo } from 'pg-copy-streams';
import { mysqlQuery, qi, type Endpoint } from '../endpoints.js';
import type { RuntimeTable } from '../runtime.js';
import { openSourcePg } from '../source/postgres.js';
import { ValueError } from '../values.js';
import { binaryColumns, insertPrefix, tupleSql } from './mysql.js';

const ESC: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field of COPY's text format: \N is NULL; backslash escapes (\n, \t, \\, \NNN octal, \xHH). */
export function copyField(s: string): string | null {
  if (s === '\\N') return null;
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\' || i + 1 >= s.length) { out += ch; continue; }
    const n = s[++i]!;
    if (ESC[n] !== undefined) out += ESC[n];
    else if (n >= '0' && n <= '7') {
      let oct = n;
      while (oct.length < 3 && s[i + 1]! >= '0' && s[i + 1]! <= '7') oct += s[++i];
      out += String.fromCharCode(parseInt(oct, 8));
    } else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      let hex = '';
      while (hex.length < 2 && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) hex += s[++i];
      out += String.fromCharCode(parseInt(hex, 16));
    } else out += n;
  }
  return out;
}

const BATCH_BYTES = 1024 * 1024;

export async function loadPgTable(t: RuntimeTable, sourceColumns: string[], source: Endpoint, snapshot: string | undefined,
  target: mysql.Connection, onProgress?: (rows: number) => void, signal?: AbortSignal): Promise<number> {
  const pgc = await openSourcePg(source, 'dbshift-full-load');
  try {
    await pgc.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (snapshot) await pgc.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
    const mapping = t.mapping(sourceColumns);
    const bin = binaryColumns(t.target, mapping.targetColumns);
    const prefix = insertPrefix(t.target, mapping.targetColumns);
    const byName = new Map(sourceColumns.map((c, i) => [c, i]));
    const sql = `COPY (SELECT ${sourceColumns.map(qi).join(', ')} FROM ${qi(t.plan.source.schema)}.${qi(t.plan.source.table)}) TO STDOUT`;
    const stream = pgc.query(copyTo(sql));
    let rows = 0;
    let carry = '';
    const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
    let batch: string[] = [];
    let bytes = 0;
    let failed: unknown;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const text = prefix + batch.join(',');
      batch = []; bytes = 0;
      await mysqlQuery(target, text);
    };
    const onAbort = (): void => { failed ??= new Error('stopped'); stream.destroy(); };
    signal?.addEventListener('abort', onAbort, { once: true });
    const line = (l: string): void => {
      const fields = l.split('\t').map(copyField);
      let vals: (string | null)[];
      try {
        vals = mapping.build((i) => fields[i], (n) => { const i = byName.get(n); return i === undefined ? null : fields[i]; });
      } catch (e) {
        throw e instanceof ValueError ? new ValueError(`${t.key} row ${rows + 1} (${sourceColumns[0]}=${String(fields[0])}): ${e.message}`) : e;
      }
      const tuple = tupleSql(target, vals, bin);
      batch.push(tuple); bytes += tuple.length;
      rows++;
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (failed) throw failed;
        const text = carry + decoder.write(chunk);
        const parts = text.split('\n');
        carry = parts.pop() ?? '';
        for (const l of parts) line(l);
        if (bytes >= BATCH_BYTES) { await flush(); onProgress?.(rows); }
      }
      if (failed) throw failed;
      carry += decoder.end();
      if (carry) line(carry);
      await flush();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    await pgc.query('COMMIT');
    onProgress?.(rows);
    return rows;
  } finally {
    await pgc.end().catch(() => undefined);
  }
}
