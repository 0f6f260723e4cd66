// The self-contained HTML report: inline CSS and SVG, no script, nothing fetched (the CSP says so).
// Drill down by anchors: summary → code (#code-…) → occurrence (#occ-n) with its source line → object (#obj-n).
import type { Severity } from '../model/index.js';
import { refKey } from '../model/index.js';
import type { ActionItem, Assessment, CombinedAssessment } from './model.js';
import { DIALECT_NAMES } from './analyse.js';
import { COLORS, legend, ring, stackedBars } from './charts.js';
import { anchor, escapeHtml, num, page } from './html-util.js';
import { scopeText } from './scope.js';

export { escapeHtml } from './html-util.js';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const SEV_COLOR: Record<Severity, string> = { critical: COLORS.critical, high: COLORS.high, medium: COLORS.mediumSev, low: COLORS.low, info: COLORS.info };
const dialect = (d: string): string => DIALECT_NAMES[d] ?? d;

function tile(value: string, label: string): string {
  return `<div class="tile"><b>${value}</b><span class="l">${escapeHtml(label)}</span></div>`;
}

function sev(s: Severity): string {
  return `<span class="sev sev-${s}">${s}</span>`;
}

function objectText(o: { type: string; schema?: string | null; name: string } | null): string {
  if (!o) return '';
  return `${o.type} ${o.schema ? `${o.schema}.` : ''}${o.name}`;
}

function location(file: string, line: number, column?: number): string {
  if (!file && !line) return '';
  return `${file}${line ? `:${line}` : ''}${column ? `:${column}` : ''}`;
}

function docLink(url: string | undefined): string {
  if (!url) return '';
  // Only web links become links; anything else (a javascript: URL, say) is shown as text.
  return /^https?:\/\//i.test(url) ? ` <a class="doc" href="${escapeHtml(url)}" rel="noreferrer">documentation</a>` : ` (documentation: ${escapeHtml(url)})`;
}

const STATUS_SEGMENTS = (r: { converted: number; simple: number; medium: number; significant: number; notConverted: number }) => [
  { value: r.converted, color: COLORS.converted, name: 'converted' },
  { value: r.simple, color: COLORS.simple, name: 'simple actions' },
  { value: r.medium, color: COLORS.medium, name: 'medium actions' },
  { value: r.significant, color: COLORS.significant, name: 'significant actions' },
  { value: r.notConverted, color: COLORS.notConverted, name: 'not converted' },
];

function typeTable(a: Assessment): string {
  const t = { total: 0, converted: 0, simple: 0, medium: 0, significant: 0, notConverted: 0, linesOfCode: 0 };
  const rows = a.byObjectType.map((r) => {
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
    const k = (f: string): string => `type.${r.type}.${f}`;
    return `<tr><td>${escapeHtml(r.type)}</td><td>${r.category}</td><td class="n">${num(k('total'), r.total)}</td><td class="n">${num(k('converted'), r.converted)}</td>`
      + `<td class="n">${num(k('simple'), r.simple)}</td><td class="n">${num(k('medium'), r.medium)}</td><td class="n">${num(k('significant'), r.significant)}</td>`
      + `<td class="n">${num(k('notConverted'), r.notConverted)}</td><td class="n">${num(k('linesOfCode'), r.linesOfCode)}</td></tr>`;
  });
  return `<table><thead><tr><th>Object type</th><th>Category</th><th class="n">Total</th><th class="n">Converted</th><th class="n">Simple actions</th>`
    + `<th class="n">Medium actions</th><th class="n">Significant actions</th><th class="n">Not converted</th><th class="n">Lines</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody>`
    + `<tfoot><tr><td colspan="2">All</td><td class="n">${t.total}</td><td class="n">${t.converted}</td><td class="n">${t.simple}</td><td class="n">${t.medium}</td>`
    + `<td class="n">${t.significant}</td><td class="n">${t.notConverted}</td><td class="n">${t.linesOfCode}</td></tr></tfoot></table>`;
}

