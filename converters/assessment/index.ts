import type { Catalog, ConvertOptions, ConvertResult, Diagnostic, SourceDialect, TargetDialect } from '../model/index.js';
import { convert } from '../convert.js';
import { buildAssessment, combineAssessments } from './build.js';
import type { Assessment, AssessmentInputFile, AssessmentOptions, CombinedAssessment } from './model.js';

export * from './model.js';
export { buildAssessment, combineAssessments, estimateHours, compareItems, typeLabel } from './build.js';
export type { AssessmentBuildInput } from './build.js';
export { renderAssessmentHtml, renderCombinedHtml, escapeHtml } from './render-html.js';

export function renderAssessmentJson(a: Assessment | CombinedAssessment): string {
  return `${JSON.stringify(a, null, 2)}\n`;
}

export interface AssessTargetsInput {
  source: SourceDialect;
  catalog: Catalog;
  parseDiagnostics: Diagnostic[];
  inputs: AssessmentInputFile[];
  targets: TargetDialect[];
  convertOptions?: Omit<ConvertOptions, 'target'>;
  options?: AssessmentOptions;
  generatedAt?: string | null;
}

/** Converts one catalog to several targets and assesses each; the combined part compares them. */
export function assessTargets(input: AssessTargetsInput): {
  perTarget: { target: TargetDialect; result: ConvertResult; assessment: Assessment }[];
  combined: CombinedAssessment;
} {
  const perTarget = input.targets.map((target) => {
    const result = convert(input.catalog, { ...input.convertOptions, target });
    const assessment = buildAssessment({
      source: input.source, target, catalog: input.catalog, parseDiagnostics: input.parseDiagnostics,
      result, inputs: input.inputs, options: input.options ?? {}, generatedAt: input.generatedAt ?? null,
    });
    return { target, result, assessment };
  });
  return { perTarget, combined: combineAssessments(perTarget.map((p) => p.assessment)) };
}
