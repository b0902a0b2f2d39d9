-- ref: a value that the referenced table (.Ref) does not hold (.Cond, as
-- in 003).
SELECT _row, s.{{ident .Column}}, {{str .Ref}} FROM {{rel .Table}} s WHERE s.{{ident .Column}} IS NOT NULL AND {{.Cond}}
