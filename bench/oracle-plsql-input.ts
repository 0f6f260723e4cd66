// PL/SQL-heavy input for the Oracle bench: the HR and Customer Orders schemas (DDL + the samples'
// own code) in a few schemas, each followed by many application packages, standalone routines and
// triggers written against those tables — varied per copy (names, constants, which routines a
// package holds, cursor shapes), the way a real application schema carries hundreds of packages.
// Most lines are PL/SQL (package bodies with cursors, loops, exceptions, collections, dynamic SQL,
// MERGE, triggers with cursors), not DDL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchFile { path: string; text: string }

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const read = (rel: string): string => readFileSync(`${corpus}${rel}`, 'utf8');

/** Employee-side package: records, %TYPE/%ROWTYPE, cursor loops, explicit cursors, BULK COLLECT, FORALL, user exceptions. */
function empPackage(s: string, k: number, variant: number): string {
  const maxRaise = (0.05 + (k % 7) / 100).toFixed(2);
  const band = 4000 + (k % 13) * 250;
  const body: string[] = [];
  const spec: string[] = [
    `  FUNCTION salary_band_${s}(p_emp_id IN employees.employee_id%TYPE) RETURN VARCHAR2;`,
    `  PROCEDURE raise_department_${s}(p_dept_id IN NUMBER, p_pct IN NUMBER DEFAULT ${2 + (k % 5)});`,
    `  PROCEDURE transfer_${s}(p_emp_id IN NUMBER, p_dept_id IN NUMBER, p_job_id IN VARCHAR2);`,
    `  FUNCTION dept_payroll_${s}(p_dept_id IN NUMBER) RETURN NUMBER;`,
  ];
  body.push(`  FUNCTION salary_band_${s}(p_emp_id IN employees.employee_id%TYPE) RETURN VARCHAR2 IS
    v_salary   employees.salary%TYPE;
    v_min      jobs.min_salary%TYPE;
    v_max      jobs.max_salary%TYPE;
    v_band     VARCHAR2(20);
  BEGIN
    g_calls := g_calls + 1;
    SELECT e.salary, j.min_salary, j.max_salary
      INTO v_salary, v_min, v_max
      FROM employees e JOIN jobs j ON j.job_id = e.job_id
     WHERE e.employee_id = p_emp_id;
    CASE
      WHEN v_salary < ${band} THEN v_band := 'LOW';
      WHEN v_salary < v_min + (v_max - v_min) / 2 THEN v_band := 'MID';
      WHEN v_salary <= v_max THEN v_band := 'HIGH';
      ELSE v_band := 'ABOVE';
    END CASE;
    RETURN v_band;
  EXCEPTION
    WHEN NO_DATA_FOUND THEN
      RETURN NULL;
    WHEN TOO_MANY_ROWS THEN
      RAISE_APPLICATION_ERROR(-20101, 'duplicate employee ' || p_emp_id);
  END salary_band_${s};
`);
  body.push(`  PROCEDURE raise_department_${s}(p_dept_id IN NUMBER, p_pct IN NUMBER DEFAULT ${2 + (k % 5)}) IS
    CURSOR c_emps(cp_dept NUMBER) IS
      SELECT employee_id, salary, commission_pct
        FROM employees
       WHERE department_id = cp_dept
       ORDER BY employee_id;
    v_new_salary NUMBER(8,2);
    v_count      PLS_INTEGER := 0;
  BEGIN
    IF p_pct / 100 > c_max_raise THEN
      RAISE e_raise_too_big;
    END IF;
    FOR r IN c_emps(p_dept_id) LOOP
      v_new_salary := ROUND(r.salary * (1 + p_pct / 100), 2);
      IF r.commission_pct IS NOT NULL THEN
        v_new_salary := v_new_salary + NVL(r.commission_pct, 0) * ${10 + (k % 9)};
      END IF;
      UPDATE employees SET salary = v_new_salary WHERE employee_id = r.employee_id;
      v_count := v_count + SQL%ROWCOUNT;
    END LOOP;
    DBMS_OUTPUT.PUT_LINE('raised ' || v_count || ' salaries in department ' || p_dept_id);
  EXCEPTION
    WHEN e_raise_too_big THEN
      RAISE_APPLICATION_ERROR(-20102, 'raise of ' || p_pct || '% exceeds ' || c_max_raise * 100 || '%');
  END raise_department_${s};
`);
  body.push(`  PROCEDURE transfer_${s}(p_emp_id IN NUMBER, p_dept_id IN NUMBER, p_job_id IN VARCHAR2) IS
    CURSOR c_emp IS
      SELECT employee_id, hire_date, job_id, department_id
        FROM employees
       WHERE employee_id = p_emp_id
         FOR UPDATE OF department_id;
    v_emp     c_emp%ROWTYPE;
    v_start   DATE;
  BEGIN
    OPEN c_emp;
    FETCH c_emp INTO v_emp;
    IF c_emp%NOTFOUND THEN
      CLOSE c_emp;
      RAISE_APPLICATION_ERROR(-20103, 'no employee ' || p_emp_id);
    END IF;
    CLOSE c_emp;
    BEGIN
      SELECT MAX(end_date) + 1 INTO v_start FROM job_history WHERE employee_id = p_emp_id;
    EXCEPTION
      WHEN NO_DATA_FOUND THEN v_start := NULL;
    END;
    INSERT INTO job_history (employee_id, start_date, end_date, job_id, department_id)
    VALUES (p_emp_id, NVL(v_start, v_emp.hire_date), TRUNC(SYSDATE) - ${1 + (k % 3)}, v_emp.job_id, v_emp.department_id);
    UPDATE employees
       SET department_id = p_dept_id,
           job_id = p_job_id
     WHERE employee_id = p_emp_id;
  EXCEPTION
    WHEN DUP_VAL_ON_INDEX THEN
      RAISE_APPLICATION_ERROR(-20104, 'transfer of ' || p_emp_id || ' already recorded today');
  END transfer_${s};
`);
  body.push(`  FUNCTION dept_payroll_${s}(p_dept_id IN NUMBER) RETURN NUMBER IS
    TYPE t_salaries IS TABLE OF employees.salary%TYPE;
    v_salaries t_salaries;
    v_total    NUMBER := 0;
  BEGIN
    SELECT salary BULK COLLECT INTO v_salaries
      FROM employees
     WHERE department_id = p_dept_id;
    FOR i IN 1 .. v_salaries.COUNT LOOP
      v_total := v_total + NVL(v_salaries(i), 0);
    END LOOP;
    RETURN v_total;
  END dept_payroll_${s};
`);
  if (variant % 2 === 0) {
    spec.push(`  PROCEDURE purge_history_${s}(p_before IN DATE, p_deleted OUT NUMBER);`);
    body.push(`  PROCEDURE purge_history_${s}(p_before IN DATE, p_deleted OUT NUMBER) IS
    TYPE t_ids IS TABLE OF job_history.employee_id%TYPE INDEX BY PLS_INTEGER;
    v_ids t_ids;
  BEGIN
    SELECT employee_id BULK COLLECT INTO v_ids
      FROM job_history
     WHERE end_date < p_before;
    p_deleted := 0;
    IF v_ids.COUNT > 0 THEN
      FORALL i IN v_ids.FIRST .. v_ids.LAST
        DELETE FROM job_history WHERE employee_id = v_ids(i) AND end_date < p_before;
      p_deleted := SQL%ROWCOUNT;
    END IF;
  END purge_history_${s};
`);
  }
  if (variant % 3 !== 1) {
    spec.push(`  FUNCTION count_rows_${s}(p_table IN VARCHAR2, p_where IN VARCHAR2 DEFAULT NULL) RETURN NUMBER;`);
    body.push(`  FUNCTION count_rows_${s}(p_table IN VARCHAR2, p_where IN VARCHAR2 DEFAULT NULL) RETURN NUMBER IS
    v_sql   VARCHAR2(4000);
    v_count NUMBER;
  BEGIN
    v_sql := 'SELECT COUNT(*) FROM ' || DBMS_ASSERT.SIMPLE_SQL_NAME(p_table);
    IF p_where IS NOT NULL THEN
      v_sql := v_sql || ' WHERE ' || p_where;
    END IF;
    EXECUTE IMMEDIATE v_sql INTO v_count;
    RETURN v_count;
  EXCEPTION
    WHEN OTHERS THEN
      DBMS_OUTPUT.PUT_LINE('count failed: ' || SQLCODE || ' ' || SQLERRM);
      RETURN -1;
  END count_rows_${s};
`);
  }
  if (variant % 4 === 3) {
    spec.push(`  PROCEDURE manager_chain_${s}(p_emp_id IN NUMBER);`);
    body.push(`  PROCEDURE manager_chain_${s}(p_emp_id IN NUMBER) IS
    v_level NUMBER := 0;
  BEGIN
    FOR r IN (SELECT LEVEL AS lvl, employee_id, last_name, SYS_CONNECT_BY_PATH(last_name, '/') AS path
                FROM employees
               START WITH employee_id = p_emp_id
             CONNECT BY PRIOR manager_id = employee_id) LOOP
      v_level := GREATEST(v_level, r.lvl);
      DBMS_OUTPUT.PUT_LINE(LPAD(' ', r.lvl * 2) || r.last_name || ' ' || r.path);
    END LOOP;
    IF v_level > ${5 + (k % 4)} THEN
      DBMS_OUTPUT.PUT_LINE('deep chain: ' || v_level);
    END IF;
  END manager_chain_${s};
`);
  }
  return `CREATE OR REPLACE PACKAGE emp_mgmt_${s} AS
  c_max_raise CONSTANT NUMBER := ${maxRaise};
  e_raise_too_big EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_raise_too_big, -20100);
${spec.join('\n')}
END emp_mgmt_${s};
/
CREATE OR REPLACE PACKAGE BODY emp_mgmt_${s} AS
  g_calls NUMBER := 0;

${body.join('\n')}
END emp_mgmt_${s};
/
`;
}

