// Local subprograms: lifted to <routine>__<sub> only when that is exact; the rest stay action items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convert, parseScripts, type ConvertResult } from '../../../../converters/index.js';

const run = (text: string): ConvertResult => convert(parseScripts('oracle', [{ path: 't.sql', text }]).catalog, { target: 'postgres' });
const all = (r: ConvertResult) => [...r.diagnostics, ...r.objects.flatMap((o) => o.diagnostics)];

test('a subprogram reading an enclosing variable stays, and so does one calling it; independent ones are lifted', () => {
  const r = run(`CREATE OR REPLACE PROCEDURE outer_p(p_n NUMBER) IS
  v_base NUMBER := 10;
  FUNCTION free_f(x NUMBER) RETURN NUMBER IS BEGIN RETURN x + 1; END;
  PROCEDURE bump(x IN OUT NUMBER) IS BEGIN x := x + v_base; END;
  PROCEDURE via_bump(x IN OUT NUMBER) IS BEGIN bump(x); END;
  FUNCTION uses_param RETURN NUMBER IS BEGIN RETURN p_n; END;
  FUNCTION ov(x NUMBER) RETURN NUMBER IS BEGIN RETURN x; END;
  FUNCTION ov(x VARCHAR2) RETURN NUMBER IS BEGIN RETURN 1; END;
BEGIN
  v_base := free_f(p_n);
  via_bump(v_base);
END;
/`);
  const routines = r.objects.filter((o) => o.ref.type === 'Procedure' || o.ref.type === 'Function').map((o) => o.ref.name).sort();
  assert.deepEqual(routines, ['outer_p', 'outer_p__free_f']);
  const outer = r.objects.find((o) => o.ref.name === 'outer_p')!;
  assert.match(outer.statements[0]!, /outer_p__free_f\("p_n"\)/);
  const left = all(r).find((d) => d.code === 'OG0055')!;
  assert.match(left.message, /bump, via_bump, uses_param, ov, ov/);
  assert.equal(outer.status, 'converted-with-actions');
});
