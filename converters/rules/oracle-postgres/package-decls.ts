import type { CursorDecl, DataType, Package, Routine, Statement, TypeDecl } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

/**
 * Package-level types and cursors → declared again in each routine of the package that mentions
 * them (PostgreSQL has no package scope), where that is exact:
 * - a type (record, collection, ref cursor) that no parameter, function result or package variable
 *   uses: its values never cross a routine boundary, so a copy per routine behaves the same;
 * - a cursor each routine using it opens and closes itself (or only runs through a cursor FOR
 *   loop): Oracle keeps a package cursor open across calls, so one routine opening it and another
 *   fetching it stays an action item.
 * Returns the declarations to put first in a routine of the package.
 */
export function packageDeclarations(p: Package, ctx: OraRuleContext): (r: Routine) => Statement[] {
  const types = p.declarations.filter((d): d is TypeDecl => d.kind === 'TypeDecl');
  const cursors = p.declarations.filter((d): d is CursorDecl => d.kind === 'CursorDecl');
  if (!types.length && !cursors.length) return () => [];
  const bodies = p.routines.filter((r) => !r.specOnly);
  // Types that cross a routine boundary: parameters, results, package variables (and types built on them).
  const crossing = new Set<string>();
  const userName = (t: DataType | undefined): string | undefined => (t?.name === 'user' ? t.userType?.name.toLowerCase() : undefined);
  for (const r of p.routines) {
    for (const x of r.params) { const n = userName(x.dataType); if (n) crossing.add(n); }
    if (r.returns?.kind === 'type') { const n = userName(r.returns.dataType); if (n) crossing.add(n); }
  }
  for (const d of p.declarations) if (d.kind === 'VarDecl') { const n = userName(d.dataType); if (n) crossing.add(n); }
  for (let grew = true; grew;) {
    grew = false;
    for (const t of types) {
      if (crossing.has(t.name.toLowerCase())) continue;
      if (mentions(t, crossing)) { crossing.add(t.name.toLowerCase()); grew = true; }
    }
  }
  const copyTypes: TypeDecl[] = [];
  for (const t of types) {
    if (crossing.has(t.name.toLowerCase())) ctx.report(OG.unsupportedStatement, t.span, `Package-level type ${t.name} is used by a parameter, result or package variable: PostgreSQL has no package scope for it; create it as a schema type and use that`);
    else copyTypes.push(t);
  }
  const copyCursors: CursorDecl[] = [];
  for (const c of cursors) {
    const name = c.name.toLowerCase();
    const shared = bodies.filter((r) => !selfContained(r, name) && mentions(r, new Set([name])));
    if (shared.length) ctx.report(OG.unsupportedStatement, c.span, `Package-level cursor ${c.name} is opened, fetched or closed across routines (${shared.map((r) => r.name.name).join(', ')}): Oracle keeps it open between calls; PostgreSQL cursors end with the function`);
    else copyCursors.push(c);
  }
  if (copyTypes.length || copyCursors.length) ctx.report(OG.packageDeclarations, p.span, `Package ${p.name.name}: ${[...copyTypes, ...copyCursors].map((d) => d.name).join(', ')} declared in each routine that uses them`);
  const decls: Statement[] = [...copyTypes, ...copyCursors];
  return (r) => {
    // Declarations may refer to earlier ones (a table of a record type, a cursor's %ROWTYPE): close over them.
    const names = new Set<string>();
    const want = decls.filter((d) => mentions(r, new Set([(d as TypeDecl | CursorDecl).name.toLowerCase()])));
    for (const d of want) names.add((d as TypeDecl | CursorDecl).name.toLowerCase());
    for (let grew = true; grew;) {
      grew = false;
      for (const d of decls) {
        const n = (d as TypeDecl | CursorDecl).name.toLowerCase();
        if (!names.has(n) && decls.some((x) => names.has((x as TypeDecl | CursorDecl).name.toLowerCase()) && mentions(x, new Set([n])))) { names.add(n); grew = true; }
      }
    }
    return decls.filter((d) => names.has((d as TypeDecl | CursorDecl).name.toLowerCase()));
  };
}

/** The routine opens and closes the cursor itself, or only loops over it; or does not use it at all. */
function selfContained(r: Routine, cursor: string): boolean {
  let open = false;
  let close = false;
  let other = false;
  walk(r.body, (n) => {
    const x = n as unknown as { kind: string; name?: string; cursor?: string | { name: string } };
    if (x.kind === 'OpenCursor' && x.name?.toLowerCase() === cursor) open = true;
    else if (x.kind === 'CloseCursor' && x.name?.toLowerCase() === cursor) close = true;
    else if ((x.kind === 'Fetch' || x.kind === 'CursorAttr') && typeof x.cursor === 'string' && x.cursor.toLowerCase() === cursor) other = true;
  });
  return open === close && (open || !other);
}

/** True when any string in `x` (names, parts, types; literals too — conservative) is one of `names`. */
function mentions(x: unknown, names: Set<string>): boolean {
  let hit = false;
  const visit = (v: unknown): void => {
    if (hit) return;
    if (typeof v === 'string') { if (names.has(v.toLowerCase())) hit = true; return; }
    if (Array.isArray(v)) { for (const y of v) visit(y); return; }
    if (v && typeof v === 'object') for (const [k, y] of Object.entries(v)) if (k !== 'span' && k !== 'origin' && k !== 'kind' && k !== 'sourceText') visit(y);
  };
  visit(x);
  return hit;
}
