-- Openings open to vocational graduates by year and level in a region
-- ($1 run, $2 region): each industry's openings times the level's share,
-- as the run computed them (results.match_industry holds the horizon
-- totals; results.demand the years).
SELECT d.year, sum(d.openings) AS openings, sum(d.employment) AS employment, sum(d.lo80) AS lo80, sum(d.hi80) AS hi80
FROM results.demand d WHERE d.run_id = $1 AND d.region_code = $2 GROUP BY d.year ORDER BY d.year
