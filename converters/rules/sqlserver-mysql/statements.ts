import type { Block, CatalogObject, Column, DdlStatement, Expr, NodeLike, Parameter, Raise, Select, Statement, Table } from '../../model/index.js';
import { rewrite, walk } from '../../model/index.js';
import { tsqlFrontEnd } from '../../dialects/tsql/index.js';
import { bin, dataType, literalValue, num, raw, str } from '../common/nodes.js';
import { withoutRepeatedDrops } from '../common/tsql-statements.js';
import { TM } from './codes.js';
import type { TmContext } from './context.js';
import { localVar, tempTableName, userVar } from './names.js';
import { convertIndex, convertTable } from './tables.js';
import { NotConvertible } from './blocked.js';
import { lowerMerge } from './merge.js';
import { lowerOutputInto } from './output-into.js';
import { mapType } from './types.js';

export const ROWCOUNT = 'dbshift_rowcount';
export const FETCH_STATUS = 'dbshift_fetch_status';
export const NOT_FOUND = 'dbshift_not_found';
export const ERROR_MESSAGE = 'dbshift_error_message';
export const ERROR_NUMBER = 'dbshift_error_number';
/** OUT parameter carrying a procedure's RETURN n when a caller in the script reads it. */
export const RETURN_STATUS = 'dbshift_return_status';

const ERROR_FUNCTIONS = /^error_(message|number|state|severity|procedure|line)$/i;

/** Everything a routine's statements need that is declared once at the top of its body. */
export interface Needs { rowcount: boolean; fetchStatus: boolean; errors: boolean }

function usesSystem(root: unknown, name: string): boolean {
  let found = false;
  walk(root, (n) => { if (n.kind === 'Variable' && (n as unknown as { scope: string }).scope === 'system' && (n as unknown as { name: string }).name.toLowerCase().replace(/^@@/, '') === name) found = true; });
  return found;
}

export function needsOf(body: unknown): Needs {
  let errors = false;
  walk(body, (n) => { if (n.kind === 'FunctionCall' && ERROR_FUNCTIONS.test((n as unknown as { name: { name: string } }).name.name)) errors = true; });
  return { rowcount: usesSystem(body, 'rowcount'), fetchStatus: usesSystem(body, 'fetch_status'), errors };
}

/** Declarations the lowered statements use (T-SQL has no equivalent: they are @@ values there). */
export function neededDeclarations(n: Needs, span: Block['span']): Statement[] {
  const out: Statement[] = [];
  const int = dataType('int', span);
  if (n.rowcount) out.push({ kind: 'VarDecl', names: [ROWCOUNT], dataType: int, default: num(0, span), span });
  if (n.fetchStatus) {
    out.push({ kind: 'VarDecl', names: [FETCH_STATUS], dataType: int, default: num(-1, span), span });
    out.push({ kind: 'VarDecl', names: [NOT_FOUND], dataType: int, default: num(0, span), span });
    out.push({ kind: 'HandlerDecl', action: 'continue', conditions: [{ kind: 'notFound' }], body: { kind: 'Assign', target: localVar(NOT_FOUND, span), value: num(1, span), span }, span });
  }
  if (n.errors) {
    out.push({ kind: 'VarDecl', names: [ERROR_MESSAGE], dataType: dataType('varchar', span, { length: 4000 }), span });
    out.push({ kind: 'VarDecl', names: [ERROR_NUMBER], dataType: int, span });
  }
  return out;
}

/** Shifts the line numbers of a parsed fragment to where it sits in the source file. */
function shiftSpans<T>(x: T, line: number): T {
  if (Array.isArray(x)) return x.map((v) => shiftSpans(v, line)) as T;
  if (typeof x !== 'object' || x === null) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'span' && v && typeof v === 'object') {
      const s = v as { line: number; endLine: number };
      out[k] = { ...s, line: s.line + line - 1, endLine: s.endLine + line - 1 };
    } else out[k] = shiftSpans(v, line);
  }
  return out as T;
}

/** Reads CREATE TABLE #t / CREATE INDEX … ON #t kept as text by the front end. */
function parseDdl(s: DdlStatement): CatalogObject | undefined {
  const res = tsqlFrontEnd.parse([{ path: s.span.file, text: s.text }]);
  const o = res.catalog.objects.find((x) => x.kind === 'Table' || x.kind === 'Index');
  return o ? shiftSpans(o, s.span.line) : undefined;
}

