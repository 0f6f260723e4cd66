import type { Block, ObjectRef, Package, QualifiedName, Routine, SourceSpan, Statement } from '../../../model/index.js';
import { Parser, ParseError, describeToken } from '../../common/parser.js';
import type { LexStart, Token } from '../../common/tokens.js';
import type { OraContext } from '../context.js';
import { ORACLE_DIALECT } from '../tokenizer.js';
import { OS } from '../codes.js';
import { parseMerge } from '../merge.js';
import { PlParser, Unterminated } from './block.js';
import { OP } from './codes.js';
import { addRoutine, parseDeclarations } from './declarations.js';
import { plsqlPrimary } from './exprs.js';
import { parseSubprogram } from './routines.js';
import { Scope } from './scope.js';
import type { MergeParser } from './sql.js';
import { parseTrigger } from './triggers.js';
import { parseTypeBody, parseTypeSpec } from './objtypes.js';
import { bindingFor } from './types.js';

const WRAPPED = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:NON)?EDITIONABLE\s+)?(PACKAGE\s+BODY|PACKAGE|PROCEDURE|FUNCTION|TYPE\s+BODY|TYPE|TRIGGER|LIBRARY)\s+((?:"[^"]+"|[\w$#]+)(?:\s*\.\s*(?:"[^"]+"|[\w$#]+))?)\s+WRAPPED\b/i;

let mergeParser: MergeParser | undefined = parseMerge;
/** The Oracle SQL layer may register another MERGE parser (the default is ../merge.ts's). */
export function setPlsqlMergeParser(f: MergeParser): void { mergeParser = f; }

function nameFromText(s: string): QualifiedName {
  const parts = s.split(/\s*\.\s*/).map((x) => (x.startsWith('"') ? x.slice(1, -1) : x.toUpperCase()));
  return parts.length > 1 ? { schema: parts[0]!, name: parts[1]! } : { name: parts[0]! };
}

function startOf(span: SourceSpan): LexStart {
  return { offset: span.offset ?? 0, line: span.line, column: span.column };
}

/** What the header says the unit is, for messages and UnparsedObject.objectType. */
function unitKind(p: Parser): { objectType: string; name?: QualifiedName } {
  const k = p.cur;
  if (k.type !== 'word') return { objectType: 'anonymous block' };
  let objectType = k.upper.toLowerCase();
  let at = 1;
  if ((k.upper === 'PACKAGE' || k.upper === 'TYPE') && p.isKw('BODY', 1)) { objectType += ' body'; at = 2; }
  const n = p.peek(at);
  if (n.type !== 'word' && n.type !== 'qident') return { objectType };
  const first = n.type === 'word' ? n.value.toUpperCase() : n.value;
  const n2 = p.peek(at + 2);
  if (p.isOp('.', at + 1) && (n2.type === 'word' || n2.type === 'qident')) return { objectType, name: { schema: first, name: n2.type === 'word' ? n2.value.toUpperCase() : n2.value } };
  return { objectType, name: { name: first } };
}

/**
 * One complete PL/SQL unit as cut by the SQL*Plus layer (CREATE PROCEDURE / FUNCTION / PACKAGE
 * [BODY] / TRIGGER / TYPE [BODY], or an anonymous block), `span` being where it starts in the file.
 * Adds the objects to ctx; a PACKAGE BODY (TYPE BODY) merges into the package (type) of the same
 * name. Anything that cannot be parsed becomes an UnparsedObject with a located finding.
 */
export function parsePlsqlUnit(ctx: OraContext, text: string, span: SourceSpan): void {
  const file = span.file || ctx.file;
  const keep = (objectType: string, name: QualifiedName | undefined, reason: string): void => {
    ctx.add({ kind: 'UnparsedObject', objectType, ...(name ? { name } : {}), statement: { kind: 'Unparsed', text, reason, span }, span });
  };
  const w = WRAPPED.exec(text);
  if (w) {
    const objectType = w[1]!.toLowerCase().replace(/\s+/g, ' ');
    const name = nameFromText(w[2]!);
    ctx.diag(OP.wrapped, span, `${objectType} ${name.name} is wrapped (obfuscated with the wrap utility); its source cannot be read`, ctx.ref(objectType, name));
    keep(objectType, name, 'wrapped PL/SQL');
    return;
  }
  const start = startOf(span);
  const p = new Parser(text, file, ORACLE_DIALECT, start);
  const scope = new Scope();
  const previous = p.hooks.primary;
  p.hooks.primary = (q) => plsqlPrimary(q, scope) ?? previous?.(q);
  p.hooks.identifier = (parts, quoted, s) => scope.resolve(parts, quoted, s);

  // header: CREATE [OR REPLACE] [EDITIONABLE | NONEDITIONABLE]
  const create = p.acceptKw('CREATE');
  const orReplace = create && p.acceptKws('OR', 'REPLACE');
  if (create) {
    p.acceptAnyKw('EDITIONABLE', 'NONEDITIONABLE', 'EDITIONING');
    if (!p.acceptKws('AND', 'COMPILE')) p.acceptKws('AND', 'RESOLVE');
    p.acceptKw('NOFORCE');
  }
  const what = create ? unitKind(p) : { objectType: 'anonymous block' };
  const unit = `${what.objectType}${what.name ? ` ${what.name.name}` : ''}`;
  const ref: ObjectRef | undefined = what.name ? ctx.ref(what.objectType, what.name) : create ? undefined : { name: `anonymous_block_${span.line}`, type: 'procedure' };
  if (p.lexErrors.length > 0) {
    const e = p.lexErrors[0]!;
    const at: SourceSpan = { file, line: e.line, column: e.column, endLine: e.line, endColumn: e.column };
    ctx.diag(OP.unitUnparsed, at, `${unit}: ${e.message}`, ref);
    keep(what.objectType, what.name, e.message);
    return;
  }
  const pl = new PlParser(p, ctx, scope, start, unit, ref, mergeParser);
  try {
    if (!create) parseAnonymous(pl, span);
    else parseCreate(pl, what.objectType, orReplace);
    if (!p.atEnd()) throw p.error(`unexpected ${describeToken(p.cur)} after the end of the ${what.objectType}`);
    for (const f of pl.pending) f();
    for (const n of p.notes) ctx.diag(OS.sqlDetail, n.span, `${unit}: ${n.message}`, ref);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    if (e instanceof Unterminated) ctx.diag(OP.unterminated, e.span, e.detail, ref);
    else ctx.diag(OP.unitUnparsed, e.span, `${unit}: ${e.detail}`, ref);
    keep(what.objectType, what.name, e.detail);
  }
}

function qname(pl: PlParser): QualifiedName {
  const q = pl.p.qualifiedParts('a name');
  const n = q.parts.length;
  const name: QualifiedName = { name: q.parts[n - 1]! };
  if (n > 1) name.schema = q.parts[n - 2]!;
  if (q.quoted[n - 1]) name.quoted = true;
  return pl.ctx.qualify(name);
}

function parseCreate(pl: PlParser, objectType: string, orReplace: boolean): void {
  const p = pl.p;
  const start = p.cur;
  switch (objectType) {
    case 'procedure': case 'function': {
      const r = parseSubprogram(pl, start, { qualified: true, ...(orReplace ? { orReplace } : {}) });
      r.name = pl.ctx.qualify(r.name);
      if (r.body.kind === 'Unparsed') {
        // an external routine (LANGUAGE C / JAVA): reported by parseSubprogram, kept whole as text
        const span = p.spanFrom(p.tokens[0]!);
        pl.add({ kind: 'UnparsedObject', objectType, name: r.name, statement: { kind: 'Unparsed', text: p.text, reason: r.body.reason, span }, span });
        return;
      }
      pl.add(r);
      return;
    }
    case 'package': return parsePackageSpec(pl, start);
    case 'package body': return parsePackageBody(pl, start);
    case 'trigger': return parseTrigger(pl, start, qname);
    case 'type': return parseTypeSpec(pl, start, qname);
    case 'type body': return parseTypeBody(pl, start, qname);
    case 'library': case 'java': {
      // CREATE LIBRARY (a C shared library) / CREATE JAVA (a Java class): code outside PL/SQL
      const name = (objectType === 'java' ? undefined : (p.next(), qname(pl)));
      while (!p.atEnd()) p.next();
      const span = p.spanFrom(start);
      pl.diag(OP.externalRoutine, span, `CREATE ${objectType.toUpperCase()}${name ? ` ${name.name}` : ''}: external code is not converted`);
      pl.add({ kind: 'UnparsedObject', objectType, ...(name ? { name } : {}), statement: { kind: 'Unparsed', text: p.text, reason: `CREATE ${objectType.toUpperCase()} (external code)`, span }, span });
      return;
    }
    default:
      throw p.error(`CREATE ${objectType.toUpperCase()} is not PL/SQL this converter reads`, start);
  }
}

/** Routine-level attributes of a package or type header: AUTHID, ACCESSIBLE BY, SHARING … */
export function skipUnitAttributes(p: Parser): void {
  for (;;) {
    if (p.acceptKw('AUTHID')) { p.next(); continue; }
    if (p.acceptKws('ACCESSIBLE', 'BY')) { p.skipParens(); continue; }
    if (p.acceptKw('SHARING')) { p.expectOp('='); p.next(); continue; }
    if (p.acceptKws('DEFAULT', 'COLLATION')) { p.next(); continue; }
    if (p.acceptKw('SERIALLY_REUSABLE')) continue;
    return;
  }
}

function parsePackageSpec(pl: PlParser, start: Token): void {
  const p = pl.p;
  p.expectKw('PACKAGE');
  const name = qname(pl);
  skipUnitAttributes(p);
  p.expectAnyKw('IS', 'AS');
  pl.scope.qualifiers.add(name.name);
  const d = parseDeclarations(pl, ['END'], { inPackage: true, packageName: name.name, ...(name.schema ? { schema: name.schema } : {}) });
  pl.endName(start, name.name);
  const pkg: Package = { kind: 'Package', name, declarations: d.declarations, routines: d.routines, hasBody: false, span: p.spanFrom(start) };
  // The body came first (or the spec is replaced after it): Oracle keeps the body, so do we.
  const found = pl.ctx.find(name);
  if (found?.kind === 'Package' && found.hasBody) {
    pkg.hasBody = true;
    for (const r of found.routines) if (!r.specOnly) addRoutine(pkg.routines, r);
    const declared = new Set(pkg.declarations.map(declName));
    pkg.declarations.push(...found.declarations.filter((x) => !declared.has(declName(x))));
    if (found.initialization) pkg.initialization = found.initialization;
  }
  pl.add(pkg);
}

function declName(s: Statement): string {
  return s.kind === 'VarDecl' ? s.names.join(',') : 'name' in s && typeof s.name === 'string' ? s.name : `${s.kind}@${s.span.offset ?? s.span.line}`;
}

/** Declares a package's spec items in the scope so the body sees its variables, cursors and types. */
function seedScope(pl: PlParser, decls: Statement[]): void {
  for (const s of decls) {
    if (s.kind === 'TypeDecl') pl.scope.declare(s.name, { kind: 'type', typeKind: s.def.kind });
    else if (s.kind === 'CursorDecl') pl.scope.declare(s.name, { kind: 'cursor' });
    else if (s.kind === 'ConditionDecl') pl.scope.declare(s.name, { kind: 'exception' });
    else if (s.kind === 'VarDecl') {
      const kind = bindingFor({ dataType: s.dataType, ...(s.typeRef ? { typeRef: s.typeRef } : {}) }, pl.scope, pl.ctx);
      for (const n of s.names) pl.scope.declare(n, { kind });
    }
  }
}

function parsePackageBody(pl: PlParser, start: Token): void {
  const p = pl.p;
  p.expectKws('PACKAGE', 'BODY');
  const name = qname(pl);
  skipUnitAttributes(p);
  p.expectAnyKw('IS', 'AS');
  const found = pl.ctx.find(name);
  const spec = found?.kind === 'Package' ? found : undefined;
  pl.scope.qualifiers.add(name.name);
  if (spec) { seedScope(pl, spec.declarations); pl.outerDeclarations = spec.declarations; }
  const d = parseDeclarations(pl, ['BEGIN', 'END'], { inPackage: true, packageName: name.name, ...(name.schema ? { schema: name.schema } : {}) });
  let initialization: Statement[] | undefined;
  let closer = start;
  if (p.isKw('BEGIN')) {
    const begin = p.next();
    closer = begin;
    const body = pl.parseList();
    const handlers = p.isKw('EXCEPTION') ? pl.parseHandlers() : [];
    if (handlers.length) {
      const b: Block = { kind: 'Block', declarations: [], body, exceptionHandlers: handlers, span: p.spanFrom(begin) };
      initialization = [b];
    } else {
      initialization = body;
    }
  }
  pl.endName(closer, name.name);
  if (spec) {
    pl.later(() => {
      spec.hasBody = true;
      for (const r of d.routines) addRoutine(spec.routines, r);
      spec.declarations.push(...d.declarations);
      if (initialization) spec.initialization = initialization;
      for (const r of spec.routines) if (r.specOnly) {
        pl.diag(OP.specOnly, r.span, `package ${name.name}: ${r.routineKind} ${r.name.name} is declared in the specification but the body does not define it`);
      }
    });
    return;
  }
  for (const r of d.routines) if (r.specOnly) {
    pl.diag(OP.specOnly, r.span, `${pl.unit}: ${r.routineKind} ${r.name.name} is declared in the body but never defined`);
  }
  const pkg: Package = { kind: 'Package', name, declarations: d.declarations, routines: d.routines, hasBody: true, span: p.spanFrom(start) };
  if (initialization) pkg.initialization = initialization;
  pl.add(pkg);
}

function parseAnonymous(pl: PlParser, span: SourceSpan): void {
  const p = pl.p;
  const start = p.cur;
  let label: string | undefined;
  if (p.isOp('<<') && p.isIdent(1) && p.isOp('>>', 2)) { p.next(); label = p.ident('a label').name; p.next(); }
  if (!p.isAnyKw('DECLARE', 'BEGIN')) throw p.error(`expected DECLARE or BEGIN but found ${describeToken(p.cur)}`);
  const body = pl.parseBlock(label);
  const name = { name: `anonymous_block_${span.line}` };
  const r: Routine = { kind: 'Routine', routineKind: 'procedure', name, params: [], language: 'plsql', body, anonymous: true, span: p.spanFrom(start) };
  pl.add(r);
}
