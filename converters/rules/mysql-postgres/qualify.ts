import type { CatalogObject, Constraint, QualifiedName, NodeLike, Table } from '../../model/index.js';
import { rewrite, withSchema } from '../../model/index.js';
import { MP } from './codes.js';
import type { RuleContext } from './context.js';

/** The schema an object lives in: unqualified names inside it resolve there, as in MySQL. */
export function homeSchema(o: CatalogObject): string | undefined {
  switch (o.kind) {
    case 'Index': return o.table.schema;
    case 'DataScript': return o.table.schema;
    case 'Trigger': return o.name.schema ?? o.table.schema;
    case 'Comment': return o.target.name.schema;
    case 'UnparsedObject': return o.name?.schema;
    default: return o.name.schema;
  }
}

/**
 * Unqualified table and routine references get the object's schema: PL/pgSQL resolves names at
 * run time through the caller's search_path, MySQL through the routine's database.
 */
export function qualifyReferences(o: CatalogObject, ctx: RuleContext, routines: Set<string>, schemas: Set<string>): CatalogObject {
  return referencePass(ctx, routines, schemas)(o);
}

/** qualifyReferences for every object of one transform: the pass's closures are made once. */
export function referencePass(ctx: RuleContext, routines: Set<string>, schemas: Set<string>): <T extends CatalogObject>(o: T) => T {
  let current: CatalogObject | undefined;
  let home: string | undefined;
  const fix = (q: QualifiedName): QualifiedName | undefined => {
    if (q.schema) {
      if (schemas.size && !schemas.has(q.schema)) ctx.reportOnce(MP.schemaRef, current!.span, `Reference to ${q.schema}.${q.name}: schema ${q.schema} is not created by this script`);
      return undefined;
    }
    return home ? withSchema(q, home) : undefined;
  };
  const fn = (n: NodeLike): (NodeLike & Record<string, unknown>) | undefined => {
    const a = n as NodeLike & Record<string, unknown>;
    switch (n.kind) {
      case 'TableRef': { const q = fix(a.name as QualifiedName); return q ? { ...a, name: q } : undefined; }
      case 'Insert': { const q = fix(a.table as QualifiedName); return q ? { ...a, table: q } : undefined; }
      case 'Delete': { const t = (a.targets as QualifiedName[]).map((x) => fix(x) ?? x); return { ...a, targets: t }; }
      case 'ForeignKey': { const q = fix(a.refTable as QualifiedName); return q ? { ...a, refTable: q } : undefined; }
      case 'Call': { const q = fix(a.name as QualifiedName); return q ? { ...a, name: q } : undefined; }
      case 'FunctionCall': {
        const name = a.name as QualifiedName;
        if (name.schema || routines.size === 0 || !routines.has(name.name.toLowerCase())) return undefined;
        const q = fix(name);
        return q ? { ...a, name: q } : undefined;
      }
      default: return undefined;
    }
  };
  return <T extends CatalogObject>(o: T): T => {
    // The outer object's state is put back after (were a pass ever to run inside another).
    const outerCurrent = current;
    const outerHome = home;
    current = o;
    home = homeSchema(o);
    try {
      return rewrite(o, fn, NO_REFERENCES);
    } finally {
      current = outerCurrent;
      home = outerHome;
    }
  };
}

/** Nodes that hold no table or routine reference: not walked. */
const NO_REFERENCES: ReadonlySet<string> = new Set(['DataType', 'Literal']);

/** Tables only hold references in foreign keys: qualify those without walking every column. */
export function qualifyTable(t: Table, ctx: RuleContext, schemas: Set<string>): Table {
  const home = t.name.schema;
  let constraints: Constraint[] | undefined;
  for (let i = 0; i < t.constraints.length; i++) {
    const c = t.constraints[i]!;
    if (c.kind !== 'ForeignKey') continue;
    if (c.refTable.schema) {
      if (schemas.size && !schemas.has(c.refTable.schema)) ctx.reportOnce(MP.schemaRef, t.span, `Reference to ${c.refTable.schema}.${c.refTable.name}: schema ${c.refTable.schema} is not created by this script`);
      continue;
    }
    if (home) (constraints ??= t.constraints.slice())[i] = { ...c, refTable: { ...c.refTable, schema: home } };
  }
  // The table itself when no reference changed.
  return constraints ? { ...t, constraints } : t;
}
