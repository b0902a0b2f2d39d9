-- A grouped check's findings (runGrouped): one row per missing value (c1),
-- at its first row (min(c0)), with the other arguments of that row and
-- the count of rows. .Select and .Names are generated from the query's
-- columns c0, c1, ...; .Limit is one more than the errors listed.
SELECT {{.Select}} FROM ({{.Query}}) AS q({{.Names}}) GROUP BY c1 ORDER BY 1 LIMIT {{.Limit}}
