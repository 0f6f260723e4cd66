// Oracle PL/SQL and SQL*Plus scripts for Monaco (Monarch). Words from the PL/SQL Language
// Reference (reserved words and keywords, predefined types, SQL functions) and SQL*Plus commands.
import type { languages } from 'monaco-editor';

const keywords = [
  'ACCESSIBLE', 'ADD', 'AFTER', 'AGGREGATE', 'ALL', 'ALTER', 'AND', 'ANY', 'AS', 'ASC', 'AT', 'AUTHID', 'AUTONOMOUS_TRANSACTION',
  'BEFORE', 'BEGIN', 'BETWEEN', 'BODY', 'BULK', 'BY', 'CASCADE', 'CASE', 'CHECK', 'CLOSE', 'CLUSTER', 'COLLECT', 'COLUMN', 'COMMENT',
  'COMMIT', 'CONNECT', 'CONSTANT', 'CONSTRAINT', 'CONTINUE', 'CREATE', 'CROSS', 'CURRENT', 'CURRENT_USER', 'CURSOR', 'CYCLE',
  'DECLARE', 'DEFAULT', 'DEFINER', 'DELETE', 'DESC', 'DETERMINISTIC', 'DISTINCT', 'DROP', 'EACH', 'EDITIONABLE', 'ELSE', 'ELSIF',
  'END', 'ENABLE', 'DISABLE', 'EXCEPTION', 'EXCEPTION_INIT', 'EXCEPTIONS', 'EXECUTE', 'EXISTS', 'EXIT', 'EXTERNAL', 'FETCH',
  'FOLLOWS', 'FOR', 'FORALL', 'FOREIGN', 'FROM', 'FULL', 'FUNCTION', 'GOTO', 'GRANT', 'GROUP', 'HAVING', 'IDENTIFIED', 'IF',
  'IMMEDIATE', 'IN', 'INCREMENT', 'INDEX', 'INDICES', 'INNER', 'INSERT', 'INSTEAD', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'KEY',
  'LANGUAGE', 'LEFT', 'LIKE', 'LIMIT', 'LOCK', 'LOOP', 'MATCHED', 'MAXVALUE', 'MERGE', 'MINUS', 'MINVALUE', 'MODE', 'NATURAL',
  'NOCACHE', 'NOCOPY', 'NOCYCLE', 'NOT', 'NOWAIT', 'NULL', 'NULLS', 'OBJECT', 'OF', 'ON', 'OPEN', 'OPTION', 'OR', 'ORDER', 'OTHERS',
  'OUT', 'OUTER', 'OVER', 'PACKAGE', 'PARALLEL_ENABLE', 'PARTITION', 'PIPE', 'PIPELINED', 'PRAGMA', 'PRIMARY', 'PRIOR', 'PROCEDURE',
  'PUBLIC', 'RAISE', 'RANGE', 'RECORD', 'REF', 'REFERENCES', 'REFERENCING', 'RELIES_ON', 'RENAME', 'REPLACE', 'RESULT_CACHE',
  'RETURN', 'RETURNING', 'REUSE', 'REVERSE', 'REVOKE', 'RIGHT', 'ROLLBACK', 'ROW', 'ROWS', 'ROWTYPE', 'SAVE', 'SAVEPOINT',
  'SELECT', 'SEQUENCE', 'SERIALLY_REUSABLE', 'SET', 'SHARE', 'SOME', 'START', 'STATEMENT', 'SUBTYPE', 'SYNONYM', 'TABLE', 'THEN',
  'TO', 'TRANSACTION', 'TRIGGER', 'TYPE', 'UNION', 'UNIQUE', 'UPDATE', 'USING', 'VALUES', 'VARRAY', 'VARYING', 'VIEW', 'WHEN',
  'WHERE', 'WHILE', 'WITH', 'WORK',
];

const typeKeywords = [
  'BFILE', 'BINARY_DOUBLE', 'BINARY_FLOAT', 'BINARY_INTEGER', 'BLOB', 'BOOLEAN', 'CHAR', 'CHARACTER', 'CLOB', 'DATE', 'DEC',
  'DECIMAL', 'DOUBLE', 'FLOAT', 'INT', 'INTEGER', 'INTERVAL', 'LONG', 'NATURALN', 'NCHAR', 'NCLOB', 'NUMBER', 'NUMERIC', 'NVARCHAR2',
  'PLS_INTEGER', 'POSITIVE', 'POSITIVEN', 'PRECISION', 'RAW', 'REAL', 'ROWID', 'SIGNTYPE', 'SIMPLE_INTEGER', 'SMALLINT', 'STRING',
  'SYS_REFCURSOR', 'TIMESTAMP', 'UROWID', 'VARCHAR', 'VARCHAR2', 'XMLTYPE', 'ZONE', 'LOCAL', 'YEAR', 'MONTH', 'DAY', 'SECOND',
];

