import type { Catalog, ConvertOptions, ConvertResult, Diagnostic, SourceDialect, TargetDialect } from '../model/index.js';
import { convert } from '../convert.js';
import { buildAssessment } from './build.js';
import { combineAssessments } from './compare.js';
import type { Assessment, AssessmentInputFile, AssessmentOptions, AssessmentScope, CombinedAssessment, EffortSettings } from './model.js';

export * from './model.js';
export { buildAssessment, estimateHours, compareItems, typeLabel } from './build.js';
export type { AssessmentBuildInput } from './build.js';
export { combineAssessments, recommend } from './compare.js';
export { DEFAULT_EFFORT_SETTINGS, effortSettings, codeHours, complexityScore } from './effort.js';
export { docUrlFor, emulationFor } from './docs.js';
export { inScope, parseScope, scopeText } from './scope.js';
export { DIALECT_NAMES } from './analyse.js';
export { renderAssessmentHtml, renderCombinedHtml, escapeHtml } from './render-html.js';
export { renderCsvFiles, csvField, csvRows } from './csv.js';
export {
  parseCsv, parseInventory, buildInventoryReport, inventoryRow, renderInventoryCsv, renderInventoryHtml,
} from './inventory.js';
export type { InventoryEntry, InventoryDatabase, InventoryReport, InventoryTargetRow } from './inventory.js';

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
  sources?: { path: string; text: string }[];
  effort?: EffortSettings;
  scope?: AssessmentScope;
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
      ...(input.sources ? { sources: input.sources } : {}), ...(input.effort ? { effort: input.effort } : {}), ...(input.scope ? { scope: input.scope } : {}),
    });
    return { target, result, assessment };
  });
  return { perTarget, combined: combineAssessments(perTarget.map((p) => p.assessment)) };
}
