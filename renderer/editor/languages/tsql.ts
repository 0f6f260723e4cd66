// Transact-SQL (SQL Server) scripts for Monaco (Monarch). Words from the T-SQL reference (reserved
// keywords, data types, built-in functions); SQLCMD's GO batch separator and :setvar lines.
import type { languages } from 'monaco-editor';

const keywords = [
  'ADD', 'ALL', 'ALTER', 'AND', 'ANY', 'APPLY', 'AS', 'ASC', 'AUTHORIZATION', 'BEGIN', 'BETWEEN', 'BREAK', 'BY', 'CASCADE', 'CASE',
  'CATCH', 'CHECK', 'CLOSE', 'CLUSTERED', 'COLLATE', 'COLUMN', 'COMMIT', 'CONSTRAINT', 'CONTINUE', 'CREATE', 'CROSS', 'CURSOR',
  'DATABASE', 'DEALLOCATE', 'DECLARE', 'DEFAULT', 'DELETE', 'DENY', 'DESC', 'DISTINCT', 'DROP', 'ELSE', 'END', 'ERRLVL', 'ESCAPE',
  'EXCEPT', 'EXEC', 'EXECUTE', 'EXISTS', 'FETCH', 'FOR', 'FOREIGN', 'FROM', 'FULL', 'FUNCTION', 'GOTO', 'GRANT', 'GROUP', 'HAVING',
  'HOLDLOCK', 'IDENTITY', 'IDENTITY_INSERT', 'IF', 'IN', 'INDEX', 'INNER', 'INSERT', 'INSTEAD', 'INTERSECT', 'INTO', 'IS', 'JOIN',
  'KEY', 'LEFT', 'LIKE', 'MATCHED', 'MERGE', 'NEXT', 'NOCHECK', 'NOCOUNT', 'NOLOCK', 'NONCLUSTERED', 'NOT', 'NULL', 'OF', 'OFF',
  'OFFSET', 'ON', 'OPEN', 'OPTION', 'OR', 'ORDER', 'OUT', 'OUTER', 'OUTPUT', 'OVER', 'PARTITION', 'PERCENT', 'PIVOT', 'PRIMARY',
  'PRINT', 'PROC', 'PROCEDURE', 'RAISERROR', 'READONLY', 'REFERENCES', 'RETURN', 'RETURNS', 'REVOKE', 'RIGHT', 'ROLLBACK', 'ROWCOUNT',
  'ROWS', 'SAVE', 'SCHEMA', 'SELECT', 'SEQUENCE', 'SET', 'SOURCE', 'SYNONYM', 'TABLE', 'TARGET', 'THEN', 'THROW', 'TO', 'TOP',
  'TRAN', 'TRANSACTION', 'TRIGGER', 'TRUNCATE', 'TRY', 'TYPE', 'UNION', 'UNIQUE', 'UNPIVOT', 'UPDATE', 'USE', 'USING', 'VALUES',
  'VIEW', 'WAITFOR', 'WHEN', 'WHERE', 'WHILE', 'WITH', 'XACT_ABORT', 'QUOTED_IDENTIFIER', 'ANSI_NULLS', 'AFTER', 'MAX',
];

const typeKeywords = [
  'BIGINT', 'BINARY', 'BIT', 'CHAR', 'CURSOR', 'DATE', 'DATETIME', 'DATETIME2', 'DATETIMEOFFSET', 'DECIMAL', 'FLOAT', 'GEOGRAPHY',
  'GEOMETRY', 'HIERARCHYID', 'IMAGE', 'INT', 'MONEY', 'NCHAR', 'NTEXT', 'NUMERIC', 'NVARCHAR', 'REAL', 'ROWVERSION', 'SMALLDATETIME',
  'SMALLINT', 'SMALLMONEY', 'SQL_VARIANT', 'SYSNAME', 'TEXT', 'TIME', 'TIMESTAMP', 'TINYINT', 'UNIQUEIDENTIFIER', 'VARBINARY',
  'VARCHAR', 'XML',
];

