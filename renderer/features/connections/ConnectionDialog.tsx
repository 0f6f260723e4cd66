// A connection per engine: host, port, database, user, password, SSL mode, or a pasted URL.
// Test Connection shows the server version or the error. The password stays in this session's
// memory (web mode) or the OS keychain (desktop); the project stores everything else.
import { useState } from 'react';
import type { ConnectionSpec } from '../../../converters/contract/index.js';
import { errorText, type Api } from '../../api/client.js';
import { Dialog, ErrorLine, Field } from '../../components/Dialog.js';

type Engine = ConnectionSpec['engine'];
const DEFAULT_PORT: Record<Engine, number | undefined> = { postgres: 5432, mysql: 3306, pglite: undefined, oracle: 1521, sqlserver: 1433 };
export const ENGINE_NAME: Record<Engine, string> = {
  pglite: 'PGlite (embedded PostgreSQL)', postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB', oracle: 'Oracle', sqlserver: 'SQL Server',
};
const URL_EXAMPLE: Record<Engine, string> = {
  pglite: 'pglite:/path/to/data', postgres: 'postgres://user@host:5432/db', mysql: 'mysql://user@host:3306/db',
  oracle: 'oracle://user@host:1521/SERVICE (or ?sid=SID)', sqlserver: 'sqlserver://user@host:1433/db?trustServerCertificate=true',
};

export interface ConnectionChoice { connection: ConnectionSpec; password?: string }

