-- Job postings of the latest 12 months against the 12 before, by industry, province-wide.
WITH j AS (SELECT month, industry_code, sum(postings) AS postings, sum(job_seekers) AS seekers FROM job_postings GROUP BY ALL),
last AS (SELECT max(month) AS m FROM j),
k AS (SELECT j.*, datediff('month', strptime(j.month || '-01', '%Y-%m-%d'), strptime(last.m || '-01', '%Y-%m-%d')) AS back FROM j, last)
SELECT k.industry_code, coalesce(i.name, k.industry_code) AS industry_name,
       sum(postings) FILTER (back < 12) AS postings_12m, sum(postings) FILTER (back >= 12 AND back < 24) AS postings_prev_12m,
       sum(seekers) FILTER (back < 12) / nullif(sum(postings) FILTER (back < 12), 0) AS seekers_per_posting
FROM k LEFT JOIN industries i USING (industry_code)
GROUP BY ALL ORDER BY postings_12m DESC NULLS LAST, k.industry_code
