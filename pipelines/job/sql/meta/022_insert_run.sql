-- Record a new run as running: id, period, scenario, preset, horizon,
-- start, config hash, version, options, pid and host.
INSERT INTO meta.runs (run_id, period, scenario, status, preset, horizon, started_at, config_hash, version, options, pid, host)
VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8, $9, $10, $11)