/** Lowers the T-SQL statements of one procedure, function or trigger body to MySQL stored-program statements. */
export class Lowering {
  /** Temporary tables this routine creates (dropped at its end, as SQL Server drops #tables). */
  readonly created: string[] = [];
  readonly tempTables: Table[] = [];
  private tryDepth = 0;
  private seq = 0;

  constructor(private readonly ctx: TmContext, private readonly kind: 'procedure' | 'function' | 'trigger', private readonly needs: Needs,
    private readonly procs: Map<string, Parameter[]>, private readonly routineName: string, private readonly returnStatus = false) {}

  list(stmts: Statement[]): Statement[] {
    const out: Statement[] = [];
    stmts.forEach((s, i) => out.push(...this.statement(s, stmts[i + 1], stmts[i - 1])));
    return withoutRepeatedDrops(out, dropKey);
  }

  block(b: Block): Block {
    if (!b.exceptionHandlers.length) return { ...b, body: this.list(b.body) };
    this.tryDepth++;
    const body = this.list(b.body);
    this.tryDepth--;
    const handlers = b.exceptionHandlers.map((h) => {
      const hb = this.list(h.body);
      // The diagnostics area is cleared by the next statement: read it first thing in the handler.
      const diag: Statement[] = this.needs.errors ? [{ kind: 'GetDiagnostics', items: [{ target: localVar(ERROR_MESSAGE, h.span), item: 'MESSAGE_TEXT' }, { target: localVar(ERROR_NUMBER, h.span), item: 'MYSQL_ERRNO' }], span: h.span }] : [];
      return { ...h, conditions: [{ kind: 'sqlException' as const }], body: [...diag, ...hb] };
    });
    return { ...b, body, exceptionHandlers: handlers };
  }

  private statement(s: Statement, next: Statement | undefined, prev: Statement | undefined): Statement[] {
    const ctx = this.ctx;
    const sp = s.span;
    switch (s.kind) {
      case 'Null': return [];
      case 'SessionSet':
        if (/^(NOCOUNT|ANSI_NULLS|QUOTED_IDENTIFIER|ANSI_PADDING|ANSI_WARNINGS|ARITHABORT|CONCAT_NULL_YIELDS_NULL|NUMERIC_ROUNDABORT|XACT_ABORT|ANSI_NULL_DFLT_ON|IMPLICIT_TRANSACTIONS)$/i.test(s.name)) {
          if (/^(XACT_ABORT|IMPLICIT_TRANSACTIONS)$/i.test(s.name)) ctx.reportOnce(TM.transaction, sp, `SET ${s.name} dropped: an error stops a MySQL routine; the transaction stays open until the caller ends it`);
          return [];
        }
        if (s.name === 'TRANSACTION ISOLATION LEVEL' && typeof s.value === 'string' && this.kind !== 'procedure') {
          // A trigger or function runs inside the triggering statement's transaction: MySQL refuses the SET there (error 1568).
          ctx.report(TM.isolationLevel, sp, `SET TRANSACTION ISOLATION LEVEL ${s.value} dropped: a ${this.kind} runs inside the statement's transaction, where MySQL refuses it (error 1568); the level of the transaction that fires it applies`);
          return [];
        }
        if (s.name === 'TRANSACTION ISOLATION LEVEL' && typeof s.value === 'string') {
          // InnoDB REPEATABLE READ reads from one consistent snapshot, the closest to SNAPSHOT.
          const level = s.value === 'SNAPSHOT' ? 'REPEATABLE READ' : s.value;
          ctx.report(TM.isolationLevel, sp, `SET TRANSACTION ISOLATION LEVEL ${s.value}${level !== s.value ? ` became ${level} (InnoDB consistent-snapshot reads; a concurrent update is not an error as in SQL Server)` : ' kept'}: it applies to the next transaction only (with autocommit, the next statement) and fails while a transaction is open`);
          return [{ ...s, value: level }];
        }
        // ROWCOUNT was handled before lowering; other options change how later statements behave.
        if (s.name.toUpperCase() === 'ROWCOUNT') return [s];
        ctx.report(TM.unsupportedStatement, sp, `SET ${s.name} ${typeof s.value === 'string' ? s.value : literalValue(s.value, 'number', 'string') ?? '…'}: session option with no MySQL equivalent here; dropped${/^(DATEFORMAT|DATEFIRST|LANGUAGE)$/i.test(s.name) ? ' — date strings, DATEPART(weekday) and DATENAME follow SQL Server\'s defaults (us_english, mdy, Sunday first) in the converted code' : ''}`);
        return [];
      case 'Block': return [this.block(s)];
      case 'If':
        if (isTempDropGuard(s)) return this.list(s.branches[0]!.body);
        return [{ ...s, branches: s.branches.map((b) => ({ ...b, body: this.list(b.body) })), ...(s.else ? { else: this.list(s.else) } : {}) }];
      case 'While': case 'Loop': return [{ ...s, body: this.list(s.body) }];
      case 'VarDecl': return s.table ? this.tableVariable(s) : [s];
      case 'DdlStatement': return this.ddl(s);
      case 'Raise': return this.raise(s, next);
      case 'Transaction': return this.transaction(s, prev);
      case 'Return':
        if (this.kind === 'function') return [s];
        if (s.value && this.returnStatus) return [{ kind: 'Assign', target: localVar(RETURN_STATUS, sp), value: s.value, span: sp }, { kind: 'Return', span: sp }];
        if (s.value) ctx.reportOnce(TM.returnStatus, sp, `RETURN ${literalValue(s.value, 'number') ?? '…'}: the return status is lost (MySQL procedures have none; no caller in the script reads it)`);
        return [{ kind: 'Return', span: sp }];
      case 'Goto': case 'Label':
        ctx.report(TM.gotoLabel, sp, s.kind === 'Goto' ? `GOTO ${s.label}: the label is in a nested block, other GOTOs jump to it from the other side, or it leaves a CATCH body; not converted` : `Label ${s.name}: GOTOs jump to it both forward and backward, or into its block; not converted`);
        return [s];
      case 'DynamicSql': return this.dynamic(s);
      case 'Call': return this.call(s);
      case 'Fetch': {
        if (s.direction && s.direction.toLowerCase() !== 'next') ctx.reportOnce(TM.cursor, sp, `FETCH ${s.direction.toUpperCase()}: MySQL cursors only fetch the next row`);
        if (!this.needs.fetchStatus) return [s];
        ctx.reportOnce(TM.cursor, sp);
        return [
          { kind: 'Assign', target: localVar(NOT_FOUND, sp), value: num(0, sp), span: sp },
          s,
          { kind: 'Assign', target: localVar(FETCH_STATUS, sp), value: { kind: 'Case', whens: [{ when: bin('=', localVar(NOT_FOUND, sp), num(1, sp), sp), then: num(-1, sp) }], else: num(0, sp), span: sp }, span: sp },
        ];
      }
      case 'SqlStatement': return this.sqlStatement(s);
      default: return [s];
    }
  }

