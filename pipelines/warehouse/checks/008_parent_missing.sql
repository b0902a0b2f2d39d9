-- parent_missing: a city's or county's parent (of a region code's form) is
-- not in regions.
SELECT c._row, c.parent_code, c.level, CASE c.level WHEN 'city' THEN 'province' ELSE 'city' END
FROM {{rel "regions"}} c
WHERE c.level IN ('city', 'county') AND regexp_full_match(c.parent_code, {{str .RegionPattern}})
  AND NOT EXISTS (SELECT 1 FROM {{rel "regions"}} p WHERE p.region_code = c.parent_code)
