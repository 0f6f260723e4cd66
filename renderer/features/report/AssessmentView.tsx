// The assessment report in the workbench: summary, charts (SVG, no chart library), objects by
// type, effort with its model, and action items by code that drill down to each occurrence, its
// source line, and the object (opened in the editor).
import { useEffect, useState } from 'react';
import type { Params, Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
type Report = NonNullable<Result<'assessment.summary'>['report']>;
type Code = Report['codes'][number];

function Bars(props: { title: string; rows: { label: string; value: number; cls?: string }[] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const h = 22;
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <svg role="img" aria-label={`${props.title}: ${props.rows.map((r) => `${r.label} ${r.value}`).join(', ')}`} width="100%" height={props.rows.length * h} viewBox={`0 0 400 ${props.rows.length * h}`} preserveAspectRatio="none">
        {props.rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * h})`}>
            <text x="0" y="15" className="chart-label">{r.label}</text>
            <rect x="130" y="3" height="16" width={(r.value / max) * 220} className={`bar ${r.cls ?? ''}`} />
            <text x={136 + (r.value / max) * 220} y="15" className="chart-value">{r.value}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Objects per type, stacked by outcome. */
function TypeBars(props: { rows: Report['byObjectType'] }) {
  const max = Math.max(1, ...props.rows.map((r) => r.total));
  const h = 22;
  const parts = (r: Report['byObjectType'][number]) => [
    { v: r.converted, cls: 'converted', n: 'converted' }, { v: r.simple + r.medium, cls: 'converted-with-actions', n: 'simple or medium actions' },
    { v: r.significant, cls: 'high', n: 'significant actions' }, { v: r.notConverted, cls: 'not-converted', n: 'not converted' },
  ];
  return (
    <figure className="chart">
      <figcaption>Objects by type and outcome</figcaption>
      <svg role="img" aria-label={`Objects by type: ${props.rows.map((r) => `${r.type} ${r.total}, ${parts(r).map((p) => `${p.v} ${p.n}`).join(', ')}`).join('; ')}`} width="100%" height={props.rows.length * h} viewBox={`0 0 400 ${props.rows.length * h}`} preserveAspectRatio="none">
        {props.rows.map((r, i) => {
          let x = 130;
          return (
            <g key={r.type} transform={`translate(0 ${i * h})`}>
              <text x="0" y="15" className="chart-label">{r.type}</text>
              {parts(r).map((p) => {
                const w = (p.v / max) * 220;
                const rect = p.v > 0 ? <rect key={p.n} x={x} y="3" height="16" width={w} className={`bar ${p.cls}`} /> : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y="15" className="chart-value">{r.total}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function CodeGroup(props: { c: Code; open: boolean; onToggle: () => void; onOpenObject?: (key: string) => void }) {
  const { c } = props;
  const id = `occ-${c.code}`;
  return (
    <li className="code-group">
      <button type="button" className="link" aria-expanded={props.open} aria-controls={id} onClick={props.onToggle}>
        <code>{c.code}</code> <span className={`sev ${c.severity}`}>{c.severity}</span> {c.title} — {c.occurrences.length}×, {c.hours} h
      </button>
      {props.open ? (
        <div id={id}>
          <p className="hint">{c.recommendation}{c.docUrl ? <> — documentation: <code>{c.docUrl}</code></> : null}</p>
          <table>
            <caption className="muted">Occurrences of {c.code}</caption>
            <thead><tr><th scope="col">Location</th><th scope="col">Object</th><th scope="col">Finding and source line</th></tr></thead>
            <tbody>
              {c.occurrences.map((o, i) => (
                <tr key={i}>
                  <td><code>{o.file}:{o.line}:{o.column}</code></td>
                  <td>{o.objectKey && props.onOpenObject
                    ? <button type="button" className="link" onClick={() => props.onOpenObject!(o.objectKey!)} aria-label={`Open ${o.object}`}>{o.object}</button>
                    : o.object}</td>
                  <td>{o.message}{o.excerpt ? <pre className="src-line"><span className="muted">{o.line} </span>{o.excerpt}</pre> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </li>
  );
}

type ScopeParam = NonNullable<Params<'assessment.summary'>['scope']>;

/** 'all', 'object' (the object selected in the tree) or 'schema:NAME'. */
function scopeParam(choice: string, selectedKey: string | null | undefined): ScopeParam {
  if (choice === 'object' && selectedKey) return { kind: 'object', key: selectedKey };
  if (choice.startsWith('schema:')) return { kind: 'schema', schema: choice.slice('schema:'.length) };
  return { kind: 'all' };
}

export function AssessmentView(props: { api: Api; target: 'postgres' | 'mysql'; version: number; onOpenObject?: (key: string) => void; selectedKey?: string | null }) {
  const [a, setA] = useState<Result<'assessment.summary'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [choice, setChoice] = useState('all');
  const [saved, setSaved] = useState<string | null>(null);
  const save = (format: 'html' | 'pdf'): void => {
    setSaved(`Writing the ${format.toUpperCase()} report…`);
    props.api.call('report.export', { target: props.target, format, scope }).then(
      (r) => setSaved(`Saved ${r.files.join(', ')}${r.note ? ` — ${r.note}` : ''}`), (e: unknown) => setSaved(`Saving the report failed: ${errorText(e)}`));
  };
  const scope = scopeParam(choice, props.selectedKey);
  const scopeId = JSON.stringify(scope);
  useEffect(() => {
    setError(null);
    props.api.call('assessment.summary', { target: props.target, scope }).then(setA, (e: unknown) => setError(errorText(e)));
  }, [props.api, props.target, props.version, scopeId]);
  if (error) return <div className="error pad" role="alert">{error}</div>;
  if (!a) return <div className="pad" role="status">Loading…</div>;
  const r = a.report;
  const toggle = (code: string) => setOpen((s) => { const x = new Set(s); if (x.has(code)) x.delete(code); else x.add(code); return x; });
  return (
    <section className="assessment pad" aria-labelledby="assess-title" data-testid="assessment">
      <h2 id="assess-title">Assessment: {a.objects.total} objects → {a.target === 'postgres' ? 'PostgreSQL' : 'MySQL'}</h2>
      <label className="inline">Scope{' '}
        <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Report scope" data-testid="report-scope">
          <option value="all">Whole source</option>
          {(a.schemas ?? []).map((s) => <option key={s} value={`schema:${s}`}>Schema {s}</option>)}
          {props.selectedKey ? <option value="object">Selected object</option> : null}
        </select>
      </label>{' '}
      <span className="muted" data-testid="report-scope-text">Scope: {a.scope ?? 'whole source'}</span>{' '}
      <button type="button" onClick={() => save('html')}>Save as HTML</button>{' '}
      <button type="button" onClick={() => save('pdf')}>Save as PDF</button>
      {saved ? <div role="status" className="muted" data-testid="report-saved">{saved}</div> : null}
      <p>{a.actionItems} action items, about {a.estimatedHours} hours of work.{r ? ` Migration level ${r.migrationLevel}, complexity ${r.complexity} of 10; storage ${r.storagePct}% and code ${r.codePct}% converted automatically.` : ''}</p>
      {r ? <ul className="exec">{r.executiveSummary.map((s, i) => <li key={i}>{s}</li>)}</ul> : null}
      <div className="charts">
        <Bars title="Objects by status" rows={[
          { label: 'converted', value: a.objects.converted, cls: 'converted' },
          { label: 'with action items', value: a.objects.withActions, cls: 'converted-with-actions' },
          { label: 'not converted', value: a.objects.notConverted, cls: 'not-converted' },
        ]} />
        <Bars title="Action items by severity" rows={SEVERITIES.map((s) => ({ label: s, value: a.bySeverity[s] ?? 0, cls: s }))} />
        {r ? <TypeBars rows={r.byObjectType} /> : <Bars title="Objects by category" rows={a.byCategory.map((c) => ({ label: c.category, value: c.total }))} />}
      </div>
      {r ? (
        <>
          <table>
            <caption>Objects by type</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">Total</th><th scope="col">Converted</th><th scope="col">Simple</th><th scope="col">Medium</th><th scope="col">Significant</th><th scope="col">Not converted</th><th scope="col">Lines</th></tr></thead>
            <tbody>{r.byObjectType.map((t) => <tr key={t.type}><td>{t.type}</td><td>{t.total}</td><td>{t.converted}</td><td>{t.simple}</td><td>{t.medium}</td><td>{t.significant}</td><td>{t.notConverted}</td><td>{t.linesOfCode}</td></tr>)}</tbody>
          </table>
          <h3>Effort: {a.estimatedHours} h</h3>
          <ul className="hint">{r.effortModel.map((m, i) => <li key={i}>{m}</li>)}</ul>
          <h3>Action items by code</h3>
          {r.codes.length === 0 ? <p className="muted">No action items.</p> : (
            <ul className="codes" aria-label="Action items by code">
              {r.codes.map((c) => <CodeGroup key={c.code} c={c} open={open.has(c.code)} onToggle={() => toggle(c.code)} {...(props.onOpenObject ? { onOpenObject: props.onOpenObject } : {})} />)}
            </ul>
          )}
        </>
      ) : (
        <table>
          <caption>Most frequent action items</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Severity</th><th scope="col">Count</th><th scope="col">Example</th></tr></thead>
          <tbody>{a.topCodes.map((c) => <tr key={c.code}><td><code>{c.code}</code></td><td>{c.severity}</td><td>{c.count}</td><td>{c.example}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
