-- The snapshot the latest baseline run of a period before $1 read.
SELECT snapshot_id FROM meta.runs
WHERE scenario = '' AND period < $1 AND status IN ('succeeded', 'superseded', 'pruned') AND snapshot_id IS NOT NULL
ORDER BY period DESC, finished_at DESC
LIMIT 1
