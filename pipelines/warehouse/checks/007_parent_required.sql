-- parent_required: a city or county without a parent.
SELECT _row, level FROM {{rel "regions"}} WHERE level IN ('city', 'county') AND parent_code IS NULL
