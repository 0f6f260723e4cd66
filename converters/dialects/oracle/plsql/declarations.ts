import type { ConditionDecl, CursorDecl, Expr, Pragma, RecordField, Routine, Statement, TypeDecl, VarDecl } from '../../../model/index.js';
import { ParseError, describeToken } from '../../common/parser.js';
import { parseExpression, parseExpressionList } from '../../common/expr.js';
import { parseQuery } from '../../common/query.js';
import { parseDataType } from '../../common/datatype.js';
import type { Token } from '../../common/tokens.js';
import { Unterminated, type PlParser } from './block.js';
import { OP } from './codes.js';
import { parseSubprogram } from './routines.js';
import { collectToSemicolon, subParser } from './sql.js';
import { bindingFor, parseTypeSpec } from './types.js';

export interface Declarations {
  declarations: Statement[];
  routines: Routine[];
}

export interface DeclarationOptions {
  /** Package spec/body: subprograms belong to this package. */
  packageName?: string;
  schema?: string;
  inPackage: boolean;
}

/**
 * Declaration items up to one of `stop` (BEGIN, END) at the start of an item, or the end of the
 * unit. Local subprograms go to `routines`; a forward declaration is replaced by its definition.
 */
export function parseDeclarations(pl: PlParser, stop: string[], opts: DeclarationOptions): Declarations {
  const p = pl.p;
  const out: Declarations = { declarations: [], routines: [] };
  for (;;) {
    while (p.acceptOp(';')) { /* stray */ }
    if (p.atEnd() || (p.cur.type === 'word' && stop.includes(p.cur.upper))) return out;
    const startPos = p.pos;
    const start = p.cur;
    try {
      if (p.isAnyKw('PROCEDURE', 'FUNCTION')) {
        const r = parseSubprogram(pl, start, { ...(opts.packageName ? { packageName: opts.packageName } : {}), ...(opts.schema ? { schema: opts.schema } : {}) });
        addRoutine(out.routines, r);
        pl.scope.declare(r.name.name, { kind: 'routine' });
        if (!opts.inPackage && !r.specOnly) pl.diag(OP.nestedRoutine, r.span, `${pl.unit}: local ${r.routineKind} ${r.name.name} is declared inside the block`);
        continue;
      }
      const d = parseDeclaration(pl, start, out.declarations);
      if (d) out.declarations.push(d);
    } catch (e) {
      if (!(e instanceof ParseError) || e instanceof Unterminated) throw e;
      p.pos = startPos;
      out.declarations.push(pl.recover(start, e));
    }
  }
}

/** Overloads differ by parameter lists; a definition replaces its own forward declaration. */
function sameSignature(a: Routine, b: Routine): boolean {
  if (a.name.name !== b.name.name || a.routineKind !== b.routineKind || a.params.length !== b.params.length) return false;
  return a.params.every((x, i) => x.name === b.params[i]!.name && x.dataType.sourceText.toUpperCase() === b.params[i]!.dataType.sourceText.toUpperCase());
}

export function addRoutine(list: Routine[], r: Routine): void {
  const i = list.findIndex((x) => sameSignature(x, r));
  if (i < 0) { list.push(r); return; }
  if (list[i]!.specOnly) list[i] = r;
  else if (!r.specOnly) list.push(r);
}

function typeDecl(pl: PlParser, start: Token): TypeDecl {
  const p = pl.p;
  const name = p.ident('a type name').name;
  p.expectAnyKw('IS', 'AS');
  let def: TypeDecl['def'];
  if (p.acceptKw('RECORD')) {
    p.expectOp('(');
    const fields: RecordField[] = [];
    do {
      const fname = p.ident('a field name').name;
      const spec = parseTypeSpec(p);
      const f: RecordField = { name: fname, dataType: spec.dataType };
      if (spec.typeRef) f.typeRef = spec.typeRef;
      if (p.acceptKws('NOT', 'NULL')) f.notNull = true;
      if (p.acceptOp(':=') || p.acceptKw('DEFAULT')) f.default = parseExpression(p);
      fields.push(f);
    } while (p.acceptOp(','));
    p.expectOp(')');
    def = { kind: 'record', fields };
  } else if (p.acceptKws('TABLE', 'OF')) {
    const spec = parseTypeSpec(p);
    p.acceptKws('NOT', 'NULL');
    def = { kind: 'table', element: spec.dataType, ...(spec.typeRef ? { elementRef: spec.typeRef } : {}) };
    if (p.acceptKws('INDEX', 'BY')) def.indexBy = parseDataType(p);
  } else if (p.acceptKw('VARRAY') || p.acceptKws('VARYING', 'ARRAY')) {
    p.expectOp('(');
    const limit = p.integer('the VARRAY size');
    p.expectOp(')');
    p.expectKw('OF');
    const spec = parseTypeSpec(p);
    p.acceptKws('NOT', 'NULL');
    def = { kind: 'varray', element: spec.dataType, ...(spec.typeRef ? { elementRef: spec.typeRef } : {}), limit };
  } else if (p.acceptKws('REF', 'CURSOR')) {
    def = { kind: 'refCursor' };
    if (p.acceptKw('RETURN')) {
      const spec = parseTypeSpec(p);
      def.returnType = spec.dataType;
      if (spec.typeRef) def.returnRef = spec.typeRef;
    }
  } else {
    throw p.error(`expected RECORD, TABLE OF, VARRAY or REF CURSOR but found ${describeToken(p.cur)}`);
  }
  p.expectOp(';');
  pl.scope.declare(name, { kind: 'type', typeKind: def.kind });
  return { kind: 'TypeDecl', name, def, span: p.spanFrom(start) };
}

