import type { Routine, Trigger, Block, Parameter, QualifiedName } from '../../model/index.js';
import { walk } from '../../model/index.js';
import { shortenIdentifier } from '../../rules/common/identifiers.js';
import type { GenContext } from './context.js';
import { type Emitted, type GenEnv, ref, keyOf, schemaKey, typeDeps } from './emitted.js';
import { printExpr } from './expr.js';
import { labelName, printBlock, printStatement } from './plpgsql.js';
import { ident, qname, dollarQuote } from './quote.js';
import { queryDependencies } from './objects.js';
import { printType } from './types.js';

function param(p: Parameter, ctx: GenContext): string {
  const mode = p.mode === 'in' ? '' : `${p.mode.toUpperCase()} `;
  return `${mode}${ident(p.name)} ${printType(p.dataType, ctx)}${p.default ? ` DEFAULT ${printExpr(p.default, ctx)}` : ''}`;
}

/** The PL/pgSQL text between the dollar quotes. */
function plpgsqlBody(b: Block, ctx: GenContext): string {
  const lines: string[] = [];
  // MySQL resolves a name that is both a variable and a column to the variable; PL/pgSQL would
  // raise "ambiguous" unless told to do the same.
  if (ctx.sourceDialect === 'mysql') lines.push('#variable_conflict use_variable');
  // PL/SQL resolves a name inside SQL to the column first.
  if (ctx.sourceDialect === 'oracle') lines.push('#variable_conflict use_column');
  if (b.label) lines.push(`<<${labelName(b.label)}>>`);
  lines.push(...printBlock(b, ctx, 0));
  lines[lines.length - 1] += `${b.label ? ` ${labelName(b.label)}` : ''};`;
  return lines.join('\n');
}

export function routineBodyText(r: Routine, ctx: GenContext): { language: string; text: string } {
  const b = r.body;
  if (b.kind === 'Block') return { language: 'plpgsql', text: plpgsqlBody(b, ctx) };
  if (b.kind === 'SqlBody') {
    const text = b.statements.flatMap((s) => printStatement(s, ctx, 0)).join('\n');
    return { language: r.language === 'plpgsql' ? 'plpgsql' : 'sql', text: r.language === 'plpgsql' ? `BEGIN\n${text}\nEND;` : text };
  }
  ctx.markUnparsed(b);
  return { language: 'plpgsql', text: 'BEGIN\n  NULL;\nEND;' };
}

function returns(r: Routine, ctx: GenContext): string {
  const ret = r.returns;
  if (r.routineKind === 'procedure') return '';
  if (!ret || ret.kind === 'void') return 'RETURNS void';
  switch (ret.kind) {
    case 'trigger': return 'RETURNS trigger';
    case 'type': return `RETURNS ${ret.setOf ? 'SETOF ' : ''}${printType(ret.dataType, ctx)}`;
    case 'table': return `RETURNS TABLE (${ret.columns.map((c) => `${ident(c.name)} ${printType(c.dataType, ctx)}`).join(', ')})`;
  }
}

export function createRoutineStatement(r: Routine, ctx: GenContext): string {
  const { language, text } = routineBodyText(r, ctx);
  const head = `CREATE OR REPLACE ${r.routineKind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${qname(r.name)}(${r.params.map((p) => param(p, ctx)).join(', ')})`;
  const attrs: string[] = [];
  const ret = returns(r, ctx);
  if (ret) attrs.push(ret);
  attrs.push(`LANGUAGE ${language}`);
  if (r.routineKind === 'function' && r.volatility) attrs.push(r.volatility.toUpperCase());
  if (r.strict) attrs.push('STRICT');
  if (r.security === 'definer') attrs.push('SECURITY DEFINER');
  if (r.routineKind === 'function' && r.parallel) attrs.push(`PARALLEL ${r.parallel.toUpperCase()}`);
  return `${head}\n${attrs.join('\n')}\nAS ${dollarQuote(text)}`;
}

