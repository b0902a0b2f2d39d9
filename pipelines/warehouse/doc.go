// Package warehouse is vocmap's DuckDB warehouse: it opens the database
// file, applies the versioned migrations in migrations/ (NNN_name.sql, in
// order, each once), and loads datasets into it as snapshots.
//
// A dataset folder is staged table by table into temporary tables (UTF-8
// CSV and Parquet through DuckDB's own readers; GB18030 CSV and XLSX
// through the Go readers of package datasets, handed over as Arrow record
// batches with RegisterView), every rule of the data contract is checked
// with SQL over the staged rows, and only a dataset without errors is
// written, in one transaction, as the new current snapshot. The contract's
// tables are views over the current snapshot, under the contract's names.
//
// The Arrow interface of duckdb-go needs the build tag duckdb_arrow; the
// Makefile sets it.
package warehouse
