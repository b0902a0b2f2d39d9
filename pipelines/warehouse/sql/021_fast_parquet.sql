-- The fast path's reader of a Parquet file (.File): .Select casts each
-- mapped column to DOUBLE or VARCHAR. A relation, not a statement.
(SELECT {{.Select}} FROM read_parquet({{str .File}}))
