import type { CatalogObject, Expr, NodeLike, Routine, Trigger } from '../../model/index.js';
import { walk } from '../../model/index.js';

/**
 * Oracle statement-level trigger → MySQL row trigger (MySQL has no other), when running it once
 * per row instead of once per statement changes nothing but how often a check runs: the body (and
 * every routine it calls, found in the scripts) changes no data and no state — no INSERT/UPDATE/
 * DELETE/MERGE, dynamic SQL, transaction control, package variable or unknown routine; it may read,
 * compute and raise errors (HR's secure_employees → secure_dml). A statement that changes no row
 * then does not run it (Oracle runs it once): the finding says so. Returns why not, or undefined.
 */
export function statementTriggerBlocker(t: Trigger, routines: Map<string, Routine>): string | undefined {
  if (!t.body || t.body.kind !== 'Block') return 'its body was not read';
  return sideEffect(t.body, routines, new Set());
}

/** Source routines by lower-case name and `package.name`, for statementTriggerBlocker. */
export function routinesByName(objects: CatalogObject[]): Map<string, Routine> {
  const m = new Map<string, Routine>();
  for (const o of objects) {
    if (o.kind === 'Routine') m.set(o.name.name.toLowerCase(), o);
    if (o.kind === 'Package') for (const r of o.routines) if (!r.specOnly) m.set(`${o.name.name.toLowerCase()}.${r.name.name.toLowerCase()}`, r);
  }
  return m;
}

/** Supplied routines that change nothing the database keeps. */
const HARMLESS_CALLS = /^(dbms_output\.\w+|raise_application_error)$/i;

function sideEffect(body: unknown, routines: Map<string, Routine>, seen: Set<Routine>): string | undefined {
  const locals = new Set<string>();
  walk(body, (n) => { if (n.kind === 'VarDecl') for (const x of (n as unknown as { names: string[] }).names) locals.add(x.toLowerCase()); });
  if (typeof body === 'object' && body && 'params' in body) for (const p of (body as Routine).params) locals.add(p.name.toLowerCase());
  let why: string | undefined;
  const calls: { name: string; what: string }[] = [];
  walk(body, (n: NodeLike) => {
    if (why) return;
    const k = n.kind;
    if (k === 'DynamicSql' || k === 'Transaction' || k === 'ForAll' || k === 'DdlStatement' || k === 'Goto' || k === 'SessionSet') { why = `it runs ${k === 'DynamicSql' ? 'dynamic SQL' : k}`; return; }
    if (k === 'SqlStatement') {
      const s = (n as unknown as { statement: { kind: string } }).statement;
      if (s.kind !== 'Select' && s.kind !== 'SetOperation' && s.kind !== 'Values') why = `it runs ${s.kind.toUpperCase()}`;
      return;
    }
    if (k === 'Assign') {
      const target = (n as unknown as { target: Expr }).target;
      const name = target.kind === 'Variable' ? target.name : target.kind === 'ColumnRef' && target.parts.length === 1 ? target.parts[0]! : undefined;
      if (!name || !locals.has(name.toLowerCase())) why = 'it assigns a package variable or a row field';
      return;
    }
    if (k === 'Call' || k === 'FunctionCall') {
      const f = (n as unknown as { name: { schema?: string; name: string } }).name;
      const full = (f.schema ? `${f.schema}.${f.name}` : f.name).toLowerCase();
      if (routines.has(full)) calls.push({ name: full, what: k });
      else if (k === 'Call' && !HARMLESS_CALLS.test(full)) why = `it calls ${full}, which is not in the scripts`;
    }
  });
  if (why) return why;
  for (const c of calls) {
    const r = routines.get(c.name)!;
    if (seen.has(r)) continue;
    seen.add(r);
    const inner = sideEffect(r, routines, seen);
    if (inner) return `${c.name} ${inner.replace(/^it /, '')}`;
  }
  return undefined;
}
