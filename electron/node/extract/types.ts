import type { Catalog, Diagnostic, SourceFile } from '../../../converters/model/index.js';
import type { Connection, PasswordOptions } from '../connectors/index.js';

export interface ExtractOptions {
  /** Schemas (PostgreSQL) or databases (MySQL) to read; default: every non-system one. */
  schemas?: string[];
  onProgress?: (message: string) => void;
  prompt?: PasswordOptions['prompt'];
  signal?: AbortSignal;
}

export interface ExtractResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  /** Catalog queries sent to the server: a fixed number, independent of the object count. */
  queryCount: number;
  /**
   * The DDL rebuilt from the catalog, one file per object (`live/<schema>/<kind>/<name>.sql`);
   * spans in the catalog and diagnostics point into these texts.
   */
  sources: SourceFile[];
}

/** Per-engine extractor; `q` counts every query it sends; `helper`, when given, is a second connection for concurrent reads. */
export type Extractor = (q: Connection, schemas: string[] | undefined, opts: ExtractOptions, helper?: Connection) => Promise<Omit<ExtractResult, 'queryCount'>>;
