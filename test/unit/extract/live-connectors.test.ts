// oracle:// and sqlserver:// connections without a server: URL forms, connect strings, error
// messages, and a refused connection that names the target without its password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, ConnectError, describeTarget, parseConnectionUrl, redactUrl } from '../../../electron/node/connectors/index.js';
import { isOracleAuthError, oracleConnectString, toOracleError } from '../../../electron/node/connectors/oracle.js';
import { isSqlServerAuthError, toSqlServerError } from '../../../electron/node/connectors/sqlserver.js';

test('oracle:// URLs: service name in the path, or ?sid=; default port 1521', () => {
  const svc = parseConnectionUrl('oracle://hr@db.example:1522/XEPDB1');
  assert.deepEqual([svc.engine, svc.host, svc.port, svc.user, svc.database], ['oracle', 'db.example', 1522, 'hr', 'XEPDB1']);
  assert.equal(oracleConnectString(svc), 'db.example:1522/XEPDB1');
  const sid = parseConnectionUrl('oracle://hr@db.example?sid=XE');
  assert.equal(sid.port, 1521);
  assert.equal(oracleConnectString(sid), '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=db.example)(PORT=1521))(CONNECT_DATA=(SID=XE)))');
  assert.equal(describeTarget(sid), 'oracle://hr@db.example:1521/?sid=XE');
  assert.equal(redactUrl('oracle://hr:tiger@db/XEPDB1'), 'oracle://hr:***@db/XEPDB1');
});

test('sqlserver:// (and mssql://) URLs: default port 1433, options in the query string', () => {
  const t = parseConnectionUrl('sqlserver://sa@127.0.0.1/Northwind?encrypt=true&trustServerCertificate=true');
  assert.deepEqual([t.engine, t.port, t.database, t.params.trustServerCertificate], ['sqlserver', 1433, 'Northwind', 'true']);
  assert.equal(parseConnectionUrl('mssql://sa@h/db').engine, 'sqlserver');
  assert.equal(describeTarget(t), 'sqlserver://sa@127.0.0.1:1433/Northwind');
});

test('Oracle errors read as what to fix, with the server\'s own words', () => {
  const auth = { errorNum: 1017, message: 'ORA-01017: invalid credential or not authorized; logon denied' };
  assert.equal(isOracleAuthError(auth), true);
  assert.match(toOracleError(auth).message, /^wrong user name or password \(ORA-01017: invalid credential/);
  assert.match(toOracleError({ message: 'ORA-12514: Cannot connect to database. Service XEPDB9 is not registered with the listener' }).message,
    /^the listener does not know this service name .*\?sid=/);
  assert.equal(isOracleAuthError({ message: 'ORA-12514: …' }), false);
  // No password at all: the driver stops before the server; the user is asked for one.
  assert.equal(isOracleAuthError({ code: 'NJS-101', message: 'NJS-101: no credentials specified' }), true);
  assert.equal(isSqlServerAuthError({ number: 18456, message: "Login failed for user 'sa'." }), true);
  assert.match(toSqlServerError({ number: 18456, message: "Login failed for user 'sa'." }).message, /^login failed: wrong user name or password/);
  assert.match(toSqlServerError({ message: 'Failed to connect: self-signed certificate' }).message, /trustServerCertificate=true/);
});

test('no Oracle password anywhere: the prompt is asked once, and its answer is used', { timeout: 30_000 }, async () => {
  const asked: string[] = [];
  await assert.rejects(connect('oracle://hr@127.0.0.1:1/XEPDB1', { env: {}, prompt: async (q) => { asked.push(q); return 'typed-S3cret'; } }), (e: unknown) => {
    // With the typed password the driver gets as far as the (closed) port.
    assert.ok(e instanceof ConnectError);
    assert.match(e.message, /nothing answers at this host and port|NJS-503/);
    assert.doesNotMatch(e.message, /S3cret/);
    return true;
  });
  assert.deepEqual(asked, ['Password for oracle://hr@127.0.0.1:1/XEPDB1: ']);
});

test('a refused Oracle / SQL Server connection names the target and never the password', { timeout: 30_000 }, async () => {
  for (const url of ['oracle://hr:S3cret-pw@127.0.0.1:1/XEPDB1', 'sqlserver://sa:S3cret-pw@127.0.0.1:1/master?encrypt=false']) {
    await assert.rejects(connect(url, { env: {} }), (e: unknown) => {
      assert.ok(e instanceof ConnectError, String(e));
      assert.match(e.message, /^could not connect to (oracle|sqlserver):\/\/(hr|sa)@127\.0\.0\.1:1\//);
      assert.doesNotMatch(e.message, /S3cret/);
      assert.equal(e.authFailed, false);
      return true;
    });
  }
});
