// An object a rule could not convert carries the rule's finding; the generator keeps its text as a
// comment without a second finding (UnparsedObject.reported) — one statement, one finding, for both
// targets. Without `reported` the generator says why itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, UnparsedObject } from '../../../../converters/index.js';
import { postgresGenerator } from '../../../../converters/generators/postgres/index.js';
import { mysqlGenerator } from '../../../../converters/generators/mysql/index.js';

const span = { file: 'in.sql', line: 3, column: 1, endLine: 3, endColumn: 20 };
const unparsed = (reported: boolean): UnparsedObject => ({
  kind: 'UnparsedObject', objectType: 'view', name: { name: 'v' }, span, ...(reported ? { reported: true } : {}),
  statement: { kind: 'Unparsed', text: 'CREATE VIEW v AS …', reason: 'uses PIVOT', span },
});

for (const [label, gen] of [['PostgreSQL', postgresGenerator], ['MySQL', mysqlGenerator]] as const) {
  test(`${label} generator: a reported object is kept as a comment with no finding of its own; an unreported one gets one`, () => {
    for (const reported of [true, false]) {
      const catalog: Catalog = { dialect: 'sqlserver', objects: [unparsed(reported)] };
      const r = gen.generate(catalog, { target: label === 'PostgreSQL' ? 'postgres' : 'mysql' });
      const findings = [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];
      assert.equal(r.objects.length, 1);
      assert.equal(r.objects[0]!.status, 'not-converted');
      assert.equal(findings.length, reported ? 0 : 1, `${label}, reported=${reported}: ${findings.map((d) => d.code).join(', ')}`);
    }
  });
}
