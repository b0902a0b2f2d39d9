-- The latest successful run of the period before $1 in the same scenario
-- ($2), for the year-on-year comparison.
SELECT run_id, period FROM meta.runs
WHERE status = 'succeeded' AND scenario = $2 AND period < $1
ORDER BY period DESC, finished_at DESC, run_id DESC LIMIT 1
