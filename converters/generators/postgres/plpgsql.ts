import type { Statement, StatementKind, Block, HandlerCondition, ExceptionHandler, Expr } from '../../model/index.js';
import { GP } from './codes.js';
import type { GenContext } from './context.js';
import { ident, qname, stringLiteral } from './quote.js';
import { printExpr } from './expr.js';
import { printDml, printQuery } from './query.js';
import { printType } from './types.js';
import { printEmbeddedDdl } from './ddl-in-code.js';

const IND = '  ';
type Lines = string[];
type Printer<K extends StatementKind> = (s: Extract<Statement, { kind: K }>, ctx: GenContext, depth: number) => Lines;

const pad = (depth: number): string => IND.repeat(depth);
const e = (x: Expr, ctx: GenContext): string => printExpr(x, ctx);
/** Labels print bare when they are plain lower-case identifiers, quoted otherwise. */
const BARE_LABEL = /^[a-z_][a-z0-9_]*$/;
export const labelName = (l: string): string => (BARE_LABEL.test(l) ? l : ident(l));
const label = (l: string | undefined, depth: number): Lines => (l ? [`${pad(depth)}<<${labelName(l)}>>`] : []);
const labelEnd = (l: string | undefined): string => (l ? ` ${labelName(l)}` : '');

/** A multi-line SQL text placed at `depth`, terminated. */
function sqlLines(text: string, depth: number): Lines {
  const lines = text.split('\n');
  return lines.map((l, i) => `${pad(depth)}${i === 0 ? '' : IND}${l}${i === lines.length - 1 ? ';' : ''}`);
}

function body(stmts: Statement[], ctx: GenContext, depth: number): Lines {
  const out = stmts.flatMap((s) => printStatement(s, ctx, depth));
  return out.length ? out : [`${pad(depth)}NULL;`];
}

function condition(c: HandlerCondition, ctx: GenContext, span: ExceptionHandler['span']): string | undefined {
  switch (c.kind) {
    case 'sqlstate': return `SQLSTATE ${stringLiteral(c.value)}`;
    case 'named': return c.name;
    case 'notFound': return 'no_data_found';
    case 'sqlException': case 'others': return 'OTHERS';
    case 'errorCode':
      ctx.report(GP.handlerLeft, span, `Handler for engine error ${c.value} was widened to OTHERS`);
      return 'OTHERS';
    case 'sqlWarning':
      ctx.report(GP.handlerLeft, span, 'PL/pgSQL cannot catch warnings; the SQLWARNING condition was dropped');
      return undefined;
  }
}

function declarations(decls: Statement[], ctx: GenContext, depth: number): Lines {
  const out: Lines = [];
  for (const d of decls) {
    switch (d.kind) {
      case 'VarDecl':
        for (const n of d.names) {
          let type: string;
          if (d.record) type = 'RECORD';
          else if (d.typeRef) type = `${qname(d.typeRef.of)}${d.typeRef.column ? `.${ident(d.typeRef.column)}%TYPE` : d.typeRef.rowtype ? '%ROWTYPE' : '%TYPE'}`;
          else type = printType(d.dataType, ctx);
          out.push(`${pad(depth)}${ident(n)} ${d.constant ? 'CONSTANT ' : ''}${type}${d.notNull ? ' NOT NULL' : ''}${d.default ? ` := ${e(d.default, ctx)}` : ''};`);
        }
        break;
      case 'CursorDecl': {
        const params = d.params?.length ? ` (${d.params.map((p) => `${ident(p.name)} ${printType(p.dataType, ctx)}`).join(', ')})` : '';
        const q = d.query.kind === 'Unparsed' ? (ctx.markUnparsed(d.query), 'SELECT NULL') : printQuery(d.query, ctx);
        out.push(...sqlLines(`${ident(d.name)} ${d.scroll ? 'SCROLL ' : 'NO SCROLL '}CURSOR${params} FOR ${q}`, depth));
        break;
      }
      case 'ConditionDecl':
        out.push(`${pad(depth)}-- condition ${d.name}${d.sqlstate ? ` = SQLSTATE '${d.sqlstate}'` : ''}${d.errorCode !== undefined ? ` = error ${d.errorCode}` : ''}`);
        break;
      case 'HandlerDecl':
        ctx.report(GP.handlerLeft, d.span);
        out.push(`${pad(depth)}-- not converted: ${d.action} handler`);
        break;
      default:
        out.push(...printStatement(d, ctx, depth));
    }
  }
  return out;
}

