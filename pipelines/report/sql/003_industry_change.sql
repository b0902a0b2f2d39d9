-- Employment change of the province's industries (division or section as
-- the map gives them) over the latest $3 years ($1 run, $2 province).
WITH s AS (SELECT year, industry_code, employment FROM results.industry_structure WHERE run_id = $1 AND region_code = $2),
e AS (SELECT max(year) AS y1 FROM s)
SELECT s1.industry_code, coalesce(i.name, s1.industry_code) AS industry_name, s0.employment AS employment_before,
       s1.employment AS employment_after, s1.employment - s0.employment AS change,
       CASE WHEN s0.employment > 0 THEN pow(s1.employment / s0.employment, 1.0 / $3) - 1 END AS annual_growth
FROM e JOIN s s1 ON s1.year = e.y1 JOIN s s0 ON s0.year = e.y1 - $3 AND s0.industry_code = s1.industry_code
LEFT JOIN industries i ON i.industry_code = s1.industry_code
ORDER BY change DESC, s1.industry_code
