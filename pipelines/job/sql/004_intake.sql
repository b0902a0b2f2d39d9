-- Intake and graduates by province, city, program and year (a school in a
-- county counts in its city). Graduates come from enrollments, or from
-- outcomes where enrollments do not give them.
WITH s AS (
    SELECT s.school_code,
           CASE r.level WHEN 'city' THEN r.region_code ELSE r.parent_code END AS city_code
    FROM schools s JOIN regions r USING (region_code)
),
sc AS (
    SELECT s.school_code, s.city_code, c.parent_code AS province_code
    FROM s JOIN regions c ON c.region_code = s.city_code
),
e AS (
    SELECT sc.province_code, sc.city_code, e.program_code, e.year,
           sum(e.intake) AS intake, sum(e.graduates) AS graduates
    FROM enrollments e JOIN sc USING (school_code)
    GROUP BY ALL
),
o AS (
    SELECT sc.province_code, sc.city_code, o.program_code, o.grad_year AS year, sum(o.graduates) AS graduates
    FROM outcomes o JOIN sc USING (school_code)
    GROUP BY ALL
)
SELECT coalesce(e.province_code, o.province_code) AS province_code,
       coalesce(e.city_code, o.city_code) AS city_code,
       coalesce(e.program_code, o.program_code) AS program_code,
       CAST(coalesce(e.year, o.year) AS BIGINT) AS year,
       CAST(e.intake AS DOUBLE) AS intake,
       CAST(coalesce(e.graduates, o.graduates) AS DOUBLE) AS graduates
FROM e FULL JOIN o USING (province_code, city_code, program_code, year)
ORDER BY province_code, city_code, program_code, year
