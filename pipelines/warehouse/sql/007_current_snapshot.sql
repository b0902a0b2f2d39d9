-- The current snapshot's id (0 when nothing has been ingested).
SELECT coalesce(max(snapshot_id), 0) FROM meta.snapshots WHERE is_current
