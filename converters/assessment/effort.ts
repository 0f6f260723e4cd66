// The effort model: per code a one-time learning effort plus per-occurrence effort, where repeated
// occurrences of one root cause cost less each time (within an object and across objects), plus a
// small review time per object. Weights are settings; README "Assessment report" documents them.
import type { Effort } from '../model/index.js';
import type { EffortReport, EffortSettings } from './model.js';

export const DEFAULT_EFFORT_SETTINGS: EffortSettings = {
  // The first occurrence of a code costs learning + one occurrence: 1 h simple, 4 h medium, 8 h
  // significant — the bands of model/diagnostics.ts Effort.
  learningHours: { none: 0, simple: 0.5, medium: 2, significant: 2 },
  perOccurrenceHours: { none: 0, simple: 0.5, medium: 2, significant: 6 },
  repeatInObject: 0.25,
  repeatAcrossObjects: 0.85,
  minAcrossObjects: 0.4,
  reviewHours: { storage: 0.05, code: 0.25, data: 0 },
  reviewHoursPer100Lines: 0.25,
  codes: {},
  hoursPerDay: 8,
};

const EFFORTS: Effort[] = ['none', 'simple', 'medium', 'significant'];

function num(v: unknown, what: string, errors: string[], min = 0, max = Number.POSITIVE_INFINITY): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    errors.push(`${what} must be a number from ${min}${max === Number.POSITIVE_INFINITY ? '' : ` to ${max}`}`);
    return undefined;
  }
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges user settings (parsed JSON, any shape) over the defaults. Unknown keys and bad values are
 * reported, never silently used.
 */
export function effortSettings(user: unknown): { settings: EffortSettings; errors: string[] } {
  const errors: string[] = [];
  const d = DEFAULT_EFFORT_SETTINGS;
  const s: EffortSettings = {
    ...d, learningHours: { ...d.learningHours }, perOccurrenceHours: { ...d.perOccurrenceHours },
    reviewHours: { ...d.reviewHours }, codes: {},
  };
  if (user === undefined || user === null) return { settings: s, errors };
  if (!isRecord(user)) return { settings: s, errors: ['effort settings must be a JSON object'] };
  const known = new Set(Object.keys(d));
  for (const k of Object.keys(user)) if (!known.has(k)) errors.push(`unknown effort setting "${k}" (known: ${[...known].join(', ')})`);
  for (const key of ['learningHours', 'perOccurrenceHours'] as const) {
    const v = user[key];
    if (v === undefined) continue;
    if (!isRecord(v)) { errors.push(`${key} must be an object like {"simple": 0.5, "medium": 2, "significant": 6}`); continue; }
    for (const [e, h] of Object.entries(v)) {
      if (!(EFFORTS as string[]).includes(e)) { errors.push(`${key}.${e}: unknown effort class (use ${EFFORTS.join(', ')})`); continue; }
      const n = num(h, `${key}.${e}`, errors);
      if (n !== undefined) s[key][e as Effort] = n;
    }
  }
  const scalars: [keyof EffortSettings, number, number][] = [
    ['repeatInObject', 0, 1], ['repeatAcrossObjects', 0, 1], ['minAcrossObjects', 0, 1], ['reviewHoursPer100Lines', 0, 1e6], ['hoursPerDay', 1, 24],
  ];
  for (const [key, min, max] of scalars) {
    const n = num(user[key], key, errors, min, max);
    if (n !== undefined) (s as unknown as Record<string, number>)[key] = n;
  }
  const review = user.reviewHours;
  if (review !== undefined) {
    if (!isRecord(review)) errors.push('reviewHours must be an object like {"storage": 0.05, "code": 0.25, "data": 0}');
    else {
      for (const [c, h] of Object.entries(review)) {
        if (c !== 'storage' && c !== 'code' && c !== 'data') { errors.push(`reviewHours.${c}: unknown category (use storage, code, data)`); continue; }
        const n = num(h, `reviewHours.${c}`, errors);
        if (n !== undefined) s.reviewHours[c] = n;
      }
    }
  }
  const codes = user.codes;
  if (codes !== undefined) {
    if (!isRecord(codes)) errors.push('codes must be an object like {"MP0027": {"perOccurrenceHours": 3}}');
    else {
      for (const [code, o] of Object.entries(codes)) {
        if (!isRecord(o)) { errors.push(`codes.${code} must be an object`); continue; }
        const entry: { learningHours?: number; perOccurrenceHours?: number } = {};
        for (const [k, v] of Object.entries(o)) {
          if (k !== 'learningHours' && k !== 'perOccurrenceHours') { errors.push(`codes.${code}.${k}: unknown (use learningHours, perOccurrenceHours)`); continue; }
          const n = num(v, `codes.${code}.${k}`, errors);
          if (n !== undefined) entry[k] = n;
        }
        s.codes[code] = entry;
      }
    }
  }
  return { settings: s, errors };
}

