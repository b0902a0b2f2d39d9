-- Record what a succeeded run could not do after its commit ($1) on run $2.
UPDATE meta.runs SET error = $1 WHERE run_id = $2
