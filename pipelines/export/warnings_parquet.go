package export

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// writeWarningsParquet writes rows as Parquet through DuckDB's writer (no
// Parquet code of ours): the rows go to a temporary JSON file, which
// DuckDB reads with the contract's columns typed — VARCHAR text, DOUBLE
// numbers and BIGINT periods_flagged, NULL for NaN — and copies to a temporary Parquet file that
// WriteAtomicPath renames to path when complete.
func writeWarningsParquet(path string, rows []Warning) error {
	return WriteAtomicPath(path, func(tmp string) error {
		js := filepath.Join(filepath.Dir(tmp), "rows.json")
		f, err := os.OpenFile(js, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		if err := encodeWarnings(f, WarningJSON, rows); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		conn, err := duckdb.NewConnector("", nil)
		if err != nil {
			return err
		}
		db := sql.OpenDB(conn)
		defer db.Close()
		cols := WarningColumns()
		types := make([]string, len(cols))
		sel := make([]string, len(cols))
		for i, c := range cols {
			t := "VARCHAR"
			switch c {
			case "supply_demand_ratio", "placement_rate", "score", "current_intake", "probability_oversupplied":
				t = "DOUBLE"
			case "periods_flagged":
				t = "BIGINT"
			}
			types[i] = fmt.Sprintf("%s: '%s'", quoteString(c), t)
			sel[i] = fmt.Sprintf(`CAST(%s AS %s) AS %s`, quoteIdent(c), t, quoteIdent(c))
		}
		src := fmt.Sprintf("read_json(%s, format = 'array', columns = {%s})", quoteString(js), strings.Join(types, ", "))
		if len(rows) == 0 { // read_json cannot read an empty array's columns: write the schema alone
			src = "(SELECT " + strings.Join(nullCols(cols), ", ") + " LIMIT 0)"
		}
		q := fmt.Sprintf("COPY (SELECT %s FROM %s) TO %s (FORMAT parquet)", strings.Join(sel, ", "), src, quoteString(tmp))
		_, err = db.ExecContext(context.Background(), q)
		return err
	})
}

func nullCols(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = "NULL AS " + quoteIdent(c)
	}
	return out
}

// quoteString and quoteIdent quote the fixed column names and the
// temporary paths this file writes into SQL.
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
func quoteIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
