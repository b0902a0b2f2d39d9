-- The snapshot period $1's latest successful baseline run read.
SELECT snapshot_id FROM meta.runs
WHERE period = $1 AND scenario = '' AND status = 'succeeded'
ORDER BY finished_at DESC
LIMIT 1
