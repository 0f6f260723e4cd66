import { POSTGRES_DIALECT, type Dialect } from '../common/dialect.js';

/**
 * PostgreSQL configuration of the common tokenizer and parser: "…" identifiers, E'…' and
 * $tag$…$tag$ strings, nested block comments, $1 parameters, lower-case folding of unquoted names.
 */
export const POSTGRES: Dialect = POSTGRES_DIALECT;
