// Assess a loaded source for several targets and write the report files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversionSettings, ConvertResult, NamingStyle, TargetDialect } from '../../../converters/index.js';
import { convert } from '../../../converters/index.js';
import {
  buildAssessment, combineAssessments, renderAssessmentHtml, renderAssessmentJson, renderCombinedHtml, renderCsvFiles,
  type Assessment, type AssessmentScope, type CombinedAssessment, type EffortSettings,
} from '../../../converters/assessment/index.js';
import type { LoadedSource, Progress } from '../pipeline/index.js';
import { scrubUrls } from '../export/apply-script.js';

export type ReportFormat = 'html' | 'json' | 'csv' | 'pdf';
export const REPORT_FORMATS: ReportFormat[] = ['html', 'json', 'csv', 'pdf'];

export interface AssessOptions {
  targets: TargetDialect[];
  naming?: NamingStyle;
  schemas?: string[];
  settings?: ConversionSettings;
  generatedAt: string | null;
  effort?: EffortSettings;
  scope?: AssessmentScope;
}

export interface AssessedTarget {
  target: TargetDialect;
  result: ConvertResult;
  assessment: Assessment;
}

export function assessLoaded(loaded: LoadedSource, o: AssessOptions, progress?: Progress): { perTarget: AssessedTarget[]; combined: CombinedAssessment } {
  const perTarget = o.targets.map((target) => {
    const t0 = performance.now();
    let result: ConvertResult;
    try {
      result = convert(loaded.catalog, { ...o.settings, target, ...(o.naming ? { naming: o.naming } : {}) });
    } catch (e) {
      throw new Error(`converting to ${target} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    const assessment = buildAssessment({
      source: loaded.source, target, catalog: loaded.catalog, parseDiagnostics: loaded.parseDiagnostics, result, inputs: loaded.inputs,
      options: { ...(o.naming ? { naming: o.naming } : {}), ...(o.schemas ? { schemas: o.schemas } : {}), ...(o.settings && Object.keys(o.settings).length ? { conversion: o.settings } : {}), sourceKind: loaded.sourceKind },
      generatedAt: o.generatedAt,
      ...(loaded.files ? { sources: loaded.files } : {}),
      ...(o.effort ? { effort: o.effort } : {}),
      ...(o.scope ? { scope: o.scope } : {}),
    });
    progress?.(`Assessed ${target === 'postgres' ? 'PostgreSQL' : 'MySQL'}: ${assessment.summary.objects.total} object(s), ${assessment.summary.estimatedHours} h in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    return { target, result, assessment };
  });
  return { perTarget, combined: combineAssessments(perTarget.map((p) => p.assessment)) };
}

export interface WrittenReport {
  files: string[];
  /** HTML files to turn into PDF (each next to its .pdf). */
  htmlFiles: string[];
  /** The report a person opens first. */
  main: string;
}

/**
 * One target: DIR/assessment.{html,json}, DIR/action-items.csv, DIR/action-items-summary.csv,
 * DIR/summary.csv. Several: the same per target with a -<target> suffix, and DIR/assessment.{html,json}
 * comparing them. `clean` removes secrets from every text written.
 */
export async function writeReportFiles(dir: string, assessments: Assessment[], formats: ReportFormat[], clean: (s: string) => string = scrubUrls): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const htmlFiles: string[] = [];
  const write = async (name: string, text: string): Promise<string> => {
    const f = join(dir, name);
    await writeFile(f, clean(text));
    files.push(f);
    return f;
  };
  const many = assessments.length > 1;
  const reports: Partial<Record<TargetDialect, string>> = {};
  for (const a of assessments) {
    const sfx = many ? `-${a.target}` : '';
    if (formats.includes('html') || formats.includes('pdf')) {
      reports[a.target] = `assessment${sfx}.html`;
      htmlFiles.push(await write(`assessment${sfx}.html`, renderAssessmentHtml(a)));
    }
    if (formats.includes('json')) await write(`assessment${sfx}.json`, renderAssessmentJson(a));
    if (formats.includes('csv')) {
      const csv = renderCsvFiles(a);
      await write(`action-items${sfx}.csv`, csv.actionItems);
      await write(`action-items-summary${sfx}.csv`, csv.actionItemsSummary);
      await write(`summary${sfx}.csv`, csv.summary);
    }
  }
  if (many) {
    const combined = combineAssessments(assessments, reports);
    if (formats.includes('html') || formats.includes('pdf')) htmlFiles.unshift(await write('assessment.html', renderCombinedHtml(combined)));
    if (formats.includes('json')) await write('assessment.json', renderAssessmentJson(combined));
  }
  return { files, htmlFiles, main: join(dir, formats.includes('html') || formats.includes('pdf') ? 'assessment.html' : formats.includes('json') ? 'assessment.json' : 'summary.csv') };
}
