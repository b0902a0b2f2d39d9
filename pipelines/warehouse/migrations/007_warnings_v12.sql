-- The warning list's v1.2 columns that a run computes (DATA_CONTRACT.md
-- "Outputs"): the labour market a row is judged in (city, province or
-- flows), the probability that this market is over-supplied, and the
-- latest year's intake at the row's scope. NULL where the run has none.
-- region_name, school_name and periods_flagged are read at export time
-- (pipelines/export/sql), from the run's snapshot and the earlier runs.
ALTER TABLE results.warnings ADD COLUMN market VARCHAR;
ALTER TABLE results.warnings ADD COLUMN probability_oversupplied DOUBLE;
ALTER TABLE results.warnings ADD COLUMN current_intake DOUBLE;
