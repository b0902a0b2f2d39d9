-- The columns of a check's query (.Query), read without running it.
SELECT * FROM ({{.Query}}) LIMIT 0
