-- The schools' intake of each program in each city in year $1 (the latest
-- enrollment year): the plan shares a city cell's proposal among them by
-- it. A school in a county counts in its city (school_regions, migration
-- 008).
SELECT m.city_code, e.program_code, e.school_code, CAST(sum(e.intake) AS DOUBLE) AS intake
FROM enrollments e
JOIN school_regions m USING (school_code)
WHERE e.year = $1 AND e.intake > 0
GROUP BY ALL
ORDER BY m.city_code, e.program_code, e.school_code
