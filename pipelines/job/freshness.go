//go:build duckdb_arrow

package job

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vocmap/vocmap/datasets"
)

// NoNewDataError is returned with Options.RequireNewData when the run
// would read data that an earlier period has already used: no --data and
// a current snapshot that an earlier period's run read, or a --data
// folder that holds exactly the current snapshot's files (same names,
// same SHA-256). The scheduler exits 5 and tries again with the next drop.
type NoNewDataError struct {
	Snapshot int64
	// UsedBy is the earlier period that read the snapshot ("" when the
	// --data folder repeats the current snapshot's files).
	UsedBy string
	// DataDir is the --data folder that repeats the snapshot.
	DataDir string
}

func (e *NoNewDataError) Error() string {
	if e.DataDir != "" {
		return fmt.Sprintf("job: no new data: %s holds the same files as the current snapshot #%d", e.DataDir, e.Snapshot)
	}
	return fmt.Sprintf("job: no new data: the current snapshot #%d was already used by period %s", e.Snapshot, e.UsedBy)
}

// Freshness says what data a run read, for its manifest and reports.
type Freshness struct {
	// NewData is false when the run's snapshot holds the same files
	// (SHA-256) as the snapshot of the previous period's run.
	NewData bool
	// DataAsOf is the last year of the snapshot's data (the industry map,
	// enrollments and outcomes).
	DataAsOf int
	// LoadedAt is when the snapshot was ingested.
	LoadedAt time.Time
}

// checkNewData refuses a run on data an earlier period has used (see
// NoNewDataError). It runs before the run is recorded, so that a month
// without a drop leaves no trace but the exit code.
func checkNewData(ctx context.Context, conn *sql.Conn, o *Options) error {
	var cur sql.NullInt64
	if err := conn.QueryRowContext(ctx, metaSQL("001_current_snapshot.sql")).Scan(&cur); err != nil {
		return fmt.Errorf("job: current snapshot: %w", err)
	}
	if !cur.Valid {
		return nil // nothing loaded yet: whatever comes is new
	}
	if o.DataDir != "" {
		theirs, err := snapshotFiles(ctx, conn, cur.Int64)
		if err != nil {
			return err
		}
		ours, err := folderFiles(o.DataDir)
		if err != nil {
			return nil // the ingest says what is wrong with the folder
		}
		if maps.Equal(ours, theirs) {
			return &NoNewDataError{Snapshot: cur.Int64, DataDir: o.DataDir}
		}
		return nil
	}
	if o.Snapshot > 0 {
		return nil // a deliberate rerun on an older snapshot
	}
	var used sql.NullString
	err := conn.QueryRowContext(ctx, metaSQL("002_snapshot_used_by.sql"), cur.Int64, o.Period).Scan(&used)
	if err != nil {
		return fmt.Errorf("job: ledger: %w", err)
	}
	if used.Valid {
		return &NoNewDataError{Snapshot: cur.Int64, UsedBy: used.String}
	}
	return nil
}

// freshness describes the run's snapshot (its views are in place on conn).
func freshness(ctx context.Context, conn *sql.Conn, snap int64, period string) (Freshness, error) {
	var f Freshness
	var err error
	if f.DataAsOf, f.LoadedAt, err = DataAsOf(ctx, conn, snap); err != nil {
		return f, err
	}
	var prev sql.NullInt64
	err = conn.QueryRowContext(ctx, metaSQL("003_previous_snapshot.sql"), period).Scan(&prev)
	if err == sql.ErrNoRows || (err == nil && !prev.Valid) {
		f.NewData = true
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("job: ledger: %w", err)
	}
	ours, err := snapshotFiles(ctx, conn, snap)
	if err != nil {
		return f, err
	}
	theirs, err := snapshotFiles(ctx, conn, prev.Int64)
	if err != nil {
		return f, err
	}
	f.NewData = !maps.Equal(ours, theirs)
	return f, nil
}

// querier is what DataAsOf reads through: a connection or the database.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DataAsOf returns the last year of a snapshot's data (the industry map,
// enrollments and outcomes) and when the snapshot was ingested: what the
// run's manifest and summary and the reports call 数据截至.
func DataAsOf(ctx context.Context, db querier, snap int64) (int, time.Time, error) {
	var asOf sql.NullInt64
	var loaded time.Time
	err := db.QueryRowContext(ctx, metaSQL("004_data_as_of.sql"), snap).Scan(&asOf, &loaded)
	if err != nil {
		return 0, loaded, fmt.Errorf("job: snapshot #%d's last year: %w", snap, err)
	}
	return int(asOf.Int64), loaded, nil
}

// snapshotFiles maps a snapshot's file names (without their folder) to
// their SHA-256.
func snapshotFiles(ctx context.Context, conn *sql.Conn, snap int64) (map[string]string, error) {
	rows, err := conn.QueryContext(ctx, metaSQL("005_snapshot_files.sql"), snap)
	if err != nil {
		return nil, fmt.Errorf("job: snapshot #%d's files: %w", snap, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var file, sum string
		if err := rows.Scan(&file, &sum); err != nil {
			return nil, err
		}
		out[filepath.Base(file)] = sum
	}
	return out, rows.Err()
}

// folderFiles maps the table files of a data folder (a contract table's
// name with .csv, .xlsx or .parquet; the loader reads nothing else) to
// their SHA-256.
func folderFiles(dir string) (map[string]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range ents {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		switch ext {
		case ".csv", ".xlsx", ".parquet":
		default:
			continue
		}
		if !e.Type().IsRegular() || datasets.Lookup(strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))) == nil {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out[e.Name()] = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}
