import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePostgresStatement, postgresFrontEnd } from '../../../../converters/dialects/postgres/index.js';
import type { Block, Diagnostic, Routine, Statement } from '../../../../converters/model/index.js';
import { walk } from '../../../../converters/model/index.js';

function routine(sql: string): { r: Routine; diags: Diagnostic[] } {
  const res = postgresFrontEnd.parse([{ path: 'f.sql', text: sql }]);
  const r = res.catalog.objects.find((o) => o.kind === 'Routine');
  assert.ok(r && r.kind === 'Routine', `a routine in ${JSON.stringify(res.catalog.objects.map((o) => o.kind))} ${JSON.stringify(res.diagnostics.map((d) => d.message))}`);
  return { r, diags: res.diagnostics };
}
function block(sql: string): Block {
  const { r, diags } = routine(sql);
  assert.deepEqual(diags.map((d) => d.message), []);
  assert.equal(r.body.kind, 'Block');
  return r.body as Block;
}
const fn = (body: string, params = '', extra = ''): string => `CREATE OR REPLACE FUNCTION f(${params}) RETURNS int LANGUAGE plpgsql ${extra} AS $fn$\n${body}\n$fn$;`;

test('routine header: params with modes, defaults, unnamed; RETURNS TABLE / SETOF / trigger / void; attributes', () => {
  const { r } = routine(`CREATE FUNCTION s.g(a integer, INOUT b text DEFAULT 'x', OUT c numeric, VARIADIC d int[], integer)
    RETURNS SETOF record LANGUAGE sql STABLE STRICT SECURITY DEFINER PARALLEL SAFE COST 10 ROWS 5 SET search_path = public
    AS 'SELECT 1'`);
  assert.deepEqual(r.params.map((p) => [p.name, p.mode, p.dataType.name]), [['a', 'in', 'int'], ['b', 'inout', 'text'], ['c', 'out', 'decimal'], ['d', 'variadic', 'int'], ['', 'in', 'int']]);
  assert.equal(r.params[1]!.default?.kind, 'Literal');
  assert.deepEqual([r.volatility, r.strict, r.security, r.parallel, r.language], ['stable', true, 'definer', 'safe', 'sql']);
  assert.equal(r.returns?.kind, 'type');
  assert.ok(r.returns?.kind === 'type' && r.returns.setOf);
  const t = routine('CREATE FUNCTION t() RETURNS TABLE (id int, name text) AS $$ SELECT 1, \'a\' $$ LANGUAGE sql').r;
  assert.ok(t.returns?.kind === 'table');
  assert.deepEqual(t.returns.columns.map((c) => c.name), ['id', 'name']);
  assert.equal(routine('CREATE FUNCTION tr() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$').r.returns?.kind, 'trigger');
  assert.equal(routine('CREATE FUNCTION v() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$').r.returns?.kind, 'void');
  const p = routine('CREATE PROCEDURE p(IN x int) LANGUAGE plpgsql AS $$ BEGIN COMMIT; END $$').r;
  assert.equal(p.routineKind, 'procedure');
  assert.equal(p.returns, undefined);
});

test('declarations: types, CONSTANT, NOT NULL, defaults, %TYPE, %ROWTYPE, RECORD, cursors, ALIAS', () => {
  const b = block(fn(`DECLARE
  a integer := 1;
  b CONSTANT text = 'x';
  c numeric(5,2) NOT NULL DEFAULT 0;
  d public.t.col%TYPE;
  e t%ROWTYPE;
  r RECORD;
  cur CURSOR (k int) FOR SELECT * FROM t WHERE id = k;
  first ALIAS FOR $1;
BEGIN
  RETURN first + a;
END`, 'integer'));
  const decls = b.declarations;
  assert.deepEqual(decls.map((d) => d.kind), ['VarDecl', 'VarDecl', 'VarDecl', 'VarDecl', 'VarDecl', 'VarDecl', 'CursorDecl']);
  const [a, bb, c, d, e, r, cur] = decls as any[];
  assert.equal(a.dataType.name, 'int');
  assert.equal(a.default.value, '1');
  assert.equal(bb.constant, true);
  assert.deepEqual([c.dataType.precision, c.notNull], [5, true]);
  assert.deepEqual(d.typeRef, { of: { schema: 'public', name: 't' }, column: 'col' });
  assert.deepEqual(e.typeRef, { of: { name: 't' }, rowtype: true });
  assert.equal(r.record, true);
  assert.deepEqual(cur.params.map((x: any) => x.name), ['k']);
  const where = cur.query.where;
  assert.deepEqual([where.right.kind, where.right.name], ['Variable', 'k'], 'cursor parameter resolves as a variable');
  const ret = b.body[0] as any;
  assert.deepEqual([ret.value.left.kind, ret.value.left.name, ret.value.left.scope], ['Variable', '1', 'positional'], 'ALIAS FOR $1 is the same Variable as $1');
  assert.deepEqual([ret.value.right.kind, ret.value.right.scope], ['Variable', 'local']);
});

