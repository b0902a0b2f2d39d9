-- Whether snapshot $1 exists (1) or not (0).
SELECT count(*) FROM meta.snapshots WHERE snapshot_id = $1
