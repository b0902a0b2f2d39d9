-- How many rows a check's query (.Query) finds, on the fast path (which
-- only needs to know whether any).
SELECT count(*) FROM ({{.Query}})
