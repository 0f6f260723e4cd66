import type { DataScript, Insert, NodeLike, Statement } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { readsVolatile } from '../oracle-postgres/multi-insert.js';
import { OM } from './codes.js';
import type { OmContext } from './context.js';

/** The chain of a multi-table INSERT (Insert.multiTable, linked by dataCte), in Oracle's INTO order. */
function unchain(ins: Insert): Insert[] {
  const out: Insert[] = [];
  for (let i: Insert | undefined = ins; i; i = i.dataCte?.statement.kind === 'Insert' ? i.dataCte.statement : undefined) {
    const { dataCte: _d, multiTable: _m, ...plain } = i;
    out.unshift(plain);
  }
  return out;
}

/**
 * Oracle INSERT ALL/FIRST → one INSERT … SELECT per INTO (MySQL has no data-modifying CTEs). Each
 * reads the source query again: exact when the source reads none of the tables inserted into and
 * has no NEXTVAL/random value (Oracle reads it once, before any row is inserted); otherwise an
 * action item. The INSERTs are separate statements: a failing later INTO does not undo earlier ones.
 */
export function splitMultiInsert(ins: Insert, ctx: OmContext): Insert[] {
  const parts = unchain(ins);
  const targets = new Set(parts.map((p) => p.table.name.toLowerCase()));
  let readsTarget = false;
  for (const p of parts) {
    walk(p.source, (n: NodeLike) => {
      if (n.kind === 'TableRef' && targets.has((n as unknown as { name: { name: string } }).name.name.toLowerCase())) readsTarget = true;
    });
  }
  if (readsTarget || readsVolatile(ins)) {
    ctx.report(OM.multiTableInsertReread, ins.span, `INSERT ALL/FIRST became ${parts.length} INSERT … SELECT statements that each read the source again: ${readsTarget ? 'the source reads a table inserted into, so later INTOs see earlier INTOs\' rows' : 'NEXTVAL/random values are evaluated per INTO, not once per source row'}`);
  } else {
    ctx.reportOnce(OM.multiTableInsert, ins.span);
  }
  return parts;
}

export function splitDataScript(d: DataScript, ctx: OmContext): DataScript {
  if (!d.statements.some((s) => s.kind === 'Insert' && s.multiTable)) return d;
  return { ...d, statements: d.statements.flatMap((s) => (s.kind === 'Insert' && s.multiTable ? splitMultiInsert(s, ctx) : [s])) };
}

export function splitMultiInsertStatement(s: Statement & { kind: 'SqlStatement' }, ctx: OmContext): Statement[] {
  return splitMultiInsert(s.statement as Insert, ctx).map((i) => ({ ...s, statement: i }));
}
