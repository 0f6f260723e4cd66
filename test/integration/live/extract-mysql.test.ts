import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert } from '../../../converters/convert.js';
import { mysqlFrontEnd } from '../../../converters/dialects/mysql/index.js';
import type { CatalogObject } from '../../../converters/model/index.js';
import { extractCatalog } from '../../../electron/node/extract/index.js';
import { freshMysqlDatabase, mysqlUrlFromEnv, runMysqlClient } from '../../harness/db.js';
import { catalogFacts, convertedFacts, sakila } from './corpus.js';

const skip = mysqlUrlFromEnv() ? false : 'DBSHIFT_TEST_MYSQL_URL not set';
const serverUrl = (dbUrl: string): string => dbUrl.replace(/\/[^/]*$/, '/');

/**
 * Known, explained differences between Sakila as MariaDB stores it and as the front end reads
 * the script (which it reads the way MySQL would):
 * - MariaDB does not run MySQL 5.7+ versioned comments (/*!50705 … *\/), so the live address
 *   table has no `location` column and no `idx_location` index;
 * - BOOLEAN is stored as TINYINT(1): the catalog cannot tell them apart;
 * - InnoDB creates an index, named after the constraint, for a foreign key without one.
 */
function normalise(facts: string[], fkNames: Set<string>): string[] {
  return facts
    .filter((f) => !/\blocation\b|idx_location/.test(f))
    .filter((f) => !(f.startsWith('index ') && fkNames.has(f.split(' ')[1]!.split('.')[1]!)))
    .map((f) => f.replace(/ bool( |$)/, ' tinyint dw=1$1'));
}

test('Sakila extracted live gives the same objects as parsing its scripts, and converts to the same PostgreSQL objects', { skip, timeout: 300_000 }, async () => {
  const db = await freshMysqlDatabase('sakila');
  try {
    await db.query(`DROP DATABASE \`${db.name}\``);
    const schema = sakila('schema', db.name);
    const data = sakila('data', db.name);
    await runMysqlClient(serverUrl(db.url), schema);
    // The corpus data has one corrupted DATETIME ('20actoractor…05-08-23 19:54:24' in rental);
    // --force loads everything else. Only this catalog's objects matter here.
    const loaded = await runMysqlClient(db.url, data, { allowFailure: true, args: ['--force'] });
    const errors = loaded.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /^ERROR 1292 \(22007\).*'20actoractor.*`rental`\.`rental_date`/);

    const live = await extractCatalog(db.url, { schemas: [db.name] });
    const file = mysqlFrontEnd.parse([{ path: 'sakila-schema.sql', text: schema }, { path: 'sakila-data.sql', text: data }]);
    const fkNames = new Set(live.catalog.objects.flatMap((o) => (o.kind === 'Table' ? o.constraints.filter((c) => c.kind === 'ForeignKey').map((c) => c.name ?? '') : [])));
    const liveFacts = normalise(catalogFacts(live.catalog), fkNames);
    assert.deepEqual(liveFacts, normalise(catalogFacts(file.catalog), fkNames));
    assert.equal(liveFacts.filter((f) => f.startsWith('table ')).length, 16);
    assert.equal(liveFacts.filter((f) => f.startsWith('View ')).length, 7);
    assert.equal(liveFacts.filter((f) => f.startsWith('trigger ')).length, 6);
    assert.ok(liveFacts.includes('function get_customer_balance(in p_customer_id int, in p_effective_date datetime)'));
    assert.ok(liveFacts.some((f) => f.startsWith('procedure film_in_stock(in p_film_id int, in p_store_id int, out p_film_count int)')));
    assert.ok(liveFacts.includes('index film_text.idx_title_description (title,description) fulltext'));

    const files = new Set(live.sources.map((s) => s.path));
    for (const o of live.catalog.objects) assert.ok(files.has(o.span.file), `${o.kind} span ${o.span.file}`);

    const liveConv = convertedFacts(convert(live.catalog, { target: 'postgres' }));
    const fileConv = convertedFacts(convert(file.catalog, { target: 'postgres' }));
    const conv = (facts: string[]): string[] => facts
      // Rows are not extracted (replication moves data), so the scripts' data objects are left out.
      .filter((f) => !fkNames.has(f.split(' ')[1]!) && !f.startsWith('Data '))
      .map((f) => (f.startsWith('Table address ') ? 'Table address' : f));
    assert.deepEqual(conv(liveConv), conv(fileConv));
  } finally { await db.drop(); }
});

async function makeTables(url: string, n: number): Promise<void> {
  const parts = ['SET FOREIGN_KEY_CHECKS = 0;', 'CREATE TABLE t0 (id int PRIMARY KEY, name text);'];
  for (let i = 1; i < n; i++) {
    parts.push(`CREATE TABLE t${i} (id int PRIMARY KEY, ref int, label varchar(20) CHECK (label <> ''), KEY ix_t${i} (label), CONSTRAINT fk_t${i} FOREIGN KEY (ref) REFERENCES t${i - 1} (id));`);
  }
  await runMysqlClient(url, parts.join('\n'));
}