const builtins = [
  'ABS', 'ADD_MONTHS', 'ASCII', 'AVG', 'BITAND', 'CAST', 'CEIL', 'CHR', 'COALESCE', 'CONCAT', 'COUNT', 'CURRENT_DATE',
  'CURRENT_TIMESTAMP', 'DECODE', 'DENSE_RANK', 'EMPTY_BLOB', 'EMPTY_CLOB', 'EXTRACT', 'FLOOR', 'GREATEST', 'INITCAP', 'INSTR',
  'LAG', 'LAST_DAY', 'LEAD', 'LEAST', 'LENGTH', 'LEVEL', 'LISTAGG', 'LOWER', 'LPAD', 'LTRIM', 'MAX', 'MIN', 'MOD', 'MONTHS_BETWEEN',
  'NEXT_DAY', 'NEXTVAL', 'CURRVAL', 'NULLIF', 'NVL', 'NVL2', 'RAISE_APPLICATION_ERROR', 'RANK', 'REGEXP_INSTR', 'REGEXP_LIKE',
  'REGEXP_REPLACE', 'REGEXP_SUBSTR', 'ROUND', 'ROW_NUMBER', 'ROWNUM', 'RPAD', 'RTRIM', 'SIGN', 'SQLCODE', 'SQLERRM', 'SUBSTR',
  'SUM', 'SYS_GUID', 'SYSDATE', 'SYSTIMESTAMP', 'TO_CHAR', 'TO_CLOB', 'TO_DATE', 'TO_NUMBER', 'TO_TIMESTAMP', 'TRANSLATE', 'TRIM',
  'TRUNC', 'UPPER', 'USER', 'USERENV', 'SYS_CONTEXT', 'XMLAGG', 'XMLELEMENT',
];

export const plsqlConf: languages.LanguageConfiguration = {
  comments: { lineComment: '--', blockComment: ['/*', '*/'] },
  brackets: [['(', ')']],
  autoClosingPairs: [{ open: '(', close: ')' }, { open: "'", close: "'", notIn: ['string', 'comment'] }, { open: '"', close: '"', notIn: ['string'] }],
  surroundingPairs: [{ open: '(', close: ')' }, { open: "'", close: "'" }, { open: '"', close: '"' }],
};

export const plsqlLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.sql',
  ignoreCase: true,
  keywords, typeKeywords, builtins,
  brackets: [{ open: '(', close: ')', token: 'delimiter.parenthesis' }],
  tokenizer: {
    root: [
      // SQL*Plus: remarks, prompts and the block terminator on its own line.
      [/^\s*(REM|REMARK|PROMPT)\b.*$/, 'comment'],
      [/^\s*\/\s*$/, 'delimiter'],
      [/--.*$/, 'comment'],
      [/\/\*/, { token: 'comment.quote', next: '@comment' }],
      [/<<\s*[A-Za-z][\w$#]*\s*>>/, 'annotation'],
      // Alternative quoting q'[...]' (also {}, (), <> and any other delimiter character).
      [/[nN]?[qQ]'\[/, { token: 'string', next: '@qSquare' }],
      [/[nN]?[qQ]'\{/, { token: 'string', next: '@qCurly' }],
      [/[nN]?[qQ]'\(/, { token: 'string', next: '@qParen' }],
      [/[nN]?[qQ]'</, { token: 'string', next: '@qAngle' }],
      [/[nN]?[qQ]'(.)/, { token: 'string', next: '@qOther.$1' }],
      [/[nN]?'/, { token: 'string', next: '@string' }],
      [/"/, { token: 'identifier.quote', next: '@quoted' }],
      [/:[A-Za-z][\w$#]*/, 'variable'],
      [/%(TYPE|ROWTYPE|ROWCOUNT|FOUND|NOTFOUND|ISOPEN|BULK_ROWCOUNT|BULK_EXCEPTIONS)\b/i, 'keyword'],
      [/\d*\.?\d+([eE][-+]?\d+)?[fFdD]?/, 'number'],
      [/[A-Za-z][\w$#]*/, { cases: { '@keywords': 'keyword', '@typeKeywords': 'type', '@builtins': 'predefined', '@default': 'identifier' } }],
      [/:=|=>|\|\||\*\*|<>|!=|\^=|~=|>=|<=|\.\./, 'operator'],
      [/[<>=+\-*/%@]/, 'operator'],
      [/[;,.]/, 'delimiter'],
      [/[()]/, '@brackets'],
      [/\s+/, 'white'],
    ],
    comment: [[/[^*/]+/, 'comment'], [/\*\//, { token: 'comment.quote', next: '@pop' }], [/./, 'comment']],
    string: [[/[^']+/, 'string'], [/''/, 'string'], [/'/, { token: 'string', next: '@pop' }]],
    quoted: [[/[^"]+/, 'identifier'], [/"/, { token: 'identifier.quote', next: '@pop' }]],
    qSquare: [[/\]'/, { token: 'string', next: '@pop' }], [/./, 'string']],
    qCurly: [[/\}'/, { token: 'string', next: '@pop' }], [/./, 'string']],
    qParen: [[/\)'/, { token: 'string', next: '@pop' }], [/./, 'string']],
    qAngle: [[/>'/, { token: 'string', next: '@pop' }], [/./, 'string']],
    qOther: [[/(.)'/, { cases: { '$1==$S2': { token: 'string', next: '@pop' }, '@default': 'string' } }], [/./, 'string']],
  },
};
