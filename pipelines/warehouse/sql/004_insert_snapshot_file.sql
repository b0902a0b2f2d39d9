-- Record one file of snapshot $1: table, file, format, encoding, SHA-256,
-- bytes and rows loaded.
INSERT INTO meta.snapshot_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
