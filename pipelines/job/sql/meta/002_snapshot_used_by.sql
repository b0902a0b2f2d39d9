-- The latest period before $2 whose baseline run read snapshot $1 (NULL
-- when none did): a run on data an earlier period has already used.
SELECT max(period) AS period FROM meta.runs
WHERE snapshot_id = $1 AND scenario = '' AND status IN ('succeeded', 'superseded', 'pruned') AND period < $2
