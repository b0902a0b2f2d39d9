WITH last AS (SELECT max(year) AS y FROM enrollments),
     intake AS (
        SELECT p.level, sum(e.intake) AS n
        FROM enrollments e JOIN programs p USING (program_code), last
        WHERE e.year = last.y GROUP BY p.level)
SELECT
    (SELECT count(*) FROM regions WHERE level = 'city') AS cities,
    (SELECT count(*) FROM schools) AS schools,
    (SELECT count(*) FROM programs) AS programs,
    (SELECT y FROM last) AS last_year,
    coalesce((SELECT n FROM intake WHERE level = 'secondary'), 0) AS intake_secondary,
    coalesce((SELECT n FROM intake WHERE level = 'higher'), 0) AS intake_higher,
    coalesce((SELECT n FROM intake WHERE level = 'bachelor'), 0) AS intake_bachelor,
    (SELECT min(year) FROM industry_map) AS map_first_year,
    (SELECT max(year) FROM industry_map) AS map_last_year
