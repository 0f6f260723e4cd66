import type {
  Catalog, ConvertResult, Diagnostic, Effort, Severity, SourceDialect, TargetDialect,
} from '../model/index.js';
import { EFFORT_HOURS, SEVERITY_ORDER, catalogObjectRef, refKey } from '../model/index.js';
import type {
  ActionItem, Assessment, AssessmentInputFile, AssessmentObject, AssessmentOptions, AssessmentScope, CategoryCounts,
  CodeCount, EffortSettings,
} from './model.js';
import { docUrlFor, emulationFor } from './docs.js';
import { DEFAULT_EFFORT_SETTINGS } from './effort.js';
import { analyse } from './analyse.js';
import { inScope, itemInScope } from './scope.js';
import { restatedFindings } from './restated.js';

export interface AssessmentBuildInput {
  source: SourceDialect;
  target: TargetDialect;
  catalog: Catalog;
  /** Front-end findings (and input findings such as encoding fallbacks). */
  parseDiagnostics: Diagnostic[];
  result: ConvertResult;
  inputs: AssessmentInputFile[];
  options?: AssessmentOptions;
  /** ISO timestamp from the caller; null keeps the output reproducible. */
  generatedAt?: string | null;
  /** The source scripts (or extracted DDL), for the excerpt of each action item. */
  sources?: { path: string; text: string }[];
  /** Effort weights; defaults to DEFAULT_EFFORT_SETTINGS. */
  effort?: EffortSettings;
  /** Whole source (default), one schema or one object. */
  scope?: AssessmentScope;
}

const CATEGORIES = ['storage', 'code', 'data'] as const;

/**
 * Object types as reports and file names spell them: generators say 'Table', 'ForeignKey' or
 * 'foreign key'; reports say 'table', 'foreign_key'.
 */
export function typeLabel(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toLowerCase();
}

function normRef<T extends { type: string }>(ref: T): T {
  return { ...ref, type: typeLabel(ref.type) };
}

function pct(part: number, total: number): number {
  if (total === 0) return 100;
  return Math.round((part / total) * 1000) / 10;
}

function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

/** Input findings use codes starting with IN (see electron/node/pipeline); the rest came from the front end. */
function stageOf(d: Diagnostic, fromParse: boolean): ActionItem['stage'] {
  if (!fromParse) return 'conversion';
  return d.code.startsWith('IN') ? 'input' : 'parse';
}

function toItem(d: Diagnostic, stage: ActionItem['stage'], category: ActionItem['category'] = null): ActionItem {
  const docUrl = docUrlFor(d.code, d.docUrl);
  const emulation = emulationFor(d.code, d.emulation);
  return {
    code: d.code,
    severity: d.severity,
    effort: d.effort,
    object: d.object ? normRef(d.object) : null,
    file: d.span.file,
    line: d.span.line,
    column: d.span.column,
    message: d.message,
    recommendation: d.recommendation,
    stage,
    category,
    ...(docUrl ? { docUrl } : {}),
    ...(emulation ? { emulation } : {}),
  };
}

const EXCERPT_MAX = 240;

/** Source line text per file, split on first use (only files that items point at). */
function excerpter(sources: { path: string; text: string }[] | undefined): (file: string, line: number) => string | undefined {
  if (!sources || sources.length === 0) return () => undefined;
  const byPath = new Map(sources.map((f) => [f.path, f.text]));
  const lines = new Map<string, string[]>();
  return (file, line) => {
    if (!line) return undefined;
    let l = lines.get(file);
    if (!l) {
      const text = byPath.get(file);
      if (text === undefined) return undefined;
      l = text.split(/\r\n|\r|\n/);
      lines.set(file, l);
    }
    const t = l[line - 1]?.trim();
    if (!t) return undefined;
    return t.length > EXCERPT_MAX ? `${t.slice(0, EXCERPT_MAX - 1)}…` : t;
  };
}

const EFFORT_RANK: Record<Effort, number> = { none: 0, simple: 1, medium: 2, significant: 3 };

function maxEffort(ds: Diagnostic[]): Effort {
  let e: Effort = 'none';
  for (const d of ds) if (d.severity !== 'info' && EFFORT_RANK[d.effort] > EFFORT_RANK[e]) e = d.effort;
  return e;
}

function linesOf(span: { line: number; endLine: number }): number {
  return span.line > 0 && span.endLine >= span.line ? span.endLine - span.line + 1 : 0;
}

export function compareItems(a: ActionItem, b: ActionItem): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || a.line - b.line
    || a.column - b.column
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Work estimate: a code found several times in one object is one piece of work there (the same
 * fix applies), so each distinct code counts once per object. Findings tied to no object count
 * once per distinct code, file and line.
 */
