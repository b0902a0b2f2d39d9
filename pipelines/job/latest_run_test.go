//go:build duckdb_arrow

package job

import (
	"database/sql"
	"errors"
	"path/filepath"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// TestLatestRunWithoutLedger: a DuckDB file vocmap never migrated, opened
// read-only, has no meta.runs: that is "no run" (NoRunError, found by
// errors.As on DuckDB's catalog error), not a failure. A file whose
// meta.runs lacks a column the query reads is a binder error, which is
// returned as it is, though its message names the ledger.
func TestLatestRunWithoutLedger(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	bare := func(name string, stmts ...string) string {
		file := filepath.Join(dir, name)
		c, err := duckdb.NewConnector(file, nil)
		if err != nil {
			t.Fatal(err)
		}
		db := sql.OpenDB(c)
		defer db.Close()
		for _, q := range stmts {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		return file
	}
	open := func(file string) *warehouse.Warehouse {
		w, err := warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { w.Close() })
		return w
	}
	w := open(bare("other.duckdb", "CREATE TABLE x (a INTEGER)"))
	_, err := LatestRun(ctx, w, "2025-12")
	var nr *NoRunError
	if !errors.As(err, &nr) || !errors.Is(err, ErrNoRun) || nr.Period != "2025-12" {
		t.Errorf("no ledger: err = %v, want a NoRunError for 2025-12", err)
	}
	w = open(bare("old.duckdb", "CREATE SCHEMA meta", "CREATE TABLE meta.runs (run_id VARCHAR, period VARCHAR)"))
	_, err = LatestRunOf(ctx, w, "2025-12", "s")
	var de *duckdb.Error
	if errors.Is(err, ErrNoRun) || !errors.As(err, &de) || de.Type != duckdb.ErrorTypeBinder {
		t.Errorf("a ledger without its columns: err = %v, want DuckDB's binder error as it is", err)
	}
}
