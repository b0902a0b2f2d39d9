-- What the indicators and rules need of every program still offered (an
-- enrollment row in the latest four years) at three scopes: the province,
-- a city, a school. Years count back from the province's latest year:
-- p1, p2, p3 are the placement rates of the latest three graduation
-- years (oldest first), i0..i3 the intake of the latest four years.
WITH sc AS (
    SELECT school_code, city_code, province_code FROM school_regions
),
oy AS (
    SELECT sc.province_code, max(o.grad_year) AS y
    FROM outcomes o JOIN sc USING (school_code) GROUP BY ALL
),
ey AS (
    SELECT sc.province_code, max(e.year) AS y
    FROM enrollments e JOIN sc USING (school_code) GROUP BY ALL
),
e AS (
    SELECT sc.province_code, sc.city_code, e.school_code, e.program_code,
           ey.y - e.year AS back, CAST(e.intake AS DOUBLE) AS intake
    FROM enrollments e JOIN sc USING (school_code) JOIN ey USING (province_code)
    WHERE e.year > ey.y - 4
),
o AS (
    SELECT sc.province_code, sc.city_code, o.school_code, o.program_code,
           oy.y - o.grad_year AS back,
           CAST(o.graduates AS DOUBLE) AS graduates, CAST(o.employed AS DOUBLE) AS employed,
           CAST(o.further_study AS DOUBLE) AS further_study, CAST(o.matched AS DOUBLE) AS matched,
           CAST(o.avg_monthly_salary AS DOUBLE) AS salary, CAST(o.employed_in_province AS DOUBLE) AS in_province
    FROM outcomes o JOIN sc USING (school_code) JOIN oy USING (province_code)
    WHERE o.grad_year > oy.y - 3
      AND (o.school_code, o.program_code) IN (SELECT school_code, program_code FROM e)
),
ea AS (
    SELECT province_code, coalesce(city_code, '') AS city_code, coalesce(school_code, '') AS school_code, program_code,
           CASE WHEN GROUPING(city_code) = 1 THEN 'province' WHEN GROUPING(school_code) = 1 THEN 'city' ELSE 'school' END AS scope,
           sum(intake) FILTER (back = 3) AS i0,
           sum(intake) FILTER (back = 2) AS i1,
           sum(intake) FILTER (back = 1) AS i2,
           sum(intake) FILTER (back = 0) AS i3
    FROM e
    GROUP BY GROUPING SETS ((province_code, program_code), (province_code, city_code, program_code),
                            (province_code, city_code, school_code, program_code))
),
oa AS (
    SELECT province_code, coalesce(city_code, '') AS city_code, coalesce(school_code, '') AS school_code, program_code,
           CASE WHEN GROUPING(city_code) = 1 THEN 'province' WHEN GROUPING(school_code) = 1 THEN 'city' ELSE 'school' END AS scope,
           sum(employed + further_study) FILTER (back = 2) / nullif(sum(graduates) FILTER (back = 2), 0) AS p1,
           sum(employed + further_study) FILTER (back = 1) / nullif(sum(graduates) FILTER (back = 1), 0) AS p2,
           sum(employed + further_study) FILTER (back = 0) / nullif(sum(graduates) FILTER (back = 0), 0) AS p3,
           sum(employed) FILTER (back <= 1) / nullif(sum(graduates - further_study) FILTER (back <= 1), 0) AS employment_rate,
           sum(matched) FILTER (back <= 1 AND matched IS NOT NULL)
               / nullif(sum(employed) FILTER (back <= 1 AND matched IS NOT NULL), 0) AS match_rate,
           sum(salary * employed) FILTER (back <= 1 AND salary IS NOT NULL)
               / nullif(sum(employed) FILTER (back <= 1 AND salary IS NOT NULL), 0) AS salary,
           sum(further_study) / nullif(sum(graduates), 0) AS further_rate,
           sum(in_province) FILTER (in_province IS NOT NULL)
               / nullif(sum(employed) FILTER (in_province IS NOT NULL), 0) AS stay_rate
    FROM o
    GROUP BY GROUPING SETS ((province_code, program_code), (province_code, city_code, program_code),
                            (province_code, city_code, school_code, program_code))
),
sites AS (
    SELECT province_code, program_code, count(DISTINCT school_code) AS sites
    FROM e WHERE back = 0 AND intake > 0 GROUP BY ALL
)
SELECT ea.scope, ea.province_code, ea.city_code, ea.school_code, ea.program_code,
       p.name AS program_name, p.level,
       ea.i0, ea.i1, ea.i2, ea.i3,
       CAST(oa.p1 AS DOUBLE) AS p1, CAST(oa.p2 AS DOUBLE) AS p2, CAST(oa.p3 AS DOUBLE) AS p3,
       CAST(oa.employment_rate AS DOUBLE) AS employment_rate, CAST(oa.match_rate AS DOUBLE) AS match_rate,
       CAST(oa.salary AS DOUBLE) AS salary, CAST(oa.further_rate AS DOUBLE) AS further_rate,
       CAST(oa.stay_rate AS DOUBLE) AS stay_rate,
       CAST(coalesce(sites.sites, 0) AS BIGINT) AS sites
FROM ea
JOIN programs p USING (program_code)
LEFT JOIN oa USING (scope, province_code, city_code, school_code, program_code)
LEFT JOIN sites USING (province_code, program_code)
ORDER BY ea.province_code,
         CASE ea.scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END,
         ea.city_code, ea.school_code, ea.program_code
