import type { CatalogObject, Expr, NodeLike, QualifiedName } from '../../model/index.js';
import { rewrite, walk, withSchema } from '../../model/index.js';

/**
 * Oracle resolves the names inside a view, routine or trigger in the owner's schema; PostgreSQL
 * resolves them through the caller's search_path (routines, at every call) or the creator's (views).
 * Every unqualified reference to a table, view, routine or sequence the catalog knows in the
 * owner's schema is therefore qualified with that schema. Names built at run time (dynamic SQL)
 * are not seen here: OG0051/OG0010 already flag EXECUTE IMMEDIATE.
 */
type Known = { relations: Set<string>; routines: Set<string>; sequences: Set<string> };

const key = (schema: string, name: string): string => `${schema.toLowerCase()}.${name.toLowerCase()}`;

function schemaOf(o: CatalogObject): string | undefined {
  return 'name' in o && o.name && typeof o.name === 'object' ? (o.name as QualifiedName).schema : undefined;
}

function known(objects: CatalogObject[]): Known {
  const k: Known = { relations: new Set(), routines: new Set(), sequences: new Set() };
  for (const o of objects) {
    const s = schemaOf(o);
    if (!s || !('name' in o) || !o.name || typeof o.name !== 'object') continue;
    const n = (o.name as QualifiedName).name;
    if (o.kind === 'Table' || o.kind === 'View') k.relations.add(key(s, n));
    else if (o.kind === 'Routine') k.routines.add(key(s, n));
    else if (o.kind === 'Sequence') k.sequences.add(key(s, n));
  }
  return k;
}

// Module level: a closure made per visited node costs more than the visit (esbuild keepNames).
const withField = (x: NodeLike, field: string, v: unknown): NodeLike => ({ ...x, [field]: v }) as NodeLike;

const BODY_KINDS = new Set(['Routine', 'Trigger', 'View', 'DataScript']);
/** Kinds that hold no table, routine or sequence reference: not entered. */
const NO_REFERENCES: ReadonlySet<string> = new Set(['DataType', 'Literal', 'ColumnRef', 'Variable']);
const plain = (p: string): string => (/^[a-z_][a-z0-9_$]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`);

/**
 * The qualifying visitor for each object (undefined: the object is left as it is). The visitor
 * is for `rewrite` over the object without its own `name`, with NO_REFERENCES as leaves.
 * `ctesOf`: the CTE names of objects already walked (reportDictionaryViews collects them).
 */
export function referenceQualifier(objects: CatalogObject[], ctesOf?: WeakMap<object, Set<string>>): (o: CatalogObject) => ((n: NodeLike) => NodeLike | undefined) | undefined {
  const k = known(objects);
  if (!k.relations.size && !k.routines.size && !k.sequences.size) return () => undefined;
  return (o) => {
    const owner = schemaOf(o);
    if (!owner || !BODY_KINDS.has(o.kind)) return undefined;
    // A CTE named like a table hides it inside the query that defines it.
    let ctes = ctesOf?.get(o);
    if (!ctes) {
      const found = new Set<string>();
      walk(o, (n) => { if (n.kind === 'Select' || n.kind === 'SetOperation') for (const c of (n as { with?: { name: string }[] }).with ?? []) found.add(c.name.toLowerCase()); });
      ctes = found;
    }
    const cteNames = ctes;
    const q = (name: QualifiedName, set: Set<string>): QualifiedName | undefined =>
      !name.schema && set.has(key(owner, name.name)) && !(set === k.relations && cteNames.has(name.name.toLowerCase())) ? withSchema(name, owner) : undefined;
    return (n: NodeLike): NodeLike | undefined => {
      const x = n as NodeLike & Record<string, unknown>;
      switch (n.kind) {
        case 'TableRef': { const r = q(x.name as QualifiedName, k.relations); return r ? withField(x, 'name', r) : undefined; }
        case 'Insert': { const r = q(x.table as QualifiedName, k.relations); return r ? withField(x, 'table', r) : undefined; }
        case 'Delete': {
          const t = x.targets as QualifiedName[];
          const r = t.map((y) => q(y, k.relations) ?? y);
          return r.some((y, i) => y !== t[i]) ? withField(x, 'targets', r) : undefined;
        }
        case 'Call': { const r = q(x.name as QualifiedName, k.routines); return r ? withField(x, 'name', r) : undefined; }
        case 'FunctionCall': {
          const f = x as unknown as { name: QualifiedName; args: Expr[] };
          const r = q(f.name, k.routines);
          if (r) return withField(x, 'name', r);
          const a = f.args[0];
          if (!f.name.schema && /^(nextval|currval|setval)$/i.test(f.name.name) && a?.kind === 'Literal' && a.type === 'string' && !a.value.includes('.')) {
            const seq = a.value.startsWith('"') ? a.value.slice(1, -1).replace(/""/g, '"') : a.value;
            if (k.sequences.has(key(owner, seq))) return withField(x, 'args', [{ ...a, value: `${plain(owner)}.${a.value}` }, ...f.args.slice(1)]);
          }
          return undefined;
        }
        default: return undefined;
      }
    };
  };
}

/** Rewrites `o` (without its own name) with a qualifying visitor. */
export function qualifiedObject(o: CatalogObject, visit: (n: NodeLike) => NodeLike | undefined): CatalogObject {
  const { name: _own, ...rest } = o as CatalogObject & { name: QualifiedName };
  const body = rewrite(rest, visit, NO_REFERENCES);
  return body === rest ? o : ({ ...body, name: (o as { name: QualifiedName }).name } as CatalogObject);
}

/** `ctesOf`: the CTE names of objects already walked (reportDictionaryViews collects them). */
export function qualifyReferences(objects: CatalogObject[], ctesOf?: WeakMap<object, Set<string>>): CatalogObject[] {
  const qualifier = referenceQualifier(objects, ctesOf);
  return objects.map((o) => {
    const visit = qualifier(o);
    return visit ? qualifiedObject(o, visit) : o;
  });
}
