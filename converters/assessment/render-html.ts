import type { Severity } from '../model/index.js';
import type { ActionItem, Assessment, CombinedAssessment } from './model.js';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const DIALECT_NAMES: Record<string, string> = {
  mysql: 'MySQL / MariaDB', postgres: 'PostgreSQL', oracle: 'Oracle', sqlserver: 'SQL Server',
};

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:0;padding:24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.meta{color:#57606a;margin:0 0 16px}
.tiles{display:flex;flex-wrap:wrap;gap:10px}.tile{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}
.tile b{display:block;font-size:22px}.tile span{color:#57606a;font-size:12px}
.bar{display:flex;height:16px;border-radius:4px;overflow:hidden;background:#eaeef2;border:1px solid #d0d7de;width:100%;max-width:520px}
.bar i{display:block;height:100%}.ok{background:#2da44e}.act{background:#d4a72c}.no{background:#cf222e}
.rate{display:grid;grid-template-columns:90px minmax(120px,420px) 1fr;gap:12px;align-items:center;margin:6px 0}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.loc,td.code{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.sev{font-weight:600;text-transform:uppercase;font-size:11px;padding:1px 5px;border-radius:3px;color:#fff}
.sev-critical{background:#82071e}.sev-high{background:#cf222e}.sev-medium{background:#bc4c00}.sev-low{background:#4d2d00}.sev-info{background:#57606a}
.st-converted{color:#116329}.st-converted-with-actions{color:#7d4e00}.st-not-converted{color:#a40e26;font-weight:600}
.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}.rec{color:#424a53}
@media print{body{padding:0;font-size:11px}.tile{break-inside:avoid}tr{break-inside:avoid}h2{break-after:avoid}
.bar i,.sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

function tile(value: string | number, label: string): string {
  return `<div class="tile"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function rateRow(label: string, c: { total: number; converted: number; withActions: number; notConverted: number; convertedPct: number }): string {
  const w = (n: number): string => (c.total === 0 ? '0' : ((n / c.total) * 100).toFixed(1));
  return `<div class="rate"><div>${escapeHtml(label)}</div>`
    + `<div class="bar" role="img" aria-label="${escapeHtml(`${label}: ${c.convertedPct}% converted`)}">`
    + `<i class="ok" style="width:${w(c.converted)}%"></i><i class="act" style="width:${w(c.withActions)}%"></i><i class="no" style="width:${w(c.notConverted)}%"></i></div>`
    + (c.total === 0 ? '<div>no objects</div></div>'
      : `<div>${c.convertedPct}% of ${c.total} (${c.converted} exact, ${c.withActions} with actions, ${c.notConverted} not converted)</div></div>`);
}

function objectText(it: ActionItem): string {
  if (!it.object) return '';
  return `${it.object.type} ${it.object.schema ? `${it.object.schema}.` : ''}${it.object.name}`;
}

function location(file: string, line: number, column?: number): string {
  if (!file && !line) return '';
  return `${file}${line ? `:${line}` : ''}${column ? `:${column}` : ''}`;
}

function actionTables(items: ActionItem[]): string {
  if (items.length === 0) return '<p>No action items.</p>';
  const parts: string[] = [];
  for (const sev of SEVERITIES) {
    const group = items.filter((i) => i.severity === sev);
    if (group.length === 0) continue;
    parts.push(`<h3><span class="sev sev-${sev}">${sev}</span> ${group.length} item${group.length === 1 ? '' : 's'}</h3>`);
    parts.push('<table><thead><tr><th>Code</th><th>Location</th><th>Object</th><th>Effort</th><th>Finding and recommendation</th></tr></thead><tbody>');
    for (const it of group) {
      parts.push(`<tr><td class="code">${escapeHtml(it.code)}</td><td class="loc">${escapeHtml(location(it.file, it.line, it.column))}</td>`
        + `<td>${escapeHtml(objectText(it))}</td><td>${escapeHtml(it.effort)}</td>`
        + `<td>${escapeHtml(it.message)}${it.recommendation ? `<div class="rec">${escapeHtml(it.recommendation)}</div>` : ''}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  return parts.join('\n');
}

export function renderAssessmentHtml(a: Assessment): string {
  const s = a.summary;
  const title = `dbshift assessment: ${DIALECT_NAMES[a.source] ?? a.source} → ${DIALECT_NAMES[a.target] ?? a.target}`;
  const inputs = a.inputs.map((f) => `<li>${escapeHtml(f.path)}${f.encoding ? ` <span class="rec">(${escapeHtml(f.encoding)})</span>` : ''}</li>`).join('');
  const options = Object.entries(a.options).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(Array.isArray(v) ? v.join(',') : v)}`).join(', ');
  const codes = a.countsByCode.map((c) => `<tr><td class="code">${escapeHtml(c.code)}</td><td><span class="sev sev-${escapeHtml(c.severity)}">${escapeHtml(c.severity)}</span></td>`
    + `<td>${escapeHtml(c.effort)}</td><td>${c.count}</td><td>${escapeHtml(c.example)}</td></tr>`).join('\n');
  const objects = a.objects.map((o) => `<tr><td>${escapeHtml(o.type)}</td><td>${escapeHtml(o.schema ?? '')}</td><td>${escapeHtml(o.name)}</td>`
    + `<td class="st-${escapeHtml(o.status)}">${escapeHtml(o.status)}</td><td>${o.actionItems}</td><td class="loc">${escapeHtml(location(o.file, o.line))}</td></tr>`).join('\n');
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${a.generatedAt ? `Generated ${escapeHtml(a.generatedAt)}. ` : ''}${options ? `Options: ${options}.` : ''}</p>
<h2>Summary</h2>
<div class="tiles">
${tile(s.objects.total, 'target objects')}
${tile(`${s.storageObjectsConvertedPct}%`, 'storage objects converted')}
${tile(`${s.codeObjectsConvertedPct}%`, 'code objects converted')}
${tile(s.actionItems, 'action items (excluding info)')}
${tile(`${s.estimatedHours} h`, 'estimated manual effort')}
${SEVERITIES.map((sev) => tile(a.countsBySeverity[sev], `${sev}`)).join('\n')}
</div>
<h2>Conversion rate</h2>
<p class="legend"><i class="ok"></i>converted exactly<i class="act"></i>converted, needs review<i class="no"></i>not converted</p>
${rateRow('Storage', a.byCategory.storage)}
${rateRow('Code', a.byCategory.code)}
${rateRow('Data', a.byCategory.data)}
<p class="rec">"Converted" means target SQL was generated; objects with action items still need the review each item describes. Estimated effort counts each finding code once per object (simple 1 h, medium 4 h, significant 8 h).</p>
<h2>Action items (${a.actionItems.length})</h2>
${actionTables(a.actionItems)}
<h2>Findings by code</h2>
${a.countsByCode.length ? `<table><thead><tr><th>Code</th><th>Severity</th><th>Effort</th><th>Count</th><th>Example</th></tr></thead><tbody>\n${codes}\n</tbody></table>` : '<p>None.</p>'}
<h2>Objects (${a.objects.length})</h2>
<table><thead><tr><th>Type</th><th>Schema</th><th>Name</th><th>Status</th><th>Action items</th><th>Source</th></tr></thead><tbody>
${objects}
</tbody></table>
<h2>Inputs</h2>
<ul>${inputs || '<li>none</li>'}</ul>`;
  return page(title, body);
}

export function renderCombinedHtml(c: CombinedAssessment): string {
  const title = `dbshift assessment: ${DIALECT_NAMES[c.source] ?? c.source} → ${c.targets.map((t) => DIALECT_NAMES[t.target] ?? t.target).join(', ')}`;
  const rows = c.targets.map((t) => `<tr><td>${t.report ? `<a href="${escapeHtml(encodeURI(t.report))}">${escapeHtml(DIALECT_NAMES[t.target] ?? t.target)}</a>` : escapeHtml(t.target)}</td>`
    + `<td>${t.summary.objects.total}</td><td>${t.summary.storageObjectsConvertedPct}%</td><td>${t.summary.codeObjectsConvertedPct}%</td>`
    + `<td>${t.summary.objects.notConverted}</td>${SEVERITIES.map((s) => `<td>${t.countsBySeverity[s]}</td>`).join('')}<td>${t.summary.estimatedHours} h</td></tr>`).join('\n');
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${c.generatedAt ? `Generated ${escapeHtml(c.generatedAt)}. ` : ''}${c.inputs.length} input file(s).</p>
<h2>Targets side by side</h2>
<table><thead><tr><th>Target</th><th>Objects</th><th>Storage converted</th><th>Code converted</th><th>Not converted</th>
${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}<th>Estimated effort</th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return page(title, body);
}
