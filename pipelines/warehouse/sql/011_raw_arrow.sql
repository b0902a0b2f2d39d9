-- Copy the Arrow view .View (a Go reader's record batches) into the raw
-- table .Raw.
CREATE OR REPLACE TABLE {{.Raw}} AS SELECT * FROM {{ident .View}}
