// The derived parts of an assessment: action items grouped by code with the effort model applied,
// per-object-type rows, features the target lacks, emulations, and the executive summary.
import type { ObjectRef } from '../model/index.js';
import { SEVERITY_ORDER, refKey } from '../model/index.js';
import type {
  Assessment, AssessmentObject, CodeGroup, EffortSettings, EmulationUse, FeatureGap, ObjectTypeRow,
} from './model.js';
import { codeHours, codeWeights, effortReport, round1, round2 } from './effort.js';
import { scopeText } from './scope.js';

type Base = Omit<Assessment, 'codes' | 'effort' | 'byObjectType' | 'featuresLacking' | 'emulations' | 'executiveSummary'>;

export const DIALECT_NAMES: Record<string, string> = {
  mysql: 'MySQL / MariaDB', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server',
};

const TYPE_ORDER = ['schema', 'table', 'column', 'index', 'constraint', 'foreign_key', 'sequence', 'type', 'domain', 'view',
  'materialized_view', 'function', 'procedure', 'package', 'trigger', 'event', 'synonym', 'comment', 'data', 'statement'];

function typeRank(t: string): number {
  const i = TYPE_ORDER.indexOf(t);
  return i < 0 ? TYPE_ORDER.length : i;
}

const TITLE_MAX = 140;

function shortTitle(m: string): string {
  const t = m.replace(/\s+/g, ' ').trim();
  if (t.length <= TITLE_MAX) return t;
  const cut = t.lastIndexOf(' ', TITLE_MAX - 1);
  return `${t.slice(0, cut > TITLE_MAX / 2 ? cut : TITLE_MAX - 1)}…`;
}

function groupCodes(a: Base, s: EffortSettings): CodeGroup[] {
  const groups = new Map<string, CodeGroup & { perObject: Map<string, number>; objectKeys: Set<string> }>();
  a.actionItems.forEach((it, i) => {
    let g = groups.get(it.code);
    if (!g) {
      const w = codeWeights(s, it.code, it.effort);
      g = {
        code: it.code, title: it.message, severity: it.severity, effort: it.effort, stage: it.stage, category: it.category,
        recommendation: it.recommendation, ...(it.docUrl ? { docUrl: it.docUrl } : {}), ...(it.emulation ? { emulation: it.emulation } : {}),
        occurrences: [], objects: 0, learningHours: w.learning, perOccurrenceHours: w.perOccurrence, hours: 0,
        perObject: new Map(), objectKeys: new Set(),
      };
      groups.set(it.code, g);
    }
    g.occurrences.push(i);
    // One root cause per object: findings tied to no object count per file and line.
    const where = it.object ? refKey(it.object) : `${it.file}:${it.line}`;
    g.perObject.set(where, (g.perObject.get(where) ?? 0) + 1);
    if (it.object) g.objectKeys.add(refKey(it.object));
  });
  // A code's title: the shortest message seen (messages add detail to the code's title), on one line.
  for (const g of groups.values()) {
    for (const i of g.occurrences) { const m = a.actionItems[i]!.message; if (m.length < g.title.length) g.title = m; }
    g.title = shortTitle(g.title);
  }
  return [...groups.values()].map(({ perObject, objectKeys, ...g }) => ({
    ...g,
    objects: objectKeys.size,
    hours: g.severity === 'info' ? 0 : round2(codeHours(s, g.learningHours, g.perOccurrenceHours, [...perObject.values()])),
  })).sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || y.hours - x.hours || (x.code < y.code ? -1 : 1));
}

function byObjectType(objects: AssessmentObject[]): ObjectTypeRow[] {
  const rows = new Map<string, ObjectTypeRow>();
  for (const o of objects) {
    let r = rows.get(o.type);
    if (!r) {
      r = { type: o.type, category: o.category, total: 0, converted: 0, simple: 0, medium: 0, significant: 0, notConverted: 0, linesOfCode: 0 };
      rows.set(o.type, r);
    }
    r.total++;
    r.linesOfCode += o.linesOfCode;
    if (o.status === 'converted') r.converted++;
    else if (o.status === 'not-converted') r.notConverted++;
    else if (o.effortClass === 'significant') r.significant++;
    else if (o.effortClass === 'medium') r.medium++;
    else r.simple++;
  }
  return [...rows.values()].sort((x, y) => typeRank(x.type) - typeRank(y.type) || (x.type < y.type ? -1 : 1));
}

/**
 * Source features the target lacks: conversion findings of severity critical or high (behaviour
 * lost or changed, or not converted), and any conversion finding on an object that was not converted.
 */
