import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScripts } from '../../../converters/index.js';
import { planSchema } from '../../../electron/node/replication/schema.js';
import { parseTableMappings, parseTaskSettings } from '../../../electron/node/replication/task/index.js';

const DDL = `CREATE TABLE customers (id int unsigned PRIMARY KEY AUTO_INCREMENT, Name varchar(40), secret varchar(10), KEY (Name));
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int unsigned, FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
CREATE TABLE skipped (id int PRIMARY KEY);`;

test('the target schema is the converted one, after the table mapping renames', () => {
  const catalog = parseScripts('mysql', [{ path: 'shop.sql', text: DDL }], { defaultSchema: 'shop' }).catalog;
  const m = parseTableMappings(JSON.stringify({ rules: [
    { 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'schema-name': 'shop', 'table-name': '%' }, 'rule-action': 'include' },
    { 'rule-type': 'selection', 'rule-id': '2', 'rule-name': '2', 'object-locator': { 'schema-name': 'shop', 'table-name': 'skip%' }, 'rule-action': 'exclude' },
    { 'rule-type': 'transformation', 'rule-id': '3', 'rule-name': '3', 'rule-action': 'rename', 'rule-target': 'schema', 'object-locator': { 'schema-name': 'shop' }, value: 'store' },
    { 'rule-type': 'transformation', 'rule-id': '4', 'rule-name': '4', 'rule-action': 'add-prefix', 'rule-target': 'table', 'object-locator': { 'schema-name': 'shop', 'table-name': 'customers' }, value: 'crm_' },
    { 'rule-type': 'transformation', 'rule-id': '5', 'rule-name': '5', 'rule-action': 'remove-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 'shop', 'table-name': 'customers', 'column-name': 'secret' } },
    { 'rule-type': 'transformation', 'rule-id': '6', 'rule-name': '6', 'rule-action': 'add-column', 'rule-target': 'column', 'object-locator': { 'schema-name': 'shop', 'table-name': 'customers' }, value: 'label', expression: "upper($Name)", 'data-type': { type: 'string', length: 40 } },
  ] }));
  const { settings } = parseTaskSettings(JSON.stringify({ FullLoadSettings: { CreatePkAfterFullLoad: true } }));
  const plan = planSchema(catalog, m, settings);
  assert.deepEqual(plan.tables.map((t) => `${t.target.schema}.${t.target.table}`).sort(), ['store.crm_customers', 'store.orders']);
  const cust = plan.tables.find((t) => t.source.table === 'customers')!;
  const create = cust.create.join('\n');
  assert.match(create, /CREATE TABLE "store"\."crm_customers"/);
  assert.doesNotMatch(create, /secret/);
  assert.match(create, /"label" varchar\(40\)/);
  assert.doesNotMatch(create, /PRIMARY KEY/, 'CreatePkAfterFullLoad takes the key out of CREATE TABLE');
  assert.equal(cust.deferredPk, '"id"');
  assert.equal(cust.columnMap.get('secret'), undefined);
  // The secondary index and the foreign key wait for the load, pointing at the renamed table.
  const after = plan.tables.flatMap((t) => t.after).join('\n');
  assert.match(after, /CREATE INDEX .* ON "store"\."crm_customers"/);
  assert.match(after, /FOREIGN KEY \("customer_id"\) REFERENCES "store"\."crm_customers" \("id"\) ON DELETE CASCADE/);
});
