-- Record snapshot $1 as the current one: created at $2 from source $3
-- under contract version $4.
INSERT INTO meta.snapshots (snapshot_id, created_at, source, contract_version, is_current)
VALUES ($1, $2, $3, $4, true)
