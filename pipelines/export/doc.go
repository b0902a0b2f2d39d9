// Package export writes vocmap's results for people and scripts: query
// results as an aligned table, CSV or JSON (WriteResult), and the warning
// list of the data contract in CSV, XLSX, Parquet and JSON (WriteWarnings). Numbers are written in
// full round-trip precision with a '.' decimal point; CSV meant for Excel
// starts with a UTF-8 byte-order mark; a text cell that a spreadsheet
// would run as a formula is neutralised.
package export
