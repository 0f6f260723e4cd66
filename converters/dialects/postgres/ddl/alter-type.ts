import type { PgParser, Tok } from '../parser.js';
import { PG } from '../codes.js';
import type { PgContext } from '../context.js';

/** ALTER TYPE enum ADD VALUE / RENAME VALUE — the parser stands after TYPE. */
export function parseAlterType(p: PgParser, ctx: PgContext, start: Tok): void {
  const name = ctx.qualify(p.qname());
  if (p.isWord('OWNER')) { ctx.ignoredPrivileges++; p.skipToEnd(); return; }
  const t = ctx.findType(name);
  if (t?.kind === 'EnumType' && p.acceptSeq('ADD', 'VALUE')) {
    const ifNotExists = p.acceptSeq('IF', 'NOT', 'EXISTS');
    const v = p.stringValue('an enum value');
    let at = t.values.length;
    if (p.acceptWord('BEFORE')) at = t.values.indexOf(p.stringValue());
    else if (p.acceptWord('AFTER')) { const i = t.values.indexOf(p.stringValue()); at = i < 0 ? -1 : i + 1; }
    if (at < 0) throw p.error(`ALTER TYPE ${name.name} ADD VALUE: the neighbour value does not exist`);
    if (t.values.includes(v)) { if (!ifNotExists) throw p.error(`enum value '${v}' already exists`); return; }
    t.values.splice(at, 0, v);
    return;
  }
  if (t?.kind === 'EnumType' && p.acceptSeq('RENAME', 'VALUE')) {
    const from = p.stringValue();
    p.expectWord('TO');
    const to = p.stringValue();
    const i = t.values.indexOf(from);
    if (i < 0) throw p.error(`enum value '${from}' does not exist`);
    t.values[i] = to;
    return;
  }
  p.skipToEnd();
  ctx.diag(t ? PG.alterIgnored : PG.unknownTarget, p.spanFrom(start), `ALTER TYPE ${name.name}: ${t ? 'this change is not applied to the model' : 'the type is not defined earlier in the scripts'}`, { type: 'type', name });
}

/** ALTER DOMAIN name {SET|DROP} DEFAULT / {SET|DROP} NOT NULL / ADD|DROP CONSTRAINT — after DOMAIN. */
export function parseAlterDomain(p: PgParser, ctx: PgContext, start: Tok): void {
  const name = ctx.qualify(p.qname());
  if (p.isWord('OWNER')) { ctx.ignoredPrivileges++; p.skipToEnd(); return; }
  const d = ctx.findType(name);
  if (d?.kind !== 'Domain') {
    p.skipToEnd();
    ctx.diag(PG.unknownTarget, p.spanFrom(start), `ALTER DOMAIN ${name.name}: the domain is not defined earlier in the scripts`, { type: 'domain', name });
    return;
  }
  if (p.acceptSeq('SET', 'DEFAULT')) { d.default = p.expr(); return; }
  if (p.acceptSeq('DROP', 'DEFAULT')) { delete d.default; return; }
  if (p.acceptSeq('SET', 'NOT', 'NULL')) { d.notNull = true; return; }
  if (p.acceptSeq('DROP', 'NOT', 'NULL')) { delete d.notNull; return; }
  if (p.acceptWord('ADD')) {
    const cname = p.acceptWord('CONSTRAINT') ? p.ident().name : undefined;
    if (p.acceptSeq('NOT', 'NULL')) { d.notNull = true; return; }
    p.expectWord('CHECK');
    p.expectPunct('(');
    const expr = p.expr();
    p.expectPunct(')');
    p.acceptSeq('NOT', 'VALID');
    d.checks.push({ ...(cname ? { name: cname } : {}), expr });
    return;
  }
  if (p.acceptSeq('DROP', 'CONSTRAINT')) {
    p.acceptSeq('IF', 'EXISTS');
    const cname = p.ident().name;
    d.checks = d.checks.filter((c) => c.name !== cname);
    p.acceptWord('CASCADE') || p.acceptWord('RESTRICT');
    return;
  }
  p.skipToEnd();
  ctx.diag(PG.alterIgnored, p.spanFrom(start), `ALTER DOMAIN ${name.name}: this change is not applied to the model`, { type: 'domain', name });
}
