-- Mark the runs a dead process left running as interrupted (the caller
-- holds the writer lock, so no other run is alive).
UPDATE meta.runs SET status = 'interrupted', error = coalesce(error, 'the process ended before the run finished')
WHERE status = 'running'
