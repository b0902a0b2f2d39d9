-- Employment history of a region's industries ($1 run, $2 region), for backtests and charts.
SELECT industry_code, year, employment FROM results.industry_structure WHERE run_id = $1 AND region_code = $2 ORDER BY industry_code, year
