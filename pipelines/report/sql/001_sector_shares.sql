-- Three-sector employment and value-added shares of a region by year ($1 run, $2 region).
SELECT year, sector, employment, value_added, employment_share, value_added_share
FROM results.sector_shares WHERE run_id = $1 AND region_code = $2 ORDER BY year, sector
