-- Employment forecast with intervals of a region's industries ($1 run, $2 region).
SELECT d.industry_code, coalesce(i.name, d.industry_code) AS industry_name, d.year, d.employment, d.lo80, d.hi80, d.lo95, d.hi95, d.openings
FROM results.demand d LEFT JOIN industries i USING (industry_code)
WHERE d.run_id = $1 AND d.region_code = $2 ORDER BY d.industry_code, d.year
