-- Read a Parquet file (.File) as it is into the raw table .Raw (a
-- relation name rawName made).
CREATE OR REPLACE TABLE {{.Raw}} AS SELECT * FROM read_parquet({{str .File}})
