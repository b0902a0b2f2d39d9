-- The cell rules of one staged table in one scan (checkColumns): each row
-- that breaks a rule, with the rule's number (ck) and the cell's value,
-- grouped so that a finding of a value's form is one row per column and
-- value at its first row, with the count of rows that repeat it.
-- Generated from the contract (rowChecks): .Conds, each rule's condition;
-- .Flags, one "CASE WHEN cond THEN n END" per rule; .Vals, the column of
-- each rule ("WHEN n THEN column"); .By, _row or, for the grouped rules,
-- -1. .Limit is one more than the errors listed.
SELECT min(_row) AS first, ck, val, count(*), count(*) OVER () FROM (
    SELECT _row, ck, CASE ck {{.Vals}} END AS val FROM (
        SELECT _row, unnest(list_filter([{{.Flags}}], x -> x IS NOT NULL)) AS ck, {{.Columns}}
        FROM {{rel .Table}}
        WHERE {{.Conds}}))
GROUP BY ck, val, {{.By}}
ORDER BY first, ck
LIMIT {{.Limit}}
