-- school_scope: an override of a province or city row names a school.
SELECT _row FROM {{rel "overrides"}} WHERE scope <> 'school' AND school_code IS NOT NULL
