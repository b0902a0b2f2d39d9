-- The first row of the raw table .Raw (.Row: its row-number expression)
-- with its first cell (.First): a template's example row is skipped.
SELECT _row, _first FROM (
    SELECT {{.Row}} AS _row, trim(CAST({{ident .First}} AS VARCHAR)) AS _first FROM {{.Raw}} ORDER BY _row LIMIT 1)
