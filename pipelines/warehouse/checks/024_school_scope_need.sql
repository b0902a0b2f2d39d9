-- school_scope_need: an override of a school row names no school.
SELECT _row FROM {{rel "overrides"}} WHERE scope = 'school' AND school_code IS NULL
