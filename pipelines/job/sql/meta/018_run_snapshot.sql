-- Record the snapshot ($1) run $2 reads.
UPDATE meta.runs SET snapshot_id = $1 WHERE run_id = $2
