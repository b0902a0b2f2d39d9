//go:build duckdb_arrow

package warehouse

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestReadCopies(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(ctx, file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.ExecContext(ctx, "CREATE TABLE t AS SELECT 1 AS x"); err != nil {
		t.Fatal(err)
	}
	// Without the folder, nothing is copied.
	if p, err := PublishReadCopy(ctx, w); err != nil || p != "" {
		t.Fatalf("PublishReadCopy without a folder = %q, %v", p, err)
	}
	w.Close()
	first, err := EnsureReadCopies(ctx, file, Options{})
	if err != nil || first == "" {
		t.Fatalf("EnsureReadCopies = %q, %v", first, err)
	}
	if cur, _ := CurrentReadCopy(file); cur != first {
		t.Fatalf("current %q, want %q", cur, first)
	}
	// A reader holds the copy open while the writer goes on.
	r, err := Open(ctx, first, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err = Open(ctx, file, Options{})
	if err != nil {
		t.Fatalf("the writer could not open while a server reads the copy: %v", err)
	}
	var names []string
	for i := 2; i <= 4; i++ {
		if _, err := w.DB.ExecContext(ctx, "INSERT INTO t VALUES (?)", i); err != nil {
			t.Fatal(err)
		}
		p, err := PublishReadCopy(ctx, w)
		if err != nil || p == "" {
			t.Fatalf("publish %d: %q %v", i, p, err)
		}
		names = append(names, p)
	}
	w.Close()
	cur, _ := CurrentReadCopy(file)
	if cur != names[2] {
		t.Fatalf("current %q, want the newest %q", cur, names[2])
	}
	c, err := Open(ctx, cur, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n int
	if err := c.DB.QueryRowContext(ctx, "SELECT sum(x) FROM t").Scan(&n); err != nil || n != 1+2+3+4 {
		t.Fatalf("the newest copy sums to %d (%v), want 10", n, err)
	}
	// The old copy still reads (its descriptor keeps it) and says 1.
	if err := r.DB.QueryRowContext(ctx, "SELECT sum(x) FROM t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("the first copy sums to %d (%v), want 1", n, err)
	}
	entries, _ := os.ReadDir(ReadCopyDir(file))
	if len(entries) != 3 { // current, the newest, the one before
		var got []string
		for _, e := range entries {
			got = append(got, e.Name())
		}
		t.Fatalf("read folder holds %v, want current and two copies", got)
	}
	if _, err := os.Stat(names[1]); err != nil {
		t.Fatalf("the previous copy is gone: %v", err)
	}
}
