// The task's tables as they stand on the target (for validation and status outside a run).
import { extractCatalog } from '../extract/index.js';
import { closeMysql, endpoint, openMysql, openPg } from './endpoints.js';
import { RuntimeTable } from './runtime.js';
import { planSchema } from './schema.js';
import { listTables } from './source/mysql.js';
import { describeTable, tableExists } from './target/postgres.js';
import { isSelected, wildcard, type TaskDefinition } from './task/index.js';
import { describePgSource, listPgTables, openSourcePg, type PgSourceTable } from './source/postgres.js';
import { describeMyTable, myTableExists, openTargetMysql } from './target/mysql.js';
import { pgToMysqlConverter } from './target/mysql-values.js';
import type mysql from 'mysql2';

export async function existingTables(def: TaskDefinition): Promise<{ tables: RuntimeTable[]; missing: string[] }> {
  if (/^(sqlserver|mssql|oracle):/i.test(def.task.SourceUrl)) {
    throw new Error('replicate validate compares MariaDB/MySQL → PostgreSQL and PostgreSQL → MariaDB/MySQL tasks; a SQL Server or Oracle source is not validated yet: compare row counts and checksums with SQL on both sides');
  }
  if (/^postgres(ql)?:/i.test(def.task.SourceUrl)) throw new Error('internal: a PostgreSQL source task goes through existingPgSourceTables');
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

/** The tables of a PostgreSQL → MariaDB/MySQL task as they stand on the target, with the source's columns and key. */
export async function existingPgSourceTables(def: TaskDefinition): Promise<{ tables: RuntimeTable[]; missing: string[]; sources: Map<string, PgSourceTable> }> {
  const source = await openSourcePg(endpoint(def.task.SourceUrl, 'source'), 'dbshift-validate');
  let my: mysql.Connection | undefined;
  try {
    my = await openTargetMysql(endpoint(def.task.TargetUrl, 'target'));
    const selected = (await listPgTables(source)).filter((t) => isSelected(def.mappings, t));
    const pats = def.mappings.rules.filter((r) => r['rule-type'] === 'selection' && r['rule-action'] !== 'exclude').map((r) => r['object-locator']['schema-name']);
    const schemas = [...new Set(selected.map((t) => t.schema).filter((s) => pats.some((p) => wildcard(p, s))))];
    const plan = planSchema((await extractCatalog(def.task.SourceUrl, { schemas })).catalog, def.mappings, def.settings, 'mysql');
    const tables: RuntimeTable[] = [];
    const missing: string[] = [];
    const sources = new Map<string, PgSourceTable>();
    for (const p of plan.tables) {
      if (!selected.some((s) => s.schema === p.source.schema && s.table === p.source.table)) continue;
      if (!(await myTableExists(my, p.target.schema, p.target.table))) { missing.push(`${p.target.schema}.${p.target.table}`); continue; }
      const info = await describePgSource(source, p.source.schema, p.source.table);
      const types = new Map<string, string>();
      for (const c of info.columns) { const n = p.columnMap.has(c.name) ? p.columnMap.get(c.name) : c.name; if (n) types.set(n, c.type); }
      const rt = new RuntimeTable(p, await describeMyTable(my, p.target.schema, p.target.table), (type, col) => pgToMysqlConverter(types.get(col), type));
      sources.set(rt.key, info);
      tables.push(rt);
    }
    return { tables, missing, sources };
  } finally {
    if (my) await closeMysql(my);
    await source.end().catch(() => undefined);
  }
}