export function codeWeights(s: EffortSettings, code: string, effort: Effort): { learning: number; perOccurrence: number } {
  const o = s.codes[code];
  return { learning: o?.learningHours ?? s.learningHours[effort], perOccurrence: o?.perOccurrenceHours ?? s.perOccurrenceHours[effort] };
}

/**
 * Hours for one code given how many times it occurs in each object (in report order). Object n
 * (0-based) pays perOccurrence × max(min, across^n) for its first occurrence; its k-th further
 * occurrence pays that × inObject^k.
 */
export function codeHours(s: EffortSettings, learning: number, perOccurrence: number, perObjectCounts: number[]): number {
  if (perObjectCounts.length === 0) return 0;
  let h = learning;
  perObjectCounts.forEach((count, n) => {
    const first = perOccurrence * Math.max(s.minAcrossObjects, s.repeatAcrossObjects ** n);
    for (let k = 0; k < count; k++) h += first * s.repeatInObject ** k;
  });
  return h;
}

export function round1(h: number): number {
  return Math.round(h * 10) / 10;
}

export function round2(h: number): number {
  return Math.round(h * 100) / 100;
}

/**
 * Complexity 1–10 from the total hours on a log scale (doubling the work adds one point; up to
 * 4 h is 1), plus one when objects could not be converted at all.
 */
export function complexityScore(totalHours: number, notConverted: number): number {
  const base = Math.max(1, Math.ceil(Math.log2(1 + totalHours / 4)));
  return Math.min(10, base + (notConverted > 0 ? 1 : 0));
}

export function effortReport(s: EffortSettings, actionHours: number, reviewHours: number, notConverted: number, nonTrivialItems: number): EffortReport {
  const totalHours = round1(actionHours + reviewHours);
  const personDays = round1(totalHours / s.hoursPerDay);
  const migrationLevel = nonTrivialItems === 0 && notConverted === 0 ? 'A' : personDays <= 5 ? 'B' : 'C';
  const c = (e: Effort): string => `${s.learningHours[e]} h + ${s.perOccurrenceHours[e]} h per occurrence`;
  return {
    settings: s,
    actionHours: round1(actionHours),
    reviewHours: round1(reviewHours),
    totalHours,
    personDays,
    migrationLevel,
    complexity: complexityScore(totalHours, notConverted),
    model: [
      `Each action-item code costs a one-time learning effort plus an effort per occurrence: simple ${c('simple')}, medium ${c('medium')}, significant ${c('significant')}${Object.keys(s.codes).length ? ` (${Object.keys(s.codes).length} code(s) with their own weights)` : ''}.`,
      `Repeated occurrences of one code cost less: in the same object each further one costs ${s.repeatInObject * 100}% of the previous; each further object costs ${s.repeatAcrossObjects * 100}% of the one before, at least ${s.minAcrossObjects * 100}% of the full effort.`,
      `Every object also gets review and test time: storage ${s.reviewHours.storage} h, code ${s.reviewHours.code} h plus ${s.reviewHoursPer100Lines} h per 100 lines, data ${s.reviewHours.data} h.`,
      `Migration level (as ora2pg): A = review only, B = up to 5 person-days of ${s.hoursPerDay} h, C = more. Complexity 1–10 grows by one each time the hours double (up to 4 h is 1), plus one if some objects could not be converted.`,
    ],
  };
}
