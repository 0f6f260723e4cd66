// Script variables (SQL*Plus &NAME, SQLCMD $(NAME)): a project setting. Password-like names are kept
// by name only; their values go to the keychain (desktop) or this session's memory (web mode).
import { useState } from 'react';
import type { ProjectInfo } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine } from '../../components/Dialog.js';

/** Same rule as the back end (electron/node/handlers/variables.ts): these values are never written to the project. */
export const looksSecret = (name: string): boolean => /pass|pwd|secret|token|credential|private.?key|api.?key/i.test(name);

interface Row { name: string; value: string; secretSet?: boolean }

export function VariablesDialog(props: { api: Api; project: ProjectInfo; onClose: () => void; onSaved: (p: ProjectInfo) => void }) {
  const p = props.project;
  const [rows, setRows] = useState<Row[]>(() => [
    ...Object.entries(p.variables ?? {}).map(([name, value]) => ({ name, value })),
    ...(p.secretVariables ?? []).map((s) => ({ name: s.name, value: '', secretSet: s.set })),
    ...(p.variables || p.secretVariables ? [] : [{ name: '', value: '' }]),
  ]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, r: Partial<Row>): void => setRows(rows.map((x, k) => (k === i ? { ...x, ...r } : x)));

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const variables = Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));
      props.onSaved(await props.api.call('project.setVariables', { variables }));
    } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };

  return (
    <Dialog title="Script variables" onClose={props.onClose} testId="variables-dialog">
      <p className="muted">Values for SQL*Plus <code>&amp;NAME</code> and SQLCMD <code>$(NAME)</code> in the source scripts. Saving parses the source again.
        Names that look like passwords are stored without their value.</p>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <table className="vars">
          <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            {rows.map((r, i) => {
              const secret = looksSecret(r.name);
              return (
                <tr key={i} data-testid="variable-row">
                  <td><input aria-label={`Variable ${i + 1} name`} value={r.name} onChange={(e) => set(i, { name: e.target.value })} /></td>
                  <td>
                    <input aria-label={`Variable ${i + 1} value`} type={secret ? 'password' : 'text'} value={r.value} autoComplete="off"
                      placeholder={secret ? (r.secretSet ? 'known for this session (leave empty to keep)' : 'not stored in the project') : ''}
                      onChange={(e) => set(i, { value: e.target.value })} />
                  </td>
                  <td><button type="button" aria-label={`Remove variable ${r.name || i + 1}`} onClick={() => setRows(rows.filter((_, k) => k !== i))}>Remove</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={() => setRows([...rows, { name: '', value: '' }])}>Add variable</button>
        <ErrorLine error={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Save variables</button>
        </div>
      </form>
    </Dialog>
  );
}
