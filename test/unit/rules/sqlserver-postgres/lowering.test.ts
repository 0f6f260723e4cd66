import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replaceParameters } from '../../../../converters/rules/sqlserver-postgres/dynamic-sql.js';
import { delaySeconds } from '../../../../converters/rules/sqlserver-postgres/waitfor.js';

test('sp_executesql text: @names outside strings, "quoted" and [bracketed] names are replaced; @@globals and unknown names are kept', () => {
  const known = new Map([['id', '$1'], ['q', '$2']]);
  const to = (n: string): string | undefined => known.get(n.toLowerCase());
  assert.equal(replaceParameters("UPDATE t SET a = @Q, b = '@q', [@q] = 1 WHERE id = @id AND x = @@ROWCOUNT AND y = @other", to),
    "UPDATE t SET a = $2, b = '@q', [@q] = 1 WHERE id = $1 AND x = @@ROWCOUNT AND y = @other");
  assert.equal(replaceParameters("SELECT 'it''s @id', \"@id\" FROM t WHERE c = @id", to), "SELECT 'it''s @id', \"@id\" FROM t WHERE c = $1");
  assert.equal(replaceParameters('@id', to), '$1');
});

test("WAITFOR DELAY times: 'hh:mm[:ss[.fff]]' in seconds; malformed ones are undefined", () => {
  assert.equal(delaySeconds('00:00:05'), 5);
  assert.equal(delaySeconds('01:02:03'), 3723);
  assert.equal(delaySeconds('00:00:00.300'), 0.3);
  assert.equal(delaySeconds('00:00:01.5'), 1.5);
  assert.equal(delaySeconds('00:10'), 600);
  assert.equal(delaySeconds('00:61:00'), undefined);
  assert.equal(delaySeconds('soon'), undefined);
});