  private sqlStatement(s: Extract<Statement, { kind: 'SqlStatement' }>): Statement[] {
    const sp = s.span;
    const q = s.statement;
    const out: Statement[] = [];
    if (q.kind === 'Select' && q.intoTable) return this.selectIntoTable({ ...s, statement: q });
    const counted = (rows: Expr, sum = false): Statement[] => (this.needs.rowcount ? [{ kind: 'Assign', target: localVar(ROWCOUNT, sp), value: sum ? bin('+', localVar(ROWCOUNT, sp), rows, sp) : rows, span: sp }] : []);
    if (q.kind === 'Merge') {
      const steps = lowerMerge(q, this.ctx, () => (this.needs.rowcount ? counted(raw('ROW_COUNT()', sp), true) : undefined), () => ++this.seq);
      return [...counted(num(0, sp)), ...steps];
    }
    if ((q.kind === 'Insert' || q.kind === 'Update' || q.kind === 'Delete') && q.outputInto) return lowerOutputInto(q, this.ctx, () => ++this.seq, (rows) => counted(rows));
    if ((q.kind === 'Insert' || q.kind === 'Update' || q.kind === 'Delete') && q.returning?.length) throw new NotConvertible(`${q.kind.toUpperCase()} … OUTPUT without INTO returns rows to the client; MySQL DML returns none; not converted`, sp);
    const agg = q.kind === 'Select' ? concatenation(q, this.ctx) : undefined;
    if (agg) return [{ ...s, statement: agg }, ...(this.needs.rowcount ? [{ kind: 'Assign', target: localVar(ROWCOUNT, sp), value: raw('FOUND_ROWS()', sp), span: sp } as Statement] : [])];
    if (q.kind === 'Select' && q.into?.length && !q.from.length && !q.where && q.items.length === q.into.length && !q.groupBy.length) {
      // SELECT @a = 1, @b = x with no FROM: plain assignments.
      q.items.forEach((it, i) => out.push({ kind: 'Assign', target: q.into![i]!, value: it.expr, span: sp }));
      if (this.needs.rowcount) out.push({ kind: 'Assign', target: localVar(ROWCOUNT, sp), value: num(1, sp), span: sp });
      return out;
    } else {
      if (q.kind === 'Select' && q.into?.length && q.from.length) this.ctx.reportOnce(TM.selectAssign, sp);
      if (q.kind === 'Select' && !q.into?.length && this.kind !== 'procedure') this.ctx.report(TM.triggerRowwise, sp, `A ${this.kind} that returns rows: MySQL ${this.kind}s cannot return result sets`);
      out.push(s);
    }
    if (this.needs.rowcount) {
      const dml = q.kind === 'Insert' || q.kind === 'Update' || q.kind === 'Delete';
      if (q.kind === 'Update') this.ctx.reportOnce(TM.rowcountUpdate, sp);
      out.push({ kind: 'Assign', target: localVar(ROWCOUNT, sp), value: raw(dml ? 'ROW_COUNT()' : 'FOUND_ROWS()', sp), span: sp });
    }
    return out;
  }

