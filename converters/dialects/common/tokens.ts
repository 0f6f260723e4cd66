/**
 * Token shapes and the per-dialect tokenizer configuration.
 *
 * `word` is an unquoted identifier or keyword (value = text as written, `upper` = upper-cased);
 * `qident` a quoted identifier (value = unescaped name); `string` a decoded string literal
 * (`prefix` = N, E, U&, _charset introducer or the $tag$ of a dollar quote); `hex` / `bit` the
 * digits of X'..' / 0x.. / B'..' / 0b..; `variable` @x (prefix '@'), @@x ('@@'), $1 ('$'),
 * :name (':') or ? ('?'); `op` operators and punctuation (value = the operator).
 */
export type TokenType = 'word' | 'qident' | 'string' | 'number' | 'hex' | 'bit' | 'variable' | 'op' | 'invalid' | 'eof';

export interface Token {
  type: TokenType;
  value: string;
  /** Upper-cased value for words and the operator for ops; '' otherwise. */
  upper: string;
  /** The token exactly as written. */
  text: string;
  /** 0-based offsets into the file text. */
  offset: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  /** Column just after the last character. */
  endColumn: number;
  prefix?: string;
}

export interface TokenizerConfig {
  /** `…` identifiers (MySQL). */
  backtickIdents: boolean;
  /** "…" identifiers (PostgreSQL; MySQL with ANSI_QUOTES). Otherwise "…" is a string. */
  doubleQuoteIdents: boolean;
  /** Backslash escapes in plain '…' and "…" strings (MySQL unless NO_BACKSLASH_ESCAPES). */
  backslashEscapes: boolean;
  /** `#` starts a line comment (MySQL). */
  hashComments: boolean;
  /** `--` starts a comment only when followed by whitespace or a control character (MySQL). */
  dashCommentNeedsSpace: boolean;
  /** Block comments nest (PostgreSQL). */
  nestedComments: boolean;
  /** MySQL `/*!50705 … *\/` comments are code when the version ≤ serverVersion. */
  versionComments: boolean;
  serverVersion: number;
  /**
   * MariaDB rules for version comments: /*M!NNNNNN … *\/ is code, and /*!NNNNN … *\/ with a MySQL
   * 5.7/8.x version (50700–99999) is a comment, as MariaDB reads them.
   */
  mariadbVersionComments?: boolean;
  /** $$…$$ and $tag$…$tag$ strings (PostgreSQL). */
  dollarQuotes: boolean;
  /** @x and @@x variables (MySQL). */
  atVariables: boolean;
  /** $1 positional parameters (PostgreSQL). */
  dollarParams: boolean;
  /** :name bind variables. */
  colonBinds: boolean;
  /** ? placeholders as variables (MySQL prepared statements). */
  questionParams: boolean;
  /** E'…' escape strings and U&'…' / U&"…" (PostgreSQL). */
  postgresStringPrefixes: boolean;
  /** _utf8mb4'…' charset introducers (MySQL). */
  introducers: boolean;
  /** 0x… and 0b… literals (MySQL). */
  zeroXLiterals: boolean;
  /** Identifiers may start with a digit, e.g. 1st_col (MySQL). */
  digitLeadingIdents: boolean;
  /** Oracle alternative quoting q'[…]' / Q'{…}' / nq'<…>' (any delimiter; brackets pair up). */
  qQuotes?: boolean;
  /** `#` may continue an identifier (Oracle: EMP#). */
  hashInIdents?: boolean;
  /** T-SQL [bracketed] identifiers (']]' inside stands for ']'); the token's prefix is '['. */
  bracketIdents?: boolean;
  /** `#` may start an identifier (T-SQL #temp and ##global temp tables). */
  hashIdentStart?: boolean;
  /** Multi-character operators, matched longest first. */
  operators: readonly string[];
}

export interface LexError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export interface LexStart {
  offset: number;
  line: number;
  column: number;
}
