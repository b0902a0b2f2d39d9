-- Mark period $1's successful runs pruned: the ledger keeps every run.
UPDATE meta.runs SET status = 'pruned' WHERE period = $1 AND status = 'succeeded'