  /** SELECT … INTO #t FROM … → CREATE TEMPORARY TABLE tmp_t AS SELECT … (permanent tables: CREATE TABLE … AS, which commits). */
  private selectIntoTable(s: Extract<Statement, { kind: 'SqlStatement' }> & { statement: Select }): Statement[] {
    const sp = s.span;
    const into = s.statement.intoTable!;
    const { intoTable: _i, ...query } = s.statement;
    const temp = into.temporary || into.name.name.startsWith('#');
    const name = temp ? tempTableName(into.name.name) ?? into.name.name : into.name.name;
    // Column names only (for variable renaming); the server derives the types from the query as SQL Server does.
    const columns: Column[] = query.items.flatMap((i) => {
      const n = i.alias ?? (i.expr.kind === 'ColumnRef' ? i.expr.parts[i.expr.parts.length - 1]! : undefined);
      return n ? [{ kind: 'Column' as const, name: n, dataType: dataType('unknown', sp), nullable: true, span: sp }] : [];
    });
    const table: Table = { kind: 'Table', name: { name }, columns: [], constraints: [], options: {}, temporary: temp, asQuery: query as Select, span: sp };
    const out: Statement[] = [];
    if (temp) {
      this.ctx.reportOnce(TM.tempTable, sp);
      this.tempTables.push({ ...table, columns });
      if (!this.created.includes(name)) this.created.push(name);
      out.push({ kind: 'DdlStatement', action: 'drop', ifExists: true, target: { objectType: 'temporary table', name: { name } }, text: `DROP TEMPORARY TABLE IF EXISTS ${name}`, span: sp });
    } else {
      this.ctx.report(TM.transaction, sp, `SELECT … INTO ${name} became CREATE TABLE … AS SELECT: DDL commits the open transaction in MySQL`);
    }
    out.push({ kind: 'DdlStatement', action: 'create', object: table, text: `SELECT … INTO ${into.name.name}`, span: sp });
    if (this.needs.rowcount) out.push({ kind: 'Assign', target: localVar(ROWCOUNT, sp), value: raw('ROW_COUNT()', sp), span: sp });
    return out;
  }

  private createTemp(name: string, table: Table, sp: Statement['span'], text: string): Statement[] {
    this.tempTables.push(table);
    if (!this.created.includes(name)) this.created.push(name);
    const target = { objectType: 'temporary table', name: { name } };
    return [
      { kind: 'DdlStatement', action: 'drop', ifExists: true, target, text: `DROP TEMPORARY TABLE IF EXISTS ${name}`, span: sp },
      { kind: 'DdlStatement', action: 'create', object: table, text, span: sp },
    ];
  }

  private tableVariable(s: Extract<Statement, { kind: 'VarDecl' }>): Statement[] {
    this.ctx.reportOnce(TM.tableVariable, s.span, `Table variable @${s.names[0]} became the temporary table tvar_${s.names[0]}`);
    const t: Table = { kind: 'Table', name: { name: `@${s.names[0]!}` }, columns: s.table!.columns, constraints: s.table!.constraints, options: {}, span: s.span };
    const conv = convertTable(t, this.ctx);
    const name = tempTableName(`@${s.names[0]!}`)!;
    return this.createTemp(name, { ...conv, name: { name }, temporary: true }, s.span, `DECLARE @${s.names[0]} TABLE`);
  }

