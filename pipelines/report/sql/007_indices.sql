-- Concentration and structural change of a region by year ($1 run, $2 region).
SELECT year, measure, value FROM results.structure_index WHERE run_id = $1 AND region_code = $2 ORDER BY year, measure
