-- Delete snapshot $1's rows from one table: a snap.* table or one of
-- meta's snapshot tables (.Schema and .Table, each quoted by ident).
DELETE FROM {{ident .Schema}}.{{ident .Table}} WHERE snapshot_id = $1
