-- parent_level: a city's parent is not a province, a county's not a city
-- (regions whose level is not an allowed value, .Levels, are left out:
-- that is one error of its own).
SELECT c._row, c.parent_code, p.level, c.level, CASE c.level WHEN 'city' THEN 'province' ELSE 'city' END
FROM {{rel "regions"}} c JOIN {{rel "regions"}} p ON p.region_code = c.parent_code
WHERE ((c.level = 'city' AND p.level <> 'province') OR (c.level = 'county' AND p.level <> 'city'))
  AND p.level IN ({{.Levels}})
