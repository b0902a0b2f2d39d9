//go:build duckdb_arrow

package warehouse

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
)

// TestOpenDamaged opens files DuckDB cannot read: each is a *CorruptError
// (found by errors.As on duckdb's IO error), a missing file opened
// read-only is ErrNoWarehouse (found by the file system).
func TestOpenDamaged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "w.duckdb")
	w, err := Open(ctx, good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flipped := append([]byte(nil), b...)
	for i := 4096 + 8; i < 4096+4000 && i < len(flipped); i++ { // inside the first block, after its checksum
		flipped[i] ^= 0x5a
	}
	for _, c := range []struct{ name, file, detail string }{
		{"not duckdb", write("text.duckdb", []byte("region_code,name\n140100,太原\n")), "not a valid DuckDB database file"},
		{"truncated", write("cut.duckdb", b[:len(b)/3]), "Could not read enough bytes"},
		{"garbled", write("flip.duckdb", flipped), "checksum"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(ctx, c.file, Options{ReadOnly: true})
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *CorruptError", err)
			}
			if ce.File != c.file || !strings.Contains(ce.Detail, c.detail) || strings.Contains(ce.Detail, "IO Error") {
				t.Errorf("CorruptError %+v: want file %s and DuckDB's detail (%q) without its prefix", ce, c.file, c.detail)
			}
		})
	}
	if _, err := Open(ctx, filepath.Join(dir, "none.duckdb"), Options{ReadOnly: true}); !errors.Is(err, ErrNoWarehouse) {
		t.Errorf("missing file read-only: err = %v, want ErrNoWarehouse", err)
	}
}

// TestClassifyOpenByType: only DuckDB's IO errors are read for damage or
// a lock; the same words in an error of another type (a catalog error
// quoting them) or in a plain error are an ordinary failure to open.
func TestClassifyOpenByType(t *testing.T) {
	file := filepath.Join(t.TempDir(), "w.duckdb")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		err     error
		corrupt bool
		locked  bool
	}{
		{&duckdb.Error{Type: duckdb.ErrorTypeIO, Msg: "IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2"}, true, false},
		{&duckdb.Error{Type: duckdb.ErrorTypeIO, Msg: `IO Error: Could not set lock on file "w.duckdb": Conflicting lock is held in vocmap (PID 7)`}, false, true},
		{&duckdb.Error{Type: duckdb.ErrorTypeCatalog, Msg: "Catalog Error: Table with name Corrupt database file does not exist!"}, false, false},
		{&duckdb.Error{Type: duckdb.ErrorTypeBinder, Msg: "Binder Error: Could not set lock"}, false, false},
		{errors.New("IO Error: Corrupt database file"), false, false},
		{&duckdb.Error{Type: duckdb.ErrorTypeIO, Msg: "IO Error: Permission denied"}, false, false},
	} {
		got := classifyOpen(file, c.err)
		var ce *CorruptError
		if errors.As(got, &ce) != c.corrupt || errors.Is(got, ErrLocked) != c.locked {
			t.Errorf("classifyOpen(%v) = %v: want corrupt %v, locked %v", c.err, got, c.corrupt, c.locked)
		}
		if !c.corrupt && !c.locked && !errors.Is(got, c.err) {
			t.Errorf("classifyOpen(%v) = %v: does not wrap the cause", c.err, got)
		}
	}
}