test('variables and parameters resolve as local Variables, columns stay ColumnRefs; NEW.col stays a ColumnRef', () => {
  const b = block(fn(`DECLARE total int;
BEGIN
  SELECT count(*) INTO STRICT total FROM t WHERE t.owner = p_owner AND amount > 0;
  NEW.updated := now();
  RETURN total;
END`, 'p_owner int'));
  const sel = b.body[0] as any;
  assert.equal(sel.kind, 'SqlStatement');
  assert.equal(sel.strict, true);
  assert.deepEqual(sel.statement.into.map((e: any) => [e.kind, e.name]), [['Variable', 'total']]);
  const where = sel.statement.where;
  assert.deepEqual([where.left.left.kind, where.left.right.kind, where.left.right.name], ['ColumnRef', 'Variable', 'p_owner']);
  assert.deepEqual(where.right.left.kind, 'ColumnRef');
  const asg = b.body[1] as any;
  assert.deepEqual([asg.kind, asg.target.kind, asg.target.parts], ['Assign', 'ColumnRef', ['new', 'updated']]);
});

test('control flow: IF/ELSIF/ELSE, CASE, loops with labels, EXIT/CONTINUE WHEN, FOR ranges and queries', () => {
  const b = block(fn(`DECLARE i int := 0; r record; s int := 0;
BEGIN
  IF i = 0 THEN s := 1; ELSIF i = 1 THEN s := 2; ELSEIF i = 2 THEN NULL; ELSE s := 3; END IF;
  CASE i WHEN 1, 2 THEN s := 10; ELSE s := 20; END CASE;
  CASE WHEN i > 0 THEN s := 1; END CASE;
  <<outer>> LOOP
    i := i + 1;
    EXIT outer WHEN i > 10;
    CONTINUE WHEN i % 2 = 0;
  END LOOP outer;
  WHILE i > 0 LOOP i := i - 1; END LOOP;
  FOR k IN REVERSE 10..1 BY 2 LOOP s := s + k; END LOOP;
  FOR k IN 1..array_length(ARRAY[1,2], 1) LOOP s := s + k; END LOOP;
  FOR r IN SELECT id FROM t ORDER BY id LOOP s := s + r.id; END LOOP;
  FOR r IN EXECUTE 'SELECT 1 AS id' USING i LOOP s := s + 1; END LOOP;
  RETURN s;
END`));
  const kinds = b.body.map((s) => s.kind);
  assert.deepEqual(kinds, ['If', 'CaseStatement', 'CaseStatement', 'Loop', 'While', 'ForRange', 'ForRange', 'ForQuery', 'ForQuery', 'Return']);
  const iff = b.body[0] as any;
  assert.equal(iff.branches.length, 3);
  assert.equal(iff.else.length, 1);
  const cs = b.body[1] as any;
  assert.equal(cs.whens.length, 2, 'WHEN 1, 2 → two entries with the same body');
  const loop = b.body[3] as any;
  assert.equal(loop.label, 'outer');
  assert.deepEqual(loop.body.map((s: Statement) => s.kind), ['Assign', 'Leave', 'Iterate']);
  assert.equal(loop.body[1].label, 'outer');
  assert.equal(loop.body[1].when.kind, 'Binary');
  const fr = b.body[5] as any;
  assert.deepEqual([fr.variable, fr.reverse, fr.from.value, fr.to.value, fr.step.value], ['k', true, '10', '1', '2']);
  assert.equal(fr.body[0].value.right.kind, 'Variable', 'loop variable k is in scope');
  const fr2 = b.body[6] as any;
  assert.equal(fr2.to.kind, 'FunctionCall');
  const fq = b.body[7] as any;
  assert.equal(fq.query.kind, 'Select');
  const fe = b.body[8] as any;
  assert.equal(fe.dynamic.kind, 'Literal');
  assert.equal(fe.using.length, 1);
});

