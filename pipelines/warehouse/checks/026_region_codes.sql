-- The region codes of the staged regions (regionHints: did a short code
-- mean one of these?).
SELECT DISTINCT region_code FROM {{rel "regions"}} WHERE region_code IS NOT NULL
