-- Employment of the province's mapped industries (those the run
-- forecasts) in its last two data years ($1 run, $2 province).
WITH s AS (
    SELECT h.year, h.industry_code, h.employment FROM results.industry_structure h
    WHERE h.run_id = $1 AND h.region_code = $2
      AND h.industry_code IN (SELECT DISTINCT industry_code FROM results.demand WHERE run_id = $1 AND region_code = $2)
),
y AS (SELECT max(year) AS y1 FROM s)
SELECT s1.industry_code, coalesce(i.name, s1.industry_code) AS industry_name, y.y1 - 1 AS year0, y.y1 AS year1,
       s0.employment AS employment0, s1.employment AS employment1
FROM y JOIN s s1 ON s1.year = y.y1 LEFT JOIN s s0 ON s0.year = y.y1 - 1 AND s0.industry_code = s1.industry_code
LEFT JOIN industries i ON i.industry_code = s1.industry_code
ORDER BY s1.employment - s0.employment DESC NULLS LAST, s1.industry_code
