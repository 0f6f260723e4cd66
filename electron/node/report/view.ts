// The assessment as the workbench's report view shows it (contract: assessment.summary → report).
import type { ConvertedObject } from '../../../converters/index.js';
import { refKey } from '../../../converters/index.js';
import { typeLabel, type Assessment } from '../../../converters/assessment/index.js';
import type { Result } from '../../../converters/contract/index.js';

type ReportView = NonNullable<Result<'assessment.summary'>['report']>;

/** Occurrences per code are capped so a huge schema does not flood the view (the files have them all). */
const MAX_OCCURRENCES = 500;

export function reportView(a: Assessment, objects: ConvertedObject[]): ReportView {
  // Report refs use type labels ('table'); object.get takes the source key of the converted object.
  const keys = new Map<string, string>();
  for (const o of objects) keys.set(refKey({ ...o.source, type: typeLabel(o.source.type) }), refKey(o.source));
  return {
    executiveSummary: a.executiveSummary,
    storagePct: a.summary.storageObjectsConvertedPct,
    codePct: a.summary.codeObjectsConvertedPct,
    migrationLevel: a.effort.migrationLevel,
    complexity: a.effort.complexity,
    effortModel: a.effort.model,
    byObjectType: a.byObjectType.map(({ category: _c, ...r }) => r),
    codes: a.codes.map((g) => ({
      code: g.code, title: g.title, severity: g.severity, effort: g.effort, hours: g.hours, recommendation: g.recommendation,
      ...(g.docUrl ? { docUrl: g.docUrl } : {}),
      occurrences: g.occurrences.slice(0, MAX_OCCURRENCES).map((i) => {
        const it = a.actionItems[i]!;
        const key = it.object ? keys.get(refKey(it.object)) : undefined;
        return {
          file: it.file, line: it.line, column: it.column, message: it.message,
          object: it.object ? `${it.object.type} ${it.object.schema ? `${it.object.schema}.` : ''}${it.object.name}` : '',
          ...(key ? { objectKey: key } : {}),
          ...(it.excerpt !== undefined ? { excerpt: it.excerpt } : {}),
        };
      }),
    })),
  };
}
