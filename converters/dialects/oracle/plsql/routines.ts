import type { Expr, Parameter, QualifiedName, Routine, Unparsed } from '../../../model/index.js';
import { describeToken } from '../../common/parser.js';
import { parseExpression } from '../../common/expr.js';
import { qualifiedName } from '../../common/names.js';
import type { Token } from '../../common/tokens.js';
import type { PlParser } from './block.js';
import { OP } from './codes.js';
import { bindingFor, parseTypeSpec } from './types.js';

export interface SubprogramOptions {
  packageName?: string;
  /** Schema of the enclosing package / type / CREATE statement. */
  schema?: string;
  methodKind?: Routine['methodKind'];
  /** Object type whose method this is (SELF AS RESULT names it). */
  ownerType?: string;
  /** The CREATE statement's own name ([schema.]name) instead of a plain one. */
  qualified?: boolean;
  orReplace?: boolean;
}

/** `( name [IN | OUT | IN OUT] [NOCOPY] type [:= | DEFAULT expr], … )` — cursor on '('. */
export function parseParams(pl: PlParser): Parameter[] {
  const p = pl.p;
  const out: Parameter[] = [];
  if (!p.acceptOp('(')) return out;
  do {
    const start = p.cur;
    const name = p.ident('a parameter name').name;
    let mode: Parameter['mode'] = 'in';
    if (p.acceptKw('IN')) { if (p.acceptKw('OUT')) mode = 'inout'; }
    else if (p.acceptKw('OUT')) mode = 'out';
    const nocopy = p.acceptKw('NOCOPY');
    const spec = parseTypeSpec(p);
    let def: Expr | undefined;
    if (p.acceptOp(':=') || p.acceptKw('DEFAULT')) def = parseExpression(p);
    const prm: Parameter = { name, mode, dataType: spec.dataType, span: p.spanFrom(start) };
    if (def) prm.default = def;
    if (spec.typeRef) prm.typeRef = spec.typeRef;
    if (nocopy) prm.nocopy = true;
    out.push(prm);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

/** Routine attributes between the heading and IS / AS / ';'. */
function parseAttributes(pl: PlParser, r: Routine): void {
  const p = pl.p;
  for (;;) {
    if (p.acceptKw('DETERMINISTIC')) { r.deterministic = true; continue; }
    if (p.acceptKw('PIPELINED')) {
      r.pipelined = true;
      if (r.returns?.kind === 'type') r.returns.setOf = true;
      continue;
    }
    if (p.acceptKw('PARALLEL_ENABLE')) { r.parallel = 'safe'; if (p.isOp('(')) p.skipParens(); continue; }
    if (p.acceptKw('RESULT_CACHE')) { if (p.acceptKw('RELIES_ON')) p.skipParens(); continue; }
    if (p.acceptKw('AUTHID')) { r.security = p.expectAnyKw('DEFINER', 'CURRENT_USER') === 'DEFINER' ? 'definer' : 'invoker'; continue; }
    if (p.acceptKws('ACCESSIBLE', 'BY')) { p.skipParens(); continue; }
    if (p.acceptKw('SHARING')) { p.expectOp('='); p.next(); continue; }
    if (p.acceptKws('DEFAULT', 'COLLATION')) { p.next(); continue; }
    if (p.acceptKw('SQL_MACRO')) { if (p.isOp('(')) p.skipParens(); continue; }
    return;
  }
}

/** IS|AS LANGUAGE C|JAVA … / AS EXTERNAL …: the rest of the unit as text. */
function externalBody(pl: PlParser, from: Token): Unparsed | undefined {
  const p = pl.p;
  if (!(p.isKw('LANGUAGE') || p.isKw('EXTERNAL'))) return undefined;
  const lang = p.isKw('LANGUAGE') ? p.peek(1).upper : 'C';
  while (!p.atEnd() && !p.isOp(';')) p.next();
  const text = p.textBetween(from);
  const span = p.spanFrom(from);
  p.acceptOp(';');
  return { kind: 'Unparsed', text, reason: `LANGUAGE ${lang} (external routine)`, span };
}

/**
 * PROCEDURE / FUNCTION heading and, after IS / AS, its body — or just `;` for a specification or
 * forward declaration (specOnly). The cursor stands on PROCEDURE or FUNCTION.
 */
export function parseSubprogram(pl: PlParser, start: Token, opts: SubprogramOptions = {}): Routine {
  const p = pl.p;
  const kw = p.expectAnyKw('PROCEDURE', 'FUNCTION');
  const routineKind = kw === 'PROCEDURE' ? 'procedure' : 'function';
  let name: QualifiedName;
  if (opts.qualified) {
    const q = p.qualifiedParts('a routine name');
    name = qualifiedName(q.parts, q.quoted);
  } else {
    const id = p.ident('a routine name');
    name = { name: id.name, ...(id.quoted ? { quoted: true } : {}) };
  }
  if (!name.schema && opts.schema) name.schema = opts.schema;
  const params = p.isOp('(') ? parseParams(pl) : [];
  const r: Routine = {
    kind: 'Routine', routineKind, name, params, language: 'plsql',
    body: { kind: 'Unparsed', text: '', reason: 'specification only', span: p.spanFrom(start) }, span: p.spanFrom(start),
  };
  if (opts.packageName) r.packageName = opts.packageName;
  if (opts.methodKind) r.methodKind = opts.methodKind;
  if (opts.orReplace) r.orReplace = true;
  if (routineKind === 'function') {
    p.expectKw('RETURN');
    if (p.acceptKws('SELF', 'AS', 'RESULT')) {
      r.returns = { kind: 'type', dataType: { kind: 'DataType', name: 'user', userType: { name: opts.ownerType ?? name.name }, sourceText: 'SELF AS RESULT', span: p.spanFrom(start) } };
    } else {
      const spec = parseTypeSpec(p);
      r.returns = { kind: 'type', dataType: spec.dataType, ...(spec.typeRef ? { typeRef: spec.typeRef } : {}) };
    }
  } else {
    r.returns = { kind: 'void' };
  }
  parseAttributes(pl, r);
  // ';' ends a specification / forward declaration; ',' or ')' a method specification in CREATE TYPE
  if (p.acceptOp(';') || p.isOp(',') || p.isOp(')') || (p.atEnd() && !opts.qualified)) {
    r.specOnly = true;
    r.span = p.spanFrom(start);
    return r;
  }
  const isTok = p.cur;
  p.expectAnyKw('IS', 'AS');
  const ext = externalBody(pl, isTok);
  if (ext) {
    r.body = ext;
    r.language = ext.reason.split(' ')[1]!.toLowerCase();
    r.span = p.spanFrom(start);
    pl.diag(OP.externalRoutine, r.span, `${routineKind} ${name.name}: ${ext.reason} is not converted`);
    return r;
  }
  if (p.atEnd()) throw p.error(`expected the body of ${name.name} but the unit ended`);
  const scope = pl.scope;
  scope.push();
  scope.qualifiers.add(name.name);
  try {
    for (const prm of params) scope.declare(prm.name, { kind: bindingFor({ dataType: prm.dataType, ...(prm.typeRef ? { typeRef: prm.typeRef } : {}) }, scope, pl.ctx) });
    if (opts.methodKind === 'member' || opts.methodKind === 'map' || opts.methodKind === 'order' || opts.methodKind === 'constructor') scope.declare('SELF', { kind: 'record' });
    r.body = pl.parseBlock(undefined, { name: name.name });
  } finally {
    scope.pop();
  }
  r.span = p.spanFrom(start);
  return r;
}

/** Text for messages: "procedure ADD_JOB_HISTORY". */
export function routineLabel(r: Routine): string {
  return `${r.routineKind} ${r.packageName ? `${r.packageName}.` : ''}${r.name.name}`;
}

export function expectedAfter(pl: PlParser, what: string): never {
  throw pl.p.error(`expected ${what} but found ${describeToken(pl.p.cur)}`);
}
