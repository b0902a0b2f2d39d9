-- Insert the rows of relation .Source (alias e) into snap.<.Table> as
-- snapshot $1: .Columns are the contract's columns, .Values each cast to
-- the table's type.
INSERT INTO snap.{{ident .Table}} (snapshot_id, {{.Columns}})
SELECT $1, {{.Values}} FROM {{.Source}} e