const builtins = [
  'ABS', 'AVG', 'CAST', 'CEILING', 'CHARINDEX', 'COALESCE', 'CONCAT', 'CONVERT', 'COUNT', 'COUNT_BIG', 'DATEADD', 'DATEDIFF',
  'DATEFROMPARTS', 'DATENAME', 'DATEPART', 'DAY', 'DB_NAME', 'EOMONTH', 'ERROR_LINE', 'ERROR_MESSAGE', 'ERROR_NUMBER',
  'ERROR_PROCEDURE', 'ERROR_SEVERITY', 'ERROR_STATE', 'FORMAT', 'GETDATE', 'GETUTCDATE', 'IIF', 'ISNULL', 'ISNUMERIC', 'LEFT', 'LEN',
  'LOWER', 'LTRIM', 'MAX', 'MIN', 'MONTH', 'NEWID', 'NEWSEQUENTIALID', 'NULLIF', 'OBJECT_ID', 'PATINDEX', 'QUOTENAME', 'RANK',
  'REPLACE', 'REPLICATE', 'RIGHT', 'ROUND', 'ROW_NUMBER', 'RTRIM', 'SCOPE_IDENTITY', 'SESSION_USER', 'SPACE', 'STR', 'STRING_AGG',
  'STRING_SPLIT', 'STUFF', 'SUBSTRING', 'SUM', 'SUSER_SNAME', 'SYSDATETIME', 'SYSDATETIMEOFFSET', 'SYSTEM_USER', 'TRIM',
  'TRY_CAST', 'TRY_CONVERT', 'UPPER', 'USER_NAME', 'YEAR', 'DENSE_RANK', 'LAG', 'LEAD', 'OPENJSON', 'JSON_VALUE', 'OPENROWSET',
];

export const tsqlConf: languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [['(', ')'], ['[', ']']],
  autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: "'", close: "'", notIn: ['string', 'comment'] }],
  surroundingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: "'", close: "'" }],
};

export const tsqlLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.sql',
  ignoreCase: true,
  keywords, typeKeywords, builtins,
  brackets: [{ open: '(', close: ')', token: 'delimiter.parenthesis' }],
  tokenizer: {
    root: [
      // SQLCMD: the batch separator and :setvar / :r lines.
      [/^\s*GO(\s+\d+)?\s*$/i, 'keyword.batch'],
      [/^\s*:[A-Za-z]+\b.*$/, 'annotation'],
      [/--.*$/, 'comment'],
      // T-SQL block comments nest.
      [/\/\*/, { token: 'comment.quote', next: '@comment' }],
      [/[nN]'/, { token: 'string', next: '@string' }],
      [/'/, { token: 'string', next: '@string' }],
      [/\[/, { token: 'identifier.quote', next: '@bracketed' }],
      [/"/, { token: 'identifier.quote', next: '@quoted' }],
      [/@@[A-Za-z_]\w*/, 'predefined'],
      [/@[A-Za-z_#$@][\w#$@]*/, 'variable'],
      [/\$\([A-Za-z_]\w*\)/, 'variable'],
      [/##?[A-Za-z_][\w#$@]*/, 'identifier'],
      [/0[xX][0-9a-fA-F]*/, 'number'],
      [/\d*\.?\d+([eE][-+]?\d+)?/, 'number'],
      [/[A-Za-z_][\w#$@]*/, { cases: { '@keywords': 'keyword', '@typeKeywords': 'type', '@builtins': 'predefined', '@default': 'identifier' } }],
      [/<>|!=|!<|!>|>=|<=|\+=|-=|\*=|\/=|%=|&=|\^=|\|=|::/, 'operator'],
      [/[<>=+\-*/%&|^~]/, 'operator'],
      [/[;,.]/, 'delimiter'],
      [/[()]/, '@brackets'],
      [/\s+/, 'white'],
    ],
    comment: [[/[^*/]+/, 'comment'], [/\/\*/, { token: 'comment.quote', next: '@push' }], [/\*\//, { token: 'comment.quote', next: '@pop' }], [/./, 'comment']],
    string: [[/[^']+/, 'string'], [/''/, 'string'], [/'/, { token: 'string', next: '@pop' }]],
    bracketed: [[/[^\]]+/, 'identifier'], [/\]\]/, 'identifier'], [/\]/, { token: 'identifier.quote', next: '@pop' }]],
    quoted: [[/[^"]+/, 'identifier'], [/""/, 'identifier'], [/"/, { token: 'identifier.quote', next: '@pop' }]],
  },
};
