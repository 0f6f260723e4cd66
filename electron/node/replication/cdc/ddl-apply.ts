// Applying source DDL to the target in its own transaction with the position after it.
import type pg from 'pg';
import type { RuntimeTable } from '../runtime.js';
import { describeTable, qualified, writeControl } from '../target/postgres.js';
import type { SourceEvent } from './binlog.js';
import { convertColumnDefinition, parseDdl } from './ddl.js';

export interface DdlContext {
  client: pg.Client;
  task: string;
  tables: Map<string, RuntimeTable>;
  log: (msg: string) => void;
  policy: { HandleSourceTableDropped: boolean; HandleSourceTableTruncated: boolean; HandleSourceTableAltered: boolean };
}

export async function applyDdl(ctx: DdlContext, ev: Extract<SourceEvent, { kind: 'ddl' }>, phase: string): Promise<void> {
  const actions = parseDdl(ev.sql, ev.schema);
  const touched = new Set<RuntimeTable>();
  await ctx.client.query('BEGIN');
  try {
    for (const a of actions) {
      const t = ctx.tables.get(`${a.schema}.${a.table}`);
      if (!t || t.stats.state === 'dropped') continue;
      const target = qualified(t.target.schema, t.target.table);
      switch (a.kind) {
        case 'add-column': {
          if (!ctx.policy.HandleSourceTableAltered) { ctx.log(`ddl: ${t.label}: ADD COLUMN ${a.column} not applied (HandleSourceTableAltered is false)`); break; }
          const name = t.targetColumnFor(a.column) ?? a.column.toLowerCase();
          const converted = convertColumnDefinition(name, a.definition);
          await ctx.client.query(`ALTER TABLE ${target} ADD COLUMN IF NOT EXISTS ${converted}`);
          t.plan.columnMap.set(a.column, name);
          touched.add(t);
          t.stats.ddls++;
          ctx.log(`ddl: ${t.label}: added column ${converted}`);
          break;
        }
        case 'truncate':
          if (!ctx.policy.HandleSourceTableTruncated) { ctx.log(`ddl: ${t.label}: TRUNCATE not applied (HandleSourceTableTruncated is false)`); break; }
          await ctx.client.query(`TRUNCATE ${target}`);
          t.stats.ddls++;
          ctx.log(`ddl: ${t.label}: truncated`);
          break;
        case 'drop':
          if (!ctx.policy.HandleSourceTableDropped) { ctx.log(`ddl: ${t.label}: DROP TABLE not applied (HandleSourceTableDropped is false)`); break; }
          await ctx.client.query(`DROP TABLE IF EXISTS ${target} CASCADE`);
          t.stats.ddls++;
          t.stats.state = 'dropped';
          ctx.log(`ddl: ${t.label}: dropped`);
          break;
        case 'unsupported':
          t.stats.ddls++;
          ctx.log(`action item REPL0002 (high): ${t.label}: source DDL not applied to the target: ${a.what.slice(0, 200)} — apply the equivalent change on the target by hand`);
          t.stats.lastError = `DDL not applied: ${a.what.slice(0, 120)}`;
          break;
      }
    }
    await writeControl(ctx.client, ctx.task, phase, ev.position);
    await ctx.client.query('COMMIT');
  } catch (e) {
    await ctx.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  for (const t of touched) t.refresh(await describeTable(ctx.client, t.target.schema, t.target.table));
}
