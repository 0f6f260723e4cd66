import type { Block, Expr, HandlerCondition, Raise, Statement, StatementKind } from '../../model/index.js';
import { GM } from './codes.js';
import type { GenContext } from './context.js';
import { exprSql } from './expr.js';
import { dmlSql, querySql } from './query.js';
import { ident, indent, qname, str } from './quote.js';
import { typeSql } from './types.js';

type StmtEmitter<K extends StatementKind> = (s: Extract<Statement, { kind: K }>, ctx: GenContext) => string;

/** Statements of a body, each terminated by `;`, one per line. */
export function bodySql(stmts: Statement[], ctx: GenContext): string {
  return stmts.map((s) => `${statementSql(s, ctx)};`).join('\n');
}

const DECL_ORDER: Partial<Record<StatementKind, number>> = { VarDecl: 0, ConditionDecl: 0, CursorDecl: 1, HandlerDecl: 2 };

function conditionSql(c: HandlerCondition, ctx: GenContext, span: Block['span']): string {
  switch (c.kind) {
    case 'sqlstate': return `SQLSTATE ${str(c.value)}`;
    case 'errorCode': return String(c.value);
    case 'named': return ident(c.name);
    case 'notFound': return 'NOT FOUND';
    case 'sqlException': case 'others': return 'SQLEXCEPTION';
    case 'sqlWarning': return 'SQLWARNING';
    default: ctx.report(GM.unsupportedStatement, span); return 'SQLEXCEPTION';
  }
}

function blockSql(b: Block, ctx: GenContext, label = b.label): string {
  const decls = [...b.declarations].sort((x, y) => (DECL_ORDER[x.kind] ?? 0) - (DECL_ORDER[y.kind] ?? 0));
  let inner = [...decls.map((d) => `${statementSql(d, ctx)};`), bodySql(b.body, ctx)].filter((x) => x).join('\n');
  if (b.exceptionHandlers.length) {
    // EXCEPTION WHEN … → EXIT handlers of a nested block: leaving the handler leaves the block.
    // A handler cannot LEAVE labels outside it, so RETURN in a procedure/trigger handler sets a
    // flag, leaves the handler, and the enclosing block leaves the routine after the nested block.
    const needsFlag = ctx.routineKind !== 'function' && ctx.bodyLabel !== undefined;
    const flag = ctx.label('dbshift_return');
    const handlers = b.exceptionHandlers.map((h) => {
      const conds = h.conditions.map((c) => conditionSql(c, ctx, h.span)).join(', ');
      const hl = ctx.label('handler');
      const saved = ctx.handlerExit;
      ctx.handlerExit = needsFlag ? { label: hl, flag } : undefined;
      try {
        return `DECLARE EXIT HANDLER FOR ${conds}\n${ident(hl)}: BEGIN\n${indent(bodySql(h.body, ctx) || 'DO 0;')}\nEND ${ident(hl)};`;
      } finally { ctx.handlerExit = saved; }
    });
    const declPart = [...(needsFlag ? [`DECLARE ${ident(flag)} BOOLEAN DEFAULT FALSE;`] : []), ...decls.map((d) => `${statementSql(d, ctx)};`)].join('\n');
    const after = needsFlag ? `\nIF ${ident(flag)} THEN\n  LEAVE ${ident(ctx.bodyLabel!)};\nEND IF;` : '';
    inner = [declPart, `BEGIN\n${indent([...handlers, bodySql(b.body, ctx)].join('\n'))}\nEND;${after}`].filter((x) => x).join('\n');
  }
  const head = label ? `${ident(label)}: ` : '';
  return `${head}BEGIN${b.atomic === false ? ' NOT ATOMIC' : ''}\n${indent(inner)}\nEND${label ? ` ${ident(label)}` : ''}`;
}

function loopLabel(label: string | undefined, ctx: GenContext): string {
  return label ?? ctx.label('loop');
}

function inLoop<T>(label: string, ctx: GenContext, fn: () => T): T {
  ctx.loops.push(label);
  try { return fn(); } finally { ctx.loops.pop(); }
}

