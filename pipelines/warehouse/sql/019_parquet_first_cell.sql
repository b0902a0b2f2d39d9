-- The first cell of column .Column of a Parquet file (.File): a template's
-- example row sends the load to the slow path.
SELECT CAST({{ident .Column}} AS VARCHAR) FROM read_parquet({{str .File}}) LIMIT 1
