-- Employment by year of every region (city or province) and every
-- industry the crosswalk uses: a section code sums its divisions (or is
-- the section's own row); a province takes its own row where the map has
-- one and the sum of its cities otherwise (DATA_CONTRACT.md).
WITH codes AS (
    SELECT DISTINCT pi.industry_code AS code, i.parent_code AS section_of
    FROM program_industry pi JOIN industries i USING (industry_code)
),
m AS (
    SELECT m.year, m.region_code, r.level, r.parent_code AS province_code,
           m.industry_code, coalesce(i.parent_code, '') AS section, CAST(m.employment AS DOUBLE) AS employment
    FROM industry_map m
    JOIN industries i USING (industry_code)
    JOIN regions r USING (region_code)
),
x AS (
    SELECT c.code, m.year, m.region_code, m.level, m.province_code, m.employment
    FROM codes c JOIN m ON m.industry_code = c.code
    UNION ALL
    SELECT c.code, m.year, m.region_code, m.level, m.province_code, m.employment
    FROM codes c JOIN m ON m.section = c.code
),
city AS (
    SELECT province_code, region_code, code, year, sum(employment) AS employment
    FROM x WHERE level = 'city'
    GROUP BY ALL
),
prov_row AS (
    SELECT region_code, code, year, sum(employment) AS employment
    FROM x WHERE level = 'province'
    GROUP BY ALL
),
prov_sum AS (
    SELECT province_code AS region_code, code, year, sum(employment) AS employment
    FROM city GROUP BY ALL
),
prov AS (
    SELECT coalesce(r.region_code, s.region_code) AS region_code,
           coalesce(r.code, s.code) AS code,
           coalesce(r.year, s.year) AS year,
           coalesce(r.employment, s.employment) AS employment
    FROM prov_row r FULL JOIN prov_sum s USING (region_code, code, year)
)
SELECT 'province' AS level, region_code AS province_code, region_code, code AS industry_code, CAST(year AS BIGINT) AS year, employment FROM prov
UNION ALL
SELECT 'city', province_code, region_code, code, CAST(year AS BIGINT), employment FROM city
ORDER BY level DESC, province_code, region_code, industry_code, year
