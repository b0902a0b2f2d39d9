-- Drop the raw table .Raw once it is staged (or refused).
DROP TABLE IF EXISTS {{.Raw}}
