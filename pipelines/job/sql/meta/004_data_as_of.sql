-- Snapshot $1's last year of data (the industry map, enrollments and
-- outcomes) and when it was ingested.
SELECT greatest(
           (SELECT max(year) FROM snap.industry_map WHERE snapshot_id = $1),
           (SELECT max(year) FROM snap.enrollments WHERE snapshot_id = $1),
           (SELECT max(grad_year) FROM snap.outcomes WHERE snapshot_id = $1)) AS as_of,
       (SELECT created_at FROM meta.snapshots WHERE snapshot_id = $1) AS loaded_at
