// The report from the workbench as a self-contained HTML file, and as PDF: Electron's printToPDF in
// the desktop app (host.printPdf), headless Chromium through playwright-core in web mode.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedParams, Result } from '../../../converters/contract/index.js';
import { ContractError } from '../../../converters/contract/index.js';
import { renderAssessmentHtml } from '../../../converters/assessment/index.js';
import { htmlFilesToPdf } from '../report/pdf.js';
import type { Host } from './host.js';
import { scopedAssessment } from './scope.js';
import type { OpenProject } from './session.js';

export async function exportReport(p: OpenProject, host: Host, q: ParsedParams<'report.export'>): Promise<Result<'report.export'>> {
  const state = p.targets.get(q.target);
  if (!state) throw new ContractError('FAILED', `nothing converted to ${q.target} yet`, 'run Convert first');
  const a = scopedAssessment(p, state, q.scope);
  const dir = join(p.folder, 'export', 'report', q.target);
  await mkdir(dir, { recursive: true });
  const html = join(dir, 'assessment.html');
  await writeFile(html, renderAssessmentHtml(a));
  if (q.format === 'html') return { files: [html] };
  const pdf = join(dir, 'assessment.pdf');
  if (host.printPdf) {
    await host.printPdf(html, pdf);
    return { files: [html, pdf] };
  }
  const r = await htmlFilesToPdf([html]);
  if ('unavailable' in r) return { files: [html], note: r.unavailable };
  return { files: [html, ...r.pdfs] };
}
