-- Every field the ledger keeps of run $1 (vocmap runs show).
SELECT run_id, period, scenario, status, snapshot_id, preset, base_year, horizon,
       CAST(started_at AS VARCHAR) AS started_at, CAST(finished_at AS VARCHAR) AS finished_at, pid, host, version,
       config_hash, stages, row_counts, input_files, options, error
FROM meta.runs
WHERE run_id = $1
