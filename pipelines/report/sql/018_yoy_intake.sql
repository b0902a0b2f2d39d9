-- Intake by level in each data year, and the placement rate of each
-- graduation year (employed plus further study over graduates, over the
-- programs that report outcomes), province-wide.
WITH i AS (
    SELECT e.year, p.level, sum(e.intake) AS intake
    FROM enrollments e JOIN programs p USING (program_code) GROUP BY ALL
),
o AS (
    SELECT grad_year AS year, sum(coalesce(employed, 0) + coalesce(further_study, 0)) / nullif(sum(graduates), 0) AS placement
    FROM outcomes WHERE graduates IS NOT NULL GROUP BY ALL
)
SELECT i.year,
       CAST(sum(i.intake) FILTER (i.level = 'secondary') AS DOUBLE) AS secondary,
       CAST(sum(i.intake) FILTER (i.level = 'higher') AS DOUBLE) AS higher,
       CAST(sum(i.intake) FILTER (i.level = 'bachelor') AS DOUBLE) AS bachelor,
       any_value(o.placement) AS placement
FROM i LEFT JOIN o USING (year) GROUP BY i.year ORDER BY i.year
