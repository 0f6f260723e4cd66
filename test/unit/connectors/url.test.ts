import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConnectionUrlError, describeTarget, parseConnectionUrl, passwordFromEnvironment, redactUrl, scrubSecret,
} from '../../../electron/node/connectors/url.js';

test('parses the supported URL schemes', () => {
  assert.deepEqual(parseConnectionUrl('mysql://app:pw@127.0.0.1:3307/sakila'), {
    engine: 'mysql', host: '127.0.0.1', port: 3307, user: 'app', password: 'pw', database: 'sakila', params: {},
  });
  assert.deepEqual(parseConnectionUrl('mariadb://db.example/'), { engine: 'mysql', host: 'db.example', port: 3306, params: {} });
  assert.equal(parseConnectionUrl('postgresql://u@h/x?sslmode=require').params.sslmode, 'require');
  assert.equal(parseConnectionUrl('postgres://u@h').port, 5432);
  assert.equal(parseConnectionUrl('postgres://u@[::1]:6543/d').host, '::1');
  assert.deepEqual(parseConnectionUrl('pglite:memory'), { engine: 'pglite', params: {} });
  assert.deepEqual(parseConnectionUrl('pglite:./data/db'), { engine: 'pglite', path: './data/db', params: {} });
  // Percent-encoded user, password and database.
  const t = parseConnectionUrl('postgres://us%40er:p%2Fw%3A@h:1/my%20db');
  assert.deepEqual([t.user, t.password, t.database], ['us@er', 'p/w:', 'my db']);
});

test('bad URLs give a clear message that never shows the password', () => {
  assert.throws(() => parseConnectionUrl('db2://scott:tiger@h/x'), (e: unknown) => e instanceof ConnectionUrlError && /unsupported scheme "db2:"/.test(e.message) && !e.message.includes('tiger'));
  assert.throws(() => parseConnectionUrl('not a url with secret'), /not a connection URL/);
  assert.throws(() => parseConnectionUrl('pglite:'), /pglite URL needs a directory or "memory"/);
});

test('redactUrl hides passwords in the authority and the query string', () => {
  assert.equal(redactUrl('mysql://app:s3cr3t@127.0.0.1:3307/sakila'), 'mysql://app:***@127.0.0.1:3307/sakila');
  assert.equal(redactUrl('postgres://u@h/d?password=x&sslmode=require'), 'postgres://u@h/d?password=***&sslmode=require');
  assert.equal(redactUrl('postgres://u@h/d'), 'postgres://u@h/d');
  assert.equal(describeTarget(parseConnectionUrl('mysql://app:s3cr3t@127.0.0.1:3307/sakila')), 'mysql://app@127.0.0.1:3307/sakila');
});

test('password: URL first, then the role variable, then DBSHIFT_PASSWORD', () => {
  const env = { DBSHIFT_PASSWORD: 'any', DBSHIFT_SOURCE_PASSWORD: 'src', DBSHIFT_TARGET_PASSWORD: 'tgt' };
  assert.equal(passwordFromEnvironment(parseConnectionUrl('mysql://u:url@h/'), { env, role: 'source' }), 'url');
  assert.equal(passwordFromEnvironment(parseConnectionUrl('mysql://u@h/'), { env, role: 'source' }), 'src');
  assert.equal(passwordFromEnvironment(parseConnectionUrl('mysql://u@h/'), { env, role: 'target' }), 'tgt');
  assert.equal(passwordFromEnvironment(parseConnectionUrl('mysql://u@h/'), { env: { DBSHIFT_PASSWORD: 'any' }, role: 'target' }), 'any');
  assert.equal(passwordFromEnvironment(parseConnectionUrl('mysql://u@h/'), { env: {} }), undefined);
  assert.equal(scrubSecret('Access denied for p@ss and p%40ss', 'p@ss'), 'Access denied for *** and ***');
});
