import type { SourceSpan } from './span.js';
import type { QualifiedName } from './names.js';

/**
 * Canonical type names. Front ends map every source spelling onto one of these
 * (int4 → int, character varying → varchar, bool → bool, serial → int + identity …);
 * generators hold an exhaustive Record<TypeName, …> so a new name breaks the build until handled.
 */
export const TYPE_NAMES = [
  'bool', 'bit', 'varbit',
  'tinyint', 'smallint', 'mediumint', 'int', 'bigint',
  'decimal', 'real', 'double', 'money',
  'char', 'varchar', 'nchar', 'nvarchar', 'text', 'clob', 'nclob',
  'binary', 'varbinary', 'blob',
  'date', 'time', 'timestamp', 'datetime', 'year', 'interval',
  'json', 'jsonb', 'xml', 'uuid',
  'enum', 'set',
  'geometry', 'geography',
  'inet', 'cidr', 'macaddr',
  'tsvector', 'tsquery',
  'rowid', 'oid',
  'user', 'unknown',
] as const;
export type TypeName = (typeof TYPE_NAMES)[number];

/** tiny/medium/long text and blob variants (MySQL); absent means the plain one. */
export type SizeClass = 'tiny' | 'medium' | 'long';

export type GeometrySubtype =
  | 'geometry' | 'point' | 'linestring' | 'polygon'
  | 'multipoint' | 'multilinestring' | 'multipolygon' | 'geometrycollection';

export interface DataType {
  kind: 'DataType';
  name: TypeName;
  /** Character/binary length or bit count. `'max'` for VARCHAR(MAX)-style types. */
  length?: number | 'max';
  /** Length semantics where the source distinguishes them (Oracle VARCHAR2(n CHAR)). */
  lengthUnit?: 'byte' | 'char';
  precision?: number;
  scale?: number;
  /** Fractional-second digits for time/timestamp/datetime/interval. */
  fractionalSeconds?: number;
  unsigned?: boolean;
  zerofill?: boolean;
  /** MySQL display width, e.g. the 1 of TINYINT(1). */
  displayWidth?: number;
  sizeClass?: SizeClass;
  withTimeZone?: boolean;
  /** For interval: 'YEAR TO MONTH', 'DAY TO SECOND', 'DAY' … */
  intervalFields?: string;
  /** ENUM/SET members in declaration order (unquoted values). */
  values?: string[];
  geometry?: GeometrySubtype;
  srid?: number;
  /** Number of array dimensions (PostgreSQL int[] → 1). */
  arrayDims?: number;
  charset?: string;
  collation?: string;
  /** For name === 'user': the domain / enum / composite / alias type referenced. */
  userType?: QualifiedName;
  /** The type exactly as written in the source. */
  sourceText: string;
  span: SourceSpan;
}
