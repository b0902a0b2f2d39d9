-- Location quotients of the latest year with the names of cities and industries ($1 run).
SELECT q.region_code, coalesce(r.name, q.region_code) AS region_name, q.industry_code,
       coalesce(i.name, q.industry_code) AS industry_name, q.lq
FROM results.location_quotients q LEFT JOIN regions r USING (region_code) LEFT JOIN industries i USING (industry_code)
WHERE q.run_id = $1 AND q.year = (SELECT max(year) FROM results.location_quotients WHERE run_id = $1)
ORDER BY q.region_code, q.industry_code