/** DECLARE … BEGIN … EXCEPTION … END, without label or trailing semicolon. */
export function printBlock(b: Block, ctx: GenContext, depth: number, prelude: Lines = []): Lines {
  const out: Lines = [];
  const decls = declarations(b.declarations, ctx, depth + 1);
  if (decls.length) out.push(`${pad(depth)}DECLARE`, ...decls);
  out.push(`${pad(depth)}BEGIN`, ...prelude.map((l) => pad(depth + 1) + l), ...body(b.body, ctx, depth + 1));
  if (b.exceptionHandlers.length) {
    out.push(`${pad(depth)}EXCEPTION`);
    for (const h of b.exceptionHandlers) {
      const conds = h.conditions.map((c) => condition(c, ctx, h.span)).filter((c): c is string => !!c);
      if (!conds.length) continue;
      out.push(`${pad(depth + 1)}WHEN ${conds.join(' OR ')} THEN`, ...body(h.body, ctx, depth + 2));
    }
  }
  out.push(`${pad(depth)}END`);
  return out;
}

function notConverted(s: Statement, ctx: GenContext, d: number, message: string): Lines {
  ctx.report(GP.sourceOnlySyntax, s.span, message);
  return [`${pad(d)}-- not converted: ${message}`];
}

const PRINTERS: { [K in StatementKind]: Printer<K> } = {
  Block: (s, ctx, d) => {
    const lines = [...label(s.label, d), ...printBlock(s, ctx, d)];
    lines[lines.length - 1] += `${labelEnd(s.label)};`;
    return lines;
  },
  VarDecl: (s, ctx, d) => declarations([s], ctx, d),
  CursorDecl: (s, ctx, d) => declarations([s], ctx, d),
  ConditionDecl: (s, ctx, d) => declarations([s], ctx, d),
  HandlerDecl: (s, ctx, d) => declarations([s], ctx, d),
  Assign: (s, ctx, d) => [`${pad(d)}${e(s.target, ctx)} := ${e(s.value, ctx)};`],
  If: (s, ctx, d) => {
    const out: Lines = [];
    s.branches.forEach((b, i) => {
      out.push(`${pad(d)}${i === 0 ? 'IF' : 'ELSIF'} ${e(b.condition, ctx)} THEN`, ...body(b.body, ctx, d + 1));
    });
    if (s.else) out.push(`${pad(d)}ELSE`, ...body(s.else, ctx, d + 1));
    out.push(`${pad(d)}END IF;`);
    return out;
  },
  CaseStatement: (s, ctx, d) => {
    const out: Lines = [`${pad(d)}CASE${s.operand ? ` ${e(s.operand, ctx)}` : ''}`];
    for (const w of s.whens) out.push(`${pad(d + 1)}WHEN ${e(w.when, ctx)} THEN`, ...body(w.body, ctx, d + 2));
    if (s.else) out.push(`${pad(d + 1)}ELSE`, ...body(s.else, ctx, d + 2));
    out.push(`${pad(d)}END CASE;`);
    return out;
  },
  Loop: (s, ctx, d) => [...label(s.label, d), `${pad(d)}LOOP`, ...body(s.body, ctx, d + 1), `${pad(d)}END LOOP${labelEnd(s.label)};`],
  While: (s, ctx, d) => [...label(s.label, d), `${pad(d)}WHILE ${e(s.condition, ctx)} LOOP`, ...body(s.body, ctx, d + 1), `${pad(d)}END LOOP${labelEnd(s.label)};`],
  // REPEAT … UNTIL c runs the body at least once: a LOOP that exits after the body when c holds.
  Repeat: (s, ctx, d) => [...label(s.label, d), `${pad(d)}LOOP`, ...body(s.body, ctx, d + 1),
    `${pad(d + 1)}EXIT${labelEnd(s.label)} WHEN ${e(s.until, ctx)};`, `${pad(d)}END LOOP${labelEnd(s.label)};`],
  ForRange: (s, ctx, d) => [...label(s.label, d),
    `${pad(d)}FOR ${ident(s.variable)} IN ${s.reverse ? 'REVERSE ' : ''}${e(s.from, ctx)}..${e(s.to, ctx)}${s.step ? ` BY ${e(s.step, ctx)}` : ''} LOOP`,
    ...body(s.body, ctx, d + 1), `${pad(d)}END LOOP${labelEnd(s.label)};`],
  ForQuery: (s, ctx, d) => {
    let src: string;
    if (s.cursor) src = `${ident(s.cursor.name)}${s.cursor.args?.length ? `(${s.cursor.args.map((a) => e(a, ctx)).join(', ')})` : ''}`;
    else if (s.dynamic) src = `EXECUTE ${e(s.dynamic, ctx)}`;
    else if (s.query && s.query.kind !== 'Unparsed') src = printQuery(s.query, ctx);
    else { if (s.query) ctx.markUnparsed(s.query); src = 'SELECT NULL'; }
    return [...label(s.label, d), ...sqlLines(`FOR ${ident(s.variable)} IN ${src} LOOP`, d).map((l) => l.replace(/;$/, '')),
      ...body(s.body, ctx, d + 1), `${pad(d)}END LOOP${labelEnd(s.label)};`];
  },
  Leave: (s, ctx, d) => [`${pad(d)}EXIT${labelEnd(s.label)}${s.when ? ` WHEN ${e(s.when, ctx)}` : ''};`],
  Iterate: (s, ctx, d) => [`${pad(d)}CONTINUE${labelEnd(s.label)}${s.when ? ` WHEN ${e(s.when, ctx)}` : ''};`],
  Return: (s, ctx, d) => {
    if (s.query) return sqlLines(`RETURN QUERY ${printQuery(s.query, ctx)}`, d);
    return [`${pad(d)}RETURN${s.next ? ' NEXT' : ''}${s.value ? ` ${e(s.value, ctx)}` : ''};`];
  },
  OpenCursor: (s, ctx, d) => {
    const args = s.args?.length ? `(${s.args.map((a) => e(a, ctx)).join(', ')})` : '';
    return sqlLines(`OPEN ${ident(s.name)}${args}${s.query ? ` FOR ${printQuery(s.query, ctx)}` : ''}`, d);
  },
  Fetch: (s, ctx, d) => [`${pad(d)}FETCH ${s.direction ? `${s.direction} FROM ` : ''}${ident(s.cursor)} INTO ${s.into.map((x) => e(x, ctx)).join(', ')};`],
  CloseCursor: (s, _ctx, d) => [`${pad(d)}CLOSE ${ident(s.name)};`],
  SqlStatement: (s, ctx, d) => {
    const st = s.statement;
    if (s.bulk) ctx.report(GP.sourceOnlySyntax, s.span, 'BULK COLLECT INTO reached the generator unconverted; only one row is fetched');
    const bareSelect = st.kind !== 'Insert' && st.kind !== 'Update' && st.kind !== 'Delete' && st.kind !== 'Merge' && !(st.kind === 'Select' && st.into?.length);
    if (s.perform || bareSelect) {
      if (!s.perform) ctx.report(GP.unsupportedStatement, s.span, 'A query without INTO inside PL/pgSQL discards its result; printed as PERFORM');
      const text = printQuery(st as Exclude<typeof st, { kind: 'Insert' | 'Update' | 'Delete' | 'Merge' }>, ctx);
      return sqlLines(text.startsWith('SELECT') ? `PERFORM${text.slice(6)}` : `PERFORM * FROM (${text}) AS q`, d);
    }
    ctx.strictInto = !!s.strict && st.kind === 'Select' && !!st.into?.length;
    let text = printDml(st, ctx);
    ctx.strictInto = false;
    if (s.into?.length) {
      // PL/pgSQL: INSERT/UPDATE/DELETE … RETURNING … INTO [STRICT] targets
      if ((st.kind !== 'Insert' && st.kind !== 'Update' && st.kind !== 'Delete') || !st.returning?.length) ctx.report(GP.unsupportedStatement, s.span, 'INTO targets without a RETURNING list were not converted');
      else text += ` INTO ${s.strict ? 'STRICT ' : ''}${s.into.map((x) => e(x, ctx)).join(', ')}`;
    }
    return sqlLines(text, d);
  },
  Call: (s, ctx, d) => [`${pad(d)}CALL ${qname(s.name)}(${s.args.map((a) => e(a, ctx)).join(', ')});`],
  Raise: (s, ctx, d) => {
    if (s.reraise) return [`${pad(d)}RAISE;`];
    const using: string[] = [];
    let head = `RAISE ${s.level.toUpperCase()}`;
    if (s.message && s.message.kind === 'Literal' && s.message.type === 'string') {
      head += ` ${stringLiteral(s.message.value.replace(/%/g, s.formatArgs?.length ? '%' : '%%'))}`;
      for (const a of s.formatArgs ?? []) head += `, ${e(a, ctx)}`;
    } else if (s.message) using.push(`MESSAGE = ${e(s.message, ctx)}`);
    else if (s.conditionName && !s.sqlstate) head += ` ${s.conditionName}`;
    if (s.sqlstate) using.push(`ERRCODE = ${stringLiteral(s.sqlstate)}`);
    for (const i of s.items ?? []) using.push(`${i.name.toUpperCase()} = ${e(i.value, ctx)}`);
    return [`${pad(d)}${head}${using.length ? ` USING ${using.join(', ')}` : ''};`];
  },
  DynamicSql: (s, ctx, d) => {
    if (s.phase === 'prepare' || s.phase === 'deallocate') {
      ctx.report(GP.unsupportedStatement, s.span, `${s.phase?.toUpperCase()} has no PL/pgSQL equivalent`);
      return [`${pad(d)}-- not converted: ${s.phase} ${s.preparedName ?? ''}`];
    }
    return [`${pad(d)}EXECUTE ${e(s.sql, ctx)}${s.into?.length ? ` INTO ${s.into.map((x) => e(x, ctx)).join(', ')}` : ''}${s.using?.length ? ` USING ${s.using.map((x) => e(x, ctx)).join(', ')}` : ''};`];
  },
  Transaction: (s, ctx, d) => {
    switch (s.action) {
      case 'commit': return [`${pad(d)}COMMIT;`];
      case 'rollback': return [`${pad(d)}ROLLBACK;`];
      default:
        ctx.report(GP.unsupportedStatement, s.span, `${s.action.toUpperCase()} is not allowed inside PL/pgSQL; use a nested BEGIN … EXCEPTION block`);
        return [`${pad(d)}-- not converted: ${s.action}${s.savepoint ? ` ${s.savepoint}` : ''}`];
    }
  },
  GetDiagnostics: (s, ctx, d) => [`${pad(d)}GET ${s.stacked ? 'STACKED ' : ''}DIAGNOSTICS ${s.items.map((i) => `${e(i.target, ctx)} = ${i.item}`).join(', ')};`],
  Null: (_s, _ctx, d) => [`${pad(d)}NULL;`],
  // Rules lower these (composite/array types, FOR loops, restructured control flow); reaching here means they did not.
  TypeDecl: (s, ctx, d) => notConverted(s, ctx, d, `Local type ${s.name} (${s.def.kind}) has no PL/pgSQL equivalent here`),
  Pragma: (s, ctx, d) => notConverted(s, ctx, d, `PRAGMA ${s.name} has no PL/pgSQL equivalent`),
  ForAll: (s, ctx, d) => notConverted(s, ctx, d, 'FORALL reached the generator unconverted'),
  Goto: (s, ctx, d) => notConverted(s, ctx, d, `GOTO ${s.label}: PL/pgSQL has no GOTO`),
  SessionSet: (s, ctx, d) => notConverted(s, ctx, d, `SET ${s.name}: session option not converted`),
  Label: (s, ctx, d) => notConverted(s, ctx, d, `Label ${s.name} (a GOTO target): PL/pgSQL has no GOTO`),
  DdlStatement: (s, ctx, d) => printEmbeddedDdl(s, ctx).flatMap((t) => sqlLines(t, d)),
  Unparsed: (s, ctx, d) => {
    ctx.markUnparsed(s);
    return [`${pad(d)}-- not converted: ${s.text.split('\n').join(`\n${pad(d)}-- `)}`];
  },
};

export function printStatement(s: Statement, ctx: GenContext, depth: number): Lines {
  return (PRINTERS[s.kind] as Printer<StatementKind>)(s as never, ctx, depth);
}