export function emitRoutine(r: Routine, ctx: GenContext, _env: GenEnv): Emitted[] {
  const type = r.routineKind === 'procedure' ? 'Procedure' : 'Function';
  // A script-level anonymous block (PL/SQL DECLARE/BEGIN … END) runs once where it stands: DO.
  if (r.anonymous) {
    const { text } = routineBodyText(r, ctx);
    const deps = new Set([...schemaKey(r.name), ...queryDependencies(r.body)]);
    walk(r.body, (n) => { if (n.kind === 'Insert') deps.add(keyOf('Table', (n as unknown as { table: QualifiedName }).table)); });
    return [{ ref: ref('Block', r.name), statements: [`DO ${dollarQuote(text)}`], dependsOn: [...deps], category: 'data' }];
  }
  const statements = [createRoutineStatement(r, ctx)];
  if (r.comment) {
    const sig = `${qname(r.name)}(${r.params.filter((p) => p.mode !== 'out' || r.routineKind === 'procedure').map((p) => printType(p.dataType, ctx)).join(', ')})`;
    statements.push(`COMMENT ON ${type.toUpperCase()} ${sig} IS ${printExpr({ kind: 'Literal', type: 'string', value: r.comment, span: r.span }, ctx)}`);
  }
  const deps = [...schemaKey(r.name), ...r.params.flatMap((p) => typeDeps(p.dataType))];
  if (r.returns?.kind === 'type') deps.push(...typeDeps(r.returns.dataType));
  return [{ ref: ref(type, r.name), statements, dependsOn: deps, category: 'code' }];
}

/** Name of the trigger function generated for a trigger with an inline body. */
export function triggerFunctionName(t: Trigger): string {
  return shortenIdentifier(`${t.name.name}_fn`).name;
}

export function emitTrigger(t: Trigger, ctx: GenContext, _env: GenEnv): Emitted[] {
  const schema = t.name.schema ?? t.table.schema;
  const deps = [keyOf('Table', t.table)];
  const statements: string[] = [];
  let fn = t.function;
  if (!fn && t.body) {
    const fname = { ...(schema ? { schema } : {}), name: triggerFunctionName(t) };
    const routine: Routine = { kind: 'Routine', routineKind: 'function', name: fname, params: [], returns: { kind: 'trigger' },
      language: 'plpgsql', body: t.body, span: t.span };
    statements.push(createRoutineStatement(routine, ctx));
    fn = { name: fname, args: [] };
  }
  if (!fn) return [{ ref: ref('Trigger', t.name), statements: [], dependsOn: deps, category: 'code', notConverted: true }];
  if (t.function) deps.push(keyOf('Function', t.function.name));
  const events = t.events.map((e) => (e === 'update' && t.updateOf?.length ? `UPDATE OF ${t.updateOf.map(ident).join(', ')}` : e.toUpperCase())).join(' OR ');
  let sql = `CREATE ${t.constraint ? 'CONSTRAINT ' : ''}TRIGGER ${ident(t.name.name)}\n${t.timing.toUpperCase()} ${events} ON ${qname(t.table)}`;
  if (t.referencing) {
    const r: string[] = [];
    if (t.referencing.oldTable) r.push(`OLD TABLE AS ${ident(t.referencing.oldTable)}`);
    if (t.referencing.newTable) r.push(`NEW TABLE AS ${ident(t.referencing.newTable)}`);
    sql += `\nREFERENCING ${r.join(' ')}`;
  }
  sql += `\nFOR EACH ${t.forEach.toUpperCase()}`;
  if (t.when) sql += `\nWHEN (${printExpr(t.when, ctx)})`;
  sql += `\nEXECUTE FUNCTION ${qname(fn.name)}(${fn.args.map((a) => printExpr(a, ctx)).join(', ')})`;
  statements.push(sql);
  // Oracle DISABLE / ALTER TRIGGER … DISABLE: created, then disabled, as on the source.
  if (t.enabled === false) statements.push(`ALTER TABLE ${qname(t.table)} DISABLE TRIGGER ${ident(t.name.name)}`);
  return [{ ref: ref('Trigger', t.name), statements, dependsOn: deps, category: 'code' }];
}
