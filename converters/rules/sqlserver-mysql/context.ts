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

  constructor(options: ConvertOptions) {
    super({ naming: options.naming ?? 'preserve', schemaMap: options.schemaMap ?? {}, nativeOnly: true, postgis: false });
    this.flavor = options.mysqlFlavor ?? 'mysql';
  }
}
