-- The warning list of one run ($1) in the contract's shape
-- (DATA_CONTRACT.md "Outputs", v1.2), filtered by region ($2: a province,
-- or a city with its schools; '' for all), scope ($3), level ($4) and
-- signal ($5) ('' for all), with the reasons in the report language ($6:
-- 'en', else Chinese). Names come from the run's own snapshot, so that an
-- old run keeps the names it was computed with. periods_flagged counts
-- the row's period and the consecutive months before it in which the
-- same scope/region/school/program was red or yellow in that month's
-- latest baseline run; a month without such a run breaks the streak.
WITH run AS (
    SELECT run_id, period, snapshot_id,
           CAST(left(period, 4) AS INTEGER) * 12 + CAST(right(period, 2) AS INTEGER) AS m
    FROM meta.runs WHERE run_id = $1
),
regions AS (
    SELECT region_code, name, parent_code FROM snap.regions
    WHERE snapshot_id = (SELECT snapshot_id FROM run)
),
schools AS (
    SELECT school_code, name FROM snap.schools
    WHERE snapshot_id = (SELECT snapshot_id FROM run)
),
earlier AS (
    SELECT run_id, CAST(left(period, 4) AS INTEGER) * 12 + CAST(right(period, 2) AS INTEGER) AS m
    FROM meta.runs
    WHERE scenario = '' AND status = 'succeeded' AND period < (SELECT period FROM run)
    QUALIFY row_number() OVER (PARTITION BY period ORDER BY finished_at DESC, run_id DESC) = 1
),
flagged AS (
    SELECT DISTINCT w.scope, w.region_code, w.school_code, w.program_code, e.m
    FROM results.warnings w JOIN earlier e USING (run_id)
    WHERE w.signal IN ('red', 'yellow')
),
islands AS (
    -- consecutive months share m - row_number()
    SELECT scope, region_code, school_code, program_code, m,
           m - row_number() OVER (PARTITION BY scope, region_code, school_code, program_code ORDER BY m) AS g
    FROM flagged
),
streak AS (
    SELECT scope, region_code, school_code, program_code, max(m) AS last, count(*) AS n
    FROM islands GROUP BY scope, region_code, school_code, program_code, g
)
SELECT w.run_id, w.period, w.scope, w.region_code, w.school_code, w.program_code, w.program_name, w.level,
       w.signal, w.recommendation, w.supply_demand_ratio, w.placement_rate, w.score, w.reasons,
       CASE WHEN $6 = 'en' THEN w.reasons_text_en ELSE w.reasons_text_zh END AS reasons_text,
       coalesce(rg.name, '') AS region_name,
       coalesce(CASE WHEN w.scope = 'school' THEN sc.name END, '') AS school_name,
       w.current_intake, coalesce(w.market, '') AS market, w.probability_oversupplied,
       CAST(CASE WHEN w.signal IN ('red', 'yellow') THEN 1 + coalesce(s.n, 0) ELSE 0 END AS BIGINT) AS periods_flagged
FROM results.warnings w
LEFT JOIN regions rg ON rg.region_code = w.region_code
LEFT JOIN schools sc ON sc.school_code = w.school_code
LEFT JOIN streak s ON s.scope = w.scope AND s.region_code = w.region_code AND s.school_code = w.school_code
    AND s.program_code = w.program_code AND s.last = (SELECT m FROM run) - 1
WHERE w.run_id = $1
  AND ($2 = '' OR w.region_code = $2 OR w.city_code = $2
       OR w.city_code IN (SELECT region_code FROM regions WHERE parent_code = $2))
  AND ($3 = '' OR w.scope = $3)
  AND ($4 = '' OR w.level = $4)
  AND ($5 = '' OR w.signal = $5)
ORDER BY CASE w.signal WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END,
         CASE w.scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END,
         w.region_code, w.school_code, w.program_code
