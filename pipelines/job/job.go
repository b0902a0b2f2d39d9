//go:build duckdb_arrow

package job

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/datasets"
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

// Options configures Run. Every value is used as given (0 is 0) except
// where a default is noted for a zero value that could not be meant
// (Draws, Lang, Preset, Logger, Now); cmd fills the options from config,
// whose defaults are config/defaults.yaml.
type Options struct {
	// Period is the run's period, YYYY-MM (required).
	Period string
	// DataDir, when set, is ingested first (all or nothing) and becomes
	// the snapshot the run reads.
	DataDir string
	// Out is the folder of outputs: the period's files go to Out/Period.
	// Empty writes no files (results stay in the warehouse).
	Out string
	// AddOutputs, when set, writes more files into the period's output
	// folder (dir) after the results have committed and before the folder
	// is put in place: the reports. Its error leaves the run standing and
	// the folder published without them (manifest.json's "incomplete").
	AddOutputs func(ctx context.Context, dir string) error
	// RequireNewData refuses (NoNewDataError) a run on data an earlier
	// period has already used, before the run is recorded.
	RequireNewData bool
	// Horizon is the last year forecast.
	Horizon int
	// DemandMethod forecasts employment; IntakeMethod future intake.
	DemandMethod, IntakeMethod forecast.Method
	// Draws is the number of Monte Carlo draws (0: 200).
	Draws int
	// Seed seeds every simulation.
	Seed uint64
	// Workers forecasting goroutines (0: all cores).
	Workers int
	// ReplacementRate by section letter (either case) and "default".
	ReplacementRate map[string]float64
	// VocationalShare by section letter (either case) and "default",
	// then level.
	VocationalShare map[string]map[string]float64
	// PostingsWeight and PostingsCap shape the job-postings factor.
	PostingsWeight, PostingsCap float64
	// Defaults of the supply model where the data say nothing.
	DefaultCompletion, DefaultFurtherStudy, DefaultStay float64
	// Thresholds are the supply–demand bands.
	Thresholds match.Thresholds
	// Markets says in which labour market each level is judged (the zero
	// value: match.DefaultMarkets; docs/models.md, "Labour markets").
	Markets match.Markets
	// MinWeight is the crosswalk weight from which a program feeds an
	// industry for the shortage rule.
	MinWeight float64
	// PriorityWeight is the crosswalk weight, summed over the priority
	// industries below their target, from which the priority rule holds a
	// program (rules.Facts PriorityBelowTarget; config
	// match.priority_weight, 0.5).
	PriorityWeight float64
	// Weights of the indicators by name (Indicators), used as given (a
	// name not in the map has weight 0; weights that are 0 on every
	// indicator the data have are an error); nil: entropy weights,
	// computed from the data of each province and scope
	// (analytics/score.Score).
	Weights map[string]float64
	// Preset is the published rule set; Presets are all the sets
	// evaluated for `vocmap rules compare` (Preset among them).
	Preset  rules.Preset
	Presets []rules.Preset
	// Lang is the language of the output files ("zh" or "en").
	Lang string
	// Snapshot, when > 0, is the input snapshot to run on (ignored with
	// DataDir).
	Snapshot int64
	// Scenario names a scenario run ("" is the baseline). A scenario runs
	// on the snapshot of the period's baseline run.
	Scenario string
	// Shocks and IntakeChanges are the scenario's changes to the demand
	// and supply forecasts.
	Shocks        []Shock
	IntakeChanges []IntakeChange
	// PlanTargets grows employment at industry_priorities' target_growth
	// where the plan gives one, the trend elsewhere (config
	// demand.growth: plan_targets; analytics/scenario.ApplyTargets),
	// before the shocks.
	PlanTargets bool
	// SignalDraws evaluates the rules once per Monte Carlo draw and gives
	// every row the probability of each signal.
	SignalDraws bool
	// Version is vocmap's version, recorded in the ledger.
	Version string
	// ScoreMove and RatioMove are the score change (absolute) and ratio
	// change (relative) from which `changes` reports a move (config:
	// 0.1 and 0.25); 0 reports every move, however small.
	ScoreMove, RatioMove float64
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
	// Changes counts the rows of changes.csv; Against is the run they
	// compare with ("" for a first period).
	Changes int
	Against string
	// Ingested is set when the run loaded DataDir first.
	Ingested *warehouse.LoadResult
	// Freshness says whether the run's data are new and how recent.
	Freshness Freshness
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
	o.ReplacementRate = bySection(o.ReplacementRate)
	o.VocationalShare = bySection(o.VocationalShare)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if !(o.ScoreMove >= 0) || !(o.RatioMove >= 0) {
		return fmt.Errorf("job: score move %v and ratio move %v: must be ≥ 0", o.ScoreMove, o.RatioMove)
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

// Run runs the monthly job. It records the run in the ledger
// (meta.runs) before anything else, marking runs that a dead process left
// "running" as interrupted; ingests DataDir when given; chooses the
// snapshot (DataDir's, else Options.Snapshot, else the one the period's
// last successful run used, else the current one); runs demand, supply,
// matching, scoring and rules on it; and then, in one transaction,
// replaces the period's previous results with the new ones, marks the
// previous runs superseded and this one succeeded. The period's outputs
// (warning list, data-quality list, changes since the previous period,
// manifest) are written to a temporary folder inside that transaction and
// moved into Out/Period once it has committed. A failure or a cancelled
// ctx leaves the earlier results as they were and the run marked failed
// or interrupted.
func Run(ctx context.Context, w *warehouse.Warehouse, opts Options) (res *Result, err error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	res = &Result{Period: opts.Period, Signals: map[string]int{}}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if opts.RequireNewData {
		if err := checkNewData(ctx, conn, &opts); err != nil {
			return res, err
		}
	}
	id, err := beginRun(ctx, conn, &opts)
	if err != nil {
		return nil, err
	}
	res.RunID = id
	log := opts.Logger.With("run_id", id)
	w.NoteLock("run " + id)
	log.Info("run started", "period", opts.Period, "pid", os.Getpid())
	defer func() {
		if err == nil {
			log.Info("run succeeded", "period", opts.Period, "snapshot", res.Snapshot)
			return
		}
		if errors.Is(err, errAfterCommit) { // the run stands; say what is missing
			conn.ExecContext(context.WithoutCancel(ctx), metaSQL("017_run_error.sql"), err.Error(), id)
			log.Error("run succeeded, outputs incomplete", "err", err)
			return
		}
		status := "failed"
		if ctx.Err() != nil || errors.Is(err, context.Canceled) {
			status = "interrupted"
		}
		if ferr := failRun(context.WithoutCancel(ctx), conn, id, status, err, res.Stages); ferr != nil {
			err = errors.Join(err, ferr)
		}
		log.Error("run "+status, "err", err)
	}()
	stage := func(name string, f func() error) error {
		reached(ctx, name)
		if opts.Progress != nil {
			opts.Progress(name)
		}
		start := time.Now()
		err := f()
		res.Stages = append(res.Stages, Stage{Name: name, Duration: time.Since(start)})
		log.Info("stage done", "stage", name, "seconds", time.Since(start).Seconds())
		return err
	}
	if opts.DataDir != "" {
		if err := stage("ingest", func() error {
			r, err := w.Ingest(ctx, opts.DataDir, warehouse.LoadOptions{Source: opts.DataDir, Logger: log})
			res.Ingested = r
			return err
		}); err != nil {
			return res, err
		}
	}
	started := opts.Now()
	snap, err := chooseSnapshot(ctx, conn, &opts, res.Ingested)
	if err != nil {
		return res, err
	}
	res.Snapshot = snap
	if _, err := conn.ExecContext(ctx, metaSQL("018_run_snapshot.sql"), snap, id); err != nil {
		return res, err
	}
	drop, err := snapshotViews(ctx, conn, snap)
	defer drop()
	if err != nil {
		return res, err
	}
	if err := checkPeriodYears(ctx, conn, opts.Period); err != nil {
		return res, err
	}
	if res.Freshness, err = freshness(ctx, conn, snap, opts.Period); err != nil {
		return res, err
	}

	var in *inputs
	if err := stage("read", func() error {
		in, err = readInputs(ctx, conn)
		return err
	}); err != nil {
		return res, err
	}
	m := &model{opts: &opts, in: in, runID: id, fresh: res.Freshness}
	for _, st := range []struct {
		name string
		f    func() error
	}{
		{"demand", func() error { return m.demand(ctx) }},
		{"supply", func() error { return m.supply(ctx) }},
		{"match", func() error { err := m.match(ctx); m.dropDraws(); return err }},
		{"score", func() error { return m.score() }},
		{"rules", func() error { return m.rules() }},
		{"structure", func() error { return m.structureStage(ctx) }},
	} {
		if err := stage(st.name, st.f); err != nil {
			return res, err
		}
	}
	res.BaseYear, res.Horizon, res.Notes, res.UnmatchedOverrides = m.baseYear(), opts.Horizon, m.notes, m.unmatched
	for _, r := range m.published {
		res.Signals[r.Signal]++
	}
	err = stage("store", func() error {
		out, err := m.store(ctx, conn, w, snap, started, res)
		res.Outputs, res.DataQuality, res.Changes, res.Against = out.files, out.quality, out.changes, out.against
		return err
	})
	return res, err
}

// beginRun marks the runs a dead process left running as interrupted
// (the caller holds the writer lock, so no other run is alive), numbers
// the new run and records it as running.
func beginRun(ctx context.Context, conn *sql.Conn, o *Options) (string, error) {
	if _, err := conn.ExecContext(ctx, metaSQL("019_interrupt_running.sql")); err != nil {
		return "", fmt.Errorf("job: ledger: %w", err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, metaSQL("020_count_runs.sql"), o.Period, o.Scenario).Scan(&n); err != nil {
		return "", fmt.Errorf("job: ledger: %w", err)
	}
	var id string
	for {
		n++
		id = fmt.Sprintf("%s-r%d", o.Period, n)
		if o.Scenario != "" {
			id = fmt.Sprintf("%s-%s-r%d", o.Period, o.Scenario, n)
		}
		var taken int
		if err := conn.QueryRowContext(ctx, metaSQL("021_run_taken.sql"), id).Scan(&taken); err != nil {
			return "", err
		}
		if taken == 0 {
			break
		}
	}
	host, _ := os.Hostname()
	opts := optionsJSON(o)
	sum := sha256.Sum256([]byte(opts))
	_, err := conn.ExecContext(ctx, metaSQL("022_insert_run.sql"),
		id, o.Period, o.Scenario, o.Preset.Name, o.Horizon, o.Now().UTC(), hex.EncodeToString(sum[:]), o.Version, opts,
		os.Getpid(), host)
	if err != nil {
		return "", fmt.Errorf("job: ledger: %w", err)
	}
	return id, nil
}

// failRun records how a run ended when it did not succeed.
func failRun(ctx context.Context, conn *sql.Conn, id, status string, cause error, stages []Stage) error {
	conn.ExecContext(ctx, "ROLLBACK") // harmless when no transaction is open
	_, err := conn.ExecContext(ctx, metaSQL("023_end_run.sql"),
		status, time.Now().UTC(), cause.Error(), stagesJSON(stages), id)
	return err
}

func stagesJSON(stages []Stage) string {
	type st struct {
		Name    string  `json:"name"`
		Seconds float64 `json:"seconds"`
	}
	out := make([]st, len(stages))
	for i, s := range stages {
		out[i] = st{s.Name, s.Duration.Seconds()}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// chooseSnapshot picks the snapshot a run reads: the one it just
// ingested, the one asked for, the one the period's last successful run
// used, or the current one.
func chooseSnapshot(ctx context.Context, conn *sql.Conn, o *Options, ingested *warehouse.LoadResult) (int64, error) {
	if ingested != nil {
		return ingested.SnapshotID, nil
	}
	if o.Snapshot > 0 {
		var n int
		if err := conn.QueryRowContext(ctx, metaSQL("024_snapshot_exists.sql"), o.Snapshot).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, fmt.Errorf("%w: #%d", ErrNoSnapshot, o.Snapshot)
		}
		return o.Snapshot, nil
	}
	var snap sql.NullInt64
	err := conn.QueryRowContext(ctx, metaSQL("025_period_snapshot.sql"), o.Period).Scan(&snap)
	if err == nil && snap.Valid {
		return snap.Int64, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if o.Scenario != "" {
		return 0, fmt.Errorf("%w: %s", ErrNoBaseline, o.Period)
	}
	if err := conn.QueryRowContext(ctx, metaSQL("001_current_snapshot.sql")).Scan(&snap); err != nil || !snap.Valid {
		return 0, ErrNoData
	}
	return snap.Int64, nil
}

// ErrNoBaseline is returned for a scenario of a period without a
// baseline run: a scenario runs on the baseline's data.
var ErrNoBaseline = errors.New("job: the period has no successful baseline run to compare a scenario with: run `vocmap run --period P` first")

// ErrNoSnapshot is returned for a --snapshot the warehouse does not have.
var ErrNoSnapshot = errors.New("job: no such snapshot (vocmap snapshots list shows them)")

// snapshotViews shadows the contract's table names on conn with
// temporary views over one snapshot, so that the marts read it whatever
// snapshot is current. The returned function drops them (conn goes back
// to the pool afterwards).
func snapshotViews(ctx context.Context, conn *sql.Conn, snap int64) (func(), error) {
	var made []string
	drop := func() {
		for _, v := range made {
			if q, err := metaTemplate("027_drop_snapshot_view.sql", struct{ Table string }{v}); err == nil {
				conn.ExecContext(context.WithoutCancel(ctx), q)
			}
		}
	}
	for _, t := range datasets.Contract {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = warehouse.QuoteIdent(c.Name)
		}
		q, err := metaTemplate("026_snapshot_view.sql", struct {
			Table, Columns string
			Snapshot       int64
		}{t.Name, strings.Join(cols, ", "), snap})
		if err != nil {
			return drop, err
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return drop, fmt.Errorf("job: snapshot #%d: %w", snap, err)
		}
		made = append(made, t.Name)
	}
	return drop, nil
}

// optionsJSON records the options that shape the results.
func optionsJSON(o *Options) string {
	b, _ := json.Marshal(map[string]any{
		"horizon": o.Horizon, "demand_method": o.DemandMethod, "intake_method": o.IntakeMethod,
		"draws": o.Draws, "seed": o.Seed, "preset": o.Preset.Name, "replacement_rate": o.ReplacementRate,
		"vocational_share": o.VocationalShare, "postings_weight": o.PostingsWeight, "postings_cap": o.PostingsCap,
		"default_completion": o.DefaultCompletion, "default_further_study": o.DefaultFurtherStudy,
		"default_stay": o.DefaultStay, "thresholds": o.Thresholds, "markets": o.Markets, "min_weight": o.MinWeight, "weights": o.Weights,
		"plan_targets": o.PlanTargets, "priority_weight": o.PriorityWeight,
	})
	return string(b)
}

// bySection upper-cases the section letters of a table keyed by section
// ("default" stays), so that config's lower-case keys and GB/T 4754's
// upper-case letters meet.
func bySection[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		if k != "default" {
			k = strings.ToUpper(k)
		}
		out[k] = v
	}
	return out
}
