// Source DDL seen in the binlog → what happens on the target, by ChangeProcessingDdlHandlingPolicy:
// ADD COLUMN is converted by dbshift's own MySQL→PostgreSQL conversion and applied; TRUNCATE and
// DROP TABLE follow HandleSourceTableTruncated / HandleSourceTableDropped; every other change to a
// replicated table is reported, never silently skipped.
import { convert, parseScripts } from '../../../../converters/index.js';

export type DdlAction =
  | { kind: 'add-column'; schema: string; table: string; column: string; definition: string }
  | { kind: 'truncate'; schema: string; table: string }
  | { kind: 'drop'; schema: string; table: string }
  | { kind: 'unsupported'; schema: string; table: string; what: string };

const NAME = '(`(?:[^`]|``)+`|[A-Za-z0-9_$]+)';
const QNAME = `${NAME}(?:\\s*\\.\\s*${NAME})?`;

function unq(s: string): string { return s.startsWith('`') ? s.slice(1, -1).replace(/``/g, '`') : s; }

function qname(m: RegExpExecArray, i: number, schema: string): { schema: string; table: string } {
  return m[i + 1] ? { schema: unq(m[i]!), table: unq(m[i + 1]!) } : { schema, table: unq(m[i]!) };
}

/** Splits on commas outside parentheses and quotes. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0; let q = ''; let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) { if (c === q) q = ''; else if (c === '\\') i++; continue; }
    if (c === "'" || c === '"' || c === '`') q = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push(s.slice(start, i).trim()); start = i + 1; }
  }
  out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

/** The PostgreSQL column definition for a MySQL one, through the converter. */
export function convertColumnDefinition(column: string, mysqlDefinition: string): string {
  const ddl = `CREATE TABLE dbshift_probe (\`${column.replace(/`/g, '``')}\` ${mysqlDefinition});`;
  const parsed = parseScripts('mysql', [{ path: 'binlog-ddl.sql', text: ddl }]);
  const result = convert(parsed.catalog, { target: 'postgres' });
  const table = result.objects.find((o) => o.ref.type === 'Table');
  const stmt = table?.statements.find((s) => s.startsWith('CREATE TABLE'));
  const line = stmt?.split('\n').map((l) => l.trim().replace(/,$/, '')).find((l) => l.startsWith('"'));
  if (!line) throw new Error(`cannot convert the column definition: ${mysqlDefinition}`);
  return line;
}

export function parseDdl(sql: string, defaultSchema: string): DdlAction[] {
  const text = sql.replace(/\/\*[\s\S]*?\*\//g, ' ').trim();
  let m = new RegExp(`^ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE\\s+(?:IF\\s+EXISTS\\s+)?${QNAME}\\s+([\\s\\S]*)$`, 'i').exec(text);
  if (m) {
    const t = qname(m, 1, defaultSchema);
    const actions: DdlAction[] = [];
    for (const spec of splitTop(m[3]!)) {
      const add = new RegExp(`^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}\\s+([\\s\\S]+)$`, 'i').exec(spec);
      if (add && !/^(CONSTRAINT|INDEX|KEY|UNIQUE|PRIMARY|FOREIGN|FULLTEXT|SPATIAL|CHECK|PARTITION)$/i.test(add[1]!)) {
        const def = add[2]!.replace(/\s+(FIRST|AFTER\s+\S+)\s*$/i, '');
        actions.push({ kind: 'add-column', ...t, column: unq(add[1]!), definition: def });
      } else {
        actions.push({ kind: 'unsupported', ...t, what: spec });
      }
    }
    return actions;
  }
  m = new RegExp(`^TRUNCATE\\s+(?:TABLE\\s+)?${QNAME}\\s*$`, 'i').exec(text);
  if (m) return [{ kind: 'truncate', ...qname(m, 1, defaultSchema) }];
  m = /^DROP\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?([\s\S]+?)(?:\s+(?:RESTRICT|CASCADE))?\s*$/i.exec(text);
  if (m && !/^DROP\s+TEMPORARY/i.test(text)) {
    return splitTop(m[1]!).map((n) => {
      const q = new RegExp(`^${QNAME}$`).exec(n.replace(/\s*\/\*.*$/, ''));
      return q ? { kind: 'drop' as const, ...qname(q, 1, defaultSchema) } : { kind: 'unsupported' as const, schema: defaultSchema, table: n, what: text };
    });
  }
  m = new RegExp(`^(?:RENAME\\s+TABLE|CREATE\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+\\S+\\s+ON|DROP\\s+INDEX\\s+\\S+\\s+ON)\\s+${QNAME}`, 'i').exec(text);
  if (m) return [{ kind: 'unsupported', ...qname(m, 1, defaultSchema), what: text }];
  return [];
}
