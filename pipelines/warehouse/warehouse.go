//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrLocked reports a warehouse file that another process holds open for
// writing.
var ErrLocked = errors.New("warehouse: locked by another process")

// ErrNoWarehouse reports a read-only open of a file that does not exist.
var ErrNoWarehouse = errors.New("warehouse: no warehouse at this path")

// CorruptError reports a warehouse file that DuckDB cannot read: truncated
// (a copy cut short, a full disk), garbled (a checksum that does not
// match) or not a DuckDB file at all. Nothing in vocmap can repair it, and
// the snapshots are inside the same file: restore it from a backup.
type CorruptError struct {
	File   string
	Detail string // DuckDB's message
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("warehouse: %s is damaged (%s): restore it from a backup (docs/operations.md, Restore)", e.File, e.Detail)
}

// Options configures Open. The zero value opens read-write with a discard
// logger.
type Options struct {
	// ReadOnly opens the file read-only: several readers may share it,
	// and no migration runs.
	ReadOnly bool
	// Logger receives progress and warnings (default: discard).
	Logger *slog.Logger
	// Wait bounds how long Open waits while another process has the file
	// open (DuckDB allows one writing process); 0 fails at once.
	Wait time.Duration
	// OnWait is called once when Open starts waiting.
	OnWait func()
	// What says what a writer opens the warehouse for ("ingest", "run
	// 2025-12-r2"): the lock file shows it to a second writer.
	What string
}

// Warehouse is an open DuckDB warehouse.
type Warehouse struct {
	DB       *sql.DB
	Path     string
	readOnly bool
	log      *slog.Logger
	lock     *Lock
}

// Open opens (creating if needed, unless read-only) the warehouse at path
// and brings its schema up to date. path "" or ":memory:" opens an
// in-memory warehouse.
func Open(ctx context.Context, file string, opts Options) (*Warehouse, error) {
	var lock *Lock
	if !opts.ReadOnly && file != "" && file != ":memory:" {
		// A writer takes the writer lock first, without waiting: a second
		// writer is told at once who holds it.
		var err error
		if lock, err = AcquireLock(file, opts.What); err != nil {
			return nil, err
		}
	}
	deadline := time.Now().Add(opts.Wait)
	waited := false
	for {
		w, err := open(ctx, file, opts)
		if err == nil {
			w.lock = lock
			return w, nil
		}
		if !errors.Is(err, ErrLocked) || time.Now().After(deadline) {
			lock.Release()
			return nil, err
		}
		if !waited && opts.OnWait != nil {
			opts.OnWait()
		}
		waited = true
		select {
		case <-ctx.Done():
			lock.Release()
			return nil, ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func open(ctx context.Context, file string, opts Options) (*Warehouse, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dsn := file
	if file == ":memory:" {
		dsn = ""
	}
	if opts.ReadOnly && dsn != "" {
		dsn += "?access_mode=read_only"
	}
	conn, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, classifyOpen(file, err)
	}
	db := sql.OpenDB(conn)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, classifyOpen(file, err)
	}
	w := &Warehouse{DB: db, Path: file, readOnly: opts.ReadOnly, log: log}
	if !opts.ReadOnly {
		if err := w.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return w, nil
}

// Close closes the warehouse and gives up the writer lock.
func (w *Warehouse) Close() error {
	err := w.DB.Close()
	w.lock.Release()
	return err
}

// NoteLock updates what the lock file says the holder is doing.
func (w *Warehouse) NoteLock(what string) { w.lock.Note(what) }

// classifyOpen tells the reasons DuckDB cannot open a file apart. They
// all come as a *duckdb.Error of type IO: a missing file is told by the
// file system, and a lock held by another process from damage by DuckDB's
// message, read only on an IO error (a query's error that quotes such a
// text is not mistaken for one).
func classifyOpen(file string, err error) error {
	var de *duckdb.Error
	if !errors.As(err, &de) || de.Type != duckdb.ErrorTypeIO {
		return fmt.Errorf("warehouse: open %s: %w", file, err)
	}
	msg := de.Msg
	if _, serr := os.Stat(file); file != "" && file != ":memory:" && errors.Is(serr, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNoWarehouse, file)
	}
	switch {
	case strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock"):
		return fmt.Errorf("%w: %s: %v", ErrLocked, file, err)
	case strings.Contains(msg, "Could not read enough bytes"), strings.Contains(msg, "Corrupt database file"),
		strings.Contains(msg, "not a valid DuckDB database file"), strings.Contains(msg, "does not match stored checksum"):
		return &CorruptError{File: file, Detail: strings.TrimPrefix(msg, "IO Error: ")}
	}
	return fmt.Errorf("warehouse: open %s: %w", file, err)
}

// Migration is one schema migration file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in version order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		base := e.Name()
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("warehouse: migration %s: name must be NNN_name.sql", base)
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", base))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("warehouse: migration %03d_%s: versions must run 1, 2, 3, ... without gaps", m.Version, m.Name)
		}
	}
	return out, nil
}

// SchemaVersion returns the highest applied migration (0 for a new file).
func (w *Warehouse) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := w.DB.QueryRowContext(ctx, `SELECT max(version) FROM meta_migrations`).Scan(&v)
	if err != nil {
		return 0, nil
	}
	return int(v.Int64), nil
}

func (w *Warehouse) migrate(ctx context.Context) error {
	ms, err := Migrations()
	if err != nil {
		return err
	}
	if _, err := w.DB.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS meta_migrations (
		version BIGINT PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("warehouse: migrations table: %w", err)
	}
	cur, err := w.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if cur > len(ms) {
		return fmt.Errorf("warehouse: %s has schema version %d, newer than this vocmap (%d): upgrade vocmap", w.Path, cur, len(ms))
	}
	for _, m := range ms[cur:] {
		if err := w.apply(ctx, m); err != nil {
			return err
		}
		w.log.Debug("migration applied", "version", m.Version, "name", m.Name)
	}
	return nil
}

func (w *Warehouse) apply(ctx context.Context, m Migration) error {
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, m.SQL); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return fmt.Errorf("warehouse: migration %03d_%s.sql: %w", m.Version, m.Name, err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO meta_migrations (version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}
