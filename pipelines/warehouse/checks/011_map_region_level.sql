-- map_region_level: an industry map row of a region that is neither a city
-- nor the province (regions of a level not in .Levels left out).
SELECT m._row, m.region_code, r.level
FROM {{rel "industry_map"}} m JOIN {{rel "regions"}} r ON r.region_code = m.region_code
WHERE r.level NOT IN ('city', 'province') AND r.level IN ({{.Levels}})
