-- duplicate_key: every row whose key an earlier row already has, with the
-- key's columns (.KeyNames), its values (.Values: each column as text)
-- and the first row that has it.
SELECT _row, {{str .KeyNames}}, concat_ws(',', {{.Values}}), first FROM (
    SELECT _row, {{.KeyColumns}}, min(_row) OVER (PARTITION BY {{.Keys}}) AS first FROM {{rel .Table}})
WHERE _row <> first
