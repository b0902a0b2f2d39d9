-- The ledger, newest first (vocmap runs list).
SELECT run_id, period, scenario, status, snapshot_id, preset,
       strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
       round(epoch(finished_at) - epoch(started_at), 1) AS seconds, version, coalesce(error, '') AS error
FROM meta.runs
ORDER BY started_at DESC, run_id DESC
