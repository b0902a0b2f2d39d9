-- Read a UTF-8 CSV file (.File) as text into the raw table .Raw, strictly:
-- a file DuckDB refuses is read again by the Go reader, which locates the
-- problem.
CREATE OR REPLACE TABLE {{.Raw}} AS SELECT * FROM read_csv({{str .File}},
    header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
    strict_mode = true, null_padding = false, auto_detect = true, normalize_names = false)
