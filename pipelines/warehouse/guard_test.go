//go:build duckdb_arrow

package warehouse

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// guardWarehouse writes a small warehouse file (the migrations and one
// table with a row) into a new folder and returns its path.
func guardWarehouse(t testing.TB) string {
	t.Helper()
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE main.t (a INTEGER, b VARCHAR)", "INSERT INTO main.t VALUES (1, 'x'), (2, 'y')", "CHECKPOINT"} {
		if _, err := w.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return file
}

// folderState is every file of dir with the SHA-256 of its bytes.
func folderState(t testing.TB, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, e.Name()+" "+sha(b))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return string(s[:])
}

// guardedQuery opens file read-only, runs q through ReadOnlyQuery and
// closes the warehouse again.
func guardedQuery(t testing.TB, file, q string) ([][]any, error) {
	t.Helper()
	ctx := context.Background()
	w, err := Open(ctx, file, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, rows, err := w.ReadOnlyQuery(ctx, strings.ReplaceAll(q, "{W}", file))
	return rows, err
}

// attacks are statements that write, reach outside the warehouse or
// change the connection; each must be refused and leave the folder's
// bytes as they were. The first is the one that destroyed a warehouse
// before the guard: COPY TO the database's own file is allowed even with
// external access off. {W} stands for the warehouse file's path.
var attacks = []string{
	"COPY (SELECT 1) TO '{W}' (USE_TMP_FILE false)",
	"COPY (SELECT 1) TO '{W}.wal' (USE_TMP_FILE false)",
	"COPY (SELECT 1) TO '{W}.wal.recovery'",
	"COPY (SELECT 1) TO '{W}.wal.checkpoint'",
	"COPY t TO '/tmp/vocmap-guard-test.csv'",
	"SELECT 1; COPY (SELECT 1) TO '{W}' (USE_TMP_FILE false)",
	"COPY (SELECT 1) TO '{W}' (USE_TMP_FILE false); SELECT 1",
	"SELECT 1; SELECT 2",
	"ATTACH 'other.duckdb' AS o",
	"ATTACH ':memory:' AS m; CREATE TABLE m.x (a INT)",
	"DETACH w",
	"INSTALL httpfs",
	"LOAD httpfs",
	"SET enable_external_access = true",
	"RESET enable_external_access",
	"PRAGMA enable_profiling",
	"EXPORT DATABASE '/tmp/vocmap-guard-export'",
	"IMPORT DATABASE '/tmp/vocmap-guard-export'",
	"CREATE TABLE x (a INT)",
	"CREATE TEMP TABLE x AS SELECT 1",
	"INSERT INTO t VALUES (3, 'z')",
	"UPDATE t SET a = 0",
	"DELETE FROM t",
	"DROP TABLE t",
	"ALTER TABLE t ADD COLUMN c INT",
	"CHECKPOINT",
	"FORCE CHECKPOINT",
	"VACUUM",
	"CALL checkpoint()",
	"BEGIN TRANSACTION",
	"USE memory",
	"EXPLAIN ANALYZE SELECT 1",
	"SELECT * FROM query('COPY (SELECT 1) TO ''{W}''')",
	"SELECT * FROM read_csv('/etc/passwd')",
	"SELECT * FROM read_text('/etc/hostname')",
	"",
	" ; ",
	"SELEC 1",
}

func TestReadOnlyQueryRefusesWrites(t *testing.T) {
	file := guardWarehouse(t)
	dir := filepath.Dir(file)
	before := folderState(t, dir)
	for _, q := range attacks {
		rows, err := guardedQuery(t, file, q)
		if err == nil {
			t.Errorf("%q ran (%d rows), want it refused", q, len(rows))
		}
		if after := folderState(t, dir); after != before {
			t.Fatalf("%q changed the warehouse folder", q)
		}
	}
	if _, err := os.Stat("/tmp/vocmap-guard-test.csv"); err == nil {
		t.Error("COPY TO wrote /tmp/vocmap-guard-test.csv")
	}
	// The statement kinds are refused by the guard itself, not by a later
	// DuckDB error: the reason says which rule.
	for q, reason := range map[string]string{
		"COPY (SELECT 1) TO '{W}' (USE_TMP_FILE false)": "not_select",
		"ATTACH 'other.duckdb' AS o":                    "not_select",
		"SET enable_external_access = true":             "not_select",
		"INSTALL httpfs":                                "not_select",
		"EXPORT DATABASE '/tmp/vocmap-guard-export'":    "not_select",
		"PRAGMA enable_profiling":                       "not_select",
		"SELECT 1; SELECT 2":                            "multiple",
		"COPY (SELECT 1) TO 'x.csv'; SELECT 1":          "not_select",
		"":                                              "empty",
		"SELEC 1":                                       "parse",
	} {
		_, err := guardedQuery(t, file, q)
		var re *RefusedError
		if !errors.As(err, &re) || re.Reason != reason {
			t.Errorf("%q: error %v, want a RefusedError %q", q, err, reason)
		}
	}
}

func TestReadOnlyQueryRunsQueries(t *testing.T) {
	file := guardWarehouse(t)
	dir := filepath.Dir(file)
	before := folderState(t, dir)
	for q, want := range map[string]int{
		"SELECT a, b FROM t ORDER BY a":                    2,
		"select 1;":                                        1,
		"-- a comment\nSELECT 1; -- trailing":              1,
		"WITH x AS (SELECT a FROM t) SELECT sum(a) FROM x": 1,
		"FROM t":                      2,
		"VALUES (1), (2), (3)":        3,
		"DESCRIBE t":                  2,
		"SHOW TABLES":                 -1,
		"SUMMARIZE t":                 2,
		"SELECT 1 UNION ALL SELECT 2": 2,
	} {
		rows, err := guardedQuery(t, file, q)
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		if want >= 0 && len(rows) != want {
			t.Errorf("%q: %d rows, want %d", q, len(rows), want)
		}
	}
	if after := folderState(t, dir); after != before {
		t.Fatal("a read-only query changed the warehouse folder")
	}
	// A read-write warehouse is never handed to the guard.
	w, err := Open(context.Background(), ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, _, err := w.ReadOnlyQuery(context.Background(), "SELECT 1"); err == nil {
		t.Error("ReadOnlyQuery ran on a read-write warehouse")
	}
}

// FuzzReadOnlyQuery: whatever the text, accepted or refused, the
// warehouse folder's bytes are unchanged afterwards.
func FuzzReadOnlyQuery(f *testing.F) {
	for _, q := range attacks {
		f.Add(q)
	}
	f.Add("SELECT a FROM t")
	f.Add("FROM t; FROM t")
	file := guardWarehouse(f)
	dir := filepath.Dir(file)
	before := folderState(f, dir)
	f.Fuzz(func(t *testing.T, q string) {
		guardedQuery(t, file, q)
		if after := folderState(t, dir); after != before {
			t.Fatalf("%q changed the warehouse folder", q)
		}
	})
}
