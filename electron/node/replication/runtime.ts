// A selected table at run time: its source and created target columns, and how a source row
// becomes target values (renamed and removed columns, add-column expressions, type conversion).
import type { SchemaPlan, PlannedTable } from './schema.js';
import type { TargetTableInfo } from './target/postgres.js';
import { converterFor, type ConvertStats, type Converter } from './values.js';
import { evaluate, parseExpression, type Expression } from './task/index.js';

export interface TableStats {
  state: 'pending' | 'loading' | 'loaded' | 'cdc' | 'error' | 'dropped';
  fullLoadRows: number;
  inserts: number;
  updates: number;
  deletes: number;
  ddls: number;
  cachedChangesApplied: number;
  zeroDatesAsNull: number;
  lastError?: string;
  lagMs?: number;
  loadSeconds?: number;
}

export function newStats(): TableStats {
  return { state: 'pending', fullLoadRows: 0, inserts: 0, updates: 0, deletes: 0, ddls: 0, cachedChangesApplied: 0, zeroDatesAsNull: 0 };
}

/** How rows with a given list of source columns become target rows. */
export interface RowMapping {
  targetColumns: string[];
  /** Values for targetColumns from a getter by source column index. */
  build(get: (sourceIndex: number) => unknown, byName: (name: string) => unknown): (string | null)[];
}

export class RuntimeTable {
  readonly stats: TableStats = newStats();
  private readonly convStats: ConvertStats = { zeroDates: 0 };
  private converters = new Map<string, Converter>();
  private readonly mappings = new Map<string, RowMapping>();
  private readonly added: { target: string; expr: Expression }[] = [];

  /** `makeConverter`: how source values become this target's column values (default: MySQL source → PostgreSQL). */
  constructor(readonly plan: PlannedTable, public target: TargetTableInfo, private readonly makeConverter?: (targetType: string, targetColumn: string) => Converter) {
    for (const a of plan.added) this.added.push({ target: a.value!, expr: parseExpression(a.expression!) });
    this.refresh(target);
  }

  get key(): string { return `${this.plan.source.schema}.${this.plan.source.table}`; }
  get label(): string { return `${this.plan.source.schema}.${this.plan.source.table} → ${this.target.schema}.${this.target.table}`; }
  get zeroDates(): number { return this.convStats.zeroDates; }

  refresh(target: TargetTableInfo): void {
    this.target = target;
    this.converters = new Map(target.columns.map((c) => [c.name, this.makeConverter ? this.makeConverter(c.type, c.name) : converterFor(c.type, this.convStats)]));
    this.mappings.clear();
  }

  /** Target column for a source column name (by the task's rules, then exact or case-folded match). */
  targetColumnFor(sourceColumn: string): string | undefined {
    const mapped = this.plan.columnMap.has(sourceColumn) ? this.plan.columnMap.get(sourceColumn) : sourceColumn;
    if (mapped === undefined) return undefined;
    const exact = this.target.columns.find((c) => c.name === mapped);
    if (exact) return exact.name;
    return this.target.columns.find((c) => c.name.toLowerCase() === mapped.toLowerCase())?.name;
  }

  mapping(sourceColumns: string[]): RowMapping {
    const sig = sourceColumns.join('\u0001');
    let m = this.mappings.get(sig);
    if (m) return m;
    const pairs: { src: number; conv: Converter }[] = [];
    const targetColumns: string[] = [];
    sourceColumns.forEach((s, i) => {
      const t = this.targetColumnFor(s);
      if (!t || targetColumns.includes(t)) return;
      targetColumns.push(t);
      pairs.push({ src: i, conv: this.converters.get(t)! });
    });
    const added = this.added.map((a) => {
      const t = this.target.columns.find((c) => c.name === a.target || c.name.toLowerCase() === a.target.toLowerCase());
      return t ? { name: t.name, expr: a.expr, conv: this.converters.get(t.name)! } : undefined;
    }).filter((x): x is NonNullable<typeof x> => !!x);
    for (const a of added) targetColumns.push(a.name);
    const n = pairs.length;
    m = {
      targetColumns,
      build(get, byName) {
        const out = new Array<string | null>(n + added.length);
        for (let i = 0; i < n; i++) { const p = pairs[i]!; out[i] = p.conv(get(p.src)); }
        for (let j = 0; j < added.length; j++) { const a = added[j]!; out[n + j] = a.conv(evaluate(a.expr, byName)); }
        return out;
      },
    };
    this.mappings.set(sig, m);
    return m;
  }
}

/** Capture is waiting with nothing to apply: the tables in CDC have no lag (not the last batch's). */
export function markIdle(tables: RuntimeTable[]): void {
  for (const t of tables) if (t.stats.state === 'cdc') t.stats.lagMs = 0;
}

export function planByKey(plan: SchemaPlan): Map<string, PlannedTable> {
  return new Map(plan.tables.map((t) => [`${t.source.schema}.${t.source.table}`, t]));
}
