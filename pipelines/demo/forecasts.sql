-- The number of the province's industries whose employment the run ($1)
-- forecast (results.demand; employment_forecast.csv).
SELECT CAST(count(DISTINCT d.industry_code) AS BIGINT)
FROM results.demand d JOIN regions r USING (region_code)
WHERE d.run_id = $1 AND r.level = 'province'
