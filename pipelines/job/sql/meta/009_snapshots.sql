-- The input snapshots with their files, rows and the periods whose
-- successful runs used them, newest first (vocmap snapshots list).
SELECT s.snapshot_id, strftime(s.created_at, '%Y-%m-%d %H:%M:%S') AS created_at, s.source,
       s.contract_version, s.is_current,
       (SELECT count(*) FROM meta.snapshot_files f WHERE f.snapshot_id = s.snapshot_id) AS files,
       (SELECT coalesce(sum(rows), 0) FROM meta.snapshot_files f WHERE f.snapshot_id = s.snapshot_id) AS rows,
       (SELECT coalesce(string_agg(DISTINCT period, ',' ORDER BY period), '') FROM meta.runs r
         WHERE r.snapshot_id = s.snapshot_id AND r.status = 'succeeded') AS periods
FROM meta.snapshots s
ORDER BY s.snapshot_id DESC
