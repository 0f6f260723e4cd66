import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';

/** pg_dump's shape for identity tables: CREATE TABLE, ADD GENERATED … (SEQUENCE NAME), then setval at the end. */
function identityDump(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`CREATE TABLE public.t${i} (id integer NOT NULL, ref integer, v text);`);
    out.push(`ALTER TABLE public.t${i} ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.t${i}_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);`);
  }
  for (let i = 0; i < n; i++) out.push(`SELECT pg_catalog.setval('public.t${i}_id_seq', ${i + 5}, true);`);
  for (let i = 1; i < n; i++) out.push(`ALTER TABLE ONLY public.t${i} ADD CONSTRAINT t${i}_ref_fkey FOREIGN KEY (ref) REFERENCES public.t${i - 1}(id);`);
  return `${out.join('\n')}\n`;
}

test('identity setval: understood for every table, also after other tables are dropped', () => {
  const r = postgresFrontEnd.parse([{ path: 'd.sql', text: identityDump(50) }]);
  assert.deepEqual(r.diagnostics, []);
  const after = postgresFrontEnd.parse([{ path: 'd.sql', text: `${identityDump(3)}DROP TABLE public.t1 CASCADE;\nSELECT pg_catalog.setval('public.t1_id_seq', 9, true);\nSELECT pg_catalog.setval('public.t2_id_seq', 9, true);\n` }]);
  const never = postgresFrontEnd.parse([{ path: 'd.sql', text: `SELECT pg_catalog.setval('public.t1_id_seq', 9, true);\n` }]);
  // t1's setval after the drop is treated like one for a sequence that never existed; t2's is fine.
  assert.deepEqual(after.diagnostics.map((d) => [d.code, d.message]), never.diagnostics.map((d) => [d.code, d.message]));
});

test('pg_dump-shaped scripts: 10× the tables cost about 10× the time', () => {
  const time = (n: number): number => {
    const text = identityDump(n);
    const t0 = performance.now();
    const r = postgresFrontEnd.parse([{ path: 'd.sql', text }]);
    const ms = performance.now() - t0;
    assert.equal(r.catalog.objects.filter((o) => o.kind === 'Table').length, n);
    return ms;
  };
  time(100);
  const small = time(200);
  const big = time(2000);
  // Quadratic would be 100×; generous slack for a loaded machine.
  assert.ok(big < Math.max(small, 5) * 30, `${small.toFixed(1)} ms vs ${big.toFixed(1)} ms`);
});
