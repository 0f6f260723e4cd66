import type { DataType, Expr, SourceSpan } from '../../model/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';

const dt = (t: DataType, name: DataType['name'], extra: Partial<DataType> = {}): DataType => ({
  kind: 'DataType', name, sourceText: t.sourceText, span: t.span, ...extra,
});

/** What a domain adds to each column that uses it. */
export interface DomainExtras {
  notNull?: boolean;
  default?: Expr;
  checks: { name?: string; expr: Expr }[];
  domainName: string;
}

/**
 * One PostgreSQL type → the MySQL type the generator prints. Domains resolve to their base type
 * (extras returned for columns), enums to inline ENUM, and everything lossy gets a finding.
 */
export function mapType(t: DataType, ctx: RuleContext, where: string): { type: DataType; domain?: DomainExtras } {
  if (t.arrayDims) {
    ctx.report(PM.array, t.span, `${where}: ${t.sourceText} became JSON`);
    return { type: dt(t, 'json') };
  }
  if (t.name === 'user') {
    const domain = ctx.lookup(ctx.domains, t.userType);
    if (domain) {
      const inner = mapType(domain.baseType, ctx, where);
      ctx.report(PM.domainInlined, t.span, `${where}: domain ${domain.name.name} replaced by ${domain.baseType.sourceText}`);
      return { type: { ...inner.type, span: t.span }, domain: { notNull: domain.notNull, default: domain.default, checks: domain.checks, domainName: domain.name.name } };
    }
    const en = ctx.lookup(ctx.enums, t.userType);
    if (en) {
      ctx.report(PM.enumInlined, t.span, `${where}: enum type ${en.name.name} inlined as ENUM(…)`);
      return { type: dt(t, 'enum', { values: en.values }) };
    }
    if (ctx.lookup(ctx.composites, t.userType)) {
      ctx.report(PM.compositeType, t.span, `${where}: composite type ${t.userType?.name ?? t.sourceText} has no MySQL equivalent; stored as JSON`);
    } else {
      ctx.report(PM.extension, t.span, `${where}: type ${t.sourceText} has no MySQL equivalent (a range type, or a type from an extension or defined elsewhere); stored as JSON`);
    }
    return { type: dt(t, 'json') };
  }
  return { type: mapBuiltin(t, ctx, where) };
}

