-- The columns of table $2 of the staging database $1, in order.
SELECT column_name FROM duckdb_columns() WHERE database_name = $1 AND table_name = $2 ORDER BY column_index
