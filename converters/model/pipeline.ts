import type { Catalog, CatalogObject, SourceDialect, TargetDialect } from './catalog.js';
import type { Diagnostic, ObjectRef } from './diagnostics.js';
import type { SourceSpan } from './span.js';

/** A script handed to a front end. `path` is what diagnostics print (relative where possible). */
export interface SourceFile {
  path: string;
  text: string;
}

export interface ParseOptions {
  /** Default schema for unqualified names (MySQL: the USE'd database; PostgreSQL: search_path head). */
  defaultSchema?: string;
  /**
   * Version of the source server when known (live extraction: SELECT VERSION(), e.g. '8.0.36' or
   * '10.11.6-MariaDB'). MySQL/MariaDB scripts read /*!NNNNN … *\/ comments by it; without it the MySQL
   * front end reads a mysqldump header if there is one, else assumes MySQL 8.0.
   */
  serverVersion?: string;
  /**
   * SQL*Plus substitution variables (&name, &&name, &1) for Oracle scripts, by name (case-insensitive).
   * A variable with no value here and no DEFINE in the script gets an action item.
   */
  variables?: Record<string, string>;
}

export interface ParseResult {
  catalog: Catalog;
  diagnostics: Diagnostic[];
}

/** One per source dialect: converters/dialects/<d>/index.ts exports it. */
export interface FrontEnd {
  dialect: SourceDialect;
  parse(files: SourceFile[], options?: ParseOptions): ParseResult;
}

export type NamingStyle = 'lower' | 'preserve' | 'snake';

export interface ConvertOptions {
  target: TargetDialect;
  /**
   * How source identifiers become target identifiers. `lower` (default for PostgreSQL targets)
   * folds to lower case so they need no quotes; `snake` also splits CamelCase; `preserve` keeps them.
   */
  naming?: NamingStyle;
  /** Map source schema names to target schema names; default keeps them. */
  schemaMap?: Record<string, string>;
  /** MySQL→PostgreSQL: TINYINT(1) → boolean (default true). */
  tinyint1AsBoolean?: boolean;
  /** MySQL→PostgreSQL: TIMESTAMP → timestamptz (default false: timestamp without time zone). */
  timestampWithTimeZone?: boolean;
  /** MySQL→PostgreSQL: spatial types → PostGIS geometry (default false: bytea + an action item). */
  postgis?: boolean;
  /** MySQL targets: which server the output is for where MySQL 8.0 and MariaDB differ (default 'mysql'). */
  mysqlFlavor?: 'mysql' | 'mariadb';
  /** Oracle→PostgreSQL: NUMBER without precision (default 'numeric'). */
  oracleNumberWithoutPrecision?: 'numeric' | 'double precision' | 'bigint';
  /** Oracle→PostgreSQL: INTEGER/INT/SMALLINT (NUMBER(38)) → integer instead of numeric(38) (default false). */
  oracleIntegerAsInt?: boolean;
  /** Oracle→PostgreSQL: sequence + BEFORE INSERT trigger key pattern → identity column (default true). */
  oracleIdentityFromTrigger?: boolean;
  /** Use only native target features: no emulation functions (dbshift_ora); action items instead (default false). */
  nativeOnly?: boolean;
}

export type ConversionStatus = 'converted' | 'converted-with-actions' | 'not-converted';

/** One target object: the SQL to create it, what it needs first, and what needs a person. */
export interface ConvertedObject {
  ref: ObjectRef;
  /** Source object it came from (several targets may come from one source, e.g. trigger + function). */
  source: ObjectRef;
  /** Target statements, each complete and terminated for the target's client (no DELIMITER needed for PostgreSQL; MySQL statements are plain, apply.sql wraps them). */
  statements: string[];
  /** Objects (by target ref key) that must exist first. */
  dependsOn: string[];
  status: ConversionStatus;
  diagnostics: Diagnostic[];
  span: SourceSpan;
  /** 'storage' (tables, indexes, sequences, types, data) or 'code' (views, routines, triggers, events). */
  category: 'storage' | 'code' | 'data';
  /** Emulations (helper functions, triggers, tables) this object needs on the target; the assessment lists them. */
  usesEmulation?: string[];
}

export interface ConvertResult {
  target: TargetDialect;
  objects: ConvertedObject[];
  /** Findings not tied to one object (script-level). */
  diagnostics: Diagnostic[];
}

/** rules/<src>-<tgt>/index.ts: rewrites a source catalog into one the target generator can print. */
export interface RuleSet {
  source: SourceDialect;
  target: TargetDialect;
  transform(catalog: Catalog, options: ConvertOptions): { catalog: Catalog; diagnostics: Diagnostic[] };
}

/** generators/<t>/index.ts */
export interface Generator {
  target: TargetDialect;
  generate(catalog: Catalog, options: ConvertOptions): ConvertResult;
}

export function refKey(ref: ObjectRef): string {
  return `${ref.type}:${(ref.schema ?? '').toLowerCase()}.${ref.name.toLowerCase()}`;
}

export type { CatalogObject };
