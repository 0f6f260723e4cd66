// Rule behaviour on real servers: each PostgreSQL snippet runs on PostgreSQL as written and on
// MariaDB after conversion; the same queries must give the same results (or the same error text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshMysqlDatabase, freshPgDatabase, mysqlUrlFromEnv, pgUrlFromEnv, runMysqlClient, runPsql, type FreshDatabase, type Row } from '../../harness/db.js';
import { applySql, pgToMysql } from './helpers.js';

const skip = mysqlUrlFromEnv() && pgUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL / DBSHIFT_TEST_PG_URL are not set (run through scripts/with-test-servers.mjs)';
let pg: FreshDatabase;
let my: FreshDatabase;

before(async () => {
  if (skip) return;
  pg = await freshPgDatabase('rules_pg');
  my = await freshMysqlDatabase('rules_my');
});
after(async () => {
  if (skip) return;
  await pg.drop();
  await my.drop();
});

async function both(pgSql: string): Promise<void> {
  await runPsql(pg.url, pgSql, { args: ['-v', 'ON_ERROR_STOP=1', '-q'] });
  const result = pgToMysql(pgSql);
  const bad = result.objects.filter((o) => o.status === 'not-converted');
  assert.deepEqual(bad.map((o) => `${o.ref.name}: ${o.diagnostics.map((d) => d.message).join('; ')}`), []);
  await runMysqlClient(my.url, applySql(result));
}

const plain = (rows: Row[]): string[][] => rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? '1' : '0') : String(v))));

async function same(query: string, myQuery = query): Promise<string[][]> {
  const p = plain(await pg.query(query));
  const m = plain(await my.query(myQuery));
  assert.deepEqual(m, p, query);
  return p;
}

async function errorText(db: FreshDatabase, q: string): Promise<string> {
  try { await db.query(q); } catch (e) { return (e as Error).message; }
  return '(no error)';
}

test('string_agg with ORDER BY and separator → GROUP_CONCAT', { skip }, async () => {
  await both(`
    CREATE TABLE sa (g int NOT NULL, v varchar(10));
    INSERT INTO sa VALUES (1, 'b'), (1, 'a'), (1, NULL), (2, 'z'), (1, 'c');
    CREATE VIEW sa_v AS SELECT g, string_agg(v, ' | ' ORDER BY v DESC) AS s, count(*) AS n,
      count(*) FILTER (WHERE v IS NOT NULL) AS nn, sum(g) FILTER (WHERE v > 'a') AS sg FROM sa GROUP BY g;`);
  const rows = await same('SELECT g, s, n, nn, sg FROM sa_v ORDER BY g');
  assert.deepEqual(rows, [['1', 'c | b | a', '4', '3', '2'], ['2', 'z', '1', '1', '2']]);
});

test('to_char / to_date formats → DATE_FORMAT / STR_TO_DATE', { skip }, async () => {
  await both(`
    CREATE TABLE tc (id int PRIMARY KEY, ts timestamp NOT NULL);
    INSERT INTO tc VALUES (1, '2024-03-05 07:08:09'), (2, '1999-12-31 23:59:58');
    CREATE VIEW tc_v AS SELECT id,
      to_char(ts, 'YYYY-MM-DD HH24:MI:SS') AS a, to_char(ts, 'DD/MM/YY') AS b, to_char(ts, 'FMMonth FMDD, YYYY') AS c,
      to_char(ts, 'Dy Mon HH12 AM') AS d, to_char(to_date('2020-02-29', 'YYYY-MM-DD'), 'YYYYMMDD') AS e
      FROM tc;`);
  const rows = await same('SELECT id, a, b, c, d, e FROM tc_v ORDER BY id');
  assert.equal(rows[0]![3], 'March 5, 2024');
});

