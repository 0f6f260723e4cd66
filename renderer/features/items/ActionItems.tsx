// The action items of the open object: sort or group by severity, code or object; clicking one
// (or F8 / Shift+F8) makes it current.
import { useMemo, useState } from 'react';
import type { ActionItem } from '../../../converters/contract/index.js';

const SEV: Record<ActionItem['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
type By = 'severity' | 'code' | 'object' | 'line';

export function orderItems(items: ActionItem[], by: By): ActionItem[] {
  const objName = (i: ActionItem): string => (i.object ? `${i.object.schema ?? ''}.${i.object.name}` : '');
  const cmp: Record<By, (a: ActionItem, b: ActionItem) => number> = {
    severity: (a, b) => SEV[a.severity] - SEV[b.severity] || a.span.line - b.span.line,
    code: (a, b) => a.code.localeCompare(b.code) || a.span.line - b.span.line,
    object: (a, b) => objName(a).localeCompare(objName(b)) || a.span.line - b.span.line,
    line: (a, b) => a.span.line - b.span.line || a.span.column - b.span.column,
  };
  return [...items].sort(cmp[by]);
}

export function ActionItems(props: {
  items: ActionItem[]; current: number | null; onPick: (id: number) => void; by: By; onBy: (b: By) => void;
  onDecide: (item: ActionItem, d: NonNullable<ActionItem['decision']>) => void;
}) {
  const [grouped, setGrouped] = useState(false);
  const ordered = useMemo(() => orderItems(props.items, props.by), [props.items, props.by]);
  const groupOf = (i: ActionItem): string => props.by === 'severity' ? i.severity : props.by === 'code' ? i.code : props.by === 'object' ? (i.object ? `${i.object.type} ${i.object.name}` : '(no object)') : '';
  let lastGroup = '';
  return (
    <section className="items" aria-labelledby="items-title">
      <div className="items-head">
        <h3 id="items-title">Action items ({props.items.length})</h3>
        <label className="inline">Sort by{' '}
          <select value={props.by} onChange={(e) => props.onBy(e.target.value as By)} aria-label="Sort action items by">
            <option value="line">line</option><option value="severity">severity</option><option value="code">code</option><option value="object">object</option>
          </select>
        </label>
        <label className="inline"><input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} /> Group</label>
        <span className="muted">F8 next · Shift+F8 previous</span>
      </div>
      {props.items.length === 0 ? <p className="muted pad">No action items for this object.</p> : (
        <ul className="item-list" aria-label="Action items">
          {ordered.map((i) => {
            const g = grouped && props.by !== 'line' ? groupOf(i) : '';
            const header = g && g !== lastGroup ? <li className="group-head" aria-hidden="true">{g}</li> : null;
            lastGroup = g || lastGroup;
            return [
              header,
              <li key={i.id}>
                <button type="button" className={`item${props.current === i.id ? ' current' : ''}`} aria-current={props.current === i.id}
                  data-testid="action-item" data-line={i.span.line} onClick={() => props.onPick(i.id)}>
                  <span className={`sev ${i.severity}`}>{i.severity}</span>
                  <code>{i.code}</code>
                  <span className="msg">{i.message}</span>
                  {i.decision ? <span className={`decision ${i.decision}`}>{i.decision === 'accepted' ? 'accepted' : "won't fix"}</span> : null}
                  <span className="where">line {i.span.line}</span>
                </button>
                {props.current === i.id ? <div className="recommendation"><strong>Recommendation:</strong> {i.recommendation} <span className="muted">({i.effort} effort{i.targetLines && !i.targetLines.exact ? '; converted line is a best match' : ''})</span>
                  <label className="inline decide">Decision{' '}
                    <select value={i.decision ?? 'open'} onChange={(e) => props.onDecide(i, e.target.value as NonNullable<ActionItem['decision']>)}>
                      <option value="open">open</option><option value="accepted">accepted (handled)</option><option value="wont-fix">won&apos;t fix</option>
                    </select>
                  </label>
                </div> : null}
              </li>,
            ];
          })}
        </ul>
      )}
    </section>
  );
}
