// Splits an apply.sql with the TARGET dialect's splitter and names each statement's object from
// the exporter's markers: a line `-- @dbshift object=<type>:<schema>.<name>` starts an object.
import type { SourceSpan } from '../../../converters/model/index.js';
import type { EngineDialect } from '../connectors/url.js';

export interface ScriptItem {
  index: number;
  text: string;
  /** 1-based line of the statement's first character in apply.sql. */
  line: number;
  /** 0-based offset of the statement in apply.sql, for mapping server error positions to lines. */
  offset?: number;
  /** `<type>:<schema>.<name>` from the last marker before the statement. */
  object?: string;
  /** Set when the statement cannot be run by apply (psql meta-command, COPY … FROM stdin, unterminated). */
  unsupported?: string;
}

interface SplitStatement { kind?: string; text: string; span: SourceSpan; unterminated?: string; copyRows?: string[] }
type Splitter = (text: string, file: string) => SplitStatement[];

async function loadSplitter(dialect: EngineDialect): Promise<Splitter> {
  const fn = dialect === 'postgres' ? 'splitPostgresScript' : 'splitMysqlScript';
  // The dialect's index is the public entry; its splitter module is the fallback while the
  // front end is being built.
  const candidates = dialect === 'postgres'
    ? [() => import('../../../converters/dialects/postgres/index.js'), () => import('../../../converters/dialects/postgres/splitter.js')]
    : [() => import('../../../converters/dialects/mysql/index.js'), () => import(MYSQL_SPLITTER)];
  for (const load of candidates) {
    try {
      const mod = await load() as Record<string, unknown>;
      if (typeof mod[fn] === 'function') return mod[fn] as Splitter;
    } catch { /* try the next */ }
  }
  throw new Error(`the ${dialect} script splitter is not available in this build`);
}
const MYSQL_SPLITTER = '../../../converters/dialects/mysql/splitter.js';

const MARKER = /^[ \t]*--[ \t]*@dbshift[ \t]+object=(\S+)/;

/** Object markers by line number, in order. */
export function objectMarkers(text: string): { line: number; object: string }[] {
  const out: { line: number; object: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = MARKER.exec(lines[i]!);
    if (m) out.push({ line: i + 1, object: m[1]! });
  }
  return out;
}

export async function splitApplyScript(text: string, dialect: EngineDialect, file = 'apply.sql'): Promise<ScriptItem[]> {
  const split = await loadSplitter(dialect);
  const markers = objectMarkers(text);
  let m = 0;
  let current: string | undefined;
  const items: ScriptItem[] = [];
  for (const s of split(text, file)) {
    if (s.text.trim() === '') continue;
    while (m < markers.length && markers[m]!.line <= s.span.line) current = markers[m++]!.object;
    const item: ScriptItem = { index: items.length, text: s.text, line: s.span.line, ...(s.span.offset !== undefined ? { offset: s.span.offset } : {}), ...(current ? { object: current } : {}) };
    if (s.kind === 'meta') item.unsupported = 'psql meta-commands are not run by apply; run this script with psql instead';
    else if (s.kind === 'copy') item.unsupported = 'COPY … FROM stdin data is not run by apply; load it with psql';
    else if (s.unterminated) item.unsupported = `the script ends inside an unterminated ${s.unterminated}`;
    items.push(item);
  }
  return items;
}

/** Line in the file of a 1-based character position inside an item's statement text. */
export function lineOfPosition(item: ScriptItem, position: number | undefined): number {
  if (!position || position < 1) return item.line;
  const before = item.text.slice(0, position - 1);
  return item.line + (before.match(/\n/g)?.length ?? 0);
}

/** Transaction control an apply.sql may carry; apply manages transactions itself. */
export function isTransactionControl(sql: string): boolean {
  return /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK)(\s+(WORK|TRANSACTION))?\s*;?\s*$/i.test(sql);
}
