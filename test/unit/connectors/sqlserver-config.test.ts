// SQL Server named instances reach tedious as options.instanceName without a port (tedious takes
// one or the other). No SQL Server here: the configuration is checked, not a live connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTarget, parseConnectionUrl } from '../../../electron/node/connectors/url.js';
import { tediousConfig } from '../../../electron/node/connectors/sqlserver.js';
import { secretId, specToUrl, urlToSpec } from '../../../electron/node/handlers/connections.js';

test('a default instance connects by host and port', () => {
  const c = tediousConfig(parseConnectionUrl('sqlserver://sa@db.example:14330/sales'), 'pw');
  assert.equal(c.server, 'db.example');
  assert.equal(c.options?.port, 14330);
  assert.equal(c.options?.instanceName, undefined);
  assert.equal(c.options?.database, 'sales');
});

test('host\\INSTANCE in the URL (raw or %5C) and ?instanceName= give options.instanceName and no port', () => {
  for (const url of ['sqlserver://sa@db.example\\SQLEXPRESS/sales', 'mssql://sa@db.example%5CSQLEXPRESS/sales', 'sqlserver://sa@db.example/sales?instanceName=SQLEXPRESS',
    'sqlserver://sa:p%40ss@db.example\\SQLEXPRESS:1433/sales?encrypt=false']) {
    const t = parseConnectionUrl(url);
    const c = tediousConfig(t, 'pw');
    assert.equal(c.server, 'db.example', url);
    assert.equal(c.options?.instanceName, 'SQLEXPRESS', url);
    assert.equal('port' in (c.options ?? {}), false, `${url}: no port with a named instance`);
    assert.equal(c.options?.database, 'sales', url);
    assert.equal(describeTarget(t), 'sqlserver://sa@db.example\\SQLEXPRESS/sales');
  }
  assert.equal(parseConnectionUrl('sqlserver://sa:p%40ss@db.example\\SQLEXPRESS/sales?encrypt=false').params.encrypt, 'false');
  assert.equal(parseConnectionUrl('sqlserver://sa:p%40ss@db.example\\SQLEXPRESS/sales').password, 'p@ss');
});

test('the workbench spec: Instance field or host\\INSTANCE typed in the host field', () => {
  for (const spec of [
    { engine: 'sqlserver' as const, host: 'db.example', port: 1433, instance: 'SQLEXPRESS', database: 'sales', user: 'sa' },
    { engine: 'sqlserver' as const, host: 'db.example\\SQLEXPRESS', database: 'sales', user: 'sa' },
  ]) {
    const url = specToUrl(spec, 'secret', undefined);
    assert.equal(url, 'sqlserver://sa:secret@db.example/sales?instanceName=SQLEXPRESS');
    const c = tediousConfig(parseConnectionUrl(url), 'secret');
    assert.deepEqual([c.server, c.options?.instanceName, c.options?.port], ['db.example', 'SQLEXPRESS', undefined]);
    assert.equal(secretId('source', spec), 'source|sqlserver://sa@db.example\\SQLEXPRESS/sales');
  }
  // A pasted URL with host\INSTANCE fills the Instance field.
  assert.deepEqual(urlToSpec('sqlserver://sa:pw@db.example\\SQLEXPRESS/sales').connection,
    { engine: 'sqlserver', host: 'db.example', port: 1433, database: 'sales', user: 'sa', instance: 'SQLEXPRESS' });
  // Different instances keep different remembered passwords.
  assert.notEqual(secretId('source', { engine: 'sqlserver', host: 'h', instance: 'A' }), secretId('source', { engine: 'sqlserver', host: 'h', instance: 'B' }));
});
