-- The industry map as the structure analysis reads it: employment and
-- value added by year, region (each city, and each province: its own rows
-- where the map has them, else the sum of its cities) and industry code
-- as the map gives it, with the code's section and sector (1, 2, 3).
WITH m AS (
    SELECT m.year, m.region_code, r.level, CASE r.level WHEN 'province' THEN r.region_code ELSE r.parent_code END AS province_code,
           m.industry_code, CASE WHEN coalesce(i.parent_code, '') = '' THEN i.industry_code ELSE i.parent_code END AS section,
           CAST(i.sector AS VARCHAR) AS sector, CAST(m.employment AS DOUBLE) AS employment, CAST(m.value_added AS DOUBLE) AS value_added
    FROM industry_map m JOIN industries i USING (industry_code) JOIN regions r USING (region_code)
    WHERE r.level IN ('province', 'city')
),
prov_rows AS (SELECT DISTINCT province_code, year FROM m WHERE level = 'province'),
prov_sum AS (
    SELECT m.year, m.province_code AS region_code, 'province' AS level, m.province_code, m.industry_code, m.section, m.sector,
           sum(m.employment) AS employment, sum(m.value_added) AS value_added
    FROM m WHERE m.level = 'city'
      AND NOT EXISTS (SELECT 1 FROM prov_rows p WHERE p.province_code = m.province_code AND p.year = m.year)
    GROUP BY ALL
)
SELECT CAST(year AS BIGINT) AS year, region_code, level, province_code, industry_code, section, sector, employment, value_added FROM m
UNION ALL
SELECT CAST(year AS BIGINT), region_code, level, province_code, industry_code, section, sector, employment, value_added FROM prov_sum
ORDER BY province_code, level DESC, region_code, year, industry_code
