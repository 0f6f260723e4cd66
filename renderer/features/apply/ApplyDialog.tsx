// Apply to database: preview of the statements, then progress, per-statement results, cancel.
import { useEffect, useState } from 'react';
import type { ConnectionSpec, ProjectInfo, Result, StatementRecordShape } from '../../../converters/contract/index.js';
import { errorText, newTaskId, type Api } from '../../api/client.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';

export function ApplyDialog(props: { api: Api; project: ProjectInfo; target: 'postgres' | 'mysql'; onClose: () => void; onState: (s: string) => void }) {
  const { api, target } = props;
  const connection: ConnectionSpec = props.project.connections.target ?? (target === 'postgres' ? { engine: 'pglite', path: '.pglite/target' } : { engine: 'mysql', host: '127.0.0.1' });
  const [preview, setPreview] = useState<Result<'apply.preview'> | null>(null);
  const [password, setPassword] = useState('');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; message: string } | null>(null);
  const [records, setRecords] = useState<StatementRecordShape[]>([]);
  const [result, setResult] = useState<Result<'apply.run'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const where = connection.engine === 'pglite' ? `embedded PGlite (${connection.path ?? 'in memory'})` : `${connection.engine}://${connection.user ?? ''}@${connection.host ?? ''}:${connection.port ?? ''}/${connection.database ?? ''}`;

  useEffect(() => {
    api.call('apply.preview', { target, connection }).then(setPreview, (e: unknown) => setError(errorText(e)));
  }, [api, target]);
  useEffect(() => {
    if (!taskId) return;
    const a = api.on('task.progress', (p) => { if (p.taskId === taskId) setProgress(p); });
    const b = api.on('apply.statement', (p) => { if (p.taskId === taskId) setRecords((r) => [...r, p.record]); });
    return () => { a(); b(); };
  }, [api, taskId]);

  const apply = async (): Promise<void> => {
    const id = newTaskId('apply');
    setTaskId(id);
    setRecords([]);
    setResult(null);
    setError(null);
    try {
      const r = await api.call('apply.run', { target, connection, taskId: id, ...(password ? { password } : {}) });
      setResult(r);
      setRecords(r.statements);
      props.onState(`${r.target}${r.serverVersion ? ` (${r.serverVersion})` : ''}: ${r.ok ? 'applied' : r.cancelled ? 'cancelled' : 'failed'}`);
    } catch (e) { setError(errorText(e)); } finally { setTaskId(null); }
  };
  const running = taskId !== null;
  const applied = records.filter((r) => r.status === 'applied').length;

  return (
    <Dialog title={`Apply to ${where}`} onClose={props.onClose} wide testId="apply-dialog">
      {preview ? <p>{preview.statements.length} statements will run{connection.engine === 'mysql' ? ' one by one (MySQL cannot roll back DDL)' : ' in one transaction: all or nothing'}.</p> : <p role="status">Preparing the preview…</p>}
      {preview?.warnings.map((w) => <div key={w} className="error" role="alert">{w}</div>)}
      {connection.engine !== 'pglite' ? (
        <Field label="Password" hint="used for this run only unless remembered by the session">{(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} />}</Field>
      ) : null}
      {progress && running ? (
        <div className="progress-line">
          <progress value={progress.done} max={progress.total || 1} aria-label="Apply progress" />
          <span>{progress.done} / {progress.total} · {progress.message}</span>
        </div>
      ) : null}
      {result ? (
        <div className={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'} data-testid="apply-result">
          {result.ok ? `Success: ${applied} statements applied in ${result.ms} ms (${result.mode}).`
            : result.failure ? `Failed at statement ${result.failure.index + 1}${result.failure.object ? ` (${result.failure.object})` : ''}, line ${result.failure.line}: ${result.failure.message}` : 'Failed.'}
          {result.notes.map((n) => <div key={n} className="muted">{n}</div>)}
        </div>
      ) : null}
      <ErrorLine error={error} />
      <div className="statements" tabIndex={0} aria-label="Statements">
        <table>
          <thead><tr><th scope="col">#</th><th scope="col">Object</th><th scope="col">Statement</th><th scope="col">Result</th></tr></thead>
          <tbody>
            {(preview?.statements ?? []).map((s) => {
              const rec = records.find((r) => r.index === s.index);
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
      <div className="buttons">
        {running ? <button type="button" onClick={() => void api.call('task.cancel', { taskId: taskId! })}>Cancel</button> : null}
        <button type="button" onClick={props.onClose} disabled={running}>Close</button>
        <button type="button" className="primary" onClick={() => void apply()} disabled={!preview || running || preview.warnings.length > 0 || !!result?.ok}>Apply</button>
      </div>
    </Dialog>
  );
}