function mapBuiltin(t: DataType, ctx: RuleContext, where: string): DataType {
  switch (t.name) {
    case 'decimal':
      if (t.precision === undefined) {
        ctx.report(PM.numericUnbounded, t.span, `${where}: ${t.sourceText} became DECIMAL(65,30)`);
        return dt(t, 'decimal', { precision: 65, scale: 30 });
      }
      return dt(t, 'decimal', { precision: Math.min(t.precision, 65), scale: Math.min(t.scale ?? 0, 30) });
    case 'money':
      ctx.report(PM.money, t.span, `${where}: money became DECIMAL(19,2)`);
      return dt(t, 'decimal', { precision: 19, scale: 2 });
    case 'char': case 'nchar':
      if (typeof t.length === 'number' && t.length > 255) return dt(t, 'varchar', { length: t.length });
      return dt(t, 'char', { length: typeof t.length === 'number' ? t.length : 1 });
    case 'varchar': case 'nvarchar':
      if (typeof t.length !== 'number') {
        ctx.report(PM.unboundedVarchar, t.span, `${where}: ${t.sourceText} became LONGTEXT`);
        return dt(t, 'text', { sizeClass: 'long' });
      }
      // utf8mb4 rows are limited to 65,535 bytes: very long VARCHARs become TEXT types.
      return t.length > 16383 ? dt(t, 'text', { sizeClass: 'medium' }) : dt(t, 'varchar', { length: t.length });
    case 'text': case 'clob': case 'nclob':
      return dt(t, 'text', { sizeClass: 'long' });
    case 'blob': case 'varbinary': case 'binary':
      return dt(t, 'blob', { sizeClass: 'long' });
    case 'timestamp': case 'datetime': {
      const p = t.fractionalSeconds ?? 6;
      if (t.withTimeZone) ctx.report(PM.timestampTz, t.span, `${where}: ${t.sourceText} became DATETIME(${p}); the time zone is not stored`);
      return dt(t, 'datetime', { fractionalSeconds: p });
    }
    case 'time': {
      if (t.withTimeZone) ctx.report(PM.timeTz, t.span, `${where}: ${t.sourceText} became TIME; the offset is lost`);
      return dt(t, 'time', { fractionalSeconds: t.fractionalSeconds ?? 6 });
    }
    case 'interval':
      ctx.report(PM.interval, t.span, `${where}: interval stored as VARCHAR(64)`);
      return dt(t, 'varchar', { length: 64 });
    case 'json': case 'jsonb': return dt(t, 'json');
    case 'uuid':
      ctx.report(PM.uuid, t.span, `${where}: uuid became CHAR(36)`);
      return dt(t, 'char', { length: 36 });
    case 'inet': case 'cidr':
      ctx.report(PM.network, t.span, `${where}: ${t.sourceText} became VARCHAR(43)`);
      return dt(t, 'varchar', { length: 43 });
    case 'macaddr':
      ctx.report(PM.network, t.span, `${where}: ${t.sourceText} became VARCHAR(17)`);
      return dt(t, 'varchar', { length: 17 });
    case 'tsvector': case 'tsquery':
      ctx.report(PM.textSearch, t.span, `${where}: ${t.sourceText} has no MySQL type; stored as LONGTEXT`);
      return dt(t, 'text', { sizeClass: 'long' });
    case 'xml':
      ctx.report(PM.xml, t.span, `${where}: xml became LONGTEXT`);
      return dt(t, 'text', { sizeClass: 'long' });
    case 'varbit':
      ctx.report(PM.bitVarying, t.span, `${where}: ${t.sourceText} became BIT(64)`);
      return dt(t, 'bit', { length: Math.min(typeof t.length === 'number' ? t.length : 64, 64) });
    case 'bit': return dt(t, 'bit', { length: Math.min(typeof t.length === 'number' ? t.length : 1, 64) });
    case 'oid': return dt(t, 'int', { unsigned: true });
    case 'geography': case 'geometry':
      ctx.report(PM.extension, t.span, `${where}: ${t.sourceText} (PostGIS) became GEOMETRY`);
      return dt(t, 'geometry', { geometry: t.geometry ?? 'geometry' });
    case 'unknown': case 'rowid':
      ctx.report(PM.compositeType, t.span, `${where}: type ${t.sourceText} is unknown; stored as LONGTEXT`);
      return dt(t, 'text', { sizeClass: 'long' });
    case 'real': case 'double': case 'bool': case 'tinyint': case 'smallint': case 'mediumint': case 'int': case 'bigint':
    case 'date': case 'year': case 'enum': case 'set':
      return { ...t, collation: undefined, charset: undefined };
    case 'user': return t;
  }
}

/** PostgreSQL `VALUE` in a domain CHECK becomes the column. */
export function domainCheckFor(expr: Expr, column: string, span: SourceSpan): Expr {
  const swap = (e: Expr): Expr => {
    if (e.kind === 'ColumnRef' && e.parts.length === 1 && e.parts[0]!.toLowerCase() === 'value') return { kind: 'ColumnRef', parts: [column], span };
    return e;
  };
  return deepMap(expr, swap);
}

function deepMap(e: Expr, fn: (e: Expr) => Expr): Expr {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'span' ? x : visit(x);
    return typeof (out as { kind?: unknown }).kind === 'string' && (out.kind as string) !== 'DataType' ? fn(out as unknown as Expr) : out;
  };
  return visit(e) as Expr;
}
