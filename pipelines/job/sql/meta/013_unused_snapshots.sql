-- The snapshots that are not current and that no successful run uses.
SELECT snapshot_id FROM meta.snapshots
WHERE NOT is_current
  AND snapshot_id NOT IN (SELECT snapshot_id FROM meta.runs WHERE status = 'succeeded' AND snapshot_id IS NOT NULL)
ORDER BY snapshot_id
