// Oracle names in rebuilt DDL: a dictionary name that reads the same unquoted (upper case, a
// letter first, letters/digits/_/$/#, not a reserved word) is written unquoted, exactly as a
// script would write it; anything else is double-quoted, which keeps its exact spelling.

// Oracle SQL Language Reference, "Oracle SQL Reserved Words".
const RESERVED = new Set(`ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN COMMENT COMPRESS CONNECT
  CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT DROP ELSE EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP HAVING
  IDENTIFIED IMMEDIATE IN INCREMENT INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS MINUS MLSLABEL
  MODE MODIFY NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION OR ORDER PCTFREE PRIOR PUBLIC RAW RENAME
  RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT SESSION SET SHARE SIZE SMALLINT START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO
  TRIGGER UID UNION UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 VIEW WHENEVER WHERE WITH`.split(/\s+/));

export function oqi(name: string): string {
  if (/^[A-Z][A-Z0-9_$#]*$/.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export const oqn = (owner: string, name: string): string => `${oqi(owner)}.${oqi(name)}`;

export const oql = (s: string): string => `'${s.replace(/'/g, "''")}'`;