  private ddl(s: DdlStatement): Statement[] {
    const ctx = this.ctx;
    const target = s.target?.name.name ?? '';
    if (s.action === 'create' && target.startsWith('#')) {
      const o = parseDdl(s);
      if (o?.kind === 'Table') {
        ctx.reportOnce(TM.tempTable, s.span);
        const t = convertTable(o, ctx);
        return this.createTemp(t.name.name, { ...t, temporary: true }, s.span, s.text);
      }
      ctx.report(TM.unsupportedStatement, s.span, `CREATE TABLE ${target} could not be read; not converted`);
      return [s];
    }
    if (s.action === 'create' && s.target?.objectType === 'index') {
      const o = parseDdl(s);
      if (o?.kind === 'Index') {
        const i = convertIndex({ ...o, table: { name: tempTableName(o.table.name) ?? o.table.name } }, ctx);
        return i ? [{ ...s, object: i }] : [];
      }
    }
    if (target.startsWith('#') && s.action === 'drop') return [{ ...s, ifExists: true }];
    if (s.action === 'create' || s.action === 'alter') ctx.report(TM.unsupportedStatement, s.span, `${s.action.toUpperCase()} ${s.target?.objectType ?? ''} inside a routine was kept as written; MySQL commits the transaction on DDL`);
    return [s];
  }

