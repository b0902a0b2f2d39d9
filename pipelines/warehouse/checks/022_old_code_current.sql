-- old_code_current (a warning): an old code that is also a current
-- program code.
SELECT m._row, m.old_code
FROM {{rel "program_code_map"}} m
WHERE EXISTS (SELECT 1 FROM {{rel "programs"}} p WHERE p.program_code = m.old_code)
