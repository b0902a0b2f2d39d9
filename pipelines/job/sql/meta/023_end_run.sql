-- Record how run $5 ended when it did not succeed: status, end, error and
-- its stages.
UPDATE meta.runs SET status = $1, finished_at = $2, error = $3, stages = $4 WHERE run_id = $5
