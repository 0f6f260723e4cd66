-- Bookshop code: a trigger keeping order totals and stock current, a function and a procedure.
USE bookshop;

DELIMITER $$

CREATE TRIGGER trg_order_line_added
AFTER INSERT ON order_line
FOR EACH ROW
BEGIN
  UPDATE customer_order
     SET total = total + NEW.quantity * NEW.unit_price
   WHERE order_id = NEW.order_id;
  UPDATE stock
     SET on_hand = GREATEST(on_hand - NEW.quantity, 0)
   WHERE book_id = NEW.book_id;
END$$

CREATE FUNCTION order_total(p_order_id INT UNSIGNED)
RETURNS DECIMAL(10,2)
DETERMINISTIC
READS SQL DATA
BEGIN
  DECLARE v_total DECIMAL(10,2);
  SELECT IFNULL(SUM(quantity * unit_price), 0)
    INTO v_total
    FROM order_line
   WHERE order_id = p_order_id;
  RETURN v_total;
END$$

CREATE PROCEDURE restock_low_items(IN p_amount INT, OUT p_restocked INT)
MODIFIES SQL DATA
BEGIN
  DECLARE v_done INT DEFAULT 0;
  DECLARE v_book INT UNSIGNED;
  DECLARE cur_low CURSOR FOR
    SELECT book_id FROM stock WHERE on_hand < reorder_level ORDER BY book_id;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = 1;

  SET p_restocked = 0;
  OPEN cur_low;
  restock_loop: LOOP
    FETCH cur_low INTO v_book;
    IF v_done = 1 THEN
      LEAVE restock_loop;
    END IF;
    UPDATE stock SET on_hand = on_hand + p_amount WHERE book_id = v_book;
    SET p_restocked = p_restocked + 1;
  END LOOP restock_loop;
  CLOSE cur_low;
END$$

DELIMITER ;