test('interval arithmetic and date_trunc / extract', { skip }, async () => {
  await both(`
    CREATE TABLE ia (id int PRIMARY KEY, d timestamp NOT NULL, dd date NOT NULL);
    INSERT INTO ia VALUES (1, '2024-01-31 10:30:00', '2024-02-28'), (2, '2023-12-31 23:00:00', '2023-03-01');
    CREATE VIEW ia_v AS SELECT id,
      to_char(d + interval '1 day', 'YYYY-MM-DD HH24:MI:SS') AS a,
      to_char(d - interval '2 hours', 'YYYY-MM-DD HH24:MI:SS') AS b,
      to_char(d + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') AS c,
      to_char(date_trunc('month', d), 'YYYY-MM-DD HH24:MI:SS') AS e,
      extract(year from d) AS f, extract(dow from d) AS g, date_part('hour', d) AS h,
      extract(epoch from (d - (d - interval '90 minutes'))) AS k,
      (d - (d - interval '3 days')) > 2 * interval '1 day' AS l
      FROM ia;`);
  await same('SELECT id, a, b, c, e, CAST(f AS INTEGER) AS f, CAST(g AS INTEGER) AS g, CAST(h AS INTEGER) AS h, CAST(k AS INTEGER) AS k, l FROM ia_v ORDER BY id',
    'SELECT id, a, b, c, e, CAST(f AS SIGNED) AS f, CAST(g AS SIGNED) AS g, CAST(h AS SIGNED) AS h, CAST(k AS SIGNED) AS k, l FROM ia_v ORDER BY id');
});

test('RAISE EXCEPTION with % arguments → SIGNAL with the same message', { skip }, async () => {
  await both(`
    CREATE FUNCTION check_qty(q integer) RETURNS integer LANGUAGE plpgsql AS $$
    BEGIN
      IF q < 0 THEN
        RAISE EXCEPTION 'quantity % is negative (limit %)', q, 0;
      END IF;
      RAISE NOTICE 'ok %', q;
      RETURN q * 2;
    END $$;`);
  await same('SELECT check_qty(21) AS v');
  const p = await errorText(pg, 'SELECT check_qty(-5)');
  const m = await errorText(my, 'SELECT check_qty(-5)');
  assert.equal(p, 'quantity -5 is negative (limit 0)');
  assert.equal(m, p);
});

test('FOR i IN a..b loops with CONTINUE WHEN / EXIT WHEN, and WHILE', { skip }, async () => {
  await both(`
    CREATE FUNCTION loop_sum(n integer) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      total integer := 0;
      k integer := 0;
    BEGIN
      FOR i IN 1..n LOOP
        CONTINUE WHEN i % 3 = 0;
        EXIT WHEN i > 10;
        total := total + i;
      END LOOP;
      FOR j IN REVERSE 5..1 LOOP
        total := total + j * 100;
      END LOOP;
      WHILE k < 3 LOOP
        k := k + 1;
        total := total + 1000;
      END LOOP;
      RETURN total;
    END $$;`);
  const rows = await same('SELECT loop_sum(0) AS a, loop_sum(5) AS b, loop_sum(20) AS c');
  assert.deepEqual(rows, [['4500', '4512', '4537']]);
});

test('FOR r IN query loops → cursor loops (record fields, CONTINUE, SELECT INTO without rows inside)', { skip }, async () => {
  await both(`
    CREATE TABLE fq (id int PRIMARY KEY, name varchar(20), amount numeric(8,2));
    INSERT INTO fq VALUES (1, 'a', 10.5), (2, 'b', 20), (3, 'c', 30.25), (4, 'd', NULL);
    CREATE FUNCTION fq_sum(skip_id integer) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      r record;
      total numeric(10,2) := 0;
      names text := '';
      probe integer;
    BEGIN
      FOR r IN SELECT f.id, f.name, f.amount AS amt FROM fq f ORDER BY f.id LOOP
        CONTINUE WHEN r.id = skip_id;
        SELECT id INTO probe FROM fq WHERE id = -1;
        total := total + coalesce(r.amt, 0);
        names := names || r.name;
      END LOOP;
      RETURN names || ':' || total;
    END $$;`);
  const rows = await same('SELECT fq_sum(2) AS a, fq_sum(0) AS b');
  assert.deepEqual(rows, [['acd:40.75', 'abcd:60.75']]);
});

