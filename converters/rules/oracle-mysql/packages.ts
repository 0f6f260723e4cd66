import type { CatalogObject, Expr, Package, Routine, Statement } from '../../model/index.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';
import { ExceptionScope } from './exceptions.js';
import { mapType } from './types.js';

/** Target name of a package routine: MySQL has no packages, so `pkg.proc` becomes `pkg__proc`. */
export const packageRoutineName = (pkg: string, routine: string): string => `${pkg}__${routine}`;

/** Registers every package's routines and variables (before any code is converted, so calls resolve). */
export function registerPackages(objects: CatalogObject[], ctx: OmContext): void {
  for (const o of objects) {
    if (o.kind !== 'Package') continue;
    for (const r of o.routines) ctx.qualifiedRoutines.set(`${o.name.name.toLowerCase()}.${r.name.name.toLowerCase()}`, packageRoutineName(o.name.name, r.name.name));
    for (const d of o.declarations) {
      if (d.kind !== 'VarDecl') continue;
      for (const n of d.names) ctx.packageVars.set(`${o.name.name.toLowerCase()}.${n.toLowerCase()}`, { user: packageRoutineName(o.name.name, n), type: mapType(d.dataType, ctx, 'other') });
    }
  }
}

/**
 * Package → its routines, renamed <pkg>__<routine>, plus an initialisation procedure when the
 * package body has one or its variables have defaults. Package variables are user variables
 * (@<pkg>__<var>, session scope like Oracle package state).
 */
export function expandPackage(p: Package, ctx: OmContext, convert: (r: Routine, scope: ExceptionScope) => CatalogObject): CatalogObject[] {
  const pkg = p.name.name;
  const lower = pkg.toLowerCase();
  ctx.report(OM.package, p.span, `Package ${pkg}: routines became ${packageRoutineName(pkg, '<routine>')}`);
  const scope = new ExceptionScope();
  for (const d of p.declarations) {
    if (d.kind === 'ConditionDecl') scope.declare(d.name, d.errorCode, d.span, ctx);
    else if (d.kind === 'VarDecl') {
      ctx.reportOnce(OM.packageVariable, d.span, `Package variable(s) ${d.names.join(', ')} became user variable(s) ${d.names.map((n) => `@${packageRoutineName(pkg, n)}`).join(', ')}`);
    } else if (d.kind === 'CursorDecl' || d.kind === 'TypeDecl') ctx.report(OM.unsupportedStatement, d.span, `Package-level ${d.kind === 'TypeDecl' ? 'type' : 'cursor'} ${d.name} is not visible to MySQL routines; declare it where it is used`);
  }
  // Oracle instantiates a package at its first use in a session: every routine starts by running the
  // variable defaults and the initialization block once per session (flag @<pkg>__dbshift_init).
  const span = p.span;
  const flag: Expr = { kind: 'Variable', name: packageRoutineName(pkg, 'dbshift_init'), scope: 'user', span };
  const init: Statement[] = [{ kind: 'Assign', target: flag, value: { kind: 'Literal', type: 'number', value: '1', span }, span }];
  for (const d of p.declarations) {
    if (d.kind !== 'VarDecl' || !d.default) continue;
    for (const n of d.names) init.push({ kind: 'Assign', target: { kind: 'Variable', name: n, scope: 'local', span: d.span }, value: d.default, span: d.span });
  }
  init.push(...(p.initialization ?? []));
  const once: Statement | undefined = init.length > 1 ? { kind: 'If', branches: [{ condition: { kind: 'IsTest', expr: flag, test: 'null', not: false, span }, body: init }], span } : undefined;
  if (p.initialization?.length) ctx.report(OM.packageVariable, p.span, `Package ${pkg} initialization block runs at the first call of one of its routines in a session (MySQL has no package instantiation)`);
  // Inside the package, unqualified names resolve to its own variables and routines.
  const savedVars = ctx.packageVars;
  const savedRoutines = ctx.packageRoutines;
  const vars = new Map(savedVars);
  for (const [k, v] of savedVars) if (k.startsWith(`${lower}.`)) vars.set(k.slice(lower.length + 1), v);
  ctx.packageVars = vars;
  ctx.packageRoutines = new Map(p.routines.map((r) => [r.name.name.toLowerCase(), packageRoutineName(pkg, r.name.name)]));
  const out: CatalogObject[] = [];
  try {
    const seen = new Set<string>();
    for (const r of p.routines) {
      if (r.specOnly) continue;
      const key = r.name.name.toLowerCase();
      if (seen.has(key)) { ctx.report(OM.unsupportedStatement, r.span, `Overloaded package routine ${pkg}.${r.name.name}: MySQL has no overloading; only the first was converted`); continue; }
      seen.add(key);
      const body = once && r.body.kind === 'Block' ? { ...r.body, body: [once, ...r.body.body] } : r.body;
      const renamed: Routine = { ...r, body, name: { ...(r.name.schema ? { schema: r.name.schema } : {}), name: packageRoutineName(pkg, r.name.name) }, origin: p.origin ?? { type: 'package', name: pkg } };
      out.push(convert(renamed, scope));
    }
  } finally {
    ctx.packageVars = savedVars;
    ctx.packageRoutines = savedRoutines;
  }
  return out;
}