test('MariaDB extraction sends the same number of catalog queries for 10 and for 200 tables', { skip, timeout: 300_000 }, async () => {
  const small = await freshMysqlDatabase('qc_small');
  const big = await freshMysqlDatabase('qc_big');
  try {
    await makeTables(small.url, 10);
    await makeTables(big.url, 200);
    const a = await extractCatalog(small.url, { schemas: [small.name] });
    const b = await extractCatalog(big.url, { schemas: [big.name] });
    assert.equal(a.catalog.objects.filter((o) => o.kind === 'Table').length, 10);
    assert.equal(b.catalog.objects.filter((o) => o.kind === 'Table').length, 200);
    assert.equal(a.queryCount, b.queryCount);
    assert.ok(a.queryCount < 20, `queryCount ${a.queryCount}`);
  } finally { await small.drop(); await big.drop(); }
});

test('MariaDB extraction: JSON, generated and default expressions, checks, partitions, sequences, events, routines, trigger order', { skip }, async () => {
  const db = await freshMysqlDatabase('my_kinds');
  try {
    await runMysqlClient(db.url, `
      CREATE TABLE item (
        id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
        doc JSON,
        qty int NOT NULL DEFAULT 1 COMMENT 'how many',
        price decimal(10,2) NOT NULL DEFAULT (qty * 2),
        total decimal(12,2) AS (qty * price) STORED,
        kind ENUM('a','b') NOT NULL DEFAULT 'a',
        flags SET('x','y'),
        name varchar(20) CHARACTER SET latin1 COLLATE latin1_bin,
        created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        CONSTRAINT qty_pos CHECK (qty > 0)
      ) ENGINE=InnoDB AUTO_INCREMENT=50 COMMENT='stock';
      CREATE TABLE logs (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))
        PARTITION BY RANGE (y) (PARTITION p2020 VALUES LESS THAN (2021), PARTITION pmax VALUES LESS THAN MAXVALUE);
      DELIMITER //
      CREATE FUNCTION twice(n int) RETURNS int DETERMINISTIC RETURN n * 2//
      CREATE PROCEDURE bump(INOUT n int, IN by_ int) BEGIN SET n = n + by_; END//
      CREATE TRIGGER t1 BEFORE INSERT ON item FOR EACH ROW SET NEW.qty = NEW.qty + 1//
      CREATE TRIGGER t2 BEFORE INSERT ON item FOR EACH ROW FOLLOWS t1 SET NEW.qty = NEW.qty * 2//
      CREATE SEQUENCE seq_a START WITH 10 INCREMENT BY 5 NOCACHE//
      SELECT NEXTVAL(seq_a), NEXTVAL(seq_a)//
      CREATE EVENT purge_logs ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM logs WHERE y < 2000//
      DELIMITER ;
    `);
    const r = await extractCatalog(db.url, { schemas: [db.name] });
    const find = <K extends CatalogObject['kind']>(kind: K, name: string) =>
      r.catalog.objects.find((o): o is Extract<CatalogObject, { kind: K }> => o.kind === kind && 'name' in o && typeof o.name === 'object' && o.name.name === name);
    const item = find('Table', 'item');
    assert.ok(item, JSON.stringify(r.diagnostics));
    const col = (n: string) => item.columns.find((c) => c.name === n);
    assert.equal(col('doc')?.dataType.name, 'json');
    assert.equal(item.constraints.filter((c) => c.kind === 'Check').length, 1, 'the json_valid() check MariaDB adds for JSON is not a user check');
    assert.equal(col('id')?.identity?.style, 'auto_increment');
    assert.equal(col('qty')?.comment, 'how many');
    assert.ok(col('price')?.default, 'expression default');
    assert.equal(col('total')?.generated?.stored, true);
    assert.deepEqual(col('kind')?.dataType.values, ['a', 'b']);
    assert.deepEqual(col('flags')?.dataType.values, ['x', 'y']);
    assert.equal(col('name')?.collation ?? col('name')?.dataType.collation, 'latin1_bin');
    assert.ok(col('created')?.onUpdate);
    assert.equal(item.comment, 'stock');
    assert.equal(find('Table', 'logs')?.partitioning?.partitions.length, 2);
    const twice = find('Routine', 'twice');
    assert.equal(twice?.routineKind, 'function');
    assert.equal(twice?.returns?.kind, 'type');
    const bump = find('Routine', 'bump');
    assert.deepEqual(bump?.params.map((p) => [p.mode, p.name]), [['inout', 'n'], ['in', 'by_']]);
    assert.equal(bump?.body.kind, 'Block');
    assert.deepEqual(find('Trigger', 't2')?.order, { position: 'follows', other: 't1' });
    const seq = find('Sequence', 'seq_a');
    assert.deepEqual([seq?.start, seq?.increment, seq?.currentValue], [10, 5, 15], 'handed out 10 and 15');
    const ev = find('Event', 'purge_logs');
    assert.equal(ev?.enabled, false);
    assert.equal(ev?.schedule.every?.unit.toUpperCase(), 'DAY');
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'critical' || d.code.startsWith('EX')), []);
  } finally { await db.drop(); }
});
