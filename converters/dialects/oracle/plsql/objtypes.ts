import type { CollectionType, CompositeType, QualifiedName, Routine } from '../../../model/index.js';
import { describeToken } from '../../common/parser.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';
import { addRoutine } from './declarations.js';
import { parseSubprogram } from './routines.js';
import { parseTypeSpec as parseTypeOf } from './types.js';

const METHOD_KINDS: Record<string, Routine['methodKind']> = { MEMBER: 'member', STATIC: 'static', CONSTRUCTOR: 'constructor' };

/**
 * `[NOT] OVERRIDING|FINAL|INSTANTIABLE … (MEMBER | STATIC | CONSTRUCTOR | MAP MEMBER | ORDER MEMBER)`
 * before FUNCTION / PROCEDURE; undefined when the cursor is not on a method.
 */
function methodPrefix(pl: PlParser): Routine['methodKind'] | undefined {
  const p = pl.p;
  const save = p.pos;
  for (;;) {
    if (p.acceptKws('NOT', 'OVERRIDING') || p.acceptKws('NOT', 'FINAL') || p.acceptKws('NOT', 'INSTANTIABLE')) continue;
    if (p.acceptAnyKw('OVERRIDING', 'FINAL', 'INSTANTIABLE')) continue;
    break;
  }
  if (p.acceptKws('MAP', 'MEMBER')) return 'map';
  if (p.acceptKws('ORDER', 'MEMBER')) return 'order';
  const w = p.cur.type === 'word' ? METHOD_KINDS[p.cur.upper] : undefined;
  if (w && p.isAnyKwAt(1, 'FUNCTION', 'PROCEDURE')) { p.next(); return w; }
  p.pos = save;
  return undefined;
}

/**
 * CREATE TYPE t [FORCE] [AUTHID …] AS|IS OBJECT (attributes, method specs) [NOT] FINAL [NOT] INSTANTIABLE,
 * CREATE TYPE t UNDER super (…), CREATE TYPE t AS|IS TABLE OF x / VARRAY(n) OF x, CREATE TYPE t;
 */
export function parseTypeSpec(pl: PlParser, start: Token, qname: (pl: PlParser) => QualifiedName): void {
  const p = pl.p;
  p.expectKw('TYPE');
  const name = qname(pl);
  if (p.atEnd() || p.isOp(';')) {
    p.acceptOp(';');
    pl.diag(OP.incompleteType, p.spanFrom(start), `type ${name.name}: forward declaration without attributes; the full CREATE TYPE defines it`);
    return;
  }
  p.acceptKw('FORCE');
  if (p.acceptKw('OID')) p.next();
  while (p.acceptKw('AUTHID') || p.acceptKws('ACCESSIBLE', 'BY') || p.acceptKw('SHARING')) {
    if (p.prev.upper === 'BY') p.skipParens(); else { p.acceptOp('='); p.next(); }
  }
  let under: QualifiedName | undefined;
  if (p.acceptKw('UNDER')) {
    const q = p.qualifiedParts('a supertype name');
    under = qualifiedName(q.parts, q.quoted);
  } else {
    p.expectAnyKw('AS', 'IS');
    if (p.acceptKws('TABLE', 'OF') || p.isKw('VARRAY') || p.isKws('VARYING', 'ARRAY')) {
      const collection: CollectionType['collection'] = p.prev.upper === 'OF' ? 'table' : 'varray';
      let limit: number | undefined;
      if (collection === 'varray') {
        if (!p.acceptKw('VARRAY')) p.expectKws('VARYING', 'ARRAY');
        p.expectOp('(');
        limit = p.integer('the VARRAY size');
        p.expectOp(')');
        p.expectKw('OF');
      }
      const el = parseTypeOf(p);
      p.acceptKws('NOT', 'NULL');
      p.acceptOp(';');
      const ct: CollectionType = { kind: 'CollectionType', name, collection, element: el.dataType, span: p.spanFrom(start) };
      if (limit !== undefined) ct.limit = limit;
      pl.add(ct);
      return;
    }
    p.expectKw('OBJECT');
  }
  const ct: CompositeType = { kind: 'CompositeType', name, attributes: [], span: p.spanFrom(start) };
  if (under) ct.under = under;
  const methods: Routine[] = [];
  if (p.acceptOp('(')) {
    do {
      const itemStart = p.cur;
      const kind = methodPrefix(pl);
      if (kind) {
        const r = parseSubprogram(pl, itemStart, { ownerType: name.name, methodKind: kind, ...(name.schema ? { schema: name.schema } : {}) });
        methods.push(r);
        continue;
      }
      if (p.isKw('PRAGMA')) { while (!p.atEnd() && !p.isOp(',') && !p.isOp(')')) { if (p.isOp('(')) p.skipParens(); else p.next(); } continue; }
      const attr = p.ident('an attribute name').name;
      const spec = parseTypeOf(p);
      ct.attributes.push({ name: attr, dataType: spec.dataType });
    } while (p.acceptOp(','));
    p.expectOp(')');
  }
  for (;;) {
    if (p.acceptKws('NOT', 'FINAL')) { ct.final = false; continue; }
    if (p.acceptKw('FINAL')) { ct.final = true; continue; }
    if (p.acceptKws('NOT', 'INSTANTIABLE') || p.acceptKw('INSTANTIABLE') || p.acceptKws('NOT', 'PERSISTABLE') || p.acceptKw('PERSISTABLE')) continue;
    break;
  }
  p.acceptOp(';');
  if (!p.atEnd()) throw p.error(`unexpected ${describeToken(p.cur)} after the type specification`);
  if (methods.length) ct.methods = methods;
  ct.span = p.spanFrom(start);
  pl.add(ct);
}

/** CREATE TYPE BODY t AS|IS method bodies END; — merged into the type's methods. */
export function parseTypeBody(pl: PlParser, start: Token, qname: (pl: PlParser) => QualifiedName): void {
  const p = pl.p;
  p.expectKws('TYPE', 'BODY');
  const name = qname(pl);
  p.expectAnyKw('AS', 'IS');
  const found = pl.ctx.find(name);
  const type = found?.kind === 'CompositeType' ? found : undefined;
  if (type) pl.scope.selfAttributes = new Set(type.attributes.map((a) => a.name));
  const bodies: Routine[] = [];
  while (!p.atEnd() && !p.isKw('END')) {
    const itemStart = p.cur;
    const kind = methodPrefix(pl);
    if (!kind) throw p.error(`expected MEMBER, STATIC, CONSTRUCTOR, MAP MEMBER or ORDER MEMBER but found ${describeToken(p.cur)}`);
    bodies.push(parseSubprogram(pl, itemStart, { ownerType: name.name, methodKind: kind, ...(name.schema ? { schema: name.schema } : {}) }));
  }
  pl.endName(start, name.name);
  if (!type) {
    throw p.error(`TYPE BODY ${name.name} has no CREATE TYPE ${name.name} … AS OBJECT before it among the converted files`, start);
  }
  pl.later(() => {
    const methods = type.methods ?? [];
    for (const r of bodies) addRoutine(methods, r);
    type.methods = methods;
    for (const r of methods) if (r.specOnly) pl.diag(OP.specOnly, r.span, `type ${name.name}: method ${r.name.name} is declared in the type but the body does not define it`);
  });
}
