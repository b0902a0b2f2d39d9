// Package demo runs vocmap end to end on the embedded Shanxi dataset: it
// writes the dataset's CSVs into the demo folder, builds a fresh warehouse
// from them and runs every stage that exists for the demo period, writing
// the outputs under out/PERIOD/: the snapshot's files, the province's
// employment by industry forecast to 2035, and the monthly run's warning
// list and data-quality list.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/report"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

//go:embed summary.sql
var summarySQL string

// forecastsSQL counts the industries of the province whose employment the
// run forecast ($1 the run; employment_forecast.csv holds them, with the
// cities').
//
//go:embed forecasts.sql
var forecastsSQL string

// Horizon is the last year the demo forecasts employment to (the policy's
// 2035 horizon).
const Horizon = 2035

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
	// Run holds the monthly run's options (from config); the demo sets
	// its period and output folder.
	Run job.Options
	// Scenario holds the options of the example scenario the demo runs
	// after the baseline (Scenario.Scenario names it; empty: none).
	Scenario job.Options
	// Plan configures the enrollment plan the demo proposes.
	Plan job.PlanOptions
}

// ScenarioSummary says what the demo's scenario changed.
type ScenarioSummary struct {
	Name, RunID         string
	Rows, SignalChanges int
	Examples            []string // "program region: before -> after" of rows whose signal changed
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
	// Forecasts counts the employment series forecast to Horizon.
	Forecasts int
	// Run is the monthly run's result.
	Run   *job.Result
	Facts Facts
	// Scenario and Plan are the example scenario's and the plan's results.
	Scenario *ScenarioSummary
	Plan     *job.PlanResult
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
		if err := writeDataset(s.DataDir); err != nil {
			return fmt.Errorf("demo: write dataset: %w", err)
		}
		for _, p := range []string{s.Warehouse, s.Warehouse + ".wal"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("demo: remove the previous warehouse: %w", err)
			}
		}
		return export.MkdirAll(s.OutDir)
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
	// The files the demo adds to the run's folder are written here first:
	// the run publishes its folder whole (job.Staging), with these in it.
	extras, err := os.MkdirTemp(opts.Out, ".demo-extras-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(extras)
	if err := stage("summary", func() error {
		f := &s.Facts
		if err := w.DB.QueryRowContext(ctx, summarySQL).Scan(&f.Cities, &f.Schools, &f.Programs, &f.LastYear,
			&f.IntakeSecondary, &f.IntakeHigher, &f.IntakeBachelor, &f.MapFirstYear, &f.MapLastYear); err != nil {
			return fmt.Errorf("demo: summary.sql: %w", err)
		}
		if err := writeFiles(filepath.Join(extras, "dataset_summary.csv"), s.Files); err != nil {
			return err
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := stage("run", func() error {
		ro := opts.Run
		ro.Period, ro.Out, ro.DataDir, ro.Logger = opts.Period, filepath.Join(opts.Out, "out"), "", opts.Logger
		ro.AddOutputs = func(ctx context.Context, dir string) error {
			for _, name := range []string{"dataset_summary.csv"} {
				if err := os.Rename(filepath.Join(extras, name), filepath.Join(dir, name)); err != nil {
					return err
				}
			}
			for _, lang := range []string{"zh", "en"} {
				rd := filepath.Join(dir, "reports")
				if lang == "en" {
					rd = filepath.Join(rd, "en")
				}
				if _, err := report.Build(ctx, w, report.Options{Period: opts.Period, Lang: lang, Out: rd}); err != nil {
					return fmt.Errorf("demo: reports: %w", err)
				}
			}
			return nil
		}
		res, err := job.Run(ctx, w, ro)
		if err != nil {
			return fmt.Errorf("demo: monthly run: %w", err)
		}
		s.Run = res
		s.Outputs = append(s.Outputs, res.Outputs...)
		if err := w.DB.QueryRowContext(ctx, forecastsSQL, res.RunID).Scan(&s.Forecasts); err != nil {
			return fmt.Errorf("demo: forecasts.sql: %w", err)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var added []string // files for the run's folder, in extras
	if opts.Scenario.Scenario != "" {
		if err := stage("scenario", func() error {
			so := opts.Scenario
			so.Period, so.Out, so.DataDir, so.Logger = opts.Period, "", "", opts.Logger
			res, err := job.Run(ctx, w, so)
			if err != nil {
				return fmt.Errorf("demo: scenario %s: %w", so.Scenario, err)
			}
			diff, _, _, err := job.ScenarioDiff(ctx, w, opts.Period, so.Scenario)
			if err != nil {
				return err
			}
			sum := &ScenarioSummary{Name: so.Scenario, RunID: res.RunID, Rows: len(diff.Rows)}
			for _, row := range diff.Rows {
				if row[5] != row[6] {
					sum.SignalChanges++
					if len(sum.Examples) < 5 {
						sum.Examples = append(sum.Examples, fmt.Sprintf("%v %v %v %v: %v -> %v", row[0], row[1], row[3], row[4], blank(row[5]), blank(row[6])))
					}
				}
			}
			if sum.SignalChanges == 0 { // then show the largest moves of the ratio, at the province's scope
				// (a province-market program's city rows repeat the province's ratio)
				var rows [][]any
				for _, row := range diff.Rows {
					if row[0] == "province" {
						rows = append(rows, row)
					}
				}
				move := func(r []any) float64 {
					b, _ := r[9].(float64)
					a, _ := r[10].(float64)
					return math.Abs(a - b)
				}
				sort.SliceStable(rows, func(i, j int) bool { return move(rows[i]) > move(rows[j]) })
				for _, row := range rows[:min(3, len(rows))] {
					sum.Examples = append(sum.Examples, fmt.Sprintf("%v %v %v %v: ratio %.2f -> %.2f, signal %v",
						row[0], row[1], row[3], row[4], row[9], row[10], blank(row[6])))
				}
			}
			s.Scenario = sum
			name := "scenario_" + so.Scenario + ".csv"
			if err := export.WriteFile(filepath.Join(extras, name), diff, so.Scenario); err != nil {
				return err
			}
			added = append(added, name)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := stage("plan", func() error {
		po := opts.Plan
		po.Period = opts.Period
		res, err := job.Plan(ctx, w, po)
		if err != nil {
			return fmt.Errorf("demo: plan: %w", err)
		}
		s.Plan = res
		name := fmt.Sprintf("plan_%d.xlsx", res.Year)
		if err := export.WriteFile(filepath.Join(extras, name), res.Table, "plan"); err != nil {
			return err
		}
		added = append(added, name)
		return nil
	}); err != nil {
		return nil, err
	}
	// The scenario's comparison and the plan join the run's folder, which
	// is published again whole with a manifest that lists them.
	man, err := job.ReadManifest(s.OutDir)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := job.Publish(s.OutDir, *man, true, func(dir string) error {
		for _, name := range added {
			if err := os.Rename(filepath.Join(extras, name), filepath.Join(dir, name)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	for _, name := range added {
		s.Outputs = append(s.Outputs, filepath.Join(s.OutDir, name))
	}
	return s, nil
}

func blank(v any) string {
	if s, _ := v.(string); s != "" {
		return s
	}
	return "-"
}

// writeFiles writes the snapshot's files as a CSV for Excel
// (export.WriteFile).
func writeFiles(path string, files []warehouse.TableFile) error {
	r := export.Result{Columns: []string{"table", "file", "format", "encoding", "rows", "bytes", "sha256"}}
	for _, tf := range files {
		r.Rows = append(r.Rows, []any{tf.Table, filepath.Base(tf.File), tf.Format, tf.Encoding, tf.Rows, tf.Bytes, tf.SHA256})
	}
	return export.WriteFile(path, r, "")
}

// writeDataset copies the embedded Shanxi dataset's CSV files into dir,
// each with export.WriteAtomic (an existing symlink or pipe in the demo
// folder is refused, not followed).
func writeDataset(dir string) error {
	if err := export.MkdirAll(dir); err != nil {
		return err
	}
	names, err := fs.Glob(shanxi.FS(), "*.csv")
	if err != nil {
		return err
	}
	for _, n := range names {
		b, err := fs.ReadFile(shanxi.FS(), n)
		if err != nil {
			return err
		}
		if err := export.WriteAtomic(filepath.Join(dir, n), func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}
