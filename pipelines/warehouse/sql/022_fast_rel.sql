-- The rows of one file as the fast path loads them, a relation: .Base
-- maps the file's columns onto the contract's, .Clean cleans each (as the
-- slow path does), .Check raises an error on a row that breaks a cell
-- rule or refers to a value missing from a table loaded before. .Reader
-- is 020 or 021.
(SELECT {{.Check}} FROM (SELECT {{.Clean}} FROM (SELECT {{.Base}} FROM {{.Reader}})))
