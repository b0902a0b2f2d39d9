-- The columns of table snap.$1 with their types.
SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'snap' AND table_name = $1
