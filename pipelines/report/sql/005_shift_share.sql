-- Each city's shift-share totals over each span ($1 run).
SELECT s.region_code, coalesce(r.name, s.region_code) AS region_name, s.base_year, s.end_year,
       sum(s.change) AS change, sum(s.growth) AS growth, sum(s.mix) AS mix, sum(s.competitive) AS competitive
FROM results.shift_share s LEFT JOIN regions r USING (region_code)
WHERE s.run_id = $1 GROUP BY ALL ORDER BY s.base_year, s.region_code
