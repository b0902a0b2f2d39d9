-- Monthly job postings by city and crosswalk industry (a section code
-- sums its divisions), with the city's province, in month order. The job
-- reads the 24 calendar months ending at the run's period and pools a
-- province's cities month by month over the cities that report both years
-- (analytics/demand.PoolPostings), so that a city missing a month is not
-- read as a fall of the province's postings.
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
SELECT parent_code AS province_code, region_code, code AS industry_code, month, sum(postings) AS postings
FROM x GROUP BY ALL
ORDER BY region_code, industry_code, month