test('RETURN forms, RAISE, PERFORM, EXECUTE, GET DIAGNOSTICS, cursors, transactions, CALL, DML RETURNING INTO', () => {
  const b = block(fn(`DECLARE c refcursor; v int; n int; msg text;
BEGIN
  RETURN NEXT v;
  RETURN QUERY SELECT 1;
  RETURN QUERY EXECUTE 'SELECT $1' USING v;
  RAISE NOTICE 'value % and %', v, n;
  RAISE EXCEPTION 'bad' USING ERRCODE = '22012', HINT = 'fix it';
  RAISE unique_violation USING MESSAGE = 'dup';
  RAISE SQLSTATE 'P0001';
  PERFORM pg_sleep(0);
  EXECUTE 'UPDATE t SET a = $1' INTO v USING n;
  GET DIAGNOSTICS n = ROW_COUNT;
  OPEN c FOR SELECT id FROM t;
  FETCH NEXT FROM c INTO v;
  FETCH c INTO v;
  CLOSE c;
  INSERT INTO t (a) VALUES (v) RETURNING id INTO n;
  UPDATE t SET a = v WHERE id = n;
  DELETE FROM t WHERE id = n;
  CALL p(v, 2);
  COMMIT;
  ROLLBACK;
  RETURN;
EXCEPTION
  WHEN division_by_zero OR SQLSTATE '22003' THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
    RAISE;
  WHEN OTHERS THEN NULL;
END`));
  const [nxt, rq, rqe, n1, ex, uv, ss, pf, exe, gd, op, f1, f2, cl, ins, upd, del, call, com, rb, ret] = b.body as any[];
  assert.deepEqual([nxt.kind, nxt.next, nxt.value.name], ['Return', true, 'v']);
  assert.equal(rq.query.kind, 'Select');
  assert.deepEqual([rqe.dynamic.kind, rqe.dynamic.using.length], ['DynamicSql', 1]);
  assert.deepEqual([n1.level, n1.message.value, n1.formatArgs.length], ['notice', 'value % and %', 2]);
  assert.deepEqual([ex.level, ex.sqlstate, ex.items[0].name], ['exception', '22012', 'HINT']);
  assert.deepEqual([uv.conditionName, uv.message.value], ['unique_violation', 'dup']);
  assert.equal(ss.sqlstate, 'P0001');
  assert.deepEqual([pf.kind, pf.perform, pf.statement.kind], ['SqlStatement', true, 'Select']);
  assert.deepEqual([exe.kind, exe.into.length, exe.using.length], ['DynamicSql', 1, 1]);
  assert.deepEqual([gd.kind, gd.items[0].item], ['GetDiagnostics', 'ROW_COUNT']);
  assert.deepEqual([op.kind, op.query.kind], ['OpenCursor', 'Select']);
  assert.deepEqual([f1.kind, f1.cursor, f1.direction, f1.into.length], ['Fetch', 'c', 'next', 1]);
  assert.deepEqual([f2.cursor, f2.direction], ['c', undefined]);
  assert.equal(cl.kind, 'CloseCursor');
  assert.deepEqual([ins.statement.kind, ins.into[0].name], ['Insert', 'n']);
  assert.equal(upd.statement.kind, 'Update');
  assert.equal(del.statement.kind, 'Delete');
  assert.deepEqual([call.kind, call.args.length], ['Call', 2]);
  assert.deepEqual([com.action, rb.action], ['commit', 'rollback']);
  assert.deepEqual([ret.kind, ret.value], ['Return', undefined]);
  assert.equal(b.exceptionHandlers.length, 2);
  assert.deepEqual(b.exceptionHandlers[0]!.conditions, [{ kind: 'named', name: 'division_by_zero' }, { kind: 'sqlstate', value: '22003' }]);
  assert.deepEqual(b.exceptionHandlers[0]!.body.map((s) => s.kind), ['GetDiagnostics', 'Raise']);
  assert.equal((b.exceptionHandlers[0]!.body[1] as any).reraise, true);
  assert.deepEqual(b.exceptionHandlers[1]!.conditions, [{ kind: 'others' }]);
});

test('nested blocks with labels; DDL inside code; label-qualified variables', () => {
  const b = block(fn(`<<main>>
DECLARE x int := 1;
BEGIN
  DECLARE x int := 2;
  BEGIN
    main.x := x + 1;
  END;
  CREATE TEMP TABLE tmp (id int PRIMARY KEY);
  DROP TABLE IF EXISTS tmp;
  TRUNCATE other;
  RETURN x;
END main`));
  assert.equal(b.label, 'main');
  const inner = b.body[0] as Block;
  assert.equal(inner.kind, 'Block');
  const asg = inner.body[0] as any;
  assert.deepEqual([asg.target.kind, asg.target.name], ['Variable', 'x'], 'main.x names the outer block variable');
  assert.deepEqual([asg.value.left.kind, asg.value.left.name], ['Variable', 'x']);
  const [cr, dr, tr] = b.body.slice(1) as any[];
  assert.deepEqual([cr.kind, cr.action, cr.object.kind, cr.object.temporary], ['DdlStatement', 'create', 'Table', true]);
  assert.deepEqual([dr.action, dr.ifExists, dr.target.name.name], ['drop', true, 'tmp']);
  assert.deepEqual([tr.action, tr.target.name.name], ['truncate', 'other']);
});

