import type { Insert, NodeLike } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { OG } from './codes.js';
import type { OraRuleContext } from './context.js';

const VOLATILE = /^(nextval|currval|sys_guid|random|dbms_random\..*)$/i;

/** Sequence NEXTVAL/CURRVAL or random values in a multi-table INSERT: Oracle evaluates them once per source row, not per INTO. */
export function readsVolatile(ins: Insert): boolean {
  let hit = false;
  walk(ins, (n: NodeLike) => {
    if (n.kind === 'ColumnRef') {
      const parts = (n as unknown as { parts: string[] }).parts;
      if (/^(nextval|currval)$/i.test(parts[parts.length - 1]!)) hit = true;
    } else if (n.kind === 'FunctionCall') {
      const f = (n as unknown as { name: { name: string; schema?: string } }).name;
      if (VOLATILE.test(f.schema ? `${f.schema}.${f.name}` : f.name)) hit = true;
    }
  });
  return hit;
}

/**
 * Oracle INSERT ALL/FIRST (front end: a chain of INSERT … SELECT through dataCte, Insert.multiTable):
 * PostgreSQL runs the chain as one statement — one snapshot, no INTO sees another's rows, as in
 * Oracle. Reported; NEXTVAL/random values are evaluated per INTO here (action item).
 */
export function reportMultiInsert(ins: Insert, ctx: OraRuleContext): void {
  if (ins.dataCte && readsVolatile(ins)) {
    ctx.report(OG.unsupportedStatement, ins.span, 'INSERT ALL/FIRST with NEXTVAL/CURRVAL or random values: Oracle evaluates them once per source row for all INTO clauses; here each INTO evaluates them again');
  } else {
    ctx.reportOnce(OG.multiTableInsert, ins.span);
  }
}
