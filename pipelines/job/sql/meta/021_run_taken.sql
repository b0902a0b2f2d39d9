-- Whether run id $1 is taken (1) or free (0).
SELECT count(*) FROM meta.runs WHERE run_id = $1
