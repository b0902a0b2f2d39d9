-- Forecast sector shares of employment of a region ($1 run, $2 region).
SELECT year, sector, share FROM results.sector_share_forecast WHERE run_id = $1 AND region_code = $2 AND measure = 'employment'
ORDER BY year, sector
