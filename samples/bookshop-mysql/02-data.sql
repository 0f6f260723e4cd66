-- Bookshop data. Loaded before 03-code.sql, so order totals are given here rather than
-- computed by the trigger.
USE bookshop;

INSERT INTO publisher (publisher_id, name, country_code, website) VALUES
  (1, 'Harbour Lane Press', 'GB', 'https://harbourlane.example'),
  (2, 'Nordlicht Verlag', 'DE', NULL),
  (3, 'Blue Mesa Books', 'US', 'https://bluemesa.example');

INSERT INTO author (author_id, first_name, last_name, birth_year, biography) VALUES
  (1, 'Imogen', 'Carrow', 1971, 'Writes coastal mysteries.'),
  (2, 'Tobias', 'Wendt', 1958, NULL),
  (3, 'Rosa', 'Iglesias', 1985, 'Poet and translator; "Salt Roads" won a regional prize.'),
  (4, 'Dev', 'Raman', NULL, NULL);

INSERT INTO book (book_id, isbn13, title, publisher_id, published_on, list_price, format, in_print, details) VALUES
  (1, '9780000000011', 'The Tide Clock', 1, '2015-04-02', 12.99, 'paperback', 1, '{"pages": 312, "series": "Harbour Mysteries"}'),
  (2, '9780000000028', 'Salt Roads', 3, '2019-09-17', 18.50, 'hardcover', 1, '{"pages": 96, "translated": true}'),
  (3, '9780000000035', 'Kleine Geschichte der Brücken', 2, '2008-01-15', 24.00, 'hardcover', 0, NULL),
  (4, '9780000000042', 'Lantern Street', 1, '2021-11-30', 7.99, 'ebook', 1, '{"drm": false}'),
  (5, '9780000000059', 'Field Notes on Rain', 3, NULL, 15.00, 'audiobook', 1, '{"minutes": 412}');

INSERT INTO book_author (book_id, author_id, author_order) VALUES
  (1, 1, 1), (2, 3, 1), (3, 2, 1), (4, 1, 1), (4, 4, 2), (5, 3, 1), (5, 4, 2);

INSERT INTO stock (book_id, on_hand, reorder_level) VALUES
  (1, 40, 10), (2, 3, 5), (3, 0, 2), (4, 999, 0), (5, 4, 5);

INSERT INTO customer (customer_id, email, full_name, is_active, loyalty_points) VALUES
  (1, 'ada@example.com', 'Ada Okafor', 1, 120),
  (2, 'bjorn@example.com', 'Björn Åkesson', 1, 0),
  (3, 'chloe@example.com', 'Chloé O''Neill', 0, 35);

INSERT INTO customer_order (order_id, customer_id, status, ordered_at, total) VALUES
  (1, 1, 'shipped', '2024-03-01 10:15:00', 44.48),
  (2, 2, 'paid', '2024-03-05 18:40:12', 18.50),
  (3, 1, 'cancelled', '2024-03-09 08:02:59', 7.99);

INSERT INTO order_line (order_id, line_no, book_id, quantity, unit_price) VALUES
  (1, 1, 1, 2, 12.99),
  (1, 2, 2, 1, 18.50),
  (2, 1, 2, 1, 18.50),
  (3, 1, 4, 1, 7.99);

INSERT INTO review (book_id, customer_id, rating, body) VALUES
  (1, 1, 5, 'Could not put it down.'),
  (2, 2, 4, NULL),
  (4, 1, 3, 'Shorter than I hoped.');
