-- Bookshop: a small online bookshop, written for the dbshift demo (MySQL 8 / MariaDB 10.11).
-- Tables, keys, a FULLTEXT index and two views. Data is in 02-data.sql, code in 03-code.sql.

CREATE DATABASE IF NOT EXISTS bookshop DEFAULT CHARACTER SET utf8mb4;
USE bookshop;

CREATE TABLE publisher (
  publisher_id  INT UNSIGNED NOT NULL AUTO_INCREMENT,
  name          VARCHAR(120) NOT NULL,
  country_code  CHAR(2) NOT NULL DEFAULT 'GB',
  website       VARCHAR(255) NULL,
  PRIMARY KEY (publisher_id),
  UNIQUE KEY uq_publisher_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE author (
  author_id   INT UNSIGNED NOT NULL AUTO_INCREMENT,
  first_name  VARCHAR(60) NOT NULL,
  last_name   VARCHAR(80) NOT NULL,
  birth_year  SMALLINT NULL,
  biography   TEXT,
  created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (author_id),
  KEY idx_author_name (last_name, first_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE book (
  book_id       INT UNSIGNED NOT NULL AUTO_INCREMENT,
  isbn13        CHAR(13) NOT NULL,
  title         VARCHAR(200) NOT NULL,
  publisher_id  INT UNSIGNED NOT NULL,
  published_on  DATE NULL,
  list_price    DECIMAL(8,2) NOT NULL,
  format        ENUM('hardcover','paperback','ebook','audiobook') NOT NULL DEFAULT 'paperback',
  in_print      TINYINT(1) NOT NULL DEFAULT 1,
  details       JSON NULL,
  updated_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (book_id),
  UNIQUE KEY uq_book_isbn (isbn13),
  KEY idx_book_publisher (publisher_id),
  FULLTEXT KEY ft_book_title (title),
  CONSTRAINT fk_book_publisher FOREIGN KEY (publisher_id) REFERENCES publisher (publisher_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE book_author (
  book_id       INT UNSIGNED NOT NULL,
  author_id     INT UNSIGNED NOT NULL,
  author_order  TINYINT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (book_id, author_id),
  KEY idx_book_author_author (author_id),
  CONSTRAINT fk_ba_book FOREIGN KEY (book_id) REFERENCES book (book_id) ON DELETE CASCADE,
  CONSTRAINT fk_ba_author FOREIGN KEY (author_id) REFERENCES author (author_id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE customer (
  customer_id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
  email           VARCHAR(190) NOT NULL,
  full_name       VARCHAR(150) NOT NULL,
  is_active       TINYINT(1) NOT NULL DEFAULT 1,
  loyalty_points  INT UNSIGNED NOT NULL DEFAULT 0,
  created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (customer_id),
  UNIQUE KEY uq_customer_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE stock (
  book_id        INT UNSIGNED NOT NULL,
  on_hand        INT UNSIGNED NOT NULL DEFAULT 0,
  reorder_level  SMALLINT UNSIGNED NOT NULL DEFAULT 5,
  PRIMARY KEY (book_id),
  CONSTRAINT fk_stock_book FOREIGN KEY (book_id) REFERENCES book (book_id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE customer_order (
  order_id     INT UNSIGNED NOT NULL AUTO_INCREMENT,
  customer_id  INT UNSIGNED NOT NULL,
  status       ENUM('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  ordered_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  total        DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  PRIMARY KEY (order_id),
  KEY idx_order_customer (customer_id, ordered_at),
  CONSTRAINT fk_order_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
) ENGINE=InnoDB AUTO_INCREMENT=1;

CREATE TABLE order_line (
  order_id    INT UNSIGNED NOT NULL,
  line_no     SMALLINT UNSIGNED NOT NULL,
  book_id     INT UNSIGNED NOT NULL,
  quantity    SMALLINT UNSIGNED NOT NULL DEFAULT 1,
  unit_price  DECIMAL(8,2) NOT NULL,
  PRIMARY KEY (order_id, line_no),
  KEY idx_order_line_book (book_id),
  CONSTRAINT fk_line_order FOREIGN KEY (order_id) REFERENCES customer_order (order_id) ON DELETE CASCADE,
  CONSTRAINT fk_line_book FOREIGN KEY (book_id) REFERENCES book (book_id)
) ENGINE=InnoDB;

CREATE TABLE review (
  review_id    INT UNSIGNED NOT NULL AUTO_INCREMENT,
  book_id      INT UNSIGNED NOT NULL,
  customer_id  INT UNSIGNED NOT NULL,
  rating       TINYINT UNSIGNED NOT NULL,
  body         TEXT NULL,
  created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (review_id),
  UNIQUE KEY uq_review_once (book_id, customer_id),
  CONSTRAINT chk_review_rating CHECK (rating BETWEEN 1 AND 5),
  CONSTRAINT fk_review_book FOREIGN KEY (book_id) REFERENCES book (book_id) ON DELETE CASCADE,
  CONSTRAINT fk_review_customer FOREIGN KEY (customer_id) REFERENCES customer (customer_id)
) ENGINE=InnoDB;

CREATE VIEW v_book_catalog AS
  SELECT b.book_id,
         b.title,
         p.name AS publisher,
         GROUP_CONCAT(CONCAT(a.first_name, ' ', a.last_name) ORDER BY ba.author_order SEPARATOR ', ') AS authors,
         b.list_price,
         IFNULL(s.on_hand, 0) AS on_hand
    FROM book b
    JOIN publisher p ON p.publisher_id = b.publisher_id
    LEFT JOIN book_author ba ON ba.book_id = b.book_id
    LEFT JOIN author a ON a.author_id = ba.author_id
    LEFT JOIN stock s ON s.book_id = b.book_id
   WHERE b.in_print = 1
   GROUP BY b.book_id, b.title, p.name, b.list_price, s.on_hand;

CREATE VIEW v_customer_spend AS
  SELECT c.customer_id,
         c.full_name,
         COUNT(o.order_id) AS orders,
         IFNULL(SUM(o.total), 0) AS spent,
         MAX(o.ordered_at) AS last_order_at
    FROM customer c
    LEFT JOIN customer_order o ON o.customer_id = c.customer_id AND o.status <> 'cancelled'
   GROUP BY c.customer_id, c.full_name;
