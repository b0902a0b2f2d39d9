-- The id of the snapshot an ingest is about to load.
SELECT coalesce(max(snapshot_id), 0) + 1 FROM meta.snapshots
