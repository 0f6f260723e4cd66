// Oracle scripts shared by the PostgreSQL and MariaDB CTAS / multi-table INSERT suites.
export const CTAS = `CREATE TABLE emp (id NUMBER(6) PRIMARY KEY, name VARCHAR2(20) NOT NULL, sal NUMBER(8,2) DEFAULT 1, dept NUMBER(4));
INSERT INTO emp VALUES (1, 'a', 100.5, 10);
INSERT INTO emp VALUES (2, 'b', 200, 20);
CREATE TABLE emp10 AS SELECT * FROM emp WHERE dept = 10;
CREATE TABLE by_dept (dept, total, n) NOLOGGING AS SELECT dept, SUM(sal), COUNT(*) FROM emp GROUP BY dept;
INSERT INTO emp VALUES (3, 'c', 300, 10);
CREATE TABLE later AS SELECT e.id, e.name AS who, sal / 3 AS third FROM emp e WHERE id >= 2 UNION ALL SELECT 9, 'z', 1 FROM dual;
`;

export const MULTI = `CREATE TABLE src (id NUMBER(6), amt NUMBER(8,2), kind VARCHAR2(5));
CREATE TABLE small (id NUMBER(6), amt NUMBER(8,2));
CREATE TABLE big (id NUMBER(6), amt NUMBER(8,2));
CREATE TABLE other (id NUMBER(6), kind VARCHAR2(5));
INSERT INTO src VALUES (1, 5, 'a');
INSERT INTO src VALUES (2, 50, 'b');
INSERT INTO src VALUES (3, NULL, 'c');
INSERT INTO src VALUES (4, 500, 'a');
INSERT ALL INTO small VALUES (10, 1) INTO small (id, amt) VALUES (11, 2) SELECT * FROM dual;
INSERT FIRST
  WHEN amt < 10 THEN INTO small (id, amt) VALUES (id, amt)
  WHEN amt < 100 THEN INTO big VALUES (id, amt) INTO other VALUES (id, kind)
  ELSE INTO other (id, kind) VALUES (id, 'else')
SELECT id, amt, kind FROM src;
CREATE OR REPLACE PROCEDURE split(p_min NUMBER) IS
BEGIN
  INSERT ALL
    WHEN amt >= p_min THEN INTO big (id, amt) VALUES (id + 100, amt)
    WHEN kind = 'a' THEN INTO other VALUES (id + 100, kind)
    INTO small (id) VALUES (id + 100)
  SELECT id, amt, kind FROM src WHERE id > 1;
END;
/
`;
