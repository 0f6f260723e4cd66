// The harness's PostgreSQL trusts local connections, so a wrong password would be accepted. For
// the wrong-password check we add a login role that must authenticate (scram-sha-256): a rule for
// that role alone goes first in pg_hba.conf (written by the server itself as superuser), the
// server reloads, and everything is put back afterwards. Other roles keep trust auth.
import pg from 'pg';

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function writeHba(c: pg.Client, file: string, text: string): Promise<void> {
  // COPY's text format escapes backslashes and tabs; pg_hba.conf separates fields by any blanks.
  const clean = text.replace(/\t/g, ' ');
  if (clean.includes('\\')) throw new Error(`${file} has backslashes; cannot rewrite it through COPY`);
  const lines = clean.replace(/\n$/, '').split('\n').map(lit).join(', ');
  await c.query(`COPY (SELECT unnest(ARRAY[${lines}]::text[])) TO ${lit(file)}`);
  await c.query('SELECT pg_reload_conf()');
}

async function refuses(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  try { await c.connect(); await c.end(); return false; } catch (e) { return /password authentication failed/.test(String(e)); }
}

/** Creates `role` with `password`, reachable only with that password over TCP; `restore()` undoes all of it. */
export async function passwordRole(serverUrl: string, role: string, password: string): Promise<{ restore(): Promise<void> }> {
  const { file, original } = await admin(serverUrl, async (c) => {
    await c.query(`DROP ROLE IF EXISTS "${role}"`);
    await c.query(`CREATE ROLE "${role}" LOGIN PASSWORD ${lit(password)}`);
    const f = (await c.query<{ hba_file: string }>('SHOW hba_file')).rows[0]!.hba_file;
    const text = (await c.query<{ t: string }>('SELECT pg_read_file($1) AS t', [f])).rows[0]!.t;
    const rules = ['127.0.0.1/32', '::1/128'].map((net) => `host all ${role} ${net} scram-sha-256`).join('\n');
    await writeHba(c, f, `# added by dbshift e2e (wrong-password check)\n${rules}\n${text}`);
    return { file: f, original: text };
  });
  const probe = new URL(serverUrl);
  probe.username = role;
  probe.password = `${password}-wrong`;
  let ok = false;
  for (let i = 0; i < 50 && !(ok = await refuses(probe.toString())); i++) await new Promise((r) => setTimeout(r, 100));
  const restore = async (): Promise<void> => {
    await admin(serverUrl, async (c) => {
      await writeHba(c, file, original);
      await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  };
  if (!ok) { await restore(); throw new Error(`PostgreSQL still accepts a wrong password for ${role} after the pg_hba.conf change`); }
  return { restore };
}
