import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyScript } from '../../../electron/node/apply/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient, type FreshDatabase } from '../../harness/db.js';

const myUrl = mysqlUrlFromEnv();
const skip = myUrl ? false : 'DBSHIFT_TEST_MYSQL_URL not set';

/** Everything about the database's structure and the pre-existing table's rows. */
async function snapshot(db: FreshDatabase): Promise<unknown> {
  const q = (sql: string) => db.query(sql, [db.name]);
  return {
    tables: await q('SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY 1'),
    columns: await q('SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, ORDINAL_POSITION'),
    indexes: await q('SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2, SEQ_IN_INDEX'),
    constraints: await q('SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2'),
    routines: await q('SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY 1'),
    triggers: await q('SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1'),
    rows: await db.query('SELECT * FROM keep ORDER BY id'),
  };
}

const CREATES = `-- @dbshift object=table:parent
CREATE TABLE parent (id int PRIMARY KEY, name varchar(20));
-- @dbshift object=table:child
CREATE TABLE child (id int PRIMARY KEY, parent_id int, CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
CREATE INDEX ix_child_parent2 ON child (parent_id, id);
-- @dbshift object=index:ix_keep_label
CREATE INDEX ix_keep_label ON keep (label);
-- @dbshift object=table:keep
ALTER TABLE keep ADD CONSTRAINT uq_keep_label UNIQUE (label, id);
-- @dbshift object=data:parent
INSERT INTO parent VALUES (1, 'p');
-- @dbshift object=view:v_parent
CREATE VIEW v_parent AS SELECT id, name FROM parent;
-- @dbshift object=procedure:add_parent
DELIMITER //
CREATE PROCEDURE add_parent(IN p_id int, IN p_name varchar(20))
BEGIN
  INSERT INTO parent VALUES (p_id, p_name);
  SELECT COUNT(*) FROM parent;
END//
DELIMITER ;
-- @dbshift object=trigger:parent_bi
CREATE TRIGGER parent_bi BEFORE INSERT ON parent FOR EACH ROW SET NEW.name = UPPER(NEW.name);
`;
const FAILING = `-- @dbshift object=table:broken
CREATE TABLE broken (id int REFERENCES nosuch (id), FOREIGN KEY (id) REFERENCES nosuch (id));
-- @dbshift object=table:after
CREATE TABLE after_failure (id int);
`;

test('MariaDB apply: statement by statement, exact record', { skip }, async () => {
  const db = await freshMysqlDatabase('apply_my_ok');
  try {
    await db.query('CREATE TABLE keep (id int PRIMARY KEY, label varchar(20))');
    const r = await applyScript(CREATES, db.url);
    assert.equal(r.ok, true, JSON.stringify(r.failure));
    assert.equal(r.mode, 'statement-by-statement');
    assert.equal(r.statements.length, 9);
    assert.ok(r.statements.every((s) => s.status === 'applied'));
    assert.deepEqual(r.statements.map((s) => s.object), [
      'table:parent', 'table:child', 'table:child', 'index:ix_keep_label', 'table:keep', 'data:parent', 'view:v_parent', 'procedure:add_parent', 'trigger:parent_bi',
    ]);
    assert.equal(r.statements[7]?.line, 16, 'the procedure starts after the DELIMITER line');
    await db.query('CALL add_parent(2, ?)', ['q']);
    assert.deepEqual(await db.query('SELECT id, name FROM v_parent ORDER BY id'), [{ id: 1, name: 'p' }, { id: 2, name: 'Q' }]);
  } finally { await db.drop(); }
});

test('MariaDB apply: a failure stops the run and the undo script restores the original state', { skip }, async () => {
  const db = await freshMysqlDatabase('apply_my_undo');
  try {
    await db.query('CREATE TABLE keep (id int PRIMARY KEY, label varchar(20))');
    await db.query(`INSERT INTO keep VALUES (1, 'one')`);
    const before = await snapshot(db);
    const r = await applyScript(CREATES + FAILING, db.url);
    assert.equal(r.ok, false);
    assert.equal(r.failure?.index, 9);
    assert.equal(r.failure?.object, 'table:broken');
    assert.equal(r.failure?.line, 25);
    assert.match(r.failure?.message ?? '', /foreign key/i);
    assert.deepEqual(r.statements.map((s) => s.status), [...Array(9).fill('applied'), 'failed', 'not-run']);
    assert.deepEqual(r.undoLimitations, []);
    assert.ok(r.undoScript);
    assert.notDeepEqual(await snapshot(db), before, 'the applied statements stay applied');
    await runMysqlClient(db.url, r.undoScript);
    assert.deepEqual(await snapshot(db), before);
  } finally { await db.drop(); }
});

