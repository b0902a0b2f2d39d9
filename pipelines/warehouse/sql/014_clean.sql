-- Write the staged table .Staged from the raw table .Raw: .Inner maps the
-- file's columns onto the contract's (trimmed, empty as NULL), .Outer
-- cleans each (codes padded, thousands separators dropped: cleanExpr);
-- .Where skips a template's example row, or is empty.
CREATE OR REPLACE TABLE {{.Staged}} AS SELECT {{.Outer}} FROM (SELECT {{.Inner}} FROM {{.Raw}}){{.Where}}
