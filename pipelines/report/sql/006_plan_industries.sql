-- The plan's tiers at province level with the industry's employment and
-- its forecast ($1 run, $2 province).
WITH d AS (
    SELECT industry_code, max(employment) FILTER (year = 2030) AS e2030, max(employment) FILTER (year = 2035) AS e2035,
           max(year) AS last_year, max(employment) FILTER (year = (SELECT max(year) FROM results.demand WHERE run_id = $1)) AS e_last
    FROM results.demand WHERE run_id = $1 AND region_code = $2 GROUP BY industry_code
),
h AS (
    SELECT industry_code, max(year) AS y, arg_max(employment, year) AS e_now
    FROM results.industry_structure WHERE run_id = $1 AND region_code = $2 GROUP BY industry_code
)
SELECT p.tier, p.industry_code, coalesce(i.name, p.industry_code) AS industry_name, p.target_growth,
       h.e_now AS employment_now, d.e2030, d.e2035,
       CASE WHEN h.e_now > 0 AND d.e2035 IS NOT NULL THEN pow(d.e2035 / h.e_now, 1.0 / (2035 - h.y)) - 1 END AS forecast_growth
FROM industry_priorities p
LEFT JOIN industries i USING (industry_code)
LEFT JOIN h USING (industry_code)
LEFT JOIN d USING (industry_code)
WHERE p.region_code = $2
ORDER BY CASE p.tier WHEN 'strategic_emerging' THEN 0 WHEN 'shortage' THEN 1 WHEN 'pillar' THEN 2 WHEN 'traditional' THEN 3 ELSE 4 END, p.industry_code
