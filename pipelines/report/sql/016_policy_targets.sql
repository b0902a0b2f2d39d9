-- The policy's measurable targets by region and year: vocational share
-- of upper-secondary intake (职普比), average full-time enrollment of
-- secondary vocational schools, vocational-bachelor intake as a share of
-- higher-vocational intake. Regions: the province and its cities.
WITH s AS (
    SELECT s.school_code, s.type, CASE r.level WHEN 'city' THEN r.region_code ELSE r.parent_code END AS city_code
    FROM schools s JOIN regions r USING (region_code)
),
e AS (
    SELECT e.year, s.city_code, s.type, s.school_code, p.level, e.intake, e.enrolled_total
    FROM enrollments e JOIN s USING (school_code) JOIN programs p USING (program_code)
),
by_city AS (
    SELECT year, city_code AS region_code,
           sum(intake) FILTER (level = 'secondary') AS voc_secondary_intake,
           sum(enrolled_total) FILTER (type IN ('secondary', 'technician')) AS secondary_enrollment,
           count(DISTINCT school_code) FILTER (type IN ('secondary', 'technician') AND enrolled_total > 0) AS secondary_schools,
           sum(intake) FILTER (level = 'bachelor') AS bachelor_intake,
           sum(intake) FILTER (level = 'higher') AS higher_intake
    FROM e GROUP BY ALL
),
prov AS (
    SELECT b.year, c.parent_code AS region_code, sum(voc_secondary_intake) AS voc_secondary_intake,
           sum(secondary_enrollment) AS secondary_enrollment, sum(secondary_schools) AS secondary_schools,
           sum(bachelor_intake) AS bachelor_intake, sum(higher_intake) AS higher_intake
    FROM by_city b JOIN regions c ON c.region_code = b.region_code GROUP BY ALL
),
allr AS (SELECT * FROM by_city UNION ALL SELECT * FROM prov)
SELECT a.year, a.region_code, coalesce(r.name, a.region_code) AS region_name, r.level,
       CAST(a.voc_secondary_intake AS DOUBLE) AS voc_secondary_intake,
       CAST(g.general_upper_secondary_intake AS DOUBLE) AS general_intake,
       a.voc_secondary_intake / nullif(a.voc_secondary_intake + g.general_upper_secondary_intake, 0) AS vocational_share,
       a.secondary_enrollment / nullif(a.secondary_schools, 0) AS avg_secondary_enrollment,
       CAST(a.secondary_schools AS BIGINT) AS secondary_schools,
       a.bachelor_intake / nullif(a.higher_intake, 0) AS bachelor_share
FROM allr a JOIN regions r USING (region_code)
LEFT JOIN education_totals g ON g.region_code = a.region_code AND g.year = a.year
ORDER BY a.year, CASE r.level WHEN 'province' THEN 0 ELSE 1 END, a.region_code
