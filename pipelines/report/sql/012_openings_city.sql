-- Openings over the horizon by city and level ($1 run).
SELECT m.region_code, coalesce(r.name, m.region_code) AS region_name, m.level, sum(m.openings) AS openings, sum(m.supply) AS supply
FROM results.match_industry m JOIN regions r USING (region_code)
WHERE m.run_id = $1 AND r.level = 'city' GROUP BY ALL ORDER BY m.region_code, m.level
