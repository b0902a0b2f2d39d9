-- school_region: a school in a region that is neither a city nor a county
-- (regions of a level not in .Levels left out).
SELECT s._row, s.region_code, r.level
FROM {{rel "schools"}} s JOIN {{rel "regions"}} r ON r.region_code = s.region_code
WHERE r.level NOT IN ('city', 'county') AND r.level IN ({{.Levels}})
