// The three CSV files of an assessment (RFC 4180: comma, CRLF, double quotes doubled; UTF-8 with a
// byte-order mark so spreadsheet programs read accents right).
import type { Assessment } from './model.js';

/**
 * One field. Text that a spreadsheet would run as a formula (starting with = + - @) gets a leading
 * apostrophe: object names and messages come from the source scripts.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const t = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function csvRows(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function subject(o: { type: string; schema?: string; name: string } | null): string {
  return o ? `${o.type} ${o.schema ? `${o.schema}.` : ''}${o.name}` : '';
}

export function renderCsvFiles(a: Assessment): { actionItems: string; actionItemsSummary: string; summary: string } {
  const actionItems = csvRows(
    ['category', 'file', 'line', 'column', 'code', 'severity', 'subject', 'description', 'recommendation', 'complexity', 'source excerpt', 'documentation'],
    a.actionItems.map((i) => [i.category ?? (i.stage === 'conversion' ? 'script' : i.stage), i.file, i.line, i.column, i.code, i.severity,
      subject(i.object), i.message, i.recommendation, i.effort, i.excerpt, i.docUrl]),
  );
  const actionItemsSummary = csvRows(
    ['code', 'title', 'severity', 'complexity', 'occurrences', 'objects', 'learning effort (h)', 'effort per occurrence (h)', 'total effort (h)', 'documentation'],
    a.codes.map((g) => [g.code, g.title, g.severity, g.effort, g.occurrences.length, g.objects, g.learningHours, g.perOccurrenceHours, g.hours, g.docUrl]),
  );
  const summary = csvRows(
    ['object type', 'category', 'objects', 'converted', 'simple', 'medium', 'complex', 'not converted', 'lines'],
    a.byObjectType.map((r) => [r.type, r.category, r.total, r.converted, r.simple, r.medium, r.significant, r.notConverted, r.linesOfCode]),
  );
  return { actionItems, actionItemsSummary, summary };
}
