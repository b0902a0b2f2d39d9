-- The periods with a successful run, latest first (vocmap runs prune).
SELECT DISTINCT period FROM meta.runs WHERE status = 'succeeded' ORDER BY period DESC
