// Several targets side by side, and which one costs less and why.
import type { TargetDialect } from '../model/index.js';
import type { Assessment, CombinedAssessment } from './model.js';
import { DIALECT_NAMES } from './analyse.js';

const name = (t: string): string => DIALECT_NAMES[t] ?? t;

/**
 * The recommended target: fewest estimated hours; within 10% of each other, fewer objects not
 * converted, then fewer features lost, then fewer emulations decide. The reasons compare the
 * recommended target with each other one.
 */
export function recommend(assessments: Assessment[]): { target: TargetDialect; reasons: string[] } {
  const key = (a: Assessment): number[] => [a.summary.objects.notConverted, a.featuresLacking.length, a.emulations.length, a.summary.estimatedHours];
  const sorted = [...assessments].sort((x, y) => {
    const hx = x.summary.estimatedHours;
    const hy = y.summary.estimatedHours;
    if (Math.abs(hx - hy) > 0.1 * Math.max(hx, hy, 1)) return hx - hy;
    const kx = key(x);
    const ky = key(y);
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! - ky[i]!;
    return 0;
  });
  const best = sorted[0]!;
  const reasons: string[] = [];
  for (const other of sorted.slice(1)) {
    const b = best.summary;
    const o = other.summary;
    const vs = name(other.target);
    reasons.push(`Effort: ${b.estimatedHours} h against ${o.estimatedHours} h for ${vs}.`);
    reasons.push(`Converted automatically: storage ${b.storageObjectsConvertedPct}% / code ${b.codeObjectsConvertedPct}% against ${o.storageObjectsConvertedPct}% / ${o.codeObjectsConvertedPct}% for ${vs}; not converted: ${b.objects.notConverted} against ${o.objects.notConverted}.`);
    reasons.push(`Source features the target lacks: ${best.featuresLacking.length} against ${other.featuresLacking.length} for ${vs}${other.featuresLacking.length ? ` (${other.featuresLacking.slice(0, 3).map((f) => f.title).join('; ')})` : ''}.`);
    reasons.push(`Emulations needed: ${best.emulations.length} against ${other.emulations.length} for ${vs}.`);
    reasons.push(`Critical and high action items: ${best.countsBySeverity.critical + best.countsBySeverity.high} against ${other.countsBySeverity.critical + other.countsBySeverity.high} for ${vs}.`);
  }
  if (sorted.length === 1) reasons.push('Only one target was assessed.');
  return { target: best.target, reasons };
}

export function combineAssessments(assessments: Assessment[], reports?: Partial<Record<TargetDialect, string>>): CombinedAssessment {
  const first = assessments[0];
  if (!first) throw new Error('combineAssessments needs at least one assessment');
  return {
    tool: 'dbshift',
    formatVersion: 1,
    generatedAt: first.generatedAt,
    source: first.source,
    inputs: first.inputs,
    targets: assessments.map((a) => ({
      target: a.target,
      summary: a.summary,
      countsBySeverity: a.countsBySeverity,
      ...(reports?.[a.target] ? { report: reports[a.target] } : {}),
      featuresLacking: a.featuresLacking.length,
      emulations: a.emulations.length,
      migrationLevel: a.effort.migrationLevel,
      complexity: a.effort.complexity,
    })),
    ...(assessments.length > 1 ? { recommendation: recommend(assessments) } : {}),
  };
}
