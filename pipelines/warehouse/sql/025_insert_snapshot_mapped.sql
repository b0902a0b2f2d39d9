-- Insert the rows of relation .Source (alias e) into snap.<.Table> as
-- snapshot $1, carrying old program codes to the 2021 codes through
-- program_code_map (.Map, alias m): .Inner maps the code and splits the
-- counts by weight, .Outer adds up the rows that land on one key. Two
-- rows of the same original key are a duplicate no mapping may hide: the
-- statement stops with .Error.
INSERT INTO snap.{{ident .Table}} (snapshot_id, {{.Columns}})
SELECT $1, {{.Outer}}
FROM (SELECT {{.Inner}}, e.program_code AS _orig FROM {{.Source}} e LEFT JOIN {{.Map}} m ON m.old_code = e.program_code)
GROUP BY ALL
HAVING CASE WHEN count(*) > count(DISTINCT _orig) THEN error({{str .Error}}) ELSE true END
