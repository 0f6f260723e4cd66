import type { DataType, QualifiedName, VarDecl } from '../../../model/index.js';
import { parseDataType } from '../../common/datatype.js';
import type { Parser } from '../../common/parser.js';
import type { Token } from '../../common/tokens.js';
import type { OraContext } from '../context.js';
import type { Binding, Scope } from './scope.js';

export type TypeRef = NonNullable<VarDecl['typeRef']>;

/** A PL/SQL type as written: a data type, or a %TYPE / %ROWTYPE reference. */
export interface TypeSpec {
  dataType: DataType;
  typeRef?: TypeRef;
}

export function unknownType(p: Parser, from: Token, text: string): DataType {
  return { kind: 'DataType', name: 'unknown', sourceText: text, span: p.spanFrom(from) };
}

function toQName(parts: string[]): QualifiedName {
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2]!, name } : { name };
}

/** Does `ident(.ident)* %` start here (a %TYPE / %ROWTYPE reference)? */
function typeRefAhead(p: Parser): boolean {
  let k = 0;
  for (;;) {
    if (!p.isIdent(k)) return false;
    k++;
    if (p.isOp('.', k)) { k++; continue; }
    return p.isOp('%', k) && (p.isKw('TYPE', k + 1) || p.isKw('ROWTYPE', k + 1));
  }
}

/**
 * `t.col%TYPE`, `v%TYPE`, `t%ROWTYPE`, `c%ROWTYPE` or a data type (NUMBER(10,2), VARCHAR2, a user
 * type). For %TYPE the last part is the column (or the variable when there is only one part).
 */
export function parseTypeSpec(p: Parser): TypeSpec {
  const start = p.cur;
  if (typeRefAhead(p)) {
    const parts = p.qualifiedParts('a type reference').parts;
    p.expectOp('%');
    const which = p.next().upper;
    const dataType = unknownType(p, start, p.textBetween(start));
    if (which === 'ROWTYPE') return { dataType, typeRef: { of: toQName(parts), rowtype: true } };
    if (parts.length === 1) return { dataType, typeRef: { of: { name: parts[0]! } } };
    const column = parts.pop()!;
    return { dataType, typeRef: { of: toQName(parts), column } };
  }
  if (p.isKws('REF', 'CURSOR')) {
    p.pos += 2;
    return { dataType: { kind: 'DataType', name: 'user', userType: { name: 'SYS_REFCURSOR' }, sourceText: 'REF CURSOR', span: p.spanFrom(start) } };
  }
  return { dataType: parseDataType(p) };
}

/** What a variable of this type is bound as: record, collection, cursor variable or scalar. */
export function bindingFor(spec: TypeSpec, scope: Scope, ctx: OraContext): Binding['kind'] {
  if (spec.typeRef?.rowtype) return 'record';
  if (spec.typeRef && !spec.typeRef.column) {
    const b = scope.lookup(spec.typeRef.of.name);
    if (b && (b.kind === 'collection' || b.kind === 'record')) return b.kind;
  }
  const ut = spec.dataType.name === 'user' ? spec.dataType.userType : undefined;
  if (!ut) return 'variable';
  if (ut.name === 'SYS_REFCURSOR' && !ut.schema) return 'cursor';
  const local = ut.schema ? undefined : scope.typeKind(ut.name);
  if (local === 'record') return 'record';
  if (local === 'table' || local === 'varray') return 'collection';
  if (local === 'refCursor') return 'cursor';
  if (ut.schema) {
    // a type declared in a package spec: pkg.t
    const pkg = ctx.find({ name: ut.schema });
    if (pkg?.kind === 'Package') {
      const td = pkg.declarations.find((s) => s.kind === 'TypeDecl' && s.name === ut.name);
      if (td?.kind === 'TypeDecl') {
        const k = td.def.kind;
        return k === 'record' ? 'record' : k === 'table' || k === 'varray' ? 'collection' : k === 'refCursor' ? 'cursor' : 'variable';
      }
    }
  }
  for (const o of ctx.objects) {
    if (o.kind === 'CollectionType' && o.name.name === ut.name && (!ut.schema || ut.schema === o.name.schema)) return 'collection';
    if (o.kind === 'CompositeType' && o.name.name === ut.name && (!ut.schema || ut.schema === o.name.schema)) return 'record';
  }
  return 'variable';
}
