// Replication's MySQL sessions run in UTC before anything else: openMysql queues SET time_zone ahead
// of the caller's first command, and when the server refuses it the caller's commands fail instead
// of running in the server's zone. A fake server (mysql2's server side) records what it is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2';
import { closeMysql, endpoint, mysqlOptions, mysqlQuery, openMysql } from '../../../electron/node/replication/endpoints.js';

interface FakeServer { port: number; queries: string[]; close(): Promise<void> }

async function fakeServer(answer: (sql: string, conn: mysql.Connection & Record<string, (...a: unknown[]) => void>) => void): Promise<FakeServer> {
  const queries: string[] = [];
  const conns: { destroy(): void }[] = [];
  const onConnection = (conn: unknown): void => {
    const c = conn as mysql.Connection & Record<string, (...a: unknown[]) => void>;
    conns.push(c);
    c.serverHandshake({
      protocolVersion: 10, serverVersion: '10.11.0-MariaDB-fake', connectionId: 1, statusFlags: 2, characterSet: 45,
      capabilityFlags: 0xf7ff, authCallback: (_p: unknown, cb: (e: null) => void) => { cb(null); reset(); },
    });
    // Each client command starts at sequence id 0; mysql2's server side does not reset it itself.
    const reset = (): void => { (c as unknown as { sequenceId: number }).sequenceId = 0; };
    const onSql = (sql: string): void => { queries.push(sql); answer(sql, c); reset(); };
    c.on('query', onSql);
    c.on('stmt_prepare', onSql); // mysql2's server side hands SET statements over as this event
    c.on('error', () => { /* client went away */ });
  };
  const server = mysql.createServer(onConnection as never) as unknown as { listen(port: number, host: string, cb: () => void): void; close(cb?: () => void): void; _server: { address(): AddressInfo } };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = server._server.address().port;
  return {
    port, queries,
    close: () => new Promise<void>((r) => { for (const c of conns) c.destroy(); server.close(() => r()); }),
  };
}

const URL_OF = (port: number): string => `mysql://root@127.0.0.1:${port}/`;

test('mysqlOptions: mysql2/zongji format TIMESTAMP values in UTC, not in the process TZ', () => {
  assert.equal(mysqlOptions(endpoint(URL_OF(3306), 'source')).timezone, 'Z');
});

test('openMysql: SET time_zone = +00:00 is the first command, ahead of the caller\'s', async () => {
  const srv = await fakeServer((sql, c) => {
    if (/^SELECT/i.test(sql)) c.writeTextResult!([{ x: '1' }], [{ catalog: 'def', schema: '', table: '', orgTable: '', name: 'x', orgName: 'x', characterSet: 45, columnLength: 1, columnType: 253, flags: 0, decimals: 0 }]);
    else c.writeOk!();
  });
  const c = openMysql(endpoint(URL_OF(srv.port), 'source'));
  try {
    const rows = await mysqlQuery<{ x: string }>(c, 'SELECT 1 AS x');
    assert.equal(rows[0]!.x, '1');
    assert.deepEqual(srv.queries, ["SET SESSION time_zone = '+00:00'", 'SELECT 1 AS x']);
  } finally {
    await closeMysql(c);
    await srv.close();
  }
});

test('openMysql: a refused SET time_zone fails the connection; the caller\'s query never runs', async () => {
  const srv = await fakeServer((sql, c) => {
    if (/time_zone/.test(sql)) c.writeError!({ code: 1298, message: "Unknown or incorrect time zone: '+00:00'" });
    else c.writeOk!();
  });
  const c = openMysql(endpoint(URL_OF(srv.port), 'source'));
  try {
    await assert.rejects(mysqlQuery(c, 'SELECT 1 AS x'), /could not set the session time zone to UTC: Unknown or incorrect time zone/);
    await assert.rejects(mysqlQuery(c, 'SELECT 2 AS x'));
    assert.deepEqual(srv.queries, ["SET SESSION time_zone = '+00:00'"]);
  } finally {
    c.destroy();
    await srv.close();
  }
});
