-- parent_empty: the province names a parent.
SELECT _row FROM {{rel "regions"}} WHERE level = 'province' AND parent_code IS NOT NULL
