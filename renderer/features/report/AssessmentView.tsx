// Assessment summary with bar charts (SVG, no chart library): objects by status and category,
// action items by severity, most frequent codes.
import { useEffect, useState } from 'react';
import type { Result } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

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

export function AssessmentView(props: { api: Api; target: 'postgres' | 'mysql'; version: number }) {
  const [a, setA] = useState<Result<'assessment.summary'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { props.api.call('assessment.summary', { target: props.target }).then(setA, (e: unknown) => setError(errorText(e))); }, [props.api, props.target, props.version]);
  if (error) return <div className="error pad" role="alert">{error}</div>;
  if (!a) return <div className="pad" role="status">Loading…</div>;
  return (
    <section className="assessment pad" aria-labelledby="assess-title" data-testid="assessment">
      <h2 id="assess-title">Assessment: {a.objects.total} objects → {a.target === 'postgres' ? 'PostgreSQL' : 'MySQL'}</h2>
      <p>{a.actionItems} action items, about {a.estimatedHours} hours of work.</p>
      <div className="charts">
        <Bars title="Objects by status" rows={[
          { label: 'converted', value: a.objects.converted, cls: 'converted' },
          { label: 'with action items', value: a.objects.withActions, cls: 'converted-with-actions' },
          { label: 'not converted', value: a.objects.notConverted, cls: 'not-converted' },
        ]} />
        <Bars title="Action items by severity" rows={SEVERITIES.map((s) => ({ label: s, value: a.bySeverity[s] ?? 0, cls: s }))} />
        <Bars title="Objects by category" rows={a.byCategory.map((c) => ({ label: c.category, value: c.total }))} />
      </div>
      <table>
        <caption>Most frequent action items</caption>
        <thead><tr><th scope="col">Code</th><th scope="col">Severity</th><th scope="col">Count</th><th scope="col">Example</th></tr></thead>
        <tbody>{a.topCodes.map((c) => <tr key={c.code}><td><code>{c.code}</code></td><td>{c.severity}</td><td>{c.count}</td><td>{c.example}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
