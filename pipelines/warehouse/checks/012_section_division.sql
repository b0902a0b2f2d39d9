-- section_division: a region's year holds both a section and one of its
-- divisions.
SELECT d._row, d.year, d.region_code, s.industry_code, d.industry_code
FROM {{rel "industry_map"}} d JOIN {{rel "industry_map"}} s
  ON s.year = d.year AND s.region_code = d.region_code AND s.industry_code = left(d.industry_code, 1)
WHERE length(d.industry_code) = 3
