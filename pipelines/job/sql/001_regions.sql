-- Regions with their province and city: a city's province is its parent,
-- a county's city is its parent.
SELECT r.region_code,
       r.level,
       CASE r.level WHEN 'province' THEN r.region_code
                    WHEN 'city' THEN coalesce(r.parent_code, '')
                    ELSE coalesce(p.parent_code, '') END AS province_code,
       CASE r.level WHEN 'city' THEN r.region_code
                    WHEN 'county' THEN coalesce(r.parent_code, '')
                    ELSE '' END AS city_code,
       r.name
FROM regions r
LEFT JOIN regions p ON p.region_code = r.parent_code
ORDER BY r.region_code