/** Order-side package on Customer Orders: RETURNING INTO, SELECT … FOR UPDATE, MERGE, commits in loops, nested blocks. */
function orderPackage(s: string, k: number, variant: number): string {
  const minStock = 5 + (k % 11);
  const batch = 50 + (k % 4) * 25;
  const spec: string[] = [
    `  FUNCTION order_total_${s}(p_order_id IN orders.order_id%TYPE) RETURN NUMBER;`,
    `  PROCEDURE place_order_${s}(p_customer_id IN NUMBER, p_store_id IN NUMBER, p_product_id IN NUMBER, p_quantity IN NUMBER, p_order_id OUT NUMBER);`,
    `  PROCEDURE ship_pending_${s}(p_store_id IN NUMBER);`,
  ];
  const body: string[] = [];
  body.push(`  FUNCTION order_total_${s}(p_order_id IN orders.order_id%TYPE) RETURN NUMBER IS
    v_total NUMBER(12,2);
  BEGIN
    SELECT NVL(SUM(unit_price * quantity), 0)
      INTO v_total
      FROM order_items
     WHERE order_id = p_order_id;
    RETURN v_total;
  END order_total_${s};
`);
  body.push(`  PROCEDURE place_order_${s}(p_customer_id IN NUMBER, p_store_id IN NUMBER, p_product_id IN NUMBER, p_quantity IN NUMBER, p_order_id OUT NUMBER) IS
    v_stock  inventory.product_inventory%TYPE;
    v_price  products.unit_price%TYPE;
  BEGIN
    SELECT product_inventory INTO v_stock
      FROM inventory
     WHERE store_id = p_store_id AND product_id = p_product_id
       FOR UPDATE;
    IF v_stock < p_quantity THEN
      RAISE_APPLICATION_ERROR(-20201, 'only ' || v_stock || ' left of product ' || p_product_id);
    END IF;
    SELECT unit_price INTO v_price FROM products WHERE product_id = p_product_id;
    INSERT INTO orders (order_tms, customer_id, order_status, store_id)
    VALUES (SYSTIMESTAMP, p_customer_id, 'OPEN', p_store_id)
    RETURNING order_id INTO p_order_id;
    INSERT INTO order_items (order_id, line_item_id, product_id, unit_price, quantity)
    VALUES (p_order_id, 1, p_product_id, v_price, p_quantity);
    UPDATE inventory
       SET product_inventory = product_inventory - p_quantity
     WHERE store_id = p_store_id AND product_id = p_product_id;
  EXCEPTION
    WHEN NO_DATA_FOUND THEN
      RAISE_APPLICATION_ERROR(-20202, 'store ' || p_store_id || ' does not stock product ' || p_product_id);
  END place_order_${s};
`);
  body.push(`  PROCEDURE ship_pending_${s}(p_store_id IN NUMBER) IS
    CURSOR c_pending IS
      SELECT o.order_id, o.customer_id, c.full_name
        FROM orders o JOIN customers c ON c.customer_id = o.customer_id
       WHERE o.store_id = p_store_id AND o.order_status = 'PAID'
       ORDER BY o.order_tms;
    v_done PLS_INTEGER := 0;
    v_shipment shipments.shipment_id%TYPE;
  BEGIN
    FOR r IN c_pending LOOP
      BEGIN
        INSERT INTO shipments (store_id, customer_id, delivery_address, shipment_status)
        VALUES (p_store_id, r.customer_id, 'c/o ' || r.full_name, 'CREATED')
        RETURNING shipment_id INTO v_shipment;
        UPDATE order_items SET shipment_id = v_shipment WHERE order_id = r.order_id;
        UPDATE orders SET order_status = 'SHIPPED' WHERE order_id = r.order_id;
        v_done := v_done + 1;
      EXCEPTION
        WHEN OTHERS THEN
          DBMS_OUTPUT.PUT_LINE('order ' || r.order_id || ' not shipped: ' || SQLERRM);
      END;
      IF MOD(v_done, ${batch}) = 0 THEN
        COMMIT;
      END IF;
    END LOOP;
    COMMIT;
  END ship_pending_${s};
`);
  if (variant % 2 === 1) {
    spec.push(`  PROCEDURE restock_${s}(p_store_id IN NUMBER);`);
    body.push(`  PROCEDURE restock_${s}(p_store_id IN NUMBER) IS
  BEGIN
    MERGE INTO inventory i
    USING (SELECT product_id FROM products WHERE unit_price < ${20 + (k % 30)}) p
       ON (i.store_id = p_store_id AND i.product_id = p.product_id)
     WHEN MATCHED THEN
       UPDATE SET i.product_inventory = i.product_inventory + ${minStock}
     WHEN NOT MATCHED THEN
       INSERT (store_id, product_id, product_inventory) VALUES (p_store_id, p.product_id, ${minStock});
    DBMS_OUTPUT.PUT_LINE(SQL%ROWCOUNT || ' inventory rows restocked');
  END restock_${s};
`);
  }
  if (variant % 3 === 0) {
    spec.push(`  FUNCTION customer_summary_${s}(p_customer_id IN NUMBER) RETURN VARCHAR2;`);
    body.push(`  FUNCTION customer_summary_${s}(p_customer_id IN NUMBER) RETURN VARCHAR2 IS
    v_text   VARCHAR2(4000);
    v_orders PLS_INTEGER := 0;
  BEGIN
    FOR r IN (SELECT order_id, order_tms, order_status
                FROM orders
               WHERE customer_id = p_customer_id
               ORDER BY order_tms DESC) LOOP
      EXIT WHEN v_orders >= ${3 + (k % 5)};
      v_orders := v_orders + 1;
      v_text := v_text || CASE WHEN v_text IS NOT NULL THEN '; ' END
             || TO_CHAR(r.order_tms, 'YYYY-MM-DD') || ' ' || r.order_status
             || ' ' || TO_CHAR(order_total_${s}(r.order_id), 'FM999990.00');
    END LOOP;
    RETURN NVL(v_text, 'no orders');
  END customer_summary_${s};
`);
  }
  return `CREATE OR REPLACE PACKAGE order_proc_${s} AS
${spec.join('\n')}
END order_proc_${s};
/
CREATE OR REPLACE PACKAGE BODY order_proc_${s} AS
${body.join('\n')}
END order_proc_${s};
/
`;
}

