-- Supply and openings over the horizon by industry and level in a region ($1 run, $2 region).
SELECT m.industry_code, coalesce(i.name, m.industry_code) AS industry_name, m.level, m.supply, m.openings, m.ratio, coalesce(m.band, '') AS band
FROM results.match_industry m LEFT JOIN industries i USING (industry_code)
WHERE m.run_id = $1 AND m.region_code = $2 ORDER BY m.openings DESC, m.industry_code, m.level