test('SELECT INTO with no row sets the variable to NULL, as in PostgreSQL', { skip }, async () => {
  await both(`
    CREATE TABLE si (id int PRIMARY KEY, v int);
    INSERT INTO si VALUES (1, 10), (3, 30);
    CREATE FUNCTION si_probe(n integer) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      x integer;
      out text := '';
    BEGIN
      FOR i IN 1..n LOOP
        SELECT v INTO x FROM si WHERE id = i;
        out := out || coalesce(x::text, '-') || ',';
      END LOOP;
      RETURN out;
    END $$;`);
  const rows = await same('SELECT si_probe(4) AS a');
  assert.deepEqual(rows, [['10,-,30,-,']]);
});

test('EXCEPTION WHEN … blocks → EXIT handlers in a nested block', { skip }, async () => {
  await both(`
    CREATE TABLE uq (id int PRIMARY KEY);
    INSERT INTO uq VALUES (1);
    CREATE FUNCTION try_insert(v integer) RETURNS text LANGUAGE plpgsql AS $$
    BEGIN
      BEGIN
        INSERT INTO uq VALUES (v);
        RETURN 'inserted';
      EXCEPTION WHEN unique_violation THEN
        RETURN 'duplicate';
      END;
    END $$;`);
  await both(`
    CREATE FUNCTION guarded(v integer) RETURNS text LANGUAGE plpgsql AS $$
    BEGIN
      IF v < 0 THEN RAISE EXCEPTION 'negative'; END IF;
      RETURN 'fine';
    EXCEPTION WHEN OTHERS THEN
      RETURN 'caught';
    END $$;`);
  // try_insert changes data, so in MySQL it is a procedure whose result set is the returned value.
  for (const v of [1, 2]) {
    const [p] = await pg.query(`SELECT try_insert(${v}) AS result`);
    const res = (await my.query(`CALL try_insert(${v})`)) as unknown as Row[][];
    assert.deepEqual(res[0], [p], `try_insert(${v})`);
  }
  await same('SELECT guarded(1) AS c, guarded(-1) AS d');
  await same('SELECT id FROM uq ORDER BY id');
});

test('sequence default → AUTO_INCREMENT from its start; expression, partial and INCLUDE indexes', { skip }, async () => {
  await both(`
    CREATE SEQUENCE ticket_seq START 100;
    CREATE TABLE tk (id int PRIMARY KEY DEFAULT nextval('ticket_seq'), email varchar(60) NOT NULL, active boolean NOT NULL DEFAULT true, note text);
    ALTER SEQUENCE ticket_seq OWNED BY tk.id;
    CREATE UNIQUE INDEX tk_email_lower ON tk (lower(email));
    CREATE INDEX tk_active ON tk (id) INCLUDE (email) WHERE active;
    INSERT INTO tk (email, active) VALUES ('A@x.org', true), ('b@x.org', false);`);
  await same('SELECT id, email, active FROM tk ORDER BY id');
  const p = await errorText(pg, "INSERT INTO tk (email) VALUES ('a@X.ORG')");
  const m = await errorText(my, "INSERT INTO tk (email) VALUES ('a@X.ORG')");
  assert.match(p, /duplicate key/);
  assert.match(m, /Duplicate entry/);
  await same('SELECT count(*) AS n FROM tk');
});

test('sequences for MySQL (no sequences): counter table + nextval function, same values as PostgreSQL', { skip }, async () => {
  const sql = `
    CREATE SEQUENCE inv_no START 1000 INCREMENT 10;
    CREATE FUNCTION next_invoice() RETURNS bigint LANGUAGE plpgsql AS $$
    BEGIN
      RETURN nextval('inv_no');
    END $$;`;
  await runPsql(pg.url, sql, { args: ['-v', 'ON_ERROR_STOP=1', '-q'] });
  // The 'mysql' flavour output only uses features MariaDB shares, so it runs here too.
  const result = pgToMysql(sql, 'in.sql', { mysqlFlavor: 'mysql' });
  assert.ok(result.objects.some((o) => o.diagnostics.some((d) => d.code === 'PM0017')));
  await runMysqlClient(my.url, applySql(result));
  const pv: string[] = [];
  const mv: string[] = [];
  for (let i = 0; i < 3; i++) {
    pv.push(String((await pg.query('SELECT next_invoice() AS v'))[0]!.v));
    mv.push(String((await my.query('SELECT next_invoice() AS v'))[0]!.v));
  }
  assert.deepEqual(pv, ['1000', '1010', '1020']);
  assert.deepEqual(mv, pv);
});