function subtypeDecl(pl: PlParser, start: Token): TypeDecl {
  const p = pl.p;
  const name = p.ident('a subtype name').name;
  p.expectKw('IS');
  const spec = parseTypeSpec(p);
  if (p.acceptKw('RANGE')) { parseExpression(p); p.expectOp('..'); parseExpression(p); }
  const notNull = p.acceptKws('NOT', 'NULL');
  p.expectOp(';');
  const def: TypeDecl['def'] = { kind: 'subtype', base: spec.dataType, ...(spec.typeRef ? { baseRef: spec.typeRef } : {}), ...(notNull ? { notNull } : {}) };
  const inner = spec.dataType.userType ? pl.scope.typeKind(spec.dataType.userType.name) : undefined;
  pl.scope.declare(name, { kind: 'type', typeKind: inner ?? 'subtype' });
  return { kind: 'TypeDecl', name, def, span: p.spanFrom(start) };
}

function cursorDecl(pl: PlParser, start: Token): CursorDecl | undefined {
  const p = pl.p;
  const name = p.ident('a cursor name').name;
  let params: CursorDecl['params'];
  const scope = pl.scope;
  scope.push();
  try {
    if (p.acceptOp('(')) {
      params = [];
      do {
        const pname = p.ident('a cursor parameter name').name;
        p.acceptKw('IN');
        const spec = parseTypeSpec(p);
        const param: NonNullable<CursorDecl['params']>[number] = { name: pname, dataType: spec.dataType };
        if (spec.typeRef) param.typeRef = spec.typeRef;
        if (p.acceptOp(':=') || p.acceptKw('DEFAULT')) param.default = parseExpression(p);
        params.push(param);
        scope.declare(pname, { kind: 'variable' });
      } while (p.acceptOp(','));
      p.expectOp(')');
    }
    if (p.acceptKw('RETURN')) parseTypeSpec(p);
    // cursor specification in a package spec: the body repeats it with its query
    if (p.acceptOp(';')) return undefined;
    p.expectKw('IS');
    const tokens = collectToSemicolon(p);
    const sub = subParser(p, pl.start, tokens);
    const query = pl.query(parseQuery(sub));
    if (!sub.atEnd()) throw sub.error(`unexpected ${describeToken(sub.cur)} after the cursor query`);
    return { kind: 'CursorDecl', name, ...(params ? { params } : {}), query, span: p.spanFrom(start) };
  } finally {
    scope.pop();
    scope.declare(name, { kind: 'cursor' });
  }
}

function pragmaDecl(pl: PlParser, start: Token, earlier: Statement[]): Pragma {
  const p = pl.p;
  const name = p.ident('a pragma name').name;
  let args: Expr[] = [];
  if (p.acceptOp('(')) {
    args = parseExpressionList(p);
    p.expectOp(')');
  }
  p.expectOp(';');
  if (name === 'EXCEPTION_INIT' && args.length === 2) {
    const e = args[0]!;
    const ename = e.kind === 'ColumnRef' ? e.parts.join('.') : e.kind === 'Variable' ? e.name : undefined;
    const code = args[1]!;
    const n = code.kind === 'Literal' && code.type === 'number' ? Number(code.value) : NaN;
    if (ename && Number.isInteger(n)) {
      const isIt = (s: Statement): s is ConditionDecl => s.kind === 'ConditionDecl' && s.name === ename;
      const decl = earlier.find(isIt);
      if (decl) decl.errorCode = n;
      else {
        const outer = pl.outerDeclarations.find(isIt);
        if (outer) pl.later(() => { outer.errorCode = n; });
      }
    }
  }
  return { kind: 'Pragma', name, args, span: p.spanFrom(start) };
}

/** One declaration (not a subprogram); undefined for cursor specifications. */
function parseDeclaration(pl: PlParser, start: Token, earlier: Statement[]): Statement | undefined {
  const p = pl.p;
  if (p.acceptKw('PRAGMA')) return pragmaDecl(pl, start, earlier);
  if (p.isKw('TYPE') && p.isIdent(1) && p.isAnyKwAt(2, 'IS', 'AS')) { p.next(); return typeDecl(pl, start); }
  if (p.isKw('SUBTYPE') && p.isIdent(1)) { p.next(); return subtypeDecl(pl, start); }
  if (p.isKw('CURSOR') && p.isIdent(1) && !p.isKw('CONSTANT', 1)) { p.next(); return cursorDecl(pl, start); }
  const id = p.ident('a declaration');
  const name = id.name;
  if (p.acceptKw('EXCEPTION')) {
    p.expectOp(';');
    pl.scope.declare(name, { kind: 'exception' });
    return { kind: 'ConditionDecl', name, span: p.spanFrom(start) };
  }
  const constant = p.acceptKw('CONSTANT');
  const spec = parseTypeSpec(p);
  const decl: VarDecl = { kind: 'VarDecl', names: [name], dataType: spec.dataType, span: p.spanFrom(start) };
  if (constant) decl.constant = true;
  if (spec.typeRef) decl.typeRef = spec.typeRef;
  if (p.acceptKws('NOT', 'NULL')) decl.notNull = true;
  if (p.acceptOp(':=') || p.acceptKw('DEFAULT')) decl.default = parseExpression(p);
  p.expectOp(';');
  decl.span = p.spanFrom(start);
  const kind = bindingFor(spec, pl.scope, pl.ctx);
  if (kind === 'record') decl.record = true;
  pl.scope.declare(name, { kind });
  return decl;
}
