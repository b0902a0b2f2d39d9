-- The program–industry crosswalk with each program's level, name and
-- duration, and the industry's section.
SELECT pi.program_code, p.name AS program_name, p.level, CAST(p.duration_years AS BIGINT) AS duration,
       pi.industry_code, CASE WHEN i.parent_code IS NULL OR i.parent_code = '' THEN i.industry_code ELSE i.parent_code END AS section,
       CAST(pi.weight AS DOUBLE) AS weight
FROM program_industry pi
JOIN programs p USING (program_code)
JOIN industries i USING (industry_code)
ORDER BY pi.program_code, pi.industry_code
