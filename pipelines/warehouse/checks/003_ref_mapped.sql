-- ref, for a program code that program_code_map may carry to the 2021
-- catalogue: the value is in neither programs nor the map's old codes.
-- .Cond: the value is not in the referenced table and has its column's
-- form (a malformed value is reported once, by its form).
SELECT _row, s.{{ident .Column}}, 'programs / program_code_map'
FROM {{rel .Table}} s
WHERE s.{{ident .Column}} IS NOT NULL AND {{.Cond}}
  AND NOT EXISTS (SELECT 1 FROM {{rel "program_code_map"}} m WHERE m.old_code = s.{{ident .Column}})
