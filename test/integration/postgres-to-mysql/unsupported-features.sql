CREATE TYPE addr AS (street text, zip varchar(10));
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE base (id int PRIMARY KEY, tags text[] DEFAULT '{}'::text[], doc jsonb DEFAULT '{}'::jsonb, home addr,
  total numeric(10,2) GENERATED ALWAYS AS (id * 1.5) STORED, created timestamptz DEFAULT now(), ip inet, during tsrange,
  EXCLUDE USING gist (id WITH =));
CREATE TABLE child (extra int) INHERITS (base);
CREATE TABLE h (id int NOT NULL, v text) PARTITION BY HASH (id);
CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE TABLE r (d date NOT NULL, v int) PARTITION BY RANGE (d);
CREATE TABLE r_old PARTITION OF r FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE TABLE r_new PARTITION OF r FOR VALUES FROM ('2020-01-01') TO ('2030-01-01');
CREATE TABLE r_def PARTITION OF r DEFAULT;
COMMENT ON TABLE base IS 'the base';
COMMENT ON COLUMN base.doc IS 'a document';
CREATE VIEW q AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
  SELECT DISTINCT ON (b.id) b.id, b.doc ->> 'k' AS k, b.doc @> '{"a":1}' AS has_a, b.id = ANY(ARRAY[1,2,3]) AS small,
    row_number() OVER (PARTITION BY b.id ORDER BY b.created DESC) AS rn, n.i
  FROM base b FULL JOIN n ON n.i = b.id ORDER BY b.id, b.created;
CREATE VIEW lat AS SELECT b.id, x.c FROM base b, LATERAL (SELECT count(*) AS c FROM h WHERE h.id = b.id) x;
CREATE FUNCTION ins(p int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE v int;
BEGIN
  INSERT INTO h (id, v) VALUES (p, 'x') RETURNING id INTO v;
  PERFORM pg_sleep(0);
  EXECUTE format('SELECT %s', p) INTO v;
  GET DIAGNOSTICS v = ROW_COUNT;
  RETURN v;
END $$;
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'x'; RETURN NULL; END $$;
CREATE TRIGGER st AFTER INSERT ON h FOR EACH STATEMENT EXECUTE FUNCTION trg();
CREATE VIEW vv AS SELECT id FROM base;
CREATE TRIGGER io INSTEAD OF INSERT ON vv FOR EACH ROW EXECUTE FUNCTION trg();
CREATE TRIGGER tt BEFORE TRUNCATE ON base FOR EACH STATEMENT EXECUTE FUNCTION trg();
CREATE INDEX base_doc ON base USING gin (doc);
CREATE INDEX base_brin ON base USING brin (created);
CREATE UNIQUE INDEX base_tags ON base (id) WHERE id > 0;
CREATE AGGREGATE myagg(int) (SFUNC = int4pl, STYPE = int);
CREATE PROCEDURE pr(INOUT a int) LANGUAGE plpgsql AS $$ BEGIN a := a + 1; COMMIT; END $$;
INSERT INTO base (id, tags, doc, ip) VALUES (1, '{a,b}', '{"a":1,"k":"v"}', '10.0.0.1');
