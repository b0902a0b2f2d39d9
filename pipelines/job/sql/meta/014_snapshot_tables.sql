-- The tables of schema snap (one per contract table).
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'snap' ORDER BY table_name
