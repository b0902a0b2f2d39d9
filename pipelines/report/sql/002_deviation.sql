-- Structural deviation by region and sector in the latest year ($1 run).
SELECT d.region_code, coalesce(r.name, d.region_code) AS region_name, d.sector, d.deviation
FROM results.structural_deviation d LEFT JOIN regions r USING (region_code)
WHERE d.run_id = $1 AND d.year = (SELECT max(year) FROM results.structural_deviation WHERE run_id = $1)
ORDER BY CASE WHEN r.level = 'province' THEN 0 ELSE 1 END, d.region_code, d.sector
