import type { CatalogObject, Expr, NodeLike, Package, Routine, Statement, VarDecl, QualifiedName, DataType } from '../../model/index.js';
import { rewrite } from '../../model/index.js';
import { call, cast, dataType, raw, str } from '../common/nodes.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';
import { mapType } from './types.js';
import { packageDeclarations } from './package-decls.js';

/** Kinds that hold no package variable reference, assignment or call: not entered. */
const NOT_PACKAGE_REFERENCES: ReadonlySet<string> = new Set(['DataType', 'Literal']);

export interface PackageVar { pkg: string; name: string; type: DataType; default?: Expr; constant?: boolean }

/** Package state lives in custom settings: dbshift_<package>.<variable>, NULL stored as ''. */
const settingName = (v: PackageVar): string => `dbshift_${v.pkg}.${v.name}`;

export function readVar(v: PackageVar, span: Expr['span']): Expr {
  if (v.constant && v.default) return v.default;
  const cur = call('current_setting', [str(settingName(v), span), raw('true', span)], span);
  const value = cast(call('nullif', [cur, raw("''", span)], span), v.type, span);
  return { kind: 'Case', whens: [{ when: { kind: 'IsTest', expr: cur, test: 'null', not: false, span }, then: v.default ?? raw('NULL', span) }], else: value, span };
}

export function writeVar(v: PackageVar, value: Expr, span: Expr['span']): Statement {
  const text = call('coalesce', [cast(value, dataType('text', span), span), raw("''", span)], span);
  return { kind: 'SqlStatement', perform: true, statement: { kind: 'Select', items: [{ expr: call('set_config', [str(settingName(v), span), text, raw('false', span)], span) }], from: [], groupBy: [], orderBy: [], span }, span };
}

/**
 * Packages → a schema per package holding its routines. Package variables become session
 * settings read and written through current_setting/set_config (in and outside the package).
 */
export function expandPackages(objects: CatalogObject[], ctx: OraRuleContext): CatalogObject[] {
  const vars = new Map<string, PackageVar>();
  const routinesOf = new Map<string, Set<string>>();
  for (const o of objects) {
    if (o.kind !== 'Package') continue;
    const pkg = o.name.name.toLowerCase();
    routinesOf.set(pkg, new Set(o.routines.map((r) => r.name.name.toLowerCase())));
    for (const d of o.declarations) {
      if (d.kind !== 'VarDecl') continue;
      const decl = d as VarDecl;
      for (const n of decl.names) {
        vars.set(`${pkg}.${n.toLowerCase()}`, { pkg, name: n.toLowerCase(), type: mapType(decl.dataType, ctx, 'other'), ...(decl.default ? { default: decl.default } : {}), ...(decl.constant ? { constant: true } : {}) });
      }
    }
  }
  if (!routinesOf.size) return objects;
  const lookup = (parts: string[], pkg: string | undefined): PackageVar | undefined => {
    if (parts.length === 2) return vars.get(`${parts[0]!.toLowerCase()}.${parts[1]!.toLowerCase()}`);
    if (parts.length === 1 && pkg) return vars.get(`${pkg}.${parts[0]!.toLowerCase()}`);
    return undefined;
  };
  // One bottom-up pass: reads become current_setting(…) first; an assignment then recognises its
  // target as a read this pass made (readOf) and becomes set_config(…) instead.
  const readOf = new WeakMap<object, PackageVar>();
  const rewriteRefs = <T>(root: T, pkg: string | undefined, locals: Set<string>): T => {
    let firstRead: Expr['span'] | undefined;
    let firstWrite: Expr['span'] | undefined;
    const out = rewrite(root, (n: NodeLike) => {
      if (n.kind === 'ColumnRef' || n.kind === 'Variable') {
        const e = n as Expr;
        const parts = e.kind === 'ColumnRef' ? e.parts : e.kind === 'Variable' && !locals.has(e.name.toLowerCase()) ? [e.name] : [];
        const v = lookup(parts, pkg);
        if (!v) return undefined;
        firstRead ??= e.span;
        const read = readVar(v, e.span);
        // A constant reads as its (shared) default: tag a copy of it.
        const node = read === v.default ? { ...read } : read;
        readOf.set(node, v);
        return node;
      }
      if (n.kind === 'Assign') {
        const a = n as unknown as { target: Expr; value: Expr; span: Expr['span'] };
        const v = readOf.get(a.target);
        if (!v) return undefined;
        firstWrite ??= a.span;
        return writeVar(v, a.value, a.span) as unknown as NodeLike;
      }
      if ((n.kind === 'FunctionCall' || n.kind === 'Call') && pkg) {
        const f = n as unknown as { name: QualifiedName };
        if (!f.name.schema && routinesOf.get(pkg)?.has(f.name.name.toLowerCase())) return { ...n, name: { schema: pkg, name: f.name.name } } as NodeLike;
      }
      return undefined;
    }, NOT_PACKAGE_REFERENCES);
    // Reported where two passes (writes, then reads) would: the first write, else the first read.
    const at = firstWrite ?? firstRead;
    if (at) ctx.reportOnce(OG.packageVariable, at);
    return out;
  };
  const localNames = (r: Routine): Set<string> => {
    const s = new Set(r.params.map((p) => p.name.toLowerCase()));
    if (r.body.kind === 'Block') for (const d of r.body.declarations) if (d.kind === 'VarDecl') for (const n of d.names) s.add(n.toLowerCase());
    return s;
  };
  const out: CatalogObject[] = [];
  for (const o of objects) {
    if (o.kind !== 'Package') {
      // Only code reads package variables (as package.variable from outside the package).
      out.push(vars.size && (o.kind === 'Routine' || o.kind === 'Trigger' || o.kind === 'DataScript') ? rewriteRefs(o, undefined, new Set()) : o);
      continue;
    }
    const p = o as Package;
    const pkg = p.name.name.toLowerCase();
    ctx.object = p.origin;
    ctx.report(OG.package, p.span, `Package ${p.name.name} became schema ${pkg}`);
    if (p.initialization?.length) ctx.report(OG.unsupportedStatement, p.span, `Package ${p.name.name} initialization block is not run by PostgreSQL; call its statements from the code that first uses the package`);
    const local = packageDeclarations(p, ctx);
    out.push({ kind: 'Schema', name: { name: pkg }, span: p.span, origin: p.origin ?? { type: 'Package', name: p.name.name } });
    // Package exceptions (spec or body) are visible in every routine of the package: each routine
    // declares them again; their SQLSTATE depends only on the name (or EXCEPTION_INIT code), so a
    // RAISE in one routine is caught by a handler in another.
    const exceptions = p.declarations.filter((d) => d.kind === 'ConditionDecl');
    for (const r0 of p.routines) {
      if (r0.specOnly) continue;
      const first = [...exceptions, ...local(r0)];
      const r: Routine = first.length && r0.body.kind === 'Block' ? { ...r0, body: { ...r0.body, declarations: [...first, ...r0.body.declarations] } } : r0;
      const named: Routine = { ...r, name: { schema: pkg, name: r.name.name }, origin: p.origin ?? { type: 'Package', name: p.name.name } };
      out.push(rewriteRefs(named, pkg, localNames(r)));
    }
  }
  return out;
}
