-- bench/debian/bench.sql — the SQL workload bench/run feeds Debian's sqlite3
-- (an in-memory database): inserting @ROWS@ rows (bench/run substitutes the
-- count), an index, aggregates, a self-join, an update, a delete and sorts.
CREATE TABLE item(id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, price REAL);
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < @ROWS@)
INSERT INTO item SELECT i, i % 97, printf('item-%08d', (i * 7919) % 1000003), (i * 37 % 1000) / 10.0 FROM seq;
CREATE INDEX item_grp ON item(grp);
CREATE INDEX item_name ON item(name);
SELECT count(*), sum(price), min(name), max(name) FROM item;
SELECT grp, count(*), round(avg(price), 4) FROM item GROUP BY grp ORDER BY grp LIMIT 5;
SELECT count(*) FROM item a JOIN item b ON a.id = b.id + 1 WHERE a.grp = b.grp + 1;
UPDATE item SET price = price * 1.5 WHERE grp < 10;
DELETE FROM item WHERE id % 3 = 0;
SELECT count(*), round(sum(price), 2) FROM item;
SELECT name FROM item WHERE name > 'item-00500000' ORDER BY name LIMIT 3;
