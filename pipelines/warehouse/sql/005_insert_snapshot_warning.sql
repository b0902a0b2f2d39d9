-- Record one warning of snapshot $1: file, row, column, rule and the
-- message in Chinese and English.
INSERT INTO meta.snapshot_warnings VALUES ($1, $2, $3, $4, $5, $6, $7)
