-- The run ledger: every run, whatever became of it, is kept with its
-- status (running, succeeded, failed, interrupted, superseded), timings,
-- row counts, inputs, config and version. It replaces results.runs, whose
-- rows move in as succeeded runs.
CREATE TABLE meta.runs (
    run_id      VARCHAR PRIMARY KEY,
    period      VARCHAR NOT NULL,
    scenario    VARCHAR NOT NULL,   -- '' for the baseline
    snapshot_id BIGINT,             -- NULL until the run knows its inputs
    status      VARCHAR NOT NULL,
    preset      VARCHAR,
    base_year   BIGINT,
    horizon     BIGINT,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    stages      VARCHAR,            -- JSON: [{"name":..., "seconds":...}]
    row_counts  VARCHAR,            -- JSON: {"results.programs": n, ...}
    input_files VARCHAR,            -- JSON: [{"table":..., "file":..., "sha256":...}]
    config_hash VARCHAR,            -- SHA-256 of the run's options
    version     VARCHAR,            -- vocmap's version
    options     VARCHAR,            -- JSON
    error       VARCHAR,
    pid         BIGINT,
    host        VARCHAR
);

INSERT INTO meta.runs (run_id, period, scenario, snapshot_id, status, preset, base_year, horizon, started_at, finished_at, options)
SELECT run_id, period, '', snapshot_id, 'succeeded', preset, base_year, horizon, started_at, finished_at, options
FROM results.runs;

DROP TABLE results.runs;
