//go:build duckdb_arrow

package warehouse

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vocmap/vocmap/datasets"
)

// FuzzQuoteIdent checks that a quoted identifier and a quoted string name
// exactly themselves in DuckDB, whatever the text (NUL aside).
func FuzzQuoteIdent(f *testing.F) {
	w, err := Open(context.Background(), ":memory:", Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer w.Close()
	for _, s := range []string{"region_code", `a"b`, "a'b", "年份", `"; DROP TABLE x; --`, " ", "a\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) || s == "" {
			t.Skip()
		}
		var name, val string
		rows, err := w.DB.Query("SELECT " + QuoteString(s) + " AS " + QuoteIdent(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		name = cols[0]
		rows.Next()
		rows.Scan(&val)
		if name != s || val != s {
			t.Fatalf("%q came back as column %q, value %q", s, name, val)
		}
	})
}

func TestMigrationsOnce(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/w.duckdb"
	for i := 0; i < 2; i++ {
		w, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, _ := w.SchemaVersion(ctx)
		ms, _ := Migrations()
		if v != len(ms) {
			t.Errorf("open %d: schema version %d, want %d", i, v, len(ms))
		}
		w.Close()
	}
}

// TestWarehouseMatchesContract checks that every contract column has a
// column in the warehouse's snapshot tables and in the contract views.
func TestWarehouseMatchesContract(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, schema := range []string{"snap", "main"} {
		_, rows, err := w.Query(ctx, `SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = ?`, schema)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, r := range rows {
			have[r[0].(string)] = true
		}
		for _, tb := range datasets.Contract {
			for _, c := range tb.Columns {
				if !have[tb.Name+"."+c.Name] {
					t.Errorf("%s.%s.%s is missing", schema, tb.Name, c.Name)
				}
			}
		}
	}
}