function guarded(when: Expr | undefined, stmt: string, ctx: GenContext): string {
  return when ? `IF ${exprSql(when, ctx)} THEN\n  ${stmt};\nEND IF` : stmt;
}

/** `%` placeholders of a PL/pgSQL RAISE message become CONCAT pieces; NULL prints as <NULL> like PostgreSQL. */
export function formatMessage(r: Raise, ctx: GenContext): string | undefined {
  if (!r.message) return undefined;
  if (!r.formatArgs?.length || r.message.kind !== 'Literal') return exprSql(r.message, ctx);
  const pieces: string[] = [];
  const fmt = r.message.value;
  let lit = '';
  let argi = 0;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch === '%' && fmt[i + 1] === '%') { lit += '%'; i++; continue; }
    if (ch === '%' && argi < r.formatArgs.length) {
      if (lit) pieces.push(str(lit));
      lit = '';
      pieces.push(`COALESCE(${exprSql(r.formatArgs[argi++]!, ctx)}, '<NULL>')`);
      continue;
    }
    lit += ch;
  }
  if (lit) pieces.push(str(lit));
  return pieces.length === 1 ? pieces[0] : `CONCAT(${pieces.join(', ')})`;
}

function raiseSql(r: Raise, ctx: GenContext): string {
  if (r.reraise) return 'RESIGNAL';
  if (r.level !== 'exception') {
    ctx.report(GM.unsupportedStatement, r.span, `RAISE ${r.level.toUpperCase()} has no MySQL equivalent; dropped`);
    return `DO 0 /* RAISE ${r.level.toUpperCase()} dropped */`;
  }
  const cond = r.conditionName ? ident(r.conditionName) : `SQLSTATE ${str(r.sqlstate ?? '45000')}`;
  // MYSQL_ERRNO (a number literal) is kept when a rule sets it; other items are the source dialect's.
  const errno = r.items?.find((i) => i.name.toUpperCase() === 'MYSQL_ERRNO' && i.value.kind === 'Literal' && i.value.type === 'number');
  const extra = errno ? `, MYSQL_ERRNO = ${exprSql(errno.value, ctx)}` : '';
  const msg = formatMessage(r, ctx);
  if (!msg) return errno ? `SIGNAL ${cond} SET${extra.slice(1)}` : `SIGNAL ${cond}`;
  const simple = /^'(?:[^'\\]|\\.)*'$/.test(msg) || /^`[^`]+`$/.test(msg);
  if (simple) return `SIGNAL ${cond} SET MESSAGE_TEXT = ${msg}${extra}`;
  // SIGNAL accepts only literals and variables: compute the message in a nested block first.
  return `BEGIN\n  DECLARE \`dbshift_message\` VARCHAR(512) DEFAULT ${msg};\n  SIGNAL ${cond} SET MESSAGE_TEXT = \`dbshift_message\`${extra};\nEND`;
}

const CONDITION_ITEMS = new Set(['MESSAGE_TEXT', 'RETURNED_SQLSTATE', 'MYSQL_ERRNO', 'CLASS_ORIGIN', 'SUBCLASS_ORIGIN', 'CONSTRAINT_NAME', 'TABLE_NAME', 'COLUMN_NAME', 'SCHEMA_NAME', 'CURSOR_NAME']);

const notConverted = (s: Statement, ctx: GenContext, message: string): string => {
  ctx.fail(GM.unsupportedStatement, s.span, message);
  return `/* not converted: ${message.replace(/\*\//g, '* /')} */ DO 0`;
};

const MYSQL_ISOLATION = new Set(['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE']);

