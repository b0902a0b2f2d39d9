-- Delete the results of period $1's runs from one results table (.Table:
-- a name from the job's list of result tables, quoted by qname).
DELETE FROM {{qname .Table}} WHERE run_id IN (SELECT run_id FROM meta.runs WHERE period = $1)
