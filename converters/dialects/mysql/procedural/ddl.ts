import type { DdlStatement } from '../../../model/index.js';
import type { Token } from '../../common/tokens.js';
import { parseCreatePrefix, objectName, parseIfExists } from '../ddl/parts.js';
import { parseCreateTable } from '../ddl/table.js';
import type { Proc } from './block.js';

/** Consumes to the statement's ';' (not included), returning its text. */
function restOfStatement(proc: Proc, start: Token): string {
  const p = proc.p;
  let depth = 0;
  while (!p.atEnd() && !(depth === 0 && p.isOp(';'))) {
    if (p.isOp('(')) depth++;
    else if (p.isOp(')')) depth--;
    p.next();
  }
  return p.textBetween(start);
}

/**
 * DDL inside a routine: CREATE [TEMPORARY] TABLE (parsed into a Table), DROP [TEMPORARY] TABLE,
 * TRUNCATE, and other CREATE/ALTER/DROP kept as text. Undefined when not DDL.
 */
export function parseBodyDdl(proc: Proc, start: Token): DdlStatement | undefined {
  const p = proc.p;
  if (p.isKw('CREATE')) {
    const save = p.pos;
    p.next();
    const prefix = parseCreatePrefix(p);
    if (p.isKw('TABLE')) {
      const parsed = parseCreateTable(p, proc.ctx, prefix, start);
      const object = 'table' in parsed ? parsed.table : parsed;
      const name = 'table' in parsed ? parsed.table.name : parsed.name;
      return {
        kind: 'DdlStatement', action: 'create', object,
        ...(name ? { target: { objectType: 'table', name } } : {}),
        text: p.textBetween(start), span: p.spanFrom(start),
      };
    }
    p.pos = save;
    const text = restOfStatement(proc, start);
    return { kind: 'DdlStatement', action: 'create', text, span: p.spanFrom(start) };
  }
  if (p.isKw('DROP')) {
    p.next();
    p.acceptKw('TEMPORARY');
    if (p.acceptKw('TABLE') || p.acceptKw('TABLES')) {
      const ifExists = parseIfExists(p);
      const name = objectName(p, 'a table name');
      // DROP TABLE a, b: the statement text keeps every name; the target is the first.
      restOfStatement(proc, start);
      return { kind: 'DdlStatement', action: 'drop', target: { objectType: 'table', name }, ...(ifExists ? { ifExists } : {}), text: p.textBetween(start), span: p.spanFrom(start) };
    }
    const text = restOfStatement(proc, start);
    return { kind: 'DdlStatement', action: 'drop', text, span: p.spanFrom(start) };
  }
  if (p.isKw('TRUNCATE')) {
    p.next();
    p.acceptKw('TABLE');
    const name = objectName(p, 'a table name');
    return { kind: 'DdlStatement', action: 'truncate', target: { objectType: 'table', name }, text: p.textBetween(start), span: p.spanFrom(start) };
  }
  if (p.isKw('ALTER') || p.isKw('RENAME')) {
    const text = restOfStatement(proc, start);
    return { kind: 'DdlStatement', action: 'alter', text, span: p.spanFrom(start) };
  }
  return undefined;
}