const EMITTERS: { [K in StatementKind]: StmtEmitter<K> } = {
  Block: (s, ctx) => blockSql(s, ctx),
  // Rules lower these; reaching the generator means they did not.
  TypeDecl: (s, ctx) => notConverted(s, ctx, `Local type ${s.name} (${s.def.kind}) has no MySQL form`),
  Pragma: (s, ctx) => notConverted(s, ctx, `PRAGMA ${s.name} has no MySQL form`),
  ForAll: (s, ctx) => notConverted(s, ctx, 'FORALL reached the generator unconverted'),
  Goto: (s, ctx) => notConverted(s, ctx, `GOTO ${s.label}: MySQL has no GOTO`),
  SessionSet: (s, ctx) => s.name === 'TRANSACTION ISOLATION LEVEL' && typeof s.value === 'string' && MYSQL_ISOLATION.has(s.value)
    ? `SET TRANSACTION ISOLATION LEVEL ${s.value}` : notConverted(s, ctx, `SET ${s.name}: session option not converted`),
  Label: (s, ctx) => notConverted(s, ctx, `Label ${s.name} (a GOTO target): MySQL has no GOTO`),
  VarDecl: (s, ctx) => {
    if (s.typeRef || s.record) ctx.fail(GM.unsupportedStatement, s.span, `%TYPE/%ROWTYPE/RECORD variable ${s.names.join(', ')} has no MySQL form`);
    return `DECLARE ${s.names.map(ident).join(', ')} ${typeSql(s.dataType, ctx)}${s.default ? ` DEFAULT ${exprSql(s.default, ctx)}` : ''}`;
  },
  CursorDecl: (s, ctx) => {
    if (s.params?.length) ctx.fail(GM.unsupportedStatement, s.span, `Cursor ${s.name} has parameters; MySQL cursors take none`);
    if (s.query.kind === 'Unparsed') return `DECLARE ${ident(s.name)} CURSOR FOR ${EMITTERS.Unparsed(s.query, ctx)}`;
    return `DECLARE ${ident(s.name)} CURSOR FOR ${querySql(s.query, ctx)}`;
  },
  ConditionDecl: (s) => `DECLARE ${ident(s.name)} CONDITION FOR ${s.sqlstate ? `SQLSTATE ${str(s.sqlstate)}` : String(s.errorCode ?? 1644)}`,
  HandlerDecl: (s, ctx) => {
    const action = s.action === 'undo' ? 'EXIT' : s.action.toUpperCase();
    return `DECLARE ${action} HANDLER FOR ${s.conditions.map((c) => conditionSql(c, ctx, s.span)).join(', ')}\n${indent(statementSql(s.body, ctx))}`;
  },
  Assign: (s, ctx) => `SET ${exprSql(s.target, ctx)} = ${exprSql(s.value, ctx)}`,
  If: (s, ctx) => {
    const parts = s.branches.map((b, i) => `${i === 0 ? 'IF' : 'ELSEIF'} ${exprSql(b.condition, ctx)} THEN\n${indent(bodySql(b.body, ctx) || 'DO 0;')}`);
    if (s.else?.length) parts.push(`ELSE\n${indent(bodySql(s.else, ctx))}`);
    return `${parts.join('\n')}\nEND IF`;
  },
  CaseStatement: (s, ctx) => {
    const parts = [`CASE${s.operand ? ` ${exprSql(s.operand, ctx)}` : ''}`];
    for (const w of s.whens) parts.push(`WHEN ${exprSql(w.when, ctx)} THEN\n${indent(bodySql(w.body, ctx) || 'DO 0;')}`);
    if (s.else) parts.push(`ELSE\n${indent(bodySql(s.else, ctx) || 'DO 0;')}`);
    return `${parts.join('\n')}\nEND CASE`;
  },
  Loop: (s, ctx) => {
    const l = loopLabel(s.label, ctx);
    return inLoop(l, ctx, () => `${ident(l)}: LOOP\n${indent(bodySql(s.body, ctx))}\nEND LOOP ${ident(l)}`);
  },
  While: (s, ctx) => {
    const l = loopLabel(s.label, ctx);
    return inLoop(l, ctx, () => `${ident(l)}: WHILE ${exprSql(s.condition, ctx)} DO\n${indent(bodySql(s.body, ctx) || 'DO 0;')}\nEND WHILE ${ident(l)}`);
  },
  Repeat: (s, ctx) => {
    const l = loopLabel(s.label, ctx);
    return inLoop(l, ctx, () => `${ident(l)}: REPEAT\n${indent(bodySql(s.body, ctx))}\nUNTIL ${exprSql(s.until, ctx)}\nEND REPEAT ${ident(l)}`);
  },
  ForRange: (s, ctx) => {
    // FOR i IN a..b [BY s] evaluates the bounds once; the step happens at the top so CONTINUE still steps.
    const l = loopLabel(s.label, ctx);
    const v = ident(s.variable);
    const end = ident(`${s.variable}_end`);
    const step = s.step ? exprSql(s.step, ctx) : '1';
    const [op, cmp] = s.reverse ? ['-', '<'] : ['+', '>'];
    const loop = inLoop(l, ctx, () => `${ident(l)}: LOOP\n  SET ${v} = ${v} ${op} ${step};\n  IF ${v} ${cmp} ${end} THEN\n    LEAVE ${ident(l)};\n  END IF;\n${indent(bodySql(s.body, ctx))}\nEND LOOP ${ident(l)}`);
    return `BEGIN\n  DECLARE ${v} BIGINT DEFAULT (${exprSql(s.from, ctx)}) ${s.reverse ? '+' : '-'} ${step};\n  DECLARE ${end} BIGINT DEFAULT ${exprSql(s.to, ctx)};\n${indent(loop)};\nEND`;
  },
  ForQuery: (s, ctx) => {
    ctx.broken = true;
    ctx.report(GM.unsupportedStatement, s.span, `FOR ${s.variable} IN query loop was not rewritten into a cursor loop`);
    return `/* FOR ${s.variable} IN … LOOP not converted */ DO 0`;
  },
  Leave: (s, ctx) => {
    const l = s.label ?? ctx.loops[ctx.loops.length - 1];
    if (!l) { ctx.fail(GM.unsupportedStatement, s.span, 'EXIT outside a loop'); return 'DO 0'; }
    return guarded(s.when, `LEAVE ${ident(l)}`, ctx);
  },
  Iterate: (s, ctx) => {
    const l = s.label ?? ctx.loops[ctx.loops.length - 1];
    if (!l) { ctx.fail(GM.unsupportedStatement, s.span, 'CONTINUE outside a loop'); return 'DO 0'; }
    return guarded(s.when, `ITERATE ${ident(l)}`, ctx);
  },
  Return: (s, ctx) => {
    if (s.query) return querySql(s.query, ctx);
    if (s.next) { ctx.fail(GM.unsupportedStatement, s.span, 'RETURN NEXT has no MySQL form'); return 'DO 0 /* RETURN NEXT */'; }
    if (ctx.routineKind === 'function') return `RETURN ${s.value ? exprSql(s.value, ctx) : 'NULL'}`;
    if (ctx.handlerExit) return `SET ${ident(ctx.handlerExit.flag)} = TRUE;\nLEAVE ${ident(ctx.handlerExit.label)}`;
    if (ctx.bodyLabel) return `LEAVE ${ident(ctx.bodyLabel)}`;
    ctx.fail(GM.unsupportedStatement, s.span, 'RETURN outside a routine body');
    return 'DO 0';
  },
  OpenCursor: (s, ctx) => {
    if (s.query || s.args?.length) ctx.fail(GM.unsupportedStatement, s.span, `OPEN ${s.name} FOR query / with arguments has no MySQL form`);
    return `OPEN ${ident(s.name)}`;
  },
  Fetch: (s, ctx) => `FETCH ${ident(s.cursor)} INTO ${s.into.map((x) => exprSql(x, ctx)).join(', ')}`,
  CloseCursor: (s) => `CLOSE ${ident(s.name)}`,
  SqlStatement: (s, ctx) => {
    if (s.perform && s.statement.kind === 'Select' && s.statement.from.length === 0 && !s.statement.where) {
      return `DO ${s.statement.items.map((i) => exprSql(i.expr, ctx)).join(', ')}`;
    }
    if (s.perform) return `DO (SELECT COUNT(*) FROM (${querySql(s.statement as never, ctx)}) AS \`dbshift_perform\`)`;
    if (s.statement.kind === 'Merge') return notConverted(s, ctx, 'MERGE has no MySQL form (rules rewrite it to INSERT … ON DUPLICATE KEY UPDATE where they can)');
    if (s.bulk) ctx.fail(GM.unsupportedStatement, s.span, 'BULK COLLECT INTO reached the generator unconverted');
    return dmlSql(s.statement, ctx);
  },
  Call: (s, ctx) => `CALL ${qname(s.name)}(${s.args.map((a) => exprSql(a, ctx)).join(', ')})`,
  Raise: raiseSql,
  DynamicSql: (s, ctx) => {
    if (s.into?.length) ctx.fail(GM.unsupportedStatement, s.span, 'EXECUTE … INTO has no MySQL form');
    const name = ident(s.preparedName ?? 'dbshift_stmt');
    const using = s.using?.length ? s.using.map((_, i) => `@\`dbshift_arg${i + 1}\``) : [];
    const sets = (s.using ?? []).map((u, i) => `SET @\`dbshift_arg${i + 1}\` = ${exprSql(u, ctx)};`);
    switch (s.phase) {
      case 'prepare': return `PREPARE ${name} FROM ${exprSql(s.sql, ctx)}`;
      case 'execute': return `EXECUTE ${name}${using.length ? ` USING ${using.join(', ')}` : ''}`;
      case 'deallocate': return `DEALLOCATE PREPARE ${name}`;
      default:
        return [`SET @\`dbshift_sql\` = ${exprSql(s.sql, ctx)};`, ...sets, `PREPARE ${name} FROM @\`dbshift_sql\`;`,
          `EXECUTE ${name}${using.length ? ` USING ${using.join(', ')}` : ''};`, `DEALLOCATE PREPARE ${name}`].join('\n');
    }
  },
  Transaction: (s) => {
    switch (s.action) {
      case 'begin': return 'START TRANSACTION';
      case 'commit': return 'COMMIT';
      case 'rollback': return 'ROLLBACK';
      case 'savepoint': return `SAVEPOINT ${ident(s.savepoint ?? 'sp')}`;
      case 'rollback to': return `ROLLBACK TO SAVEPOINT ${ident(s.savepoint ?? 'sp')}`;
      case 'release': return `RELEASE SAVEPOINT ${ident(s.savepoint ?? 'sp')}`;
    }
  },
  GetDiagnostics: (s, ctx) => {
    const condItems = s.items.some((i) => CONDITION_ITEMS.has(i.item.toUpperCase()));
    const cond = condItems ? ` CONDITION ${s.conditionNumber ? exprSql(s.conditionNumber, ctx) : '1'}` : '';
    return `GET ${s.stacked ? 'STACKED ' : ''}DIAGNOSTICS${cond} ${s.items.map((i) => `${exprSql(i.target, ctx)} = ${i.item.toUpperCase()}`).join(', ')}`;
  },
  Null: () => 'DO 0',
  DdlStatement: (s, ctx) => {
    if (s.action === 'create' && s.object && ddlPrinter) return ddlPrinter(s.object, ctx);
    if (s.action === 'drop' && s.target) return `DROP ${s.target.objectType.toUpperCase()} ${s.ifExists ? 'IF EXISTS ' : ''}${qname(s.target.name)}`;
    if (s.action === 'truncate' && s.target) return `TRUNCATE TABLE ${qname(s.target.name)}`;
    ctx.report(GM.unsupportedStatement, s.span, `DDL statement kept as written: ${s.text.slice(0, 80)}`);
    return s.text;
  },
  Unparsed: (s, ctx) => {
    ctx.broken = true;
    ctx.report(GM.unparsedFragment, s.span, `Unparsed statement: ${s.reason}`);
    return `DO 0 /* UNPARSED: ${s.text.replace(/\*\//g, '* /')} */`;
  },
};

/** Set by the object printer so DDL inside routines uses the same code as top-level objects. */
let ddlPrinter: ((o: import('../../model/index.js').CatalogObject, ctx: GenContext) => string) | undefined;
export function setDdlPrinter(fn: typeof ddlPrinter): void { ddlPrinter = fn; }

export function statementSql(s: Statement, ctx: GenContext): string {
  return (EMITTERS[s.kind] as StmtEmitter<typeof s.kind>)(s as never, ctx);
}

export function routineBodySql(body: Statement, ctx: GenContext, label?: string): string {
  return body.kind === 'Block' ? blockSql(body, ctx, label ?? body.label) : statementSql(body, ctx);
}
