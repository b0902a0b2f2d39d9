-- Observed destinations of graduates (graduate_destinations, optional):
-- the employed of each school and program over the latest three years of
-- the table, by destination city of the school's province (a county
-- counts in its city; the province's own code, "in the province, city
-- not known", is dest_city ''), with the school's and its city's intake
-- of the program in the latest year of enrollments (the school's share
-- of the city's graduates). Destinations in another province are left
-- out: the stay-in-province rate counts them.
WITH reg AS (
    SELECT r.region_code,
           CASE r.level WHEN 'city' THEN r.region_code WHEN 'county' THEN r.parent_code ELSE '' END AS city_code,
           CASE r.level WHEN 'province' THEN r.region_code WHEN 'city' THEN r.parent_code ELSE p.parent_code END AS province_code
    FROM regions r LEFT JOIN regions p ON p.region_code = r.parent_code
),
sch AS (
    SELECT s.school_code, h.city_code, h.province_code FROM schools s JOIN reg h ON h.region_code = s.region_code
),
latest AS (
    SELECT max(year) AS y FROM graduate_destinations
),
dest AS (
    SELECT h.province_code, h.city_code AS home_city, d.school_code, d.program_code, dr.city_code AS dest_city,
           CAST(sum(d.employed) AS DOUBLE) AS employed
    FROM graduate_destinations d
    JOIN sch h ON h.school_code = d.school_code
    JOIN reg dr ON dr.region_code = d.region_code
    CROSS JOIN latest
    WHERE d.year > latest.y - 3 AND dr.province_code = h.province_code AND h.city_code <> ''
    GROUP BY ALL
),
intake AS (
    SELECT e.school_code, e.program_code, CAST(sum(e.intake) AS DOUBLE) AS intake
    FROM enrollments e WHERE e.year = (SELECT max(year) FROM enrollments)
    GROUP BY ALL
),
city_intake AS (
    SELECT h.city_code, i.program_code, sum(i.intake) AS intake
    FROM intake i JOIN sch h ON h.school_code = i.school_code
    GROUP BY ALL
)
SELECT d.province_code, d.home_city, d.school_code, d.program_code, d.dest_city, d.employed,
       i.intake AS school_intake, c.intake AS city_intake
FROM dest d
LEFT JOIN intake i ON i.school_code = d.school_code AND i.program_code = d.program_code
LEFT JOIN city_intake c ON c.city_code = d.home_city AND c.program_code = d.program_code
ORDER BY 1, 2, 3, 4, 5