export function ConnectionDialog(props: {
  api: Api; role: 'source' | 'target'; title: string; engines: Engine[]; initial?: ConnectionSpec;
  onClose: () => void; onDone: (c: ConnectionChoice) => void; doneLabel: string;
}) {
  const init = props.initial;
  const [engine, setEngine] = useState<Engine>(init?.engine ?? props.engines[0]!);
  const [host, setHost] = useState(init?.host ?? '127.0.0.1');
  const [port, setPort] = useState(String(init?.port ?? DEFAULT_PORT[init?.engine ?? props.engines[0]!] ?? ''));
  const [database, setDatabase] = useState(init?.database ?? '');
  const [user, setUser] = useState(init?.user ?? '');
  const [password, setPassword] = useState('');
  const [sslMode, setSslMode] = useState<NonNullable<ConnectionSpec['sslMode']>>(init?.sslMode ?? 'prefer');
  const [path, setPath] = useState(init?.path ?? '.pglite/target');
  // Oracle: service name (kept in `database`) or SID; SQL Server: named instance, TLS.
  const [bySid, setBySid] = useState(!!init?.sid);
  const [sid, setSid] = useState(init?.sid ?? '');
  const [instance, setInstance] = useState(init?.instance ?? '');
  const [encrypt, setEncrypt] = useState(init?.encrypt ?? true);
  const [trustCert, setTrustCert] = useState(init?.trustServerCertificate ?? false);
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const spec = (): ConnectionSpec => {
    if (engine === 'pglite') return { engine, ...(path.trim() ? { path: path.trim() } : {}) };
    const db = engine === 'oracle' && bySid ? '' : database.trim();
    return {
      engine, host: host.trim(), ...(port.trim() ? { port: Number(port) } : {}), ...(db ? { database: db } : {}),
      ...(user.trim() ? { user: user.trim() } : {}),
      ...(engine === 'oracle' ? (bySid && sid.trim() ? { sid: sid.trim() } : {})
        : engine === 'sqlserver' ? { ...(instance.trim() ? { instance: instance.trim() } : {}), encrypt, trustServerCertificate: trustCert }
          : { sslMode }),
    };
  };
  const choice = (): ConnectionChoice => ({ connection: spec(), ...(password ? { password } : {}) });

  const test = async (): Promise<void> => {
    setBusy(true);
    setStatus(null);
    try {
      const r = await props.api.call('connection.test', { ...choice(), role: props.role });
      setStatus({ ok: true, text: `Connected: ${r.engine} ${r.serverVersion}` });
    } catch (e) { setStatus({ ok: false, text: errorText(e) }); } finally { setBusy(false); }
  };
  const parse = async (): Promise<void> => {
    try {
      const r = await props.api.call('connection.parseUrl', { url });
      const c = r.connection;
      setEngine(c.engine);
      setHost(c.host ?? '');
      setPort(c.port ? String(c.port) : '');
      setDatabase(c.database ?? '');
      setUser(c.user ?? '');
      if (c.sslMode) setSslMode(c.sslMode);
      if (c.path) setPath(c.path);
      setBySid(!!c.sid);
      setSid(c.sid ?? '');
      setInstance(c.instance ?? '');
      if (c.encrypt !== undefined) setEncrypt(c.encrypt);
      if (c.trustServerCertificate !== undefined) setTrustCert(c.trustServerCertificate);
      if (r.password) setPassword(r.password);
      setUrl('');
      setStatus(null);
    } catch (e) { setStatus({ ok: false, text: errorText(e) }); }
  };

  return (
    <Dialog title={props.title} onClose={props.onClose} testId={`connection-${props.role}`}>
      <form onSubmit={(e) => { e.preventDefault(); props.onDone(choice()); }}>
        <Field label="Engine">{(id) => (
          <select id={id} value={engine} onChange={(e) => { const v = e.target.value as Engine; setEngine(v); setPort(String(DEFAULT_PORT[v] ?? '')); }}>
            {props.engines.map((x) => <option key={x} value={x}>{ENGINE_NAME[x]}</option>)}
          </select>
        )}</Field>
        {engine === 'pglite' ? (
          <Field label="Data folder" hint="relative paths are inside the project folder (ignored by git)">{(id) => <input id={id} value={path} onChange={(e) => setPath(e.target.value)} />}</Field>
        ) : (
          <>
            <div className="row">
              <Field label="Paste a connection URL">{(id) => <input id={id} value={url} onChange={(e) => setUrl(e.target.value)} placeholder={URL_EXAMPLE[engine]} />}</Field>
              <button type="button" onClick={() => void parse()} disabled={!url.trim()}>Fill from URL</button>
            </div>
            <div className="grid2">
              <Field label="Host">{(id) => <input id={id} value={host} onChange={(e) => {
                // SQL Server tools write a named instance as host\INSTANCE: split it into the Instance field.
                const [h, inst] = e.target.value.split('\\');
                if (engine === 'sqlserver' && inst !== undefined) { setHost(h ?? ''); setInstance(inst); } else setHost(e.target.value);
              }} />}</Field>
              {engine === 'sqlserver' && instance.trim() ? (
                <Field label="Port" hint="a named instance's port comes from the SQL Server Browser (UDP 1434)">{(id) => <input id={id} value="" disabled placeholder="from SQL Server Browser" />}</Field>
              ) : (
                <Field label="Port">{(id) => <input id={id} value={port} inputMode="numeric" onChange={(e) => setPort(e.target.value.replace(/\D/g, ''))} />}</Field>
              )}
              {engine === 'oracle' ? (
                <>
                  <Field label="Connect by">{(id) => (
                    <select id={id} value={bySid ? 'sid' : 'service'} onChange={(e) => setBySid(e.target.value === 'sid')}>
                      <option value="service">Service name</option>
                      <option value="sid">SID</option>
                    </select>
                  )}</Field>
                  {bySid
                    ? <Field label="SID">{(id) => <input id={id} value={sid} onChange={(e) => setSid(e.target.value)} placeholder="XE" />}</Field>
                    : <Field label="Service name">{(id) => <input id={id} value={database} onChange={(e) => setDatabase(e.target.value)} placeholder="XEPDB1" />}</Field>}
                </>
              ) : <Field label="Database">{(id) => <input id={id} value={database} onChange={(e) => setDatabase(e.target.value)} />}</Field>}
              {engine === 'sqlserver' ? (
                <Field label="Instance" hint="named instance (host\INSTANCE); empty for the default one">{(id) => <input id={id} value={instance} onChange={(e) => setInstance(e.target.value)} placeholder="SQLEXPRESS" />}</Field>
              ) : null}
              <Field label="User">{(id) => <input id={id} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />}</Field>
              <Field label="Password" hint="never written to the project">{(id) => <input id={id} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />}</Field>
              {engine === 'sqlserver' ? (
                <fieldset>
                  <legend>TLS</legend>
                  <label className="choice"><input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />Encrypt</label>
                  <label className="choice"><input type="checkbox" checked={trustCert} onChange={(e) => setTrustCert(e.target.checked)} />Trust server certificate</label>
                </fieldset>
              ) : engine === 'oracle' ? null : (
                <Field label="SSL mode">{(id) => (
                  <select id={id} value={sslMode} onChange={(e) => setSslMode(e.target.value as typeof sslMode)}>
                    {(['disable', 'prefer', 'require', 'verify-full'] as const).map((m) => <option key={m} value={m}>{m}</option>)}
                  </select>
                )}</Field>
              )}
            </div>
          </>
        )}
        {status ? <div className={status.ok ? 'success' : 'error'} role={status.ok ? 'status' : 'alert'} data-testid="connection-status">{status.text}</div> : null}
        <ErrorLine error={null} />
        <div className="buttons">
          <button type="button" onClick={() => void test()} disabled={busy}>Test Connection</button>
          <button type="button" onClick={props.onClose}>Cancel</button>
          <button type="submit" className="primary">{props.doneLabel}</button>
        </div>
      </form>
    </Dialog>
  );
}
