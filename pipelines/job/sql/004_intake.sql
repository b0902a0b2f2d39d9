-- Intake and graduates by province, city, school, program and year (a
-- school in a county counts in its city: school_regions, migration 008),
-- one row per school, program and year that enrollments or outcomes give.
-- A school's graduates come from its enrollments, or from its outcomes
-- where its enrollments do not give them; NULL where neither does (not
-- reported: the supply model leaves the school out of the completion rate
-- for that year instead of counting its intake without its graduates).
WITH sc AS (
    SELECT school_code, city_code, province_code FROM school_regions
),
e AS (
    SELECT sc.province_code, sc.city_code, e.school_code, e.program_code, e.year,
           sum(e.intake) AS intake,
           CASE WHEN count(e.graduates) = count(*) THEN sum(e.graduates) END AS graduates
    FROM enrollments e JOIN sc USING (school_code)
    GROUP BY ALL
),
o AS (
    SELECT sc.province_code, sc.city_code, o.school_code, o.program_code, o.grad_year AS year,
           CASE WHEN count(o.graduates) = count(*) THEN sum(o.graduates) END AS graduates
    FROM outcomes o JOIN sc USING (school_code)
    GROUP BY ALL
)
SELECT coalesce(e.province_code, o.province_code) AS province_code,
       coalesce(e.city_code, o.city_code) AS city_code,
       coalesce(e.school_code, o.school_code) AS school_code,
       coalesce(e.program_code, o.program_code) AS program_code,
       CAST(coalesce(e.year, o.year) AS BIGINT) AS year,
       CAST(e.intake AS DOUBLE) AS intake,
       CAST(coalesce(e.graduates, o.graduates) AS DOUBLE) AS graduates
FROM e FULL JOIN o USING (province_code, city_code, school_code, program_code, year)
ORDER BY province_code, city_code, program_code, school_code, year