/** Triggers with cursors and INSERTING/UPDATING branches, and a standalone reporting procedure. */
function triggersAndProcedures(s: string, k: number): string {
  return `CREATE OR REPLACE TRIGGER order_items_check_${s}
  BEFORE INSERT OR UPDATE OF quantity, unit_price ON order_items
  FOR EACH ROW
DECLARE
  v_list_price products.unit_price%TYPE;
BEGIN
  IF :NEW.quantity <= 0 THEN
    RAISE_APPLICATION_ERROR(-20301, 'quantity must be positive');
  END IF;
  IF INSERTING OR UPDATING('UNIT_PRICE') THEN
    SELECT unit_price INTO v_list_price FROM products WHERE product_id = :NEW.product_id;
    IF :NEW.unit_price < v_list_price * ${(0.5 + (k % 4) / 10).toFixed(1)} THEN
      RAISE_APPLICATION_ERROR(-20302, 'discount too deep on product ' || :NEW.product_id);
    END IF;
  END IF;
EXCEPTION
  WHEN NO_DATA_FOUND THEN
    RAISE_APPLICATION_ERROR(-20303, 'unknown product ' || :NEW.product_id);
END;
/
CREATE OR REPLACE TRIGGER employees_audit_${s}
  AFTER UPDATE OF salary ON employees
  FOR EACH ROW
  WHEN (NEW.salary > OLD.salary * ${(1.1 + (k % 5) / 10).toFixed(1)})
DECLARE
  CURSOR c_history IS
    SELECT start_date, end_date FROM job_history WHERE employee_id = :NEW.employee_id ORDER BY start_date;
  v_moves PLS_INTEGER := 0;
BEGIN
  FOR h IN c_history LOOP
    v_moves := v_moves + 1;
  END LOOP;
  IF v_moves = 0 THEN
    DBMS_OUTPUT.PUT_LINE('big raise for ' || :NEW.employee_id || ' without job history');
  END IF;
END;
/
CREATE OR REPLACE PROCEDURE store_report_${s}(p_from IN DATE, p_to IN DATE DEFAULT SYSDATE) IS
  TYPE t_row IS RECORD (store_name stores.store_name%TYPE, orders NUMBER, revenue NUMBER);
  v_row t_row;
  CURSOR c_stores IS SELECT store_id, store_name FROM stores ORDER BY store_name;
  v_days NUMBER;
BEGIN
  v_days := p_to - p_from;
  IF v_days <= 0 THEN
    RAISE_APPLICATION_ERROR(-20401, 'empty period');
  END IF;
  FOR st IN c_stores LOOP
    v_row.store_name := st.store_name;
    SELECT COUNT(DISTINCT o.order_id), NVL(SUM(oi.unit_price * oi.quantity), 0)
      INTO v_row.orders, v_row.revenue
      FROM orders o JOIN order_items oi ON oi.order_id = o.order_id
     WHERE o.store_id = st.store_id
       AND o.order_tms >= p_from AND o.order_tms < p_to;
    DBMS_OUTPUT.PUT_LINE(RPAD(v_row.store_name, 30) || LPAD(v_row.orders, 8)
      || LPAD(TO_CHAR(v_row.revenue / v_days, '999G999D99'), 14));
  END LOOP;
END store_report_${s};
/
`;
}

/** Files of about `targetLines` lines in total: `schemas` schemas, each with HR + CO DDL and the samples' code, then generated PL/SQL. */
export function oraclePlsqlBenchFiles(targetLines = 100_000, schemas = 4): BenchFile[] {
  const ddl = ['oracle-hr/hr_create.sql', 'oracle-hr/hr_code.sql', 'oracle-customer-orders/co_create.sql'].map(read).join('\n');
  const lines = (t: string): number => t.split('\n').length;
  const files: BenchFile[] = [];
  for (let k = 0; k < schemas; k++) files.push({ path: `schema_${k}.sql`, text: `ALTER SESSION SET CURRENT_SCHEMA = APP_${k};\n${ddl}` });
  let total = files.reduce((n, f) => n + lines(f.text), 0);
  for (let k = 0; total < targetLines; k++) {
    const s = String(k);
    const text = `ALTER SESSION SET CURRENT_SCHEMA = APP_${k % schemas};\n${empPackage(s, k, k)}${orderPackage(s, k, k >> 1)}${triggersAndProcedures(s, k)}`;
    files.push({ path: `app_${k % schemas}_${k}.sql`, text });
    total += lines(text);
  }
  return files;
}
