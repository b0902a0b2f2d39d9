-- The current snapshot's id (NULL when nothing has been ingested).
SELECT max(snapshot_id) AS snapshot_id FROM meta.snapshots WHERE is_current