test('set-returning functions with RETURN NEXT / RETURN QUERY → procedures returning one result set', { skip }, async () => {
  await both(`
    CREATE TABLE emp (id int PRIMARY KEY, name text, salary numeric(8,2));
    INSERT INTO emp VALUES (1, 'ann', 10), (2, 'bob', 30), (3, 'cy', 20);
    CREATE FUNCTION rich(min_sal numeric) RETURNS SETOF emp LANGUAGE plpgsql AS $$
    DECLARE
      r emp%ROWTYPE;
    BEGIN
      FOR r IN SELECT * FROM emp WHERE salary >= min_sal ORDER BY id LOOP
        RETURN NEXT r;
      END LOOP;
      RETURN;
    END $$;
    CREATE FUNCTION evens(n integer) RETURNS SETOF integer LANGUAGE plpgsql AS $$
    BEGIN
      FOR i IN 1..n LOOP
        CONTINUE WHEN i % 2 = 1;
        RETURN NEXT i;
      END LOOP;
      RETURN QUERY SELECT 100;
    END $$;`);
  const call = async (q: string): Promise<string[][]> => plain(((await my.query(q)) as unknown as Row[][])[0]!);
  assert.deepEqual(await call('CALL rich(15)'), plain(await pg.query('SELECT * FROM rich(15)')));
  assert.deepEqual(await call('CALL evens(7)'), plain(await pg.query('SELECT * FROM evens(7)')));
  assert.deepEqual(await call('CALL evens(7)'), [['2'], ['4'], ['6'], ['100']]);
});

test('string data with quotes, backslashes, newlines and non-ASCII loads the same under any sql_mode', { skip }, async () => {
  const sql = `
    CREATE TABLE sq (id int PRIMARY KEY, s text);
    INSERT INTO sq VALUES (1, 'it''s'), (2, 'C:\\dir\\file'), (3, E'two\nlines\tand tab'), (4, 'naïve – 東京'), (5, '100% _x_');
    CREATE VIEW sq_v AS SELECT id, s, s LIKE '%\\%' AS has_bs, s ~ '\\d' AS has_digit FROM sq;`;
  await runPsql(pg.url, sql, { args: ['-v', 'ON_ERROR_STOP=1', '-q'] });
  const result = pgToMysql(sql);
  // The same script must load with and without NO_BACKSLASH_ESCAPES.
  await runMysqlClient(my.url, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');\n" + applySql(result));
  await same('SELECT id, s, has_bs, has_digit FROM sq_v ORDER BY id');
});

test('ILIKE, ~*, IS DISTINCT FROM, COALESCE/NULLIF, strpos, LIMIT/OFFSET', { skip }, async () => {
  await both(`
    CREATE TABLE ex (id int PRIMARY KEY, s varchar(20), n int);
    INSERT INTO ex VALUES (1, 'Apple', NULL), (2, 'banana', 2), (3, 'Cherry', 3), (4, NULL, 4);
    CREATE VIEW ex_v AS SELECT id, s ILIKE 'a%' AS a, s ~* '^b' AS b, s ~ '^C' AS c, n IS DISTINCT FROM 2 AS d,
      coalesce(s, '-') || '/' || coalesce(nullif(n, 3), 0) AS e, strpos(s, 'an') AS f,
      n / 2 AS g, -7 / 2 AS h, (n + 1) % 3 AS i, s = 'apple' AS j, s ILIKE 'APP%' AS k FROM ex ORDER BY id LIMIT 3 OFFSET 1;
    CREATE TABLE cs (name varchar(10) PRIMARY KEY);
    INSERT INTO cs VALUES ('Apple'), ('apple'), ('ÁPPLE');
    CREATE FUNCTION halves(a integer) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE b integer := 3;
    BEGIN
      RETURN a / 2 + b / 2;
    END $$;`);
  await same('SELECT id, a, b, c, d, e, f, g, h, i, j, k FROM ex_v ORDER BY id');
  // Case- and accent-sensitive keys and comparisons, as in PostgreSQL.
  await same("SELECT count(*) AS n FROM cs WHERE name = 'apple'");
  await same('SELECT count(DISTINCT name) AS n FROM cs');
  await same('SELECT halves(7) AS a, halves(-7) AS b');
});
