// Package demo runs vocmap end to end on the embedded Shanxi dataset: it
// writes the dataset's CSVs into the demo folder, builds a fresh warehouse
// from them and runs every stage that exists for the demo period, writing
// the outputs under out/PERIOD/.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

//go:embed summary.sql
var summarySQL string

// Options configures Run.
type Options struct {
	// Out is the demo folder (created).
	Out string
	// Period is the demo period, YYYY-MM.
	Period string
	// Progress is called after each table is loaded (optional).
	Progress func(table string, rows int64)
	// Logger receives debug messages (default: discard).
	Logger *slog.Logger
}

// Stage is one timed step of the demo.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Summary is what the demo built, for the closing message.
type Summary struct {
	Warehouse string
	DataDir   string
	OutDir    string
	Snapshot  int64
	Files     []warehouse.TableFile
	Warnings  int
	Outputs   []string
	Stages    []Stage
	Facts     Facts
}

// Facts are a few figures of the demo dataset.
type Facts struct {
	Cities, Schools, Programs     int64
	LastYear                      int64
	IntakeSecondary, IntakeHigher float64
	IntakeBachelor                float64
	MapFirstYear, MapLastYear     int64
}

// Run builds the demo from scratch; running it again replaces the previous
// demo warehouse and outputs.
func Run(ctx context.Context, opts Options) (*Summary, error) {
	if opts.Out == "" || opts.Period == "" {
		return nil, errors.New("demo: Out and Period are required")
	}
	s := &Summary{
		Warehouse: filepath.Join(opts.Out, "vocmap.duckdb"),
		DataDir:   filepath.Join(opts.Out, "data"),
		OutDir:    filepath.Join(opts.Out, "out", opts.Period),
	}
	stage := func(name string, f func() error) error {
		start := time.Now()
		err := f()
		s.Stages = append(s.Stages, Stage{Name: name, Duration: time.Since(start)})
		return err
	}
	if err := stage("prepare", func() error {
		if _, err := shanxi.WriteTo(s.DataDir); err != nil {
			return fmt.Errorf("demo: write dataset: %w", err)
		}
		for _, p := range []string{s.Warehouse, s.Warehouse + ".wal"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("demo: remove the previous warehouse: %w", err)
			}
		}
		return os.MkdirAll(s.OutDir, 0o755)
	}); err != nil {
		return nil, err
	}
	w, err := warehouse.Open(ctx, s.Warehouse, warehouse.Options{Logger: opts.Logger})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	if err := stage("ingest", func() error {
		res, err := w.Ingest(ctx, s.DataDir, warehouse.LoadOptions{Source: "embedded:shanxi", Progress: opts.Progress, Logger: opts.Logger})
		if err != nil {
			return err
		}
		s.Snapshot, s.Files, s.Warnings = res.SnapshotID, res.Files, len(res.Warnings)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := stage("summary", func() error {
		f := &s.Facts
		if err := w.DB.QueryRowContext(ctx, summarySQL).Scan(&f.Cities, &f.Schools, &f.Programs, &f.LastYear,
			&f.IntakeSecondary, &f.IntakeHigher, &f.IntakeBachelor, &f.MapFirstYear, &f.MapLastYear); err != nil {
			return fmt.Errorf("demo: summary.sql: %w", err)
		}
		p := filepath.Join(s.OutDir, "dataset_summary.csv")
		if err := writeFiles(p, s.Files); err != nil {
			return err
		}
		s.Outputs = append(s.Outputs, p)
		return nil
	}); err != nil {
		return nil, err
	}
	return s, nil
}

// writeFiles writes the snapshot's files as a CSV for Excel.
func writeFiles(path string, files []warehouse.TableFile) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	f.WriteString("\uFEFF")
	r := export.Result{Columns: []string{"table", "file", "format", "encoding", "rows", "bytes", "sha256"}}
	for _, tf := range files {
		r.Rows = append(r.Rows, []any{tf.Table, datasets.SafeText(filepath.Base(tf.File)), tf.Format, tf.Encoding, tf.Rows, tf.Bytes, tf.SHA256})
	}
	if err := export.WriteResult(f, r, export.FormatCSV); err != nil {
		return err
	}
	return f.Close()
}