function featuresLacking(a: Base, codes: CodeGroup[]): FeatureGap[] {
  const notConverted = new Set(a.objects.filter((o) => o.status === 'not-converted').map((o) => refKey(o.source)));
  const out: FeatureGap[] = [];
  for (const g of codes) {
    if (g.stage !== 'conversion') continue;
    const severe = g.severity === 'critical' || g.severity === 'high';
    if (!severe && !g.occurrences.some((i) => { const o = a.actionItems[i]!.object; return o !== null && notConverted.has(refKey(o)); })) continue;
    out.push({ code: g.code, title: g.title, severity: g.severity, occurrences: g.occurrences.length, objects: g.objects });
  }
  return out;
}

function emulations(objects: AssessmentObject[]): EmulationUse[] {
  const by = new Map<string, ObjectRef[]>();
  for (const o of objects) {
    for (const e of o.usesEmulation) {
      const list = by.get(e) ?? [];
      if (!list.some((r) => refKey(r) === refKey(o.source))) list.push(o.source);
      by.set(e, list);
    }
  }
  return [...by.entries()].map(([emulation, objs]) => ({ emulation, objects: objs })).sort((x, y) => (x.emulation < y.emulation ? -1 : 1));
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function executiveSummary(a: Base, codes: CodeGroup[], eff: Assessment['effort'], gaps: FeatureGap[], emus: EmulationUse[]): string[] {
  const s = a.summary;
  const src = DIALECT_NAMES[a.source] ?? a.source;
  const tgt = DIALECT_NAMES[a.target] ?? a.target;
  const scope = a.scope.kind === 'all' ? '' : ` (${scopeText(a.scope)})`;
  const out = [
    `dbshift converted ${src} to ${tgt}${scope}: ${plural(s.objects.total, 'target object')}, of which ${s.objects.converted} need no change, ${s.objects.withActions} converted with action items and ${s.objects.notConverted} could not be converted.`,
    `${s.storageObjectsConvertedPct}% of storage objects and ${s.codeObjectsConvertedPct}% of code objects (${plural(s.linesOfCode, 'source line')}) were converted automatically.`,
  ];
  const work = codes.filter((g) => g.severity !== 'info');
  if (work.length === 0) out.push('There are no action items: the remaining work is reviewing and testing the converted objects.');
  else {
    const top = work.slice(0, 3).map((g) => `${g.code} (${g.title}, ${g.occurrences.length}×)`).join('; ');
    out.push(`${plural(s.actionItems, 'action item')} under ${plural(work.length, 'distinct code')}; the most important: ${top}.`);
  }
  out.push(`Estimated effort: ${eff.totalHours} hours (${eff.personDays} person-days), migration level ${eff.migrationLevel}, complexity ${eff.complexity} of 10.`);
  if (gaps.length) out.push(`${tgt} lacks ${plural(gaps.length, 'source feature')} this source uses: ${gaps.slice(0, 4).map((g) => g.title).join('; ')}${gaps.length > 4 ? '; …' : ''}.`);
  if (emus.length) out.push(`${plural(emus.reduce((n, e) => n + e.objects.length, 0), 'object')} rely on emulations: ${emus.map((e) => e.emulation).join('; ')}.`);
  return out;
}

export function analyse(base: Base, settings: EffortSettings): Assessment {
  const codes = groupCodes(base, settings);
  const actionHours = codes.reduce((h, g) => h + g.hours, 0);
  let reviewHours = 0;
  let loc = 0;
  const seenSource = new Set<string>();
  for (const o of base.objects) {
    reviewHours += settings.reviewHours[o.category];
    const key = `${refKey(o.source)}@${o.file}:${o.line}`;
    if (o.category === 'code' && !seenSource.has(key)) {
      seenSource.add(key);
      loc += o.linesOfCode;
      reviewHours += (o.linesOfCode / 100) * settings.reviewHoursPer100Lines;
    }
  }
  const nonTrivial = base.actionItems.filter((i) => i.severity !== 'info' && i.effort !== 'none').length;
  const effort = effortReport(settings, actionHours, reviewHours, base.summary.objects.notConverted, nonTrivial);
  const summary = { ...base.summary, estimatedHours: effort.totalHours, linesOfCode: loc };
  const withSummary = { ...base, summary };
  const gaps = featuresLacking(withSummary, codes);
  const emus = emulations(base.objects);
  return {
    ...withSummary,
    executiveSummary: executiveSummary(withSummary, codes, effort, gaps, emus),
    byObjectType: byObjectType(base.objects),
    codes,
    effort,
    featuresLacking: gaps,
    emulations: emus,
  };
}

export { round1 };
