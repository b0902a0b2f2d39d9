-- Monthly job postings by city and crosswalk industry (a section code
-- sums its divisions), in month order; provinces sum their cities.
WITH codes AS (
    SELECT DISTINCT industry_code AS code FROM program_industry
),
j AS (
    SELECT j.month, j.region_code, r.level, r.parent_code, j.industry_code,
           coalesce(i.parent_code, '') AS section, CAST(j.postings AS DOUBLE) AS postings
    FROM job_postings j JOIN industries i USING (industry_code) JOIN regions r USING (region_code)
    WHERE r.level = 'city'
),
x AS (
    SELECT c.code, j.month, j.region_code, j.parent_code, j.postings FROM codes c JOIN j ON j.industry_code = c.code
    UNION ALL
    SELECT c.code, j.month, j.region_code, j.parent_code, j.postings FROM codes c JOIN j ON j.section = c.code
)
SELECT region_code, code AS industry_code, month, sum(postings) AS postings FROM x GROUP BY ALL
UNION ALL
SELECT parent_code, code, month, sum(postings) FROM x GROUP BY ALL
ORDER BY 1, 2, 3
