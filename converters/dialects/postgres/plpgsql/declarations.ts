import type { CursorDecl, DataType, QualifiedName, Statement, VarDecl } from '../../../model/index.js';
import type { Token } from '../../common/tokens.js';
import type { PgParser } from '../parser.js';
import type { Scope } from './scope.js';
import { collectToSemicolon } from './sql.js';

function unknownType(p: PgParser, from: Token, text: string): DataType {
  return { kind: 'DataType', name: 'unknown', sourceText: text, span: p.spanFrom(from) };
}

/** Does `ident(.ident)* %` start here (a %TYPE / %ROWTYPE reference)? */
function typeRefAhead(p: PgParser): boolean {
  let k = 0;
  for (;;) {
    if (!p.isIdentAt(k)) return false;
    k++;
    if (p.isPunctAt(k, '.')) { k++; continue; }
    return p.isPunctAt(k, '%');
  }
}

/**
 * One declaration of a DECLARE section, or undefined for `name ALIAS FOR $n` (recorded in the
 * scope only). The cursor stands on the declared name.
 */
export function parseDeclaration(p: PgParser, scope: Scope): Statement | undefined {
  const start = p.cur;
  const id = p.ident('a variable name');
  const name = id.name;
  if (p.acceptSeq('ALIAS', 'FOR')) {
    const t = p.next();
    // $n aliases a positional parameter (Variable 'positional' named n, as the common parser names $n)
    if (t.type === 'variable') scope.declare(name, { kind: 'alias', target: t.text.replace(/^\$/, ''), positional: true });
    else scope.declare(name, { kind: 'alias', target: p.fold(t.value) });
    p.expectPunct(';');
    return undefined;
  }
  // cursors: name [NO] SCROLL CURSOR [(params)] FOR|IS query
  const noScroll = p.isWord('NO') && p.isWordAt(1, 'SCROLL');
  if (noScroll) { p.next(); p.next(); }
  const scroll = !noScroll && p.acceptWord('SCROLL');
  if (p.acceptWord('CURSOR')) {
    let params: CursorDecl['params'];
    if (p.acceptPunct('(')) {
      params = [];
      do params.push({ name: p.ident().name, dataType: p.dataType() }); while (p.acceptPunct(','));
      p.expectPunct(')');
    }
    if (!p.acceptWord('FOR')) p.expectWord('IS');
    scope.push();
    for (const prm of params ?? []) scope.declare(prm.name, { kind: 'variable' });
    const qTokens = collectToSemicolon(p);
    const sub = p.sub(qTokens);
    const query = sub.query();
    if (!sub.atEnd()) throw sub.error(`unexpected '${sub.cur.text}' in the cursor query`);
    scope.pop();
    scope.declare(name, { kind: 'cursor' });
    return { kind: 'CursorDecl', name, ...(params ? { params } : {}), query, ...(scroll ? { scroll: true } : {}), span: p.spanFrom(start) };
  }
  const decl: VarDecl = { kind: 'VarDecl', names: [name], dataType: unknownType(p, start, ''), span: p.spanFrom(start) };
  if (p.acceptWord('CONSTANT')) decl.constant = true;
  const typeStart = p.cur;
  if (p.isWord('RECORD') && (p.isPunctAt(1, ';') || p.isPunctAt(1, ':=') || p.isPunctAt(1, '='))) {
    p.next();
    decl.record = true;
    decl.dataType = unknownType(p, typeStart, 'record');
  } else if (typeRefAhead(p)) {
    const parts = p.qnameParts();
    p.expectPunct('%');
    const which = p.expectOneOf('TYPE', 'ROWTYPE');
    const text = p.textBetween(typeStart);
    decl.dataType = unknownType(p, typeStart, text);
    if (which === 'rowtype') {
      decl.typeRef = { of: toQName(parts), rowtype: true };
    } else {
      const column = parts.length > 1 ? parts.pop()! : undefined;
      decl.typeRef = { of: toQName(parts), ...(column ? { column } : {}) };
    }
  } else {
    decl.dataType = p.dataType();
    if (p.isPunct('%') && p.isWordAt(1, 'ROWTYPE')) {
      // a user type that is really a table's row type
      p.next(); p.next();
      const ut = decl.dataType.userType;
      decl.typeRef = { of: ut ?? { name: decl.dataType.sourceText }, rowtype: true };
      decl.dataType = unknownType(p, typeStart, p.textBetween(typeStart));
    }
  }
  if (p.acceptWord('COLLATE')) p.qnameText();
  if (p.acceptSeq('NOT', 'NULL')) decl.notNull = true;
  if (p.acceptWord('DEFAULT') || p.acceptPunct(':=') || p.acceptPunct('=')) decl.default = p.expr();
  p.expectPunct(';');
  decl.span = p.spanFrom(start);
  scope.declare(name, { kind: decl.record || decl.typeRef?.rowtype ? 'record' : 'variable' });
  return decl;
}

function toQName(parts: string[]): QualifiedName {
  const name = parts[parts.length - 1] ?? '';
  return parts.length > 1 ? { schema: parts[parts.length - 2]!, name } : { name };
}
