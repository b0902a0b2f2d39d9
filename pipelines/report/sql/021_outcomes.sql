-- Graduates' outcomes by graduation year, in the province and by level,
-- by city and by program category (专业大类) ($1 the province): graduates,
-- the placement rate ((employed + further study) ÷ graduates), further
-- study ÷ graduates, the match rate (matched ÷ employed), the average
-- monthly salary weighted by the employed, the share employed in the
-- province. Each rate is over the rows that report its parts.
WITH s AS (
    SELECT s.school_code, CASE r.level WHEN 'city' THEN r.region_code ELSE r.parent_code END AS city_code
    FROM schools s JOIN regions r USING (region_code)
),
o AS (
    SELECT o.grad_year, p.level, p.category_code, coalesce(p.category_name, p.category_code) AS category_name, s.city_code,
           CAST(o.graduates AS DOUBLE) AS graduates, CAST(o.employed AS DOUBLE) AS employed,
           CAST(o.further_study AS DOUBLE) AS further_study, CAST(o.matched AS DOUBLE) AS matched,
           CAST(o.avg_monthly_salary AS DOUBLE) AS salary, CAST(o.employed_in_province AS DOUBLE) AS in_province
    FROM outcomes o JOIN programs p USING (program_code) JOIN s USING (school_code)
    WHERE o.graduates > 0
),
g AS (
    SELECT grad_year,
           CASE WHEN GROUPING(category_code) = 0 THEN 'category' WHEN GROUPING(level) = 0 THEN 'level'
                WHEN GROUPING(city_code) = 0 THEN 'city' ELSE 'province' END AS dim,
           coalesce(category_code, level, city_code, $1) AS code, level, any_value(category_name) AS category_name,
           sum(graduates) AS graduates,
           sum(employed + coalesce(further_study, 0)) FILTER (employed IS NOT NULL) / sum(graduates) FILTER (employed IS NOT NULL) AS placement,
           sum(further_study) FILTER (further_study IS NOT NULL) / sum(graduates) FILTER (further_study IS NOT NULL) AS further_study,
           sum(matched) FILTER (matched IS NOT NULL) / nullif(sum(employed) FILTER (matched IS NOT NULL), 0) AS match_rate,
           sum(salary * employed) FILTER (salary IS NOT NULL) / nullif(sum(employed) FILTER (salary IS NOT NULL), 0) AS salary,
           sum(in_province) FILTER (in_province IS NOT NULL) / nullif(sum(employed) FILTER (in_province IS NOT NULL), 0) AS in_province
    FROM o GROUP BY GROUPING SETS ((grad_year), (grad_year, level), (grad_year, city_code), (grad_year, level, category_code))
)
SELECT g.grad_year, g.dim, g.code, coalesce(g.level, '') AS level,
       CASE g.dim WHEN 'category' THEN g.category_name ELSE coalesce(r.name, g.code) END AS name,
       g.graduates, g.placement, g.further_study, g.match_rate, g.salary, g.in_province
FROM g LEFT JOIN regions r ON r.region_code = g.code AND g.dim IN ('city', 'province')
ORDER BY g.grad_year DESC, CASE g.dim WHEN 'province' THEN 0 WHEN 'level' THEN 1 WHEN 'category' THEN 2 ELSE 3 END,
         CASE g.level WHEN 'secondary' THEN 1 WHEN 'higher' THEN 2 WHEN 'bachelor' THEN 3 ELSE 0 END,
         g.graduates DESC, g.code
