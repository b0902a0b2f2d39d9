-- no_crosswalk (a warning): a program with no row in the crosswalk.
SELECT p._row, p.program_code
FROM {{rel "programs"}} p
WHERE NOT EXISTS (SELECT 1 FROM {{rel "program_industry"}} x WHERE x.program_code = p.program_code)