function codeSummaryTable(a: Assessment): string {
  if (a.codes.length === 0) return '<p>No action items.</p>';
  const rows = a.codes.map((g) => `<tr><td class="code"><a href="#${anchor('code', g.code)}">${escapeHtml(g.code)}</a></td><td>${sev(g.severity)}</td><td>${escapeHtml(g.effort)}</td>`
    + `<td class="n">${num(`code.${g.code}.occurrences`, g.occurrences.length)}</td><td class="n">${g.objects}</td><td class="n">${g.learningHours}</td>`
    + `<td class="n">${g.perOccurrenceHours}</td><td class="n">${num(`code.${g.code}.hours`, g.hours)}</td><td>${escapeHtml(g.title)}</td></tr>`);
  return `<table><thead><tr><th>Code</th><th>Severity</th><th>Complexity</th><th class="n">Occurrences</th><th class="n">Objects</th><th class="n">Learning h</th>`
    + `<th class="n">Per occurrence h</th><th class="n">Hours</th><th>Finding</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function codeSections(a: Assessment, objectIds: Map<string, number>): string {
  const parts: string[] = [];
  for (const g of a.codes) {
    parts.push(`<section class="code-group big" id="${anchor('code', g.code)}"><h3><code>${escapeHtml(g.code)}</code> ${sev(g.severity)} ${escapeHtml(g.title)}</h3>`);
    parts.push(`<p class="rec"><b>Recommendation:</b> ${escapeHtml(g.recommendation)}${docLink(g.docUrl)}. ${g.occurrences.length} occurrence(s) in ${g.objects} object(s); ${g.hours} h (${g.learningHours} h learning + ${g.perOccurrenceHours} h per occurrence, repeats reduced).${g.emulation ? ` Relies on an emulation: ${escapeHtml(g.emulation)}.` : ''} <a class="back" href="#codes">back to codes</a></p>`);
    parts.push('<table><thead><tr><th>#</th><th>Location</th><th>Object</th><th>Finding and source line</th></tr></thead><tbody>');
    for (const i of g.occurrences) parts.push(occurrenceRow(a.actionItems[i]!, i, objectIds));
    parts.push('</tbody></table></section>');
  }
  return parts.join('\n');
}

function occurrenceRow(it: ActionItem, i: number, objectIds: Map<string, number>): string {
  const objId = it.object ? objectIds.get(refKey(it.object)) : undefined;
  const obj = escapeHtml(objectText(it.object));
  const src = it.excerpt !== undefined ? `<pre class="src"><span class="ln">${it.line}</span>${escapeHtml(it.excerpt)}</pre>` : '';
  return `<tr id="occ-${i}"><td class="n">${i + 1}</td><td class="loc">${escapeHtml(location(it.file, it.line, it.column))}</td>`
    + `<td>${objId !== undefined ? `<a href="#obj-${objId}">${obj}</a>` : obj}</td><td>${escapeHtml(it.message)}${src}</td></tr>`;
}

function objectsTable(a: Assessment): string {
  const rows = a.objects.map((o, i) => `<tr id="obj-${i}"><td>${escapeHtml(o.type)}</td><td>${escapeHtml(o.schema ?? '')}</td><td>${escapeHtml(o.name)}</td>`
    + `<td class="st-${o.status}">${o.status}</td><td>${o.effortClass}</td><td class="n">${o.actionItems}</td><td class="n">${o.linesOfCode}</td>`
    + `<td class="loc">${escapeHtml(location(o.file, o.line))}</td><td>${escapeHtml(o.usesEmulation.join('; '))}</td></tr>`);
  return `<table><thead><tr><th>Type</th><th>Schema</th><th>Name</th><th>Status</th><th>Largest effort</th><th class="n">Action items</th><th class="n">Lines</th><th>Source</th><th>Emulation</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function renderAssessmentHtml(a: Assessment): string {
  const s = a.summary;
  const e = a.effort;
  const title = `dbshift assessment: ${dialect(a.source)} → ${dialect(a.target)}`;
  const objectIds = new Map<string, number>();
  a.objects.forEach((o, i) => { if (!objectIds.has(refKey(o.source))) objectIds.set(refKey(o.source), i); });
  const options = Object.entries(a.options).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(Array.isArray(v) ? v.join(',') : v)}`).join(', ');
  const inputs = a.inputs.map((f) => `<li>${escapeHtml(f.path)}${f.encoding ? ` <span class="rec">(${escapeHtml(f.encoding)})</span>` : ''}</li>`).join('');
  const gaps = a.featuresLacking.length === 0 ? '<p>None found.</p>'
    : `<table><thead><tr><th>Code</th><th>Severity</th><th>Feature</th><th class="n">Occurrences</th><th class="n">Objects</th></tr></thead><tbody>${a.featuresLacking.map((f) =>
      `<tr><td class="code"><a href="#${anchor('code', f.code)}">${escapeHtml(f.code)}</a></td><td>${sev(f.severity)}</td><td>${escapeHtml(f.title)}</td><td class="n">${f.occurrences}</td><td class="n">${f.objects}</td></tr>`).join('')}</tbody></table>`;
  const emus = a.emulations.length === 0 ? '<p>No object depends on an emulation.</p>'
    : `<table><thead><tr><th>Emulation</th><th class="n">Objects</th><th>Objects using it</th></tr></thead><tbody>${a.emulations.map((m) =>
      `<tr><td>${escapeHtml(m.emulation)}</td><td class="n">${num(`emulation.${m.emulation}`, m.objects.length)}</td><td>${m.objects.map((o) => {
        const id = objectIds.get(refKey(o));
        return id !== undefined ? `<a href="#obj-${id}">${escapeHtml(objectText(o))}</a>` : escapeHtml(objectText(o));
      }).join(', ')}</td></tr>`).join('')}</tbody></table>`;
  const typeChart = stackedBars('Objects by type and outcome', a.byObjectType.map((r) => ({ label: r.type, segments: STATUS_SEGMENTS(r) })));
  const sevChart = stackedBars('Action items by severity', SEVERITIES.map((x) => ({ label: x, segments: [{ value: a.countsBySeverity[x], color: SEV_COLOR[x], name: x }] })), { labelWidth: 80, width: 420 });
  const hoursChart = stackedBars('Hours by code (top 15)', a.codes.filter((g) => g.hours > 0).slice(0, 15)
    .map((g) => ({ label: g.code, href: `#${anchor('code', g.code)}`, segments: [{ value: g.hours, color: SEV_COLOR[g.severity], name: 'hours' }] })), { labelWidth: 80, width: 520 });

  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${a.generatedAt ? `Generated ${escapeHtml(a.generatedAt)}. ` : ''}Scope: ${escapeHtml(scopeText(a.scope))}. ${a.inputs.length} input(s).${options ? ` Options: ${options}.` : ''}</p>
<nav class="toc"><a href="#summary">Summary</a><a href="#types">Object types</a><a href="#effort">Effort</a><a href="#gaps">Missing features</a><a href="#emulations">Emulations</a><a href="#codes">Action items</a><a href="#objects">Objects</a><a href="#inputs">Inputs</a></nav>
<h2 id="summary">Executive summary</h2>
<ul class="exec">${a.executiveSummary.map((x) => `<li>${escapeHtml(x)}</li>`).join('\n')}</ul>
<div class="tiles">
${tile(num('summary.objects.total', s.objects.total), 'target objects')}
${tile(`${num('summary.storageObjectsConvertedPct', s.storageObjectsConvertedPct)}%`, 'storage objects converted automatically')}
${tile(`${num('summary.codeObjectsConvertedPct', s.codeObjectsConvertedPct)}%`, 'code objects converted automatically')}
${tile(num('summary.actionItems', s.actionItems), 'action items (excluding info)')}
${tile(`${num('summary.estimatedHours', s.estimatedHours)} h`, 'estimated effort')}
${tile(`${num('effort.migrationLevel', e.migrationLevel)} / ${num('effort.complexity', e.complexity)}`, 'migration level / complexity 1–10')}
${tile(num('summary.linesOfCode', s.linesOfCode), 'lines of code')}
</div>
<div class="charts">
${ring('storage converted', s.storageObjectsConvertedPct)}
${ring('code converted', s.codeObjectsConvertedPct)}
${sevChart}
</div>
<p>${SEVERITIES.map((x) => `${sev(x)} ${num(`severity.${x}`, a.countsBySeverity[x])}`).join(' ')}</p>
<h2 id="types">Objects by type</h2>
${legend(STATUS_SEGMENTS({ converted: 0, simple: 0, medium: 0, significant: 0, notConverted: 0 }))}
${typeChart}
${typeTable(a)}
<p class="rec">"Converted" objects need no change; "simple/medium/significant actions" are converted objects whose largest action item has that effort; "not converted" objects have no target SQL. Storage and code percentages count every object for which target SQL was generated.</p>
<h2 id="effort">Effort: ${num('effort.totalHours', e.totalHours)} h (${e.personDays} person-days)</h2>
<p>Action items ${num('effort.actionHours', e.actionHours)} h + review ${num('effort.reviewHours', e.reviewHours)} h. Migration level ${escapeHtml(e.migrationLevel)}, complexity ${e.complexity} of 10.</p>
<ul class="model">${e.model.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>
${hoursChart}
<h2 id="gaps">Source features ${escapeHtml(dialect(a.target))} lacks (${a.featuresLacking.length})</h2>
${gaps}
<h2 id="emulations">Objects depending on emulations</h2>
${emus}
<h2 id="codes">Action items by code (${num('actionItems.length', a.actionItems.length)})</h2>
${codeSummaryTable(a)}
${codeSections(a, objectIds)}
<section class="big"><h2 id="objects">Objects (${a.objects.length})</h2>
${objectsTable(a)}</section>
<h2 id="inputs">Inputs</h2>
<ul>${inputs || '<li>none</li>'}</ul>`;
  return page(title, body);
}

export function renderCombinedHtml(c: CombinedAssessment): string {
  const title = `dbshift assessment: ${dialect(c.source)} → ${c.targets.map((t) => dialect(t.target)).join(', ')}`;
  const rows = c.targets.map((t) => {
    const k = (f: string): string => `target.${t.target}.${f}`;
    const s = t.summary;
    return `<tr><td>${t.report ? `<a href="${escapeHtml(encodeURI(t.report))}">${escapeHtml(dialect(t.target))}</a>` : escapeHtml(dialect(t.target))}</td>`
      + `<td class="n">${num(k('objects'), s.objects.total)}</td><td class="n">${num(k('storagePct'), s.storageObjectsConvertedPct)}%</td><td class="n">${num(k('codePct'), s.codeObjectsConvertedPct)}%</td>`
      + `<td class="n">${num(k('notConverted'), s.objects.notConverted)}</td>${SEVERITIES.map((x) => `<td class="n">${t.countsBySeverity[x]}</td>`).join('')}`
      + `<td class="n">${t.featuresLacking ?? ''}</td><td class="n">${t.emulations ?? ''}</td><td>${t.migrationLevel ?? ''}</td><td class="n">${t.complexity ?? ''}</td>`
      + `<td class="n">${num(k('hours'), s.estimatedHours)} h</td></tr>`;
  }).join('\n');
  const chart = stackedBars('Estimated hours per target', c.targets.map((t) => ({ label: dialect(t.target), segments: [{ value: t.summary.estimatedHours, color: COLORS.bar, name: 'hours' }] })));
  const reco = c.recommendation
    ? `<div class="reco"><p><b>Recommended target: ${num('recommendation', dialect(c.recommendation.target))}</b></p><ul>${c.recommendation.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></div>`
    : '';
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${c.generatedAt ? `Generated ${escapeHtml(c.generatedAt)}. ` : ''}${c.inputs.length} input(s).</p>
${reco}
<h2>Targets side by side</h2>
<table><thead><tr><th>Target</th><th class="n">Objects</th><th class="n">Storage converted</th><th class="n">Code converted</th><th class="n">Not converted</th>
${SEVERITIES.map((x) => `<th class="n">${x}</th>`).join('')}<th class="n">Features lacking</th><th class="n">Emulations</th><th>Level</th><th class="n">Complexity</th><th class="n">Estimated effort</th></tr></thead><tbody>
${rows}
</tbody></table>
${chart}`;
  return page(title, body);
}
