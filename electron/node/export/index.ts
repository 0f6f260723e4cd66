import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConvertResult } from '../../../converters/index.js';
import type { Assessment } from '../../../converters/assessment/index.js';
import { renderAssessmentJson, typeLabel } from '../../../converters/assessment/index.js';
import { renderApplyScript, renderObjectFile, scrubUrls, type ScriptHeader } from './apply-script.js';
import { assignFileNames, safeSegment } from './file-names.js';

export { renderApplyScript, renderObjectFile, renderObjectBlock, objectMarker, scrubUrls, commentText } from './apply-script.js';
export type { ScriptHeader } from './apply-script.js';
export { safeSegment, assignFileNames, shortHash } from './file-names.js';

export interface WriteOptions extends Partial<ScriptHeader> {
  /** Also write assessment.html next to assessment.json. */
  html?: string;
}

export interface WrittenFiles {
  applySql: string;
  assessmentJson: string;
  objectFiles: string[];
  assessmentHtml?: string;
}

const NO_SCHEMA = '_no_schema';

/**
 * Writes DIR/apply.sql, DIR/objects/<schema>/<type>/<name>.sql and DIR/assessment.json. Every
 * path segment that comes from an object name goes through safeSegment, so nothing is written
 * outside DIR whatever the names are.
 */
export async function writeConversion(dir: string, result: ConvertResult, assessment: Assessment, options: WriteOptions = {}): Promise<WrittenFiles> {
  const header: ScriptHeader = {
    sourceLabel: options.sourceLabel ?? `${assessment.source} (${assessment.inputs.length} input file(s))`,
    generatedAt: options.generatedAt ?? assessment.generatedAt ?? new Date().toISOString(),
    ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
  };
  await mkdir(dir, { recursive: true });
  const applySql = join(dir, 'apply.sql');
  await writeFile(applySql, renderApplyScript(result, header));

  // Group objects by folder, then name files per folder so case-only differences stay distinct.
  const folders = new Map<string, typeof result.objects>();
  for (const o of result.objects) {
    const folder = join(safeSegment(o.ref.schema ?? NO_SCHEMA), safeSegment(typeLabel(o.ref.type)));
    folders.set(folder, [...(folders.get(folder) ?? []), o]);
  }
  const objectFiles: string[] = [];
  for (const [folder, objs] of folders) {
    const names = assignFileNames([...new Set(objs.map((o) => o.ref.name))]);
    const full = join(dir, 'objects', folder);
    await mkdir(full, { recursive: true });
    // Several objects may share a name in one folder (PostgreSQL triggers are named per table):
    // the second and later get name~2.sql, name~3.sql … in script order.
    const seen = new Map<string, number>();
    for (const o of objs) {
      const base = names.get(o.ref.name)!;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const f = join(full, n === 1 ? base : base.replace(/\.sql$/, `~${n}.sql`));
      await writeFile(f, renderObjectFile(o, result.target, header));
      objectFiles.push(f);
    }
  }
  const assessmentJson = join(dir, 'assessment.json');
  await writeFile(assessmentJson, scrubUrls(renderAssessmentJson(assessment)));
  const written: WrittenFiles = { applySql, assessmentJson, objectFiles };
  if (options.html !== undefined) {
    written.assessmentHtml = join(dir, 'assessment.html');
    await writeFile(written.assessmentHtml, options.html);
  }
  return written;
}
