import { mysqlDialect, MYSQL_TOKENIZER, type Dialect } from '../common/dialect.js';

/**
 * The MySQL dialect as the front end reads scripts: backtick identifiers, "…" strings (no
 * ANSI_QUOTES), backslash escapes, # and "-- " comments, /*!NNNNN … *\/ as code up to 8.0.0,
 * @user / @@system variables, || as OR. Use mysqlDialect() for other sql_mode settings.
 */
export const MYSQL: Dialect = mysqlDialect();
export { MYSQL_TOKENIZER, mysqlDialect };
