-- A check's findings (runCheck), in row order; .Limit is one more than the
-- errors listed.
SELECT * FROM ({{.Query}}) ORDER BY 1 LIMIT {{.Limit}}
