-- Drop the temporary view of a contract table (.Table: 026).
DROP VIEW IF EXISTS temp.main.{{ident .Table}}
