-- The fast path's reader of a UTF-8 CSV file (.File) with the contract's
-- types (.Columns: "'name': 'DOUBLE'" or VARCHAR for each of the file's
-- columns): a relation, not a statement. Strict: DuckDB refusing the
-- file sends the load to the slow path.
read_csv({{str .File}}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    strict_mode = true, null_padding = false, columns = { {{- .Columns -}} })
