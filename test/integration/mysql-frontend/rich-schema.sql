-- Constructs the MySQL front end must read the way MariaDB does (loaded with the mariadb client).
SET NAMES utf8mb4;
SET FOREIGN_KEY_CHECKS = 0;

CREATE TABLE parent (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  code CHAR(3) NOT NULL,
  name VARCHAR(60) CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL DEFAULT 'n/a' COMMENT 'display name',
  flag BOOLEAN NOT NULL DEFAULT TRUE,
  rating ENUM('G','PG','it''s') DEFAULT 'G',
  features SET('a','b','c') NULL,
  price DECIMAL(8,3) UNSIGNED ZEROFILL,
  ratio FLOAT(7,4),
  big DOUBLE PRECISION,
  r REAL,
  bits BIT(5) DEFAULT b'101',
  yr YEAR,
  created DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  changed TIMESTAMP(6) NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP(6),
  note TINYTEXT, body MEDIUMTEXT, blobby LONGBLOB, bin BINARY(16), vbin VARBINARY(200),
  doubled INT AS (id * 2) VIRTUAL,
  stored_total DECIMAL(12,3) GENERATED ALWAYS AS (price * 2) STORED,
  hidden INT INVISIBLE DEFAULT 7,
  qty SMALLINT NOT NULL DEFAULT -1 CHECK (qty >= -1),
  doc JSON,
  doc2 LONGTEXT CHECK (json_valid(doc2)),
  PRIMARY KEY (id),
  UNIQUE KEY uq_code (code),
  KEY idx_name_prefix (name(10), code DESC),
  FULLTEXT KEY ft_body (body),
  CONSTRAINT chk_price CHECK (price < 10000)
) ENGINE=InnoDB AUTO_INCREMENT=50 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='parents';

CREATE TABLE child (
  id BIGINT NOT NULL,
  parent_id INT UNSIGNED,
  parent_code CHAR(3),
  pos GEOMETRY NOT NULL,
  /*!50705 mysql_only INT, */
  /*M!100100 maria_only INT, */
  PRIMARY KEY (id),
  UNIQUE (parent_id, parent_code),
  SPATIAL INDEX sp_pos (pos),
  CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT fk_child_code FOREIGN KEY (parent_code) REFERENCES parent (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE metrics (
  id INT NOT NULL,
  at DATE NOT NULL,
  v INT,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (YEAR(at)) (
  PARTITION p2019 VALUES LESS THAN (2020),
  PARTITION pmax VALUES LESS THAN MAXVALUE
);

ALTER TABLE child ADD COLUMN label VARCHAR(20) NOT NULL DEFAULT '' AFTER parent_code, ADD INDEX idx_label (label);
ALTER TABLE child MODIFY parent_code CHAR(3) NOT NULL;
CREATE UNIQUE INDEX uq_label ON child (label, id);
CREATE TABLE dropped (x INT);
DROP TABLE IF EXISTS dropped;

CREATE OR REPLACE SQL SECURITY INVOKER VIEW parent_names (pid, pname) AS
  SELECT id, name FROM parent WHERE flag WITH CASCADED CHECK OPTION;

DELIMITER //
CREATE FUNCTION price_of(p_id INT UNSIGNED) RETURNS DECIMAL(8,3)
  DETERMINISTIC READS SQL DATA
BEGIN
  DECLARE v DECIMAL(8,3) DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v = NULL;
  SELECT price INTO v FROM parent WHERE id = p_id;
  RETURN v;
END //
CREATE PROCEDURE touch(IN p_id INT, OUT p_count INT, INOUT p_note VARCHAR(40))
  MODIFIES SQL DATA
BEGIN
  UPDATE parent SET qty = qty + 1 WHERE id = p_id;
  SET p_count = ROW_COUNT();
  SET p_note = CONCAT(p_note, '!');
END //
CREATE TRIGGER parent_bi BEFORE INSERT ON parent FOR EACH ROW
  SET NEW.code = UPPER(NEW.code) //
CREATE TRIGGER parent_bi2 BEFORE INSERT ON parent FOR EACH ROW FOLLOWS parent_bi
BEGIN
  IF NEW.qty < -1 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'qty'; END IF;
END //
CREATE TRIGGER child_ad AFTER DELETE ON child FOR EACH ROW
  DELETE FROM metrics WHERE id = OLD.id //
CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE
  COMMENT 'cleanup' DO DELETE FROM metrics WHERE at < '2000-01-01' //
DELIMITER ;
SET FOREIGN_KEY_CHECKS = 1;
