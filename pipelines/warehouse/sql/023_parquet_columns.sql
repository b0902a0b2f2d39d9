-- The columns of a Parquet file (.File).
SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet({{str .File}}))
