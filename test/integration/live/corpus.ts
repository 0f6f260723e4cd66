// Loading the sample schemas into the test servers, and comparing catalogs by what matters:
// object names and kinds, column names and types, keys and indexes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitPostgresScript } from '../../../converters/dialects/postgres/index.js';
import type { Catalog, CatalogObject, ConvertResult, DataType } from '../../../converters/model/index.js';

export const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
export const corpusFile = (rel: string): string => `${corpusDir}${rel}`;

/**
 * Pagila as the PostgreSQL 15 test server can load it, parsed the same way on both sides:
 * - it creates the pgvector extension, which the server does not have: the extension, its comment
 *   and everything that uses the vector type (film_embedding) are left out;
 * - it was dumped from PostgreSQL 18: VIRTUAL generated columns become STORED (15 has no VIRTUAL),
 *   and the server needs PG18_SHIMS (uuidv7()) first.
 */
export function pagilaForPg15(): string {
  const text = readFileSync(corpusFile('pagila-postgres/pagila-schema.sql'), 'utf8');
  const kept = splitPostgresScript(text, 'pagila-schema.sql')
    .filter((s) => s.kind === 'sql' && !/\bvector\b|film_embedding/i.test(s.text))
    .map((s) => `${s.text.replace(/\)\s+VIRTUAL\b/g, ') STORED')};`);
  return `${kept.join('\n')}\n`;
}

/** PostgreSQL 18's uuidv7(), in pg_catalog so extraction (which skips pg_catalog) does not see it. */
export const PG18_SHIMS = `CREATE OR REPLACE FUNCTION pg_catalog.uuidv7() RETURNS uuid LANGUAGE sql AS $$ SELECT pg_catalog.gen_random_uuid() $$;`;

/**
 * Sakila with its database renamed so concurrent runs do not collide. The script creates
 * `rental_sys` but its actor_info view reads `sakila.actor` …; both names become `dbName`.
 */
export function sakila(part: 'schema' | 'data', dbName: string): string {
  return readFileSync(corpusFile(`sakila-mysql/sakila-${part}.sql`), 'utf8')
    .replace(/\brental_sys\b/g, dbName).replace(/\bsakila\./g, `${dbName}.`);
}

const typeText = (t: DataType): string => {
  const parts: string[] = [t.name];
  if (t.length !== undefined) parts.push(`len=${t.length}`);
  if (t.precision !== undefined) parts.push(`p=${t.precision}`);
  if (t.scale !== undefined) parts.push(`s=${t.scale}`);
  if (t.unsigned) parts.push('unsigned');
  // Display widths are cosmetic (MariaDB adds them), except TINYINT(1), the usual boolean.
  if (t.displayWidth === 1 && t.name === 'tinyint') parts.push('dw=1');
  if (t.values) parts.push(`values=${t.values.join('|')}`);
  if (t.arrayDims) parts.push(`[]x${t.arrayDims}`);
  if (t.userType) parts.push(`user=${t.userType.name}`);
  return parts.join(' ');
};

/** One line per fact; two catalogs describe the same objects when their sets of lines are equal. */
export function catalogFacts(c: Catalog): string[] {
  const out: string[] = [];
  const nm = (o: { name: { name: string } } | { name: string }): string => (typeof o.name === 'string' ? o.name : o.name.name);
  for (const o of c.objects as CatalogObject[]) {
    switch (o.kind) {
      case 'Table':
        out.push(`table ${o.name.name}`);
        for (const col of o.columns) out.push(`column ${o.name.name}.${col.name} ${typeText(col.dataType)}${col.nullable ? '' : ' not null'}${col.identity ? ' identity' : ''}`);
        for (const k of o.constraints) {
          if (k.kind === 'PrimaryKey') out.push(`pk ${o.name.name} (${k.columns.map((x) => x.column).join(',')})`);
          else if (k.kind === 'ForeignKey') out.push(`fk ${o.name.name} (${k.columns.join(',')}) -> ${k.refTable.name} (${k.refColumns.join(',')})`);
          else if (k.kind === 'Unique') out.push(`unique ${o.name.name} (${k.columns.map((x) => x.column).join(',')})`);
          else out.push(`${k.kind} ${o.name.name}`);
        }
        if (o.partitionOf) out.push(`partition ${o.name.name} of ${o.partitionOf.parent.name}`);
        if (o.partitioning) out.push(`partitioned ${o.name.name} ${o.partitioning.method}`);
        break;
      case 'Index':
        out.push(`index ${o.table.name}.${o.name} ${o.unique ? 'unique ' : ''}(${o.columns.map((x) => x.column ?? 'expr').join(',')})${o.method && o.method !== 'btree' ? ` ${o.method}` : ''}`);
        break;
      case 'Routine':
        out.push(`${o.routineKind} ${o.name.name}(${o.params.map((p) => `${p.mode} ${p.name} ${typeText(p.dataType)}`).join(', ')})`);
        break;
      case 'Trigger':
        out.push(`trigger ${o.name.name} on ${o.table.name} ${o.timing} ${o.events.join('/')}`);
        break;
      case 'Schema':
      case 'Comment':
      case 'DataScript':
        break;
      default:
        out.push(`${o.kind} ${'name' in o && o.name ? nm(o as { name: { name: string } }) : ''}`);
    }
  }
  return [...new Set(out)].sort();
}

export function convertedFacts(r: ConvertResult): string[] {
  return [...new Set(r.objects.map((o) => `${o.ref.type} ${o.ref.name} ${o.status}`))].sort();
}