test('MariaDB apply: what the undo script cannot restore is said plainly', { skip }, async () => {
  const db = await freshMysqlDatabase('apply_my_limits');
  try {
    await db.query('CREATE TABLE keep (id int PRIMARY KEY, label varchar(20))');
    const script = `CREATE TABLE fresh (id int);
INSERT INTO fresh VALUES (1);
ALTER TABLE keep ADD COLUMN extra int;
INSERT INTO keep VALUES (5, 'five', 0);
CREATE TABLE fresh (id int);
`;
    const r = await applyScript(script, db.url);
    assert.equal(r.ok, false);
    assert.equal(r.failure?.index, 4);
    assert.equal(r.undoLimitations?.length, 2);
    assert.match(r.undoLimitations![0]!, /line 3\): ALTER TABLE .*keep ADD COLUMN extra/);
    assert.match(r.undoLimitations![1]!, /line 4\): INSERT changed rows of the pre-existing table .*keep/);
    assert.match(r.undoScript!, /NOT UNDONE/);
    await runMysqlClient(db.url, r.undoScript!);
    assert.deepEqual(await db.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'fresh'`, [db.name]), [{ n: '0' }]); // COUNT(*) is BIGINT: a string with bigNumberStrings
  } finally { await db.drop(); }
});

test('MariaDB apply cancelled half-way: exact record and an undo script for what was done', { skip }, async () => {
  const db = await freshMysqlDatabase('apply_my_cancel');
  try {
    await db.query('CREATE TABLE keep (id int PRIMARY KEY, label varchar(20))');
    const before = await snapshot(db);
    const ac = new AbortController();
    const r = await applyScript(CREATES, db.url, { signal: ac.signal, onProgress: (done) => { if (done === 3) ac.abort(); } });
    assert.equal(r.ok, false);
    assert.match(r.failure?.message ?? '', /cancelled/);
    assert.deepEqual(r.statements.map((s) => s.status), ['applied', 'applied', 'applied', 'failed', ...Array(5).fill('not-run')]);
    await runMysqlClient(db.url, r.undoScript!);
    assert.deepEqual(await snapshot(db), before);
  } finally { await db.drop(); }
});

test('MariaDB apply: undo restores what CREATE OR REPLACE replaced (view and procedure definitions)', { skip }, async () => {
  const db = await freshMysqlDatabase('apply_my_replace');
  try {
    await db.query('CREATE TABLE keep (id int PRIMARY KEY, label varchar(20))');
    await db.query(`INSERT INTO keep VALUES (1, 'one')`);
    await db.query('CREATE VIEW v_keep AS SELECT id FROM keep');
    await runMysqlClient(db.url, 'DELIMITER //\nCREATE PROCEDURE p_keep() BEGIN SELECT 1 AS x; SELECT 2 AS y; END//\nDELIMITER ;\n');
    const definitions = async () => ({
      view: await db.query('SELECT VIEW_DEFINITION AS d FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?', [db.name]),
      proc: await db.query('SELECT ROUTINE_DEFINITION AS d FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?', [db.name]),
    });
    const before = await definitions();
    const script = `CREATE OR REPLACE VIEW v_keep AS SELECT id, label FROM keep;
DELIMITER //
CREATE OR REPLACE PROCEDURE p_keep() BEGIN SELECT 3 AS z; END//
DELIMITER ;
CREATE TABLE keep (id int);
`;
    const r = await applyScript(script, db.url);
    assert.equal(r.ok, false);
    assert.equal(r.failure?.index, 2);
    assert.notDeepEqual(await definitions(), before);
    await runMysqlClient(db.url, r.undoScript!);
    assert.deepEqual(await definitions(), before);
  } finally { await db.drop(); }
});
