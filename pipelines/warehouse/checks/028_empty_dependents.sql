-- The rows of one table (.Table) that refer to a table staged empty
-- (reportEmpty): .Cond, one of the referring columns is not NULL.
SELECT count(*) FROM {{rel .Table}} WHERE {{.Cond}}
