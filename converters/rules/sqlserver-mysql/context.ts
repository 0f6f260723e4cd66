import type { ConvertOptions, DataType } from '../../model/index.js';
import { MsRuleContext } from '../sqlserver-postgres/context.js';

/**
 * State of one SQL Server → MySQL transform. It extends the SQL Server → PostgreSQL context so
 * the target-neutral analyses of that rule set (column types by scope, `kindOf`) run unchanged.
 */
export class TmContext extends MsRuleContext {
  readonly flavor: 'mysql' | 'mariadb';
  /** Alias types (CREATE TYPE x FROM base / sp_addtype) by lower-case name → base type. */
  readonly domains = new Map<string, DataType>();
  /** Lower-case names of tables the script puts triggers on (MERGE keeps clear of INSERT … ON DUPLICATE KEY UPDATE there). */
  readonly triggered = new Set<string>();
  /** Unique indexes by lower-case table name: their lower-case column lists. */
  readonly uniqueIndexes = new Map<string, string[][]>();

  constructor(options: ConvertOptions) {
    super({ naming: options.naming ?? 'preserve', schemaMap: options.schemaMap ?? {}, nativeOnly: true, postgis: false });
    this.flavor = options.mysqlFlavor ?? 'mysql';
  }
}