export function estimateHours(items: ActionItem[]): number {
  const seen = new Set<string>();
  let hours = 0;
  for (const it of items) {
    const where = it.object ? refKey(it.object) : `${it.file}:${it.line}`;
    const key = `${it.code}|${where}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hours += EFFORT_HOURS[it.effort];
  }
  return hours;
}

/**
 * Diagnostics can be reachable twice (an object's list and the script-level list, or the front
 * end's list and the object it was copied onto); the report shows each finding once.
 */
function dedupe(items: ActionItem[]): ActionItem[] {
  const seen = new Set<string>();
  const out: ActionItem[] = [];
  for (const it of items) {
    const key = [it.code, it.file, it.line, it.column, it.message, it.object ? refKey(it.object) : ''].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(it);
  }
  return out;
}

export function buildAssessment(input: AssessmentBuildInput): Assessment {
  const { result } = input;
  const scope: AssessmentScope = input.scope ?? { kind: 'all' };
  const excerpt = excerpter(input.sources);
  const restated = restatedFindings(input.parseDiagnostics, result);
  const ownedBy = new Map<string, Diagnostic[]>();
  for (const [d, ref] of restated.owner) {
    const k = refKey(ref);
    const list = ownedBy.get(k);
    if (list) list.push(d); else ownedBy.set(k, [d]);
  }
  const rawItems: ActionItem[] = [
    ...input.parseDiagnostics.map((d) => toItem(restated.owner.has(d) && !d.object ? { ...d, object: restated.owner.get(d)! } : d, stageOf(d, true))),
    ...result.diagnostics.filter((d) => !restated.dropped.has(d)).map((d) => toItem(d, 'conversion')),
  ];
  const objects: AssessmentObject[] = [];
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { total: 0, converted: 0, withActions: 0, notConverted: 0, convertedPct: 100 }])) as Record<(typeof CATEGORIES)[number], CategoryCounts>;
  const categoryOf = new Map<string, ActionItem['category']>();
  for (const o of result.objects) {
    if (!inScope(scope, o.source) && !inScope(scope, o.ref)) continue;
    const own = restated.dropped.size === 0 ? o.diagnostics : o.diagnostics.filter((d) => !restated.dropped.has(d));
    // Front-end findings about this object's text count for it (they replace the generator's restatement).
    const findings = [...own, ...(ownedBy.get(refKey(o.source)) ?? [])];
    const items = own.map((d) => toItem({ ...d, object: d.object ?? o.source }, 'conversion', o.category));
    rawItems.push(...items);
    const emulations = new Set<string>(o.usesEmulation ?? []);
    for (const it of items) if (it.emulation) emulations.add(it.emulation);
    objects.push({
      schema: o.ref.schema ?? null,
      name: o.ref.name,
      type: typeLabel(o.ref.type),
      category: o.category,
      status: o.status,
      source: normRef(o.source),
      file: o.span.file,
      line: o.span.line,
      actionItems: findings.filter((d) => d.severity !== 'info').length,
      linesOfCode: linesOf(o.span),
      effortClass: maxEffort(findings),
      usesEmulation: [...emulations].sort(),
    });
    if (!categoryOf.has(refKey(normRef(o.source)))) categoryOf.set(refKey(normRef(o.source)), o.category);
    const c = byCategory[o.category];
    c.total++;
    if (o.status === 'converted') c.converted++;
    else if (o.status === 'converted-with-actions') c.withActions++;
    else c.notConverted++;
  }
  for (const c of Object.values(byCategory)) c.convertedPct = pct(c.converted + c.withActions, c.total);

  const actionItems = dedupe(rawItems.filter((it) => itemInScope(scope, it))).sort(compareItems);
  const countsBySeverity = emptySeverityCounts();
  const codes = new Map<string, CodeCount>();
  for (const it of actionItems) {
    // Parse findings filed under an object take that object's category.
    if (it.category === null && it.object) it.category = categoryOf.get(refKey(it.object)) ?? null;
    const ex = excerpt(it.file, it.line);
    if (ex !== undefined) it.excerpt = ex;
    countsBySeverity[it.severity]++;
    const c = codes.get(it.code);
    if (c) c.count++;
    else codes.set(it.code, { code: it.code, severity: it.severity, effort: it.effort, example: it.message, count: 1 });
  }
  const countsByCode = [...codes.values()].sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.count - a.count || (a.code < b.code ? -1 : 1));

  const sourceObjects: Record<string, number> = {};
  for (const o of input.catalog.objects) {
    if (scope.kind !== 'all' && !inScope(scope, normRef(catalogObjectRef(o)))) continue;
    sourceObjects[o.kind] = (sourceObjects[o.kind] ?? 0) + 1;
  }

  const total = objects.length;
  const converted = objects.filter((o) => o.status === 'converted').length;
  const withActions = objects.filter((o) => o.status === 'converted-with-actions').length;
  const storage = byCategory.storage;
  const data = byCategory.data;
  const base = {
    tool: 'dbshift' as const,
    formatVersion: 1 as const,
    generatedAt: input.generatedAt ?? null,
    source: input.source,
    target: input.target,
    inputs: input.inputs,
    options: input.options ?? {},
    scope,
    summary: {
      objects: { total, converted, withActions, notConverted: total - converted - withActions },
      // Data scripts are storage in the sense of "what the database holds".
      storageObjectsConvertedPct: pct(storage.converted + storage.withActions + data.converted + data.withActions, storage.total + data.total),
      codeObjectsConvertedPct: byCategory.code.convertedPct,
      convertedWithoutActionsPct: pct(converted, total),
      estimatedHours: 0,
      actionItems: actionItems.filter((i) => i.severity !== 'info').length,
      sourceObjects,
      linesOfCode: 0,
    },
    byCategory,
    countsBySeverity,
    countsByCode,
    objects,
    actionItems,
  };
  return analyse(base, input.effort ?? DEFAULT_EFFORT_SETTINGS);
}
