import type { DdlStatement } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { qname } from './quote.js';
import { createTableStatements, createIndexStatement } from './table.js';

const OBJECT_TYPES: Record<string, string> = { table: 'TABLE', view: 'VIEW', index: 'INDEX', sequence: 'SEQUENCE', temporary: 'TABLE' };

/** DDL inside PL/pgSQL: CREATE [TEMP] TABLE / INDEX from the parsed object, DROP, TRUNCATE. */
export function printEmbeddedDdl(s: DdlStatement, ctx: GenContext): string[] {
  if (s.action === 'create' && s.object?.kind === 'Table') return createTableStatements(s.object, ctx);
  if (s.action === 'create' && s.object?.kind === 'Index') return [createIndexStatement(s.object, ctx)];
  if ((s.action === 'drop' || s.action === 'truncate') && s.target) {
    const type = OBJECT_TYPES[s.target.objectType.toLowerCase()] ?? s.target.objectType.toUpperCase();
    if (s.action === 'truncate') return [`TRUNCATE TABLE ${qname(s.target.name)}`];
    return [`DROP ${type} ${s.ifExists ? 'IF EXISTS ' : ''}${qname(s.target.name)}`];
  }
  ctx.report(GP.unsupportedStatement, s.span, `DDL inside code was not converted: ${s.text.slice(0, 200)}`);
  return [`-- not converted: ${s.text.replace(/\n/g, ' ')}`];
}
