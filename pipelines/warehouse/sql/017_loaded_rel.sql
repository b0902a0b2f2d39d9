-- The rows of table .Table loaded as snapshot .Snapshot (a number),
-- shaped like a staged table (a dummy _row), so that the cross checks run
-- on them: a relation, not a statement (the fast path's rel).
(SELECT 0 AS _row, * EXCLUDE (snapshot_id) FROM snap.{{ident .Table}} WHERE snapshot_id = {{.Snapshot}})
