-- industry_parent: a division's parent is not its section letter, or a
-- section has a parent.
SELECT _row, industry_code, CASE WHEN length(industry_code) = 3 THEN left(industry_code, 1) ELSE '""' END, coalesce(parent_code, '')
FROM {{rel "industries"}}
WHERE (length(industry_code) = 3 AND parent_code IS DISTINCT FROM left(industry_code, 1))
   OR (length(industry_code) = 1 AND parent_code IS NOT NULL)
