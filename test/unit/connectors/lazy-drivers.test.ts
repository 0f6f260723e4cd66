// The Oracle, SQL Server and PGlite drivers load on first use: the replication runner (a process
// that may run for days) and the MySQL/PostgreSQL paths must not carry them (~50 MB of RSS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const loaded = (pkg: string): boolean => Object.keys(require.cache).some((p) => p.includes(`/node_modules/${pkg}/`));

test('importing the replication runner and the connectors loads no Oracle or SQL Server driver; using one loads it', async () => {
  await import('../../../electron/node/replication/runner.js');
  const connectors = await import('../../../electron/node/connectors/index.js');
  assert.equal(loaded('tedious'), false, 'tedious loaded');
  assert.equal(loaded('oracledb'), false, 'oracledb loaded');
  // A connection attempt loads the driver (and fails fast: nothing listens on port 1).
  await assert.rejects(connectors.connect('sqlserver://sa@127.0.0.1:1/master?connectTimeout=2000'), /could not connect to sqlserver:\/\/sa@127\.0\.0\.1:1/);
  assert.equal(loaded('tedious'), true, 'tedious not loaded by a SQL Server connection');
});
