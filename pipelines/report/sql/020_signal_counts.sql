-- Entries of the warning list by signal ($1 run) and the openings over
-- the horizon in the province ($2).
SELECT (SELECT count(*) FROM results.warnings WHERE run_id = $1 AND signal = 'red') AS red,
       (SELECT count(*) FROM results.warnings WHERE run_id = $1 AND signal = 'yellow') AS yellow,
       (SELECT count(*) FROM results.warnings WHERE run_id = $1 AND signal = 'green') AS green,
       (SELECT sum(openings) FROM results.demand WHERE run_id = $1 AND region_code = $2) AS openings
