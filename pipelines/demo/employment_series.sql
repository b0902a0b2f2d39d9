SELECT m.industry_code AS series_id, m.year AS t, sum(m.employment) AS value
FROM industry_map m JOIN regions r USING (region_code)
WHERE r.level = 'city'
GROUP BY ALL
ORDER BY series_id, t