  private raise(s: Raise, next: Statement | undefined): Statement[] {
    const ctx = this.ctx;
    const sp = s.span;
    if (s.level === 'info') { ctx.reportOnce(TM.informational, sp, 'PRINT dropped (no MySQL equivalent)'); return []; }
    if (s.reraise) return [s];
    const item = (n: string): Expr | undefined => s.items?.find((i) => i.name === n)?.value;
    const severity = literalValue(item('severity'), 'number');
    if (severity !== undefined && Number(severity) <= 10) { ctx.reportOnce(TM.informational, sp, `RAISERROR with severity ${severity} (a message, not an error) dropped`); return []; }
    const number = literalValue(item('number'), 'number');
    const msg = s.message ?? str('', sp);
    if (msg.kind === 'Literal' && msg.type === 'number') {
      ctx.report(TM.errorNumber, sp, `RAISERROR(${msg.value}, …) uses a message from sys.messages, which MySQL does not have: the number became the message text`);
    }
    const msgId = msg.kind === 'Literal' && msg.type === 'number' ? Number(msg.value) : undefined;
    let errno = number !== undefined ? Number(number) : msgId ?? (severity !== undefined ? 50000 : undefined);
    if (errno !== undefined && (errno > 65535 || errno < 1)) {
      ctx.report(TM.errorNumber, sp, `Error number ${errno} is outside MySQL's MYSQL_ERRNO range (1..65535); it was dropped (ERROR_NUMBER() reads 1644)`);
      errno = undefined;
    }
    if (severity !== undefined && this.tryDepth === 0) {
      const stops = next && ((next.kind === 'Transaction' && next.action === 'rollback') || next.kind === 'Return');
      if (!stops) ctx.reportOnce(TM.raiserrorContinues, sp);
    }
    // RAISERROR formats with %s/%d like printf; the generator's message format takes bare %.
    const fmt = s.formatArgs?.length && msg.kind === 'Literal' ? str(msg.value.replace(/%[-+ 0#]*\d*(?:\.\d+)?(?:I64)?[sdiuxXo]/g, '%'), sp) : msg;
    const message = msg.kind === 'Literal' && msg.type === 'number' ? str(msg.value, sp) : fmt;
    return [{ kind: 'Raise', level: 'exception', sqlstate: '45000', message, ...(s.formatArgs?.length && fmt.kind === 'Literal' ? { formatArgs: s.formatArgs } : {}),
      ...(errno !== undefined ? { items: [{ name: 'MYSQL_ERRNO', value: num(errno, sp) }] } : {}), span: sp }];
  }

  private transaction(s: Extract<Statement, { kind: 'Transaction' }>, prev: Statement | undefined): Statement[] {
    const ctx = this.ctx;
    const sp = s.span;
    if (this.kind === 'trigger' && s.action === 'rollback') {
      // ROLLBACK in a trigger ends the transaction and the batch; an error in a MySQL trigger undoes the statement.
      const sev = prev?.kind === 'Raise' ? literalValue(prev.items?.find((i) => i.name === 'severity')?.value, 'number') : undefined;
      if (prev?.kind === 'Raise' && prev.level !== 'info' && !(sev !== undefined && Number(sev) <= 10)) return [];
      ctx.reportOnce(TM.transaction, sp, 'ROLLBACK in a trigger became an error (SIGNAL): MySQL undoes the triggering statement, SQL Server the whole transaction');
      return [{ kind: 'Raise', level: 'exception', sqlstate: '45000', message: str('The transaction ended in the trigger. The batch has been aborted.', sp), items: [{ name: 'MYSQL_ERRNO', value: num(3609, sp) }], span: sp }];
    }
    if (this.kind !== 'procedure') {
      ctx.report(TM.transaction, sp, `${s.action.toUpperCase()} TRANSACTION in a ${this.kind}: MySQL allows no transaction control there`);
      return [s];
    }
    ctx.reportOnce(TM.transaction, sp);
    return [s];
  }

  private dynamic(s: Extract<Statement, { kind: 'DynamicSql' }>): Statement[] {
    const ctx = this.ctx;
    const sp = s.span;
    if (this.kind !== 'procedure') { ctx.report(TM.dynamicSql, sp, `Dynamic SQL in a ${this.kind}: MySQL allows PREPARE only in procedures; not converted`); return [s]; }
    const args = (s.using ?? []).map((u) => (u.kind === 'NamedArg' ? { name: u.name.replace(/^@/, '').toLowerCase(), value: u.value } : { name: '', value: u }));
    let text = s.sql;
    let using: Expr[] = [];
    if (args.length && s.sql.kind === 'Literal' && s.sql.type === 'string') {
      // sp_executesql binds by name (@p); PREPARE binds ? by position.
      const byName = new Map(args.map((a) => [a.name, a.value]));
      let bad = false;
      const value = s.sql.value.replace(/@(\w+)/g, (m, n: string) => {
        const v = byName.get(n.toLowerCase());
        if (!v) { bad = true; return m; }
        using.push(v);
        return '?';
      });
      if (bad) ctx.report(TM.dynamicSql, sp, 'sp_executesql text uses a variable that is not a parameter; check the placeholders');
      text = str(value, s.sql.span);
    } else if (args.length) {
      ctx.report(TM.dynamicSql, sp, 'sp_executesql with parameters and a text built at run time: replace the @parameters in the text by ? (bound in order)');
      using = args.map((a) => a.value);
    }
    ctx.reportOnce(TM.dynamicSql, sp);
    const name = `dbshift_stmt${++this.seq}`;
    const out: Statement[] = [{ kind: 'Assign', target: userVar('dbshift_sql', sp), value: text, span: sp }];
    const vars = using.map((u, i) => {
      out.push({ kind: 'Assign', target: userVar(`dbshift_arg${i + 1}`, sp), value: u, span: sp });
      return userVar(`dbshift_arg${i + 1}`, sp);
    });
    out.push({ kind: 'DynamicSql', phase: 'prepare', preparedName: name, sql: userVar('dbshift_sql', sp), span: sp });
    out.push({ kind: 'DynamicSql', phase: 'execute', preparedName: name, sql: userVar('dbshift_sql', sp), ...(vars.length ? { using: vars } : {}), span: sp });
    out.push({ kind: 'DynamicSql', phase: 'deallocate', preparedName: name, sql: userVar('dbshift_sql', sp), span: sp });
    return out;
  }

  /** EXEC p args → CALL p(args): named arguments by position, left-out arguments from the defaults, OUTPUT only where written. */
  private call(s: Extract<Statement, { kind: 'Call' }>): Statement[] {
    const ctx = this.ctx;
    const sp = s.span;
    const params = this.procs.get(s.name.name.toLowerCase());
    if (s.returnStatus && !params) ctx.report(TM.procedureCall, sp, `EXEC @status = ${s.name.name}: the procedure is not in the script and MySQL procedures return no status; the variable is not set`);
    if (!params) {
      if (/^(sp|xp)_/i.test(s.name.name)) ctx.report(TM.unsupportedStatement, sp, `EXEC ${s.name.name}: SQL Server system procedure with no MySQL equivalent; kept as a CALL`);
      if (s.args.some((a) => a.kind === 'NamedArg')) ctx.report(TM.procedureCall, sp, `EXEC ${s.name.name} with named arguments: the procedure is not in the script, arguments are passed in the order written`);
      return [{ ...s, args: s.args.map((a) => (a.kind === 'NamedArg' ? a.value : a)), outputArgs: undefined, returnStatus: undefined }];
    }
    const args: (Expr | undefined)[] = params.map(() => undefined);
    const output = new Set<number>();
    s.args.forEach((a, i) => {
      const at = a.kind === 'NamedArg' ? params.findIndex((p) => p.name.toLowerCase() === a.name.replace(/^@/, '').toLowerCase() || `p_${a.name.replace(/^@/, '')}`.toLowerCase() === p.name.toLowerCase()) : i;
      if (at < 0 || at >= params.length) { ctx.report(TM.procedureCall, sp, `EXEC ${s.name.name}: argument ${a.kind === 'NamedArg' ? `@${a.name}` : i + 1} matches no parameter; dropped`); return; }
      args[at] = a.kind === 'NamedArg' ? a.value : a;
      if (s.outputArgs?.includes(i)) output.add(at);
    });
    const pre: Statement[] = [];
    const post: Statement[] = [];
    const final = params.map((p, i): Expr => {
      let a = args[i];
      if (p.name === RETURN_STATUS) {
        if (s.returnStatus?.kind === 'Variable') return s.returnStatus;
        a = { kind: 'Literal', type: 'null', value: 'NULL', span: sp };
      }
      const isDefault = a?.kind === 'Raw' && /^default$/i.test((a as { text: string }).text);
      if (!a || isDefault) {
        if (p.default) a = p.default;
        else { ctx.report(TM.procedureCall, sp, `EXEC ${s.name.name}: parameter ${p.name} has no argument and no default; NULL passed`); a = { kind: 'Literal', type: 'null', value: 'NULL', span: sp }; }
      }
      if (p.mode === 'in') return a;
      // INOUT parameters write back: a variable passed without OUTPUT (or a value) goes through a copy.
      if (output.has(i) && a.kind === 'Variable') return a;
      const copy = userVar(`dbshift_call${++this.seq}`, sp);
      pre.push({ kind: 'Assign', target: copy, value: a, span: sp });
      if (output.has(i)) post.push({ kind: 'Assign', target: a, value: copy, span: sp });
      return copy;
    });
    return [...pre, { kind: 'Call', name: { name: s.name.name }, args: final, span: sp }, ...post];
  }
}

/** `IF OBJECT_ID('tempdb..#t') IS NOT NULL DROP TABLE #t`: the DROP becomes DROP TEMPORARY TABLE IF EXISTS, the test goes. */
function isTempDropGuard(s: Extract<Statement, { kind: 'If' }>): boolean {
  if (s.branches.length !== 1 || s.else?.length) return false;
  const c = s.branches[0]!.condition;
  if (c.kind !== 'IsTest' || c.test !== 'null' || !c.not || c.expr.kind !== 'FunctionCall' || c.expr.name.name.toLowerCase() !== 'object_id') return false;
  const name = literalValue(c.expr.args[0], 'string');
  if (!name || !/^tempdb\.[^.]*\.#/i.test(name)) return false;
  const table = name.replace(/^tempdb\.[^.]*\./i, '').toLowerCase();
  return s.branches[0]!.body.every((b) => b.kind === 'DdlStatement' && b.action === 'drop' && b.target?.name.name.toLowerCase() === table);
}

/** `@v + a + b` → `a + b` (the part after the variable); undefined when the expression does not start with `@v +`. */
function afterVariable(e: Expr, name: string): Expr | undefined {
  if (e.kind !== 'Binary' || e.op !== '+') return undefined;
  if (e.left.kind === 'Variable' && e.left.scope === 'local' && e.left.name.toLowerCase() === name) return e.right;
  const l = afterVariable(e.left, name);
  return l ? { ...e, left: l } : undefined;
}

const AGGREGATE = /^(sum|count|count_big|avg|min|max|string_agg|stdev|var)$/i;

/**
 * `SELECT @s = @s + x FROM … [ORDER BY …]` (row-by-row string building or running sum) → one row:
 * CASE no rows → @s unchanged; a NULL x → NULL (as + gives); else CONCAT(@s, GROUP_CONCAT(x ORDER BY … SEPARATOR '')) / @s + SUM(x).
 */
function concatenation(q: Select, ctx: TmContext): Select | undefined {
  const v = q.into?.length === 1 ? q.into[0]! : undefined;
  if (!v || v.kind !== 'Variable' || q.items.length !== 1 || !q.from.length || q.groupBy.length || q.distinct || q.limit || q.having) return undefined;
  const declared = ctx.variables.get(v.name.toLowerCase())?.name ?? '';
  const text = declared === 'char' || declared === 'varchar' || declared === 'text';
  // `@n = @n + x` on a number is a running sum.
  const number = ['tinyint', 'smallint', 'int', 'bigint', 'decimal'].includes(declared);
  if (!text && !number) return undefined;
  const rest = afterVariable(q.items[0]!.expr, v.name.toLowerCase());
  if (!rest) return undefined;
  let agg = false;
  walk(rest, (n) => { if (n.kind === 'FunctionCall' && AGGREGATE.test((n as unknown as { name: { name: string } }).name.name)) agg = true; });
  if (agg) return undefined;
  const sp = q.span;
  const count = (arg?: Expr): Expr => ({ kind: 'FunctionCall', name: { name: 'count' }, args: arg ? [arg] : [], ...(arg ? {} : { star: true }), span: sp });
  const piece: Expr = text ? { kind: 'Binary', op: '+', left: str('', sp), right: rest, span: sp } : rest;
  const gc: Expr = text ? { kind: 'FunctionCall', name: { name: 'group_concat' }, args: [rest], ...(q.orderBy.length ? { orderBy: q.orderBy } : {}), separator: str('', sp), span: sp }
    : { kind: 'FunctionCall', name: { name: 'sum' }, args: [rest], span: sp };
  const value: Expr = { kind: 'Case', whens: [
    { when: bin('=', count(), num(0, sp), sp), then: v },
    { when: bin('=', count(), count(piece), sp), then: { kind: 'Binary', op: '+', left: v, right: gc, span: sp } },
  ], else: { kind: 'Literal', type: 'null', value: 'NULL', span: sp }, span: sp };
  if (text) ctx.reportOnce(TM.concatenation, sp);
  return { ...q, items: [{ expr: value }], orderBy: [] };
}

/** @@TRANCOUNT / XACT_STATE() → MariaDB's @@in_transaction (1 in a transaction, else 0); MySQL has no such value. */
function trancount(e: Expr, ctx: TmContext): Expr | undefined {
  const what = e.kind === 'Variable' ? '@@TRANCOUNT' : 'XACT_STATE()';
  if (ctx.flavor !== 'mariadb') {
    ctx.reportOnce(TM.unsupportedStatement, e.span, `${what} has no MySQL equivalent (MySQL cannot tell whether a transaction is open); kept as written`);
    return undefined;
  }
  ctx.reportOnce(TM.transaction, e.span, `${what} became @@in_transaction (MariaDB): 1 inside a transaction, 0 outside — no nesting count${what === 'XACT_STATE()' ? ' and no -1 (uncommittable) state' : ''}`);
  return { kind: 'Raw', text: '@@in_transaction', span: e.span };
}

/** ERROR_MESSAGE()/ERROR_NUMBER()… → the variables the CATCH handler fills; @@ROWCOUNT/@@FETCH_STATUS → captured values. */
export function systemValues<T>(root: T, ctx: TmContext, routineName: string): T {
  return rewrite(root, (n: NodeLike) => {
    const e = n as Expr;
    if (e.kind === 'Variable' && e.scope === 'system') {
      const name = e.name.toLowerCase().replace(/^@@/, '');
      if (name === 'rowcount') return localVar(ROWCOUNT, e.span);
      if (name === 'fetch_status') return localVar(FETCH_STATUS, e.span);
      if (name === 'error') {
        ctx.reportOnce(TM.systemVariable, e.span, '@@ERROR became 0: a MySQL routine stops at an error (inside a handler read the error with GET DIAGNOSTICS)');
        return num(0, e.span);
      }
      if (name === 'identity') ctx.reportOnce(TM.identity, e.span);
      if (name === 'trancount') return trancount(e, ctx);
      return undefined;
    }
    if (e.kind !== 'FunctionCall' || e.name.schema) return undefined;
    const f = e.name.name.toLowerCase();
    if (f === 'scope_identity' || f === 'ident_current') { ctx.reportOnce(TM.identity, e.span); return undefined; }
    if (f === 'xact_state' && !e.args.length) return trancount(e, ctx);
    const m = ERROR_FUNCTIONS.exec(f);
    if (!m) return undefined;
    switch (m[1]) {
      case 'message': return localVar(ERROR_MESSAGE, e.span);
      case 'number': ctx.reportOnce(TM.errorNumber, e.span); return localVar(ERROR_NUMBER, e.span);
      case 'procedure': return str(routineName, e.span);
      default:
        ctx.reportOnce(TM.errorNumber, e.span, `ERROR_${m[1]!.toUpperCase()}() has no MySQL value: ${m[1] === 'severity' ? '16' : m[1] === 'state' ? '1' : 'NULL'} is used`);
        return m[1] === 'severity' ? num(16, e.span) : m[1] === 'state' ? num(1, e.span) : { kind: 'Literal', type: 'null', value: 'NULL', span: e.span };
    }
  });
}

export { mapType };

/** A source #t is renamed (tmp_t, a temporary table) only later, by the naming pass. */
const dropKey = (t: NonNullable<DdlStatement['target']>): string => (t.name.name.startsWith('#')
  ? `temporary table .${(tempTableName(t.name.name) ?? t.name.name).toLowerCase()}`
  : `${t.objectType.toLowerCase()} ${(t.name.schema ?? '').toLowerCase()}.${t.name.name.toLowerCase()}`);
