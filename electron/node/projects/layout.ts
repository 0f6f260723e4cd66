// What a project folder holds. Everything is plain text meant to read well in a git review:
//   project.json                       name, engines, sources, connections (never a password)
//   source/…                           snapshot of the source scripts (or the DDL read from a live database)
//   converted/<target>/<schema>/<type>/<name>.sql   the last conversion (base of the three-way merge)
//   edits/<target>/<schema>/<type>/<name>.sql       the user's edits of the converted code
//   .gitignore                         keeps the embedded PGlite target's data out of reviews
import { join } from 'node:path';
import { safeSegment, shortHash } from '../export/index.js';
import type { ConnectionSpec } from '../../../converters/contract/index.js';
import type { ConversionSettings, SourceDialect, TargetDialect } from '../../../converters/index.js';

export const PROJECT_FILE = 'project.json';
export const FORMAT = 1;

export interface ProjectFile {
  format: number;
  name: string;
  source: SourceDialect;
  targets: TargetDialect[];
  sourceKind?: 'scripts' | 'live';
  /** Paths of the snapshot files, relative to source/, in load order. */
  scripts: string[];
  /** Live source: which schemas were read. */
  schemas?: string[];
  connections: { source?: ConnectionSpec; target?: ConnectionSpec };
  /** Targets converted at least once (reopening converts them again and merges edits). */
  converted: TargetDialect[];
  /** Per target: source object keys whose edit still has merge conflicts to resolve. */
  conflicts: Partial<Record<TargetDialect, string[]>>;
  createdAt: string;
  /** Script variables (SQL*Plus &NAME, SQLCMD $(NAME)) given to the front end; never password-like ones. */
  variables?: Record<string, string>;
  /** Names of password-like script variables: their values live in the keychain / session memory only. */
  secretVariables?: string[];
  /** Conversion options set for this project (converters/model/conversion-settings.ts). */
  conversion?: ConversionSettings;
}

/** `<type>:<schema>.<name>` (refKey) → converted/<target>/<schema>/<type>/<name>.sql; names that only differ by case get a hash. */
export function objectFile(kind: 'converted' | 'edits', target: TargetDialect, key: string, ref: { schema?: string; name: string; type: string }): string {
  const base = safeSegment(ref.name);
  const name = base === ref.name.toLowerCase() ? base : `${base}-${shortHash(key)}`;
  return join(kind, target, safeSegment(ref.schema ?? '_no_schema'), safeSegment(ref.type), `${name}.sql`);
}

export const PROJECT_GITIGNORE = '# embedded PGlite target databases\n.pglite/\n# exports can be regenerated\nexport/\n';
