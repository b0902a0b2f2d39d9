-- employment_forecast.csv: the run's ($1) stored employment forecasts
-- (results.demand, the figures of the reports), province first, then its
-- cities, by industry and year. The first eight columns are the file's
-- since v1 (series_id is region/industry, h the step from the base year);
-- year and the names follow. Names come from the run's own snapshot.
WITH run AS (
    SELECT snapshot_id FROM meta.runs WHERE run_id = $1
),
regions AS (
    SELECT region_code, name, level FROM snap.regions
    WHERE snapshot_id = (SELECT snapshot_id FROM run)
),
industries AS (
    SELECT industry_code, name FROM snap.industries
    WHERE snapshot_id = (SELECT snapshot_id FROM run)
)
SELECT d.region_code || '/' || d.industry_code AS series_id,
       CAST(d.year - min(d.year) OVER (PARTITION BY d.region_code, d.industry_code) + 1 AS BIGINT) AS h,
       d.employment AS forecast,
       d.lo80, d.hi80, d.lo95, d.hi95,
       d.method,
       CAST(d.year AS BIGINT) AS year,
       d.region_code,
       coalesce(r.name, d.region_code) AS region_name,
       d.industry_code,
       coalesce(i.name, d.industry_code) AS industry_name
FROM results.demand d
LEFT JOIN regions r USING (region_code)
LEFT JOIN industries i USING (industry_code)
WHERE d.run_id = $1
ORDER BY CASE r.level WHEN 'province' THEN 0 ELSE 1 END, d.region_code, d.industry_code, d.year
