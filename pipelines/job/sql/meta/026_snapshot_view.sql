-- A temporary view under a contract table's name (.Table) over one
-- snapshot's rows (.Snapshot, a number), its columns (.Columns: the
-- contract's, quoted) in the contract's order: it shadows main.<table>
-- on the run's connection, so that the marts and the view school_regions
-- read the run's snapshot whatever snapshot is current. A view's body
-- cannot take a bound parameter: the snapshot id is an int64 Go formats.
CREATE OR REPLACE TEMP VIEW {{ident .Table}} AS
SELECT {{.Columns}} FROM snap.{{ident .Table}} WHERE snapshot_id = {{.Snapshot}}
