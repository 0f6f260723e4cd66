// Conversion options as a project setting (the same table the CLI's --option reads): saving
// converts the converted targets again with them; edits merge as on any reconversion.
import { useState } from 'react';
import type { ProjectInfo } from '../../../converters/contract/index.js';
import { CONVERSION_SETTINGS, type ConversionSettings } from '../../../converters/model/conversion-settings.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine } from '../../components/Dialog.js';

type Name = keyof ConversionSettings;
const NAMES = Object.keys(CONVERSION_SETTINGS) as Name[];

export function ConversionDialog(props: { api: Api; project: ProjectInfo; onClose: () => void; onSaved: (p: ProjectInfo) => void }) {
  const [values, setValues] = useState<Record<string, boolean | string>>(() =>
    Object.fromEntries(NAMES.map((n) => [n, (props.project.conversion as Record<string, boolean | string> | undefined)?.[n] ?? CONVERSION_SETTINGS[n].default])));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      // Only what differs from the defaults is kept in the project.
      const settings = Object.fromEntries(NAMES.filter((n) => values[n] !== CONVERSION_SETTINGS[n].default).map((n) => [n, values[n]]));
      props.onSaved(await props.api.call('project.setConversion', { settings }));
    } catch (e) { setError(errorText(e)); } finally { setBusy(false); }
  };

  return (
    <Dialog title="Conversion options" onClose={props.onClose} testId="conversion-dialog">
      <p className="muted">How types and features are converted. Saving converts the converted targets again (your edits are merged).</p>
      <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
        {NAMES.map((n) => {
          const spec = CONVERSION_SETTINGS[n];
          const id = `conv-${n}`;
          const help = `${spec.applies}: ${spec.help} (default ${String(spec.default)})`;
          return (
            <div key={n} className="field" data-testid="conversion-option">
              {spec.kind === 'boolean'
                ? <label htmlFor={id}><input id={id} type="checkbox" checked={values[n] === true} onChange={(e) => setValues({ ...values, [n]: e.target.checked })} /> {n}</label>
                : <label htmlFor={id}>{n} <select id={id} value={String(values[n])} onChange={(e) => setValues({ ...values, [n]: e.target.value })}>
                    {spec.values.map((v) => <option key={v} value={v}>{v}</option>)}
                  </select></label>}
              <div className="muted small">{help}</div>
            </div>
          );
        })}
        <ErrorLine error={error} />
        <div className="buttons">
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Save options</button>
        </div>
      </form>
    </Dialog>
  );
}
