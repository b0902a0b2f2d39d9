-- duplicate_key, cheap guard: how many key hashes repeat. Grouping on one
-- 64-bit hash is several times cheaper than on the key columns; a
-- collision only sends the load to the exact query (002).
-- .Keys: the key columns, numbers read as DOUBLE so that 2023 and 2023.0
-- are one year on both load paths.
SELECT count(*) FROM (SELECT hash({{.Keys}}) AS h FROM {{rel .Table}} GROUP BY h HAVING count(*) > 1)
