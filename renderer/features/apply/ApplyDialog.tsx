// Apply to database: preview of the statements, then progress, per-statement results, cancel.
import { memo, useEffect, useMemo, useState } from 'react';
import type { ConnectionSpec, ProjectInfo, Result, StatementRecordShape } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { TaskProgress, useTask } from '../../components/TaskProgress.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';
import { effectiveTarget } from '../workbench/target-state.js';

export function ApplyDialog(props: { api: Api; project: ProjectInfo; target: 'postgres' | 'mysql'; onClose: () => void; onState: (s: string) => void }) {
  const { api, target } = props;
  const connection: ConnectionSpec = effectiveTarget(props.project.connections.target, target);
  const [preview, setPreview] = useState<Result<'apply.preview'> | null>(null);
  const [password, setPassword] = useState('');
  const job = useTask(api);
  const running = job.task !== null;
  const [records, setRecords] = useState<StatementRecordShape[]>([]);
  const [result, setResult] = useState<Result<'apply.run'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const where = connection.engine === 'pglite' ? `embedded PGlite (${connection.path ?? 'in memory'})` : `${connection.engine}://${connection.user ?? ''}@${connection.host ?? ''}:${connection.port ?? ''}/${connection.database ?? ''}`;

  useEffect(() => {
    api.call('apply.preview', { target, connection }).then(setPreview, (e: unknown) => setError(errorText(e)));
  }, [api, target]);
  // Per-statement results come with the run's result (the apply.statement events repeat them).

  const apply = async (): Promise<void> => {
    setRecords([]);
    setResult(null);
    setError(null);
    try {
      const r = await job.run('apply', (taskId) => api.call('apply.run', { target, connection, taskId, ...(password ? { password } : {}) }));
      setResult(r);
      setRecords(r.statements);
      props.onState(`${r.ok ? 'applied' : r.cancelled ? 'apply cancelled' : 'apply failed'}${r.serverVersion ? ` (${r.serverVersion})` : ''}`);
    } catch (e) { setError(errorText(e)); }
  };
  const applied = records.filter((r) => r.status === 'applied').length;

  return (
    <Dialog title={`Apply to ${where}`} onClose={props.onClose} wide testId="apply-dialog">
      {preview ? <p>{preview.statements.length} statements will run{connection.engine === 'mysql' ? ' one by one (MySQL cannot roll back DDL)' : ' in one transaction: all or nothing'}.</p> : <p role="status">Preparing the preview…</p>}
      {preview?.warnings.map((w) => <div key={w} className="error" role="alert">{w}</div>)}
      {connection.engine !== 'pglite' ? (
        <Field label="Password" hint="used for this run only unless remembered by the session">{(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
      ) : null}
      <TaskProgress handle={job} label="Applying" />
      {result ? (
        <div className={result.ok ? 'success' : result.cancelled ? 'notice' : 'error'} role={result.ok || result.cancelled ? 'status' : 'alert'} data-testid="apply-result">
          {result.ok ? `Success: ${applied} statements applied in ${result.ms} ms (${result.mode}).`
            : result.cancelled ? `Cancelled before statement ${(result.failure?.index ?? 0) + 1} of ${result.statements.length}: ${
              result.mode === 'transaction' ? 'nothing was kept (the transaction was rolled back).' : `${applied} statement(s) applied and kept; run the undo script to revert them.`}`
            : result.failure ? `Failed at statement ${result.failure.index + 1}${result.failure.object ? ` (${result.failure.object})` : ''}, line ${result.failure.line}: ${result.failure.message}` : 'Failed.'}
          {result.notes.map((n) => <div key={n} className="muted">{n}</div>)}
          {result.undoScript ? (
            <details>
              <summary>Undo script{result.undoFile ? ` (saved as ${result.undoFile})` : ''}</summary>
              <pre className="undo" tabIndex={0} aria-label="Undo script">{result.undoScript}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      <ErrorLine error={error} />
      <StatementsTable statements={preview?.statements ?? []} records={records} />
      <div className="buttons">
        <button type="button" onClick={props.onClose} disabled={running}>Close</button>
        <button type="button" className="primary" onClick={() => void apply()} disabled={!preview || running || preview.warnings.length > 0 || !!result?.ok}>Apply</button>
      </div>
    </Dialog>
  );
}

type PreviewStatement = Result<'apply.preview'>['statements'][number];

// Memoized: progress events re-render the dialog many times a second; a 4,000-row table must not follow.
const StatementsTable = memo(function StatementsTable(props: { statements: PreviewStatement[]; records: StatementRecordShape[] }) {
  const byIndex = useMemo(() => new Map(props.records.map((r) => [r.index, r])), [props.records]);
  return (
    <div className="statements" tabIndex={0} aria-label="Statements">
      <table>
        <thead><tr><th scope="col">#</th><th scope="col">Object</th><th scope="col">Statement</th><th scope="col">Result</th></tr></thead>
        <tbody>
          {props.statements.map((s) => {
            const rec = byIndex.get(s.index);
            return (
              <tr key={s.index} className={rec?.status ?? ''}>
                <td>{s.index + 1}</td><td>{s.object ?? ''}</td><td><code>{s.summary}</code></td>
                <td>{rec ? `${rec.status}${rec.error ? `: ${rec.error}` : ''}` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