test('an unparseable statement becomes Unparsed with a located diagnostic; the rest of the body is kept', () => {
  const { r, diags } = routine(fn(`BEGIN
  SELECT 1 FROM;
  RETURN 2;
END`));
  assert.equal(r.body.kind, 'Block');
  const b = r.body as Block;
  assert.deepEqual(b.body.map((s) => s.kind), ['Unparsed', 'Return']);
  assert.equal(diags.length, 1);
  assert.equal(diags[0]!.code, 'PG0010');
  assert.equal(diags[0]!.span.line, 3, 'line in the file, not in the body');
  const { r: r2, diags: d2 } = routine(fn('BEGIN IF x THEN RETURN 1; END'));
  assert.equal(r2.body.kind, 'Unparsed');
  assert.equal(d2.length, 1);
});

test('FOREACH is kept as text with a diagnostic; other languages keep the body as text', () => {
  const { r, diags } = routine(fn('DECLARE x int; BEGIN FOREACH x IN ARRAY ARRAY[1,2] LOOP RAISE NOTICE \'%\', x; END LOOP; RETURN 1; END'));
  const b = r.body as Block;
  assert.deepEqual(b.body.map((s) => s.kind), ['Unparsed', 'Return']);
  assert.deepEqual(diags.map((d) => d.code), ['PG0011']);
  const py = routine("CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$");
  assert.equal(py.r.body.kind, 'Unparsed');
  assert.deepEqual(py.diags.map((d) => d.code), ['PG0012']);
});

test('SQL-language bodies: statements, positional parameters, BEGIN ATOMIC', () => {
  const { r, diags } = routine(`CREATE FUNCTION public._group_concat(text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $_$
SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END
$_$;`);
  assert.deepEqual(diags, []);
  assert.equal(r.body.kind, 'SqlBody');
  const positional: string[] = [];
  walk(r.body, (n) => { if (n.kind === 'Variable') positional.push((n as any).scope); });
  assert.equal(positional.length, 6);
  assert.ok(positional.every((s) => s === 'positional'));
  const at = routine('CREATE FUNCTION a(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x + 1; SELECT 2; END');
  assert.deepEqual(at.diags, []);
  assert.ok(at.r.body.kind === 'SqlBody');
  assert.equal(at.r.body.statements.length, 2);
});

test('implicit variables: FOUND, TG_OP in trigger functions, SQLERRM in handlers', () => {
  const { r } = routine(`CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT FOUND THEN RETURN OLD; END IF;
  RETURN NEW;
EXCEPTION WHEN others THEN RAISE NOTICE '%', SQLERRM; RETURN NULL;
END $$`);
  const names: string[] = [];
  walk(r.body, (n) => { if (n.kind === 'Variable') names.push((n as any).name); });
  assert.deepEqual(names.sort(), ['found', 'sqlerrm', 'tg_op']);
});

test('unnamed parameters with multi-word types; named parameters whose names look like types', () => {
  const { r } = routine('CREATE FUNCTION m(character varying, double precision, timestamp with time zone, national character varying(5), bit varying, "time" time, interval interval) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$');
  assert.deepEqual(r.params.map((p) => [p.name, p.dataType.name]), [
    ['', 'varchar'], ['', 'double'], ['', 'timestamp'], ['', 'varchar'], ['', 'varbit'], ['time', 'time'], ['interval', 'interval'],
  ]);
});

test('pg_get_functiondef output and SQL-standard RETURN bodies', () => {
  const def = `CREATE OR REPLACE FUNCTION public.inventory_held_by_customer(p_inventory_id integer)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$
DECLARE
    v_customer_id INTEGER;
BEGIN
  SELECT customer_id INTO v_customer_id FROM rental WHERE return_date IS NULL AND inventory_id = p_inventory_id;
  RETURN v_customer_id;
END $function$
`;
  const r = parsePostgresStatement(def, 'live/public/function/inventory_held_by_customer.sql');
  assert.deepEqual(r.diagnostics, []);
  const f = r.catalog.objects[0]!;
  assert.ok(f.kind === 'Routine' && f.orReplace && f.body.kind === 'Block');
  assert.deepEqual(f.body.body.map((s) => s.kind), ['SqlStatement', 'Return']);
  const add = routine('CREATE FUNCTION public.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN (a + b)').r;
  assert.ok(add.body.kind === 'SqlBody');
  const ret = add.body.statements[0] as any;
  assert.deepEqual([ret.kind, ret.value.kind, ret.value.left.kind, ret.value.left.name], ['Return', 'Binary', 'Variable', 'a']);
});

test('compiler options (#variable_conflict, #print_strict_params) before the block are accepted, lines stay exact', () => {
  const b = block(fn('#variable_conflict use_variable\n#print_strict_params on\nBEGIN\n  RETURN 1;\nEND;'));
  assert.equal(b.body[0]?.kind, 'Return');
  assert.equal(b.body[0]?.span.line, 5);
});
