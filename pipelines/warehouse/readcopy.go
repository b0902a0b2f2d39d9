//go:build duckdb_arrow

package warehouse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Read copies let `vocmap serve` read while the monthly job writes.
// DuckDB allows one read-write process or many read-only ones on a file,
// never both; so a writer, after its work is committed and while it still
// holds the file, checkpoints and copies the file into W.read/, then
// points W.read/current at the copy (a rename: a reader sees the old
// pointer or the new one, never half). The server opens the copy named
// by current read-only and reopens when current changes. Nobody writes a
// copy once it is named, so readers never wait for the job and the job
// never waits for readers.
//
// Copies are made only when W.read/ exists: `vocmap serve` creates it on
// its first start, so a province that never runs the workbench pays no
// disk for copies. The newest two copies are kept (a server that has
// just read the pointer may still be opening the previous one); older
// ones are removed (a server with one open keeps reading it: Linux
// removes a file when its last descriptor closes).

// ReadCopyDir is the folder of read copies of the warehouse file.
func ReadCopyDir(file string) string { return file + ".read" }

const currentName = "current"

// CurrentReadCopy returns the path of the newest read copy, or "" when
// none has been published.
func CurrentReadCopy(file string) (string, error) {
	dir := ReadCopyDir(file)
	b, err := os.ReadFile(filepath.Join(dir, currentName))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) || !strings.HasSuffix(name, ".duckdb") {
		return "", fmt.Errorf("warehouse: %s names no copy (%q)", filepath.Join(dir, currentName), name)
	}
	return filepath.Join(dir, name), nil
}

// PublishReadCopy checkpoints the warehouse and publishes a read copy of
// it when its read-copy folder exists (else it does nothing and returns
// ""). The caller must be the writer, with its work committed.
func PublishReadCopy(ctx context.Context, w *Warehouse) (string, error) {
	if w.readOnly || w.Path == "" || w.Path == ":memory:" {
		return "", errors.New("warehouse: only the writer of a warehouse file publishes read copies")
	}
	dir := ReadCopyDir(w.Path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", nil
	}
	if _, err := w.DB.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return "", fmt.Errorf("warehouse: checkpoint before the read copy: %w", err)
	}
	name := strconv.FormatInt(time.Now().UnixNano(), 10) + ".duckdb"
	if err := copyFile(w.Path, filepath.Join(dir, name)); err != nil {
		return "", err
	}
	prev, _ := os.ReadFile(filepath.Join(dir, currentName))
	if err := writeFileAtomic(filepath.Join(dir, currentName), []byte(name+"\n")); err != nil {
		os.Remove(filepath.Join(dir, name)) //nolint:errcheck // not named, not read
		return "", err
	}
	keep := map[string]bool{name: true, strings.TrimSpace(string(prev)): true, currentName: true}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if !keep[e.Name()] {
				os.Remove(filepath.Join(dir, e.Name())) //nolint:errcheck // an old copy: best effort
			}
		}
	}
	return filepath.Join(dir, name), nil
}

// EnsureReadCopies creates the read-copy folder of a warehouse file and,
// when it has no copy yet, opens the warehouse as its writer (waiting as
// opts says while another process holds it) to publish the first one.
func EnsureReadCopies(ctx context.Context, file string, opts Options) (string, error) {
	if err := os.MkdirAll(ReadCopyDir(file), 0o755); err != nil {
		return "", err
	}
	if cur, err := CurrentReadCopy(file); err != nil || cur != "" {
		return cur, err
	}
	if _, err := os.Stat(file); err != nil {
		return "", err
	}
	opts.ReadOnly = false
	w, err := Open(ctx, file, opts)
	if err != nil {
		return "", err
	}
	defer w.Close()
	return PublishReadCopy(ctx, w)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := to + ".tmp"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp) //nolint:errcheck // a half copy
		return fmt.Errorf("warehouse: read copy: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp) //nolint:errcheck // a half copy
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, to)
}

func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err == nil {
		f.Sync() //nolint:errcheck // best effort before the rename
		f.Close()
	}
	return os.Rename(tmp, path)
}
