-- The latest successful run of period $1's scenario $2 ('' for the
-- baseline).
SELECT run_id FROM meta.runs
WHERE period = $1 AND scenario = $2 AND status = 'succeeded'
ORDER BY finished_at DESC, run_id DESC
LIMIT 1
