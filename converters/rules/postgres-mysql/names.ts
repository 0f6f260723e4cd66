import type { QualifiedName } from '../../model/index.js';
import { MYSQL_MAX_IDENTIFIER_CHARS, applyNamingStyle, shortenIdentifier } from '../common/index.js';
import { PM } from './codes.js';
import type { RuleContext } from './context.js';

/**
 * Default schema mapping: PostgreSQL `public` becomes the database the script is applied to
 * (unqualified names); every other schema becomes a MySQL database of the same name. `schemaMap`
 * overrides either (an empty string maps to the current database).
 */
export function targetSchema(schema: string | undefined, ctx: RuleContext): string | undefined {
  if (schema === undefined) return undefined;
  const mapped = ctx.options.schemaMap?.[schema];
  if (mapped !== undefined) return mapped || undefined;
  return schema === 'public' ? undefined : identifier(schema, ctx);
}

/** A column, constraint, index or object name under the naming option, cut to MySQL's 64 characters. */
export function identifier(name: string, ctx: RuleContext): string {
  const styled = applyNamingStyle(name, ctx.options.naming ?? 'preserve');
  if ([...styled].length <= MYSQL_MAX_IDENTIFIER_CHARS) return styled;
  const short = shortenIdentifier(styled, MYSQL_MAX_IDENTIFIER_CHARS).name;
  ctx.report(PM.identifierShortened, ctx.span, `Identifier ${name} shortened to ${short}`);
  return short;
}

export function targetName(q: QualifiedName, ctx: RuleContext): QualifiedName {
  const schema = targetSchema(q.schema, ctx);
  return schema ? { schema, name: identifier(q.name, ctx) } : { name: identifier(q.name, ctx) };
}
