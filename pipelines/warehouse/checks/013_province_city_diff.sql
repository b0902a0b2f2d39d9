-- province_city_diff (a warning): a province's own employment row differs
-- from the sum of its cities' by more than 0.5 %.
WITH m AS (
    SELECT _row, TRY_CAST(year AS BIGINT) AS year, region_code, industry_code, {{num "employment"}} AS e
    FROM {{rel "industry_map"}}
),
p AS (SELECT m.* FROM m JOIN {{rel "regions"}} r USING (region_code) WHERE r.level = 'province'),
c AS (
    SELECT r.parent_code, m.year, m.industry_code, sum(m.e) AS e
    FROM m JOIN {{rel "regions"}} r USING (region_code)
    WHERE r.level = 'city' GROUP BY ALL
)
SELECT p._row, p.year, p.industry_code, p.e, c.e
FROM p JOIN c ON c.parent_code = p.region_code AND c.year = p.year AND c.industry_code = p.industry_code
WHERE abs(p.e - c.e) > 0.005 * greatest(p.e, c.e)
