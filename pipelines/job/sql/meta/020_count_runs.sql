-- How many runs period $1's scenario $2 has had (the next run's number).
SELECT count(*) FROM meta.runs WHERE period = $1 AND scenario = $2
