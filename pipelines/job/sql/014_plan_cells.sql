-- The cells of the enrollment plan: each program in each city with its
-- latest intake ($2 = the latest enrollment year), duration, level and the
-- city's ratio, published signal and reasons in run $1; and the city's
-- school capacity where every school of the city states one.
WITH s AS (
    SELECT m.school_code, s.capacity, m.city_code
    FROM school_regions m JOIN schools s USING (school_code)
),
cur AS (
    SELECT s.city_code, e.program_code, sum(e.intake) AS intake
    FROM enrollments e JOIN s USING (school_code) WHERE e.year = $2 GROUP BY ALL
),
cap AS (
    SELECT city_code, sum(capacity) AS capacity, count(*) FILTER (capacity IS NULL) AS unknown FROM s GROUP BY ALL
)
SELECT c.city_code AS region_code, c.program_code, p.name AS program_name, p.level, CAST(p.duration_years AS BIGINT) AS duration,
       CAST(c.intake AS DOUBLE) AS current_intake, CAST(r.ratio AS DOUBLE) AS ratio,
       coalesce(w.signal, '') AS signal, coalesce(r.reasons, '') AS reasons,
       CASE WHEN cap.unknown = 0 THEN CAST(cap.capacity AS DOUBLE) END AS city_capacity
FROM cur c
JOIN programs p USING (program_code)
LEFT JOIN results.programs r ON r.run_id = $1 AND r.scope = 'city' AND r.region_code = c.city_code AND r.program_code = c.program_code
LEFT JOIN results.warnings w ON w.run_id = $1 AND w.scope = 'city' AND w.region_code = c.city_code AND w.program_code = c.program_code
LEFT JOIN cap ON cap.city_code = c.city_code
WHERE c.intake > 0
ORDER BY c.city_code, c.program_code
