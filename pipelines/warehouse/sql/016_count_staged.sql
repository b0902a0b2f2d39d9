-- The rows of the staged table .Staged.
SELECT count(*) FROM {{.Staged}}
