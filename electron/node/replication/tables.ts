// The task's tables as they stand on the target (for validation and status outside a run).
import { extractCatalog } from '../extract/index.js';
import { closeMysql, endpoint, openMysql, openPg } from './endpoints.js';
import { RuntimeTable } from './runtime.js';
import { planSchema } from './schema.js';
import { listTables } from './source/mysql.js';
import { describeTable, tableExists } from './target/postgres.js';
import { isSelected, wildcard, type TaskDefinition } from './task/index.js';

export async function existingTables(def: TaskDefinition): Promise<{ tables: RuntimeTable[]; missing: string[] }> {
  if (/^postgres(ql)?:/i.test(def.task.SourceUrl)) {
    throw new Error('replicate validate compares MariaDB/MySQL → PostgreSQL tasks only so far; for a PostgreSQL → MariaDB task compare row counts and checksums with SQL on both sides');
  }
  const src = endpoint(def.task.SourceUrl, 'source');
  const tgt = endpoint(def.task.TargetUrl, 'target');
  const my = openMysql(src);
  const pgc = await openPg(tgt);
  try {
    const selected = (await listTables(my)).filter((t) => isSelected(def.mappings, t));
    const pats = def.mappings.rules.filter((r) => r['rule-type'] === 'selection' && r['rule-action'] !== 'exclude').map((r) => r['object-locator']['schema-name']);
    const schemas = [...new Set(selected.map((t) => t.schema).filter((s) => pats.some((p) => wildcard(p, s))))];
    const plan = planSchema((await extractCatalog(def.task.SourceUrl, { schemas })).catalog, def.mappings, def.settings);
    const tables: RuntimeTable[] = [];
    const missing: string[] = [];
    for (const p of plan.tables) {
      if (!(await tableExists(pgc, p.target.schema, p.target.table))) { missing.push(`${p.target.schema}.${p.target.table}`); continue; }
      tables.push(new RuntimeTable(p, await describeTable(pgc, p.target.schema, p.target.table)));
    }
    return { tables, missing };
  } finally {
    await closeMysql(my);
    await pgc.end().catch(() => undefined);
  }
}
