-- province_count: regions has no province row.
SELECT 0, count(*) FILTER (WHERE level = 'province') AS n FROM {{rel "regions"}} HAVING n = 0
