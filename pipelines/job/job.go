//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// mart returns the embedded SQL file sql/name.
func mart(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name)
	if err != nil {
		panic(err) // the files are embedded: a missing one is a build error
	}
	return string(b)
}

// Options configures Run. Zero values take the documented defaults of
// config/defaults.yaml only where noted; cmd fills the rest from config.
type Options struct {
	// Period is the run's period, YYYY-MM (required).
	Period string
	// DataDir, when set, is ingested first (all or nothing) and becomes
	// the snapshot the run reads.
	DataDir string
	// Out is the folder of outputs: the period's files go to Out/Period.
	// Empty writes no files (results stay in the warehouse).
	Out string
	// Horizon is the last year forecast.
	Horizon int
	// DemandMethod forecasts employment; IntakeMethod future intake.
	DemandMethod, IntakeMethod forecast.Method
	// Draws is the number of Monte Carlo draws (default 200).
	Draws int
	// Seed seeds every simulation.
	Seed uint64
	// Workers forecasting goroutines (0: all cores).
	Workers int
	// ReplacementRate by section letter (upper case) and "default".
	ReplacementRate map[string]float64
	// VocationalShare by section letter and "default", then level.
	VocationalShare map[string]map[string]float64
	// PostingsWeight and PostingsCap shape the job-postings factor.
	PostingsWeight, PostingsCap float64
	// Defaults of the supply model where the data say nothing.
	DefaultCompletion, DefaultFurtherStudy, DefaultStay float64
	// Thresholds are the supply–demand bands.
	Thresholds match.Thresholds
	// MinWeight is the crosswalk weight from which a program feeds an
	// industry for the shortage rule.
	MinWeight float64
	// Weights of the indicators by name (Indicators); nil or all zero:
	// entropy weights.
	Weights map[string]float64
	// Preset is the published rule set; Presets are all the sets
	// evaluated for `vocmap rules compare` (Preset among them).
	Preset  rules.Preset
	Presets []rules.Preset
	// Lang is the language of the output files ("zh" or "en").
	Lang string
	// Progress is told the name of each stage as it starts.
	Progress func(stage string)
	// Logger receives debug messages (default: discard).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Stage is one timed step of a run.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result is what a run did.
type Result struct {
	RunID    string
	Period   string
	Snapshot int64
	BaseYear int
	Horizon  int
	Stages   []Stage
	Outputs  []string
	// Signals counts the published rows by signal.
	Signals map[string]int
	// DataQuality counts the data-quality findings.
	DataQuality int
	// Ingested is set when the run loaded DataDir first.
	Ingested *warehouse.LoadResult
	// Notes say what the run could not do for lack of optional data.
	Notes []string
	// UnmatchedOverrides lists the planners' overrides that match no
	// row of the run (wrong scope, region, school or program code), as
	// "scope=… region_code=… school_code=… program_code=…".
	UnmatchedOverrides []string
}

// ErrNoData is returned when the warehouse has no snapshot to run on.
var ErrNoData = errors.New("job: the warehouse has no data: ingest a dataset first (vocmap ingest DIR, or vocmap run --data DIR)")

var rePeriod = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

func (o *Options) check() error {
	if !rePeriod.MatchString(o.Period) {
		return fmt.Errorf("job: period %q: must be YYYY-MM", o.Period)
	}
	if o.Horizon < 2000 || o.Horizon > 2100 {
		return fmt.Errorf("job: horizon %d: must be a year between 2000 and 2100", o.Horizon)
	}
	for _, m := range []forecast.Method{o.DemandMethod, o.IntakeMethod} {
		if _, err := forecast.ParseMethod(string(m)); err != nil {
			return fmt.Errorf("job: %w", err)
		}
	}
	if o.Draws == 0 {
		o.Draws = 200
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Lang == "" {
		o.Lang = "zh"
	}
	if o.Preset.Name == "" {
		p, err := rules.Lookup("ministry")
		if err != nil {
			return err
		}
		o.Preset = p
	}
	if err := o.Preset.Validate(); err != nil {
		return err
	}
	found := false
	for _, p := range o.Presets {
		if err := p.Validate(); err != nil {
			return err
		}
		found = found || p.Name == o.Preset.Name
	}
	if !found {
		o.Presets = append([]rules.Preset{o.Preset}, o.Presets...)
	}
	return nil
}

// Run runs the monthly job: optional ingest, then demand, supply,
// matching, scoring and rules on the current snapshot; it stores every
// result in the warehouse in one transaction tagged with a new run id and
// the period, and writes the period's warning list (CSV and XLSX) and
// data-quality list under Out/Period.
func Run(ctx context.Context, w *warehouse.Warehouse, opts Options) (*Result, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	res := &Result{Period: opts.Period, Signals: map[string]int{}}
	stage := func(name string, f func() error) error {
		if opts.Progress != nil {
			opts.Progress(name)
		}
		start := time.Now()
		err := f()
		res.Stages = append(res.Stages, Stage{Name: name, Duration: time.Since(start)})
		opts.Logger.Debug("stage done", "stage", name, "seconds", time.Since(start).Seconds())
		return err
	}
	if opts.DataDir != "" {
		if err := stage("ingest", func() error {
			r, err := w.Ingest(ctx, opts.DataDir, warehouse.LoadOptions{Source: opts.DataDir, Logger: opts.Logger})
			res.Ingested = r
			return err
		}); err != nil {
			return res, err
		}
	}
	started := opts.Now()
	snap, err := w.CurrentSnapshot(ctx)
	if err != nil || snap == 0 {
		return res, ErrNoData
	}
	res.Snapshot = snap
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()

	var in *inputs
	if err := stage("read", func() error {
		in, err = readInputs(ctx, conn)
		return err
	}); err != nil {
		return res, err
	}
	m := &model{opts: &opts, in: in}
	if err := stage("demand", func() error { return m.demand(ctx) }); err != nil {
		return res, err
	}
	if err := stage("supply", func() error { return m.supply(ctx) }); err != nil {
		return res, err
	}
	if err := stage("match", func() error { return m.match(ctx) }); err != nil {
		return res, err
	}
	if err := stage("score", func() error { return m.score() }); err != nil {
		return res, err
	}
	if err := stage("rules", func() error { return m.rules() }); err != nil {
		return res, err
	}
	res.BaseYear, res.Horizon, res.Notes, res.UnmatchedOverrides = m.baseYear(), opts.Horizon, m.notes, m.unmatched
	for _, r := range m.published {
		res.Signals[r.Signal]++
	}
	var dq *warehouse.Frame
	if err := stage("store", func() error {
		id, err := newRunID(ctx, conn, opts.Period)
		if err != nil {
			return err
		}
		res.RunID = id
		m.runID = id
		dq, err = m.store(ctx, conn, snap, started)
		return err
	}); err != nil {
		return res, err
	}
	res.DataQuality = dq.Len()
	if opts.Out != "" {
		if err := stage("export", func() error {
			dir := filepath.Join(opts.Out, opts.Period)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			rows := m.warningRows(opts.Lang)
			for _, f := range []string{export.WarningCSV, export.WarningXLSX} {
				p := filepath.Join(dir, "warnings."+f)
				if err := export.WriteWarnings(p, f, opts.Lang, rows); err != nil {
					return fmt.Errorf("job: write %s: %w", p, err)
				}
				res.Outputs = append(res.Outputs, p)
			}
			p := filepath.Join(dir, "data_quality.csv")
			if err := writeDataQuality(p, dq, opts.Lang); err != nil {
				return err
			}
			res.Outputs = append(res.Outputs, p)
			return nil
		}); err != nil {
			return res, err
		}
	}
	return res, nil
}

// newRunID numbers the period's runs: 2025-12-r1, 2025-12-r2, ...
func newRunID(ctx context.Context, conn *sql.Conn, period string) (string, error) {
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM results.runs WHERE period = ?`, period).Scan(&n); err != nil {
		return "", fmt.Errorf("job: run id: %w", err)
	}
	for {
		n++
		id := fmt.Sprintf("%s-r%d", period, n)
		var taken int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM results.runs WHERE run_id = ?`, id).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			return id, nil
		}
	}
}

// optionsJSON records the options that shape the results.
func optionsJSON(o *Options) string {
	b, _ := json.Marshal(map[string]any{
		"horizon": o.Horizon, "demand_method": o.DemandMethod, "intake_method": o.IntakeMethod,
		"draws": o.Draws, "seed": o.Seed, "preset": o.Preset.Name, "replacement_rate": o.ReplacementRate,
		"vocational_share": o.VocationalShare, "postings_weight": o.PostingsWeight, "postings_cap": o.PostingsCap,
		"default_completion": o.DefaultCompletion, "default_further_study": o.DefaultFurtherStudy,
		"default_stay": o.DefaultStay, "thresholds": o.Thresholds, "min_weight": o.MinWeight, "weights": o.Weights,
	})
	return string(b)
}
