//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/vocmap/vocmap/analytics/rules"
	scoring "github.com/vocmap/vocmap/analytics/score"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// ErrNoRun is returned when the warehouse has no run for the period.
var ErrNoRun = errors.New("job: no run for this period: run `vocmap run --period P` first")

// NoRunError says which period (and scenario) has no successful run; it
// is ErrNoRun.
type NoRunError struct{ Period, Scenario string }

func (e *NoRunError) Error() string {
	if e.Scenario != "" {
		return fmt.Sprintf("%v (%s, scenario %s)", ErrNoRun, e.Period, e.Scenario)
	}
	return fmt.Sprintf("%v (%s)", ErrNoRun, e.Period)
}

// Is makes a *NoRunError match ErrNoRun.
func (e *NoRunError) Is(target error) bool { return target == ErrNoRun }

// ErrNoProgram is returned by Explain when the run has no such program at
// the scope asked for.
var ErrNoProgram = errors.New("job: no such program in the run")

// ErrNoRegion is returned by Warnings for a region code that is not in
// the snapshot's regions.
var ErrNoRegion = errors.New("job: no such region")

// LatestRun returns the id of the period's latest successful baseline run.
func LatestRun(ctx context.Context, w *warehouse.Warehouse, period string) (string, error) {
	return LatestRunOf(ctx, w, period, "")
}

// LatestRunOf returns the id of the latest successful run of a period's
// scenario ("" for the baseline).
func LatestRunOf(ctx context.Context, w *warehouse.Warehouse, period, scenario string) (string, error) {
	var id string
	err := w.DB.QueryRowContext(ctx, metaSQL("016_latest_run.sql"), period, scenario).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || noLedger(err) {
		return "", &NoRunError{Period: period, Scenario: scenario}
	}
	return id, err
}

// noLedger reports whether err is DuckDB's catalog error for a statement
// over meta.runs on a file that has no ledger (a DuckDB file vocmap never
// migrated, opened read-only): the statement reads no other table.
func noLedger(err error) bool {
	var de *duckdb.Error
	return errors.As(err, &de) && de.Type == duckdb.ErrorTypeCatalog
}

// ScenarioDiff lists what a scenario changes against its period's
// baseline (sql/013_scenario_diff.sql). The probability columns are
// dropped when the scenario ran without draws.
func ScenarioDiff(ctx context.Context, w *warehouse.Warehouse, period, scenario string) (export.Result, string, string, error) {
	base, err := LatestRun(ctx, w, period)
	if err != nil {
		return export.Result{}, "", "", err
	}
	run, err := LatestRunOf(ctx, w, period, scenario)
	if err != nil {
		return export.Result{}, "", "", err
	}
	r, err := query(ctx, w, mart("013_scenario_diff.sql"), base, run)
	if err != nil {
		return r, base, run, fmt.Errorf("job: sql/013_scenario_diff.sql: %w", err)
	}
	draws := false
	for _, row := range r.Rows {
		if row[12] != nil {
			draws = true
			break
		}
	}
	if !draws {
		r.Columns = r.Columns[:12]
		for i := range r.Rows {
			r.Rows[i] = r.Rows[i][:12]
		}
	}
	return r, base, run, nil
}

// ErrNotProvinceOrCity is returned by Warnings for a region that is
// neither a province nor a city: a school's rows belong to its city.
var ErrNotProvinceOrCity = errors.New("job: the region is not a province or a city")

// Filter selects rows of the warning list; empty fields select all
// (export.WarningFilter: Region, Scope, Level, Signal).
type Filter = export.WarningFilter

// Warnings returns the warning list of the period's latest run, filtered,
// in the contract's shape with reasons in lang (export.ReadWarnings). A
// Region that is not in the snapshot's regions is ErrNoRegion; a county
// is ErrNotProvinceOrCity.
func Warnings(ctx context.Context, w *warehouse.Warehouse, period string, f Filter, lang string) ([]export.Warning, string, error) {
	id, err := LatestRun(ctx, w, period)
	if err != nil {
		return nil, "", err
	}
	if f.Region != "" {
		var level string
		err := w.DB.QueryRowContext(ctx, `SELECT level FROM main.regions WHERE region_code = ?`, f.Region).Scan(&level)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil, "", fmt.Errorf("%w: %s", ErrNoRegion, f.Region)
		case err != nil:
			return nil, "", fmt.Errorf("job: read the regions: %w", err)
		case level != "province" && level != "city":
			return nil, "", fmt.Errorf("%w: %s", ErrNotProvinceOrCity, f.Region)
		}
	}
	rows, err := export.ReadWarnings(ctx, w.DB, id, f, lang)
	return rows, id, err
}

func nullNaN(v sql.NullFloat64) float64 {
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}

// Explanation says why a program got its signal at one scope.
type Explanation struct {
	RunID, Period, Preset                            string
	Scope, Region, School, Program, Name, Level      string
	Ratio, Prob, Supply, Openings, Score             float64
	Band, Signal, Published, OverrideReason, Reasons string
	Indicators                                       []IndicatorValue
	// DPlus and DMinus are the distances to the ideal and anti-ideal
	// points recomputed from the indicators' squared distances, and
	// Closeness = DMinus/(DPlus + DMinus) (score.Decompose): the score.
	DPlus, DMinus, Closeness float64
	// Horizon is the run's last forecast year; Targets the program's
	// industries that the plan gives a target growth (explainTargets).
	Horizon int
	Targets []IndustryTarget
}

// IndicatorValue is one indicator of a program's score, with its part
// in the TOPSIS closeness (docs/models.md §4): NaN where not stored.
type IndicatorValue struct {
	Name string
	// Value is the indicator (NaN if missing: the score used the
	// median of its peers); Weight its weight.
	Value, Weight float64
	// Normalized is the vector-normalised value, Weighted = Weight ×
	// Normalized.
	Normalized, Weighted float64
	// SqIdeal and SqAntiIdeal are the squared distances to the ideal and
	// anti-ideal values of the indicator: they add up to D+² and D−².
	SqIdeal, SqAntiIdeal float64
}

// Explain returns why a program got its signal in the period's latest
// run: at school scope when school is given, at the city's scope when
// region is a city, else at the province's.
func Explain(ctx context.Context, w *warehouse.Warehouse, period, program, region, school string) (*Explanation, error) {
	id, err := LatestRun(ctx, w, period)
	if err != nil {
		return nil, err
	}
	scope := "province"
	switch {
	case school != "":
		scope = "school"
	case region != "":
		var level string
		if err := w.DB.QueryRowContext(ctx, `SELECT level FROM main.regions WHERE region_code = ?`, region).Scan(&level); err == nil && level == "city" {
			scope = "city"
		}
	}
	e := &Explanation{RunID: id, Period: period, Scope: scope, Program: program}
	var ratio, prob, sup, op, score sql.NullFloat64
	q := `SELECT p.region_code, p.school_code, coalesce(g.name, ''), p.level, p.ratio, p.prob_oversupply, p.supply, p.openings, p.score,
			coalesce(p.band, ''), p.signal, p.reasons, r.preset, coalesce(w.signal, ''), coalesce(w.override_reason, '')
		FROM results.programs p
		JOIN meta.runs r USING (run_id)
		LEFT JOIN main.programs g ON g.program_code = p.program_code
		LEFT JOIN results.warnings w ON w.run_id = p.run_id AND w.scope = p.scope AND w.region_code = p.region_code
			AND w.school_code = p.school_code AND w.program_code = p.program_code
		WHERE p.run_id = ? AND p.scope = ? AND p.program_code = ?
		  AND (? = '' OR p.school_code = ?) AND (? = '' OR p.region_code = ? OR ? = 'province')
		ORDER BY p.region_code LIMIT 1`
	err = w.DB.QueryRowContext(ctx, q, id, scope, program, school, school, region, region, scope).Scan(
		&e.Region, &e.School, &e.Name, &e.Level, &ratio, &prob, &sup, &op, &score, &e.Band, &e.Signal, &e.Reasons, &e.Preset,
		&e.Published, &e.OverrideReason)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: run %s has no program %s at %s scope%s", ErrNoProgram, id, program, scope, where(region, school))
	}
	if err != nil {
		return nil, err
	}
	e.Ratio, e.Prob, e.Supply, e.Openings, e.Score = nullNaN(ratio), nullNaN(prob), nullNaN(sup), nullNaN(op), nullNaN(score)
	rows, err := w.DB.QueryContext(ctx, `SELECT indicator, value, weight, normalized, weighted, sq_ideal, sq_anti_ideal
		FROM results.contributions
		WHERE run_id = ? AND scope = ? AND region_code = ? AND school_code = ? AND program_code = ?`,
		id, scope, e.Region, e.School, program)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byName := map[string]IndicatorValue{}
	for rows.Next() {
		var iv IndicatorValue
		var v, wt, nv, wv, sp, sm sql.NullFloat64
		if err := rows.Scan(&iv.Name, &v, &wt, &nv, &wv, &sp, &sm); err != nil {
			return nil, err
		}
		iv.Value, iv.Weight, iv.Normalized, iv.Weighted = nullNaN(v), nullNaN(wt), nullNaN(nv), nullNaN(wv)
		iv.SqIdeal, iv.SqAntiIdeal = nullNaN(sp), nullNaN(sm)
		byName[iv.Name] = iv
	}
	var sqIdeal, sqAnti []float64
	for _, name := range Indicators {
		if iv, ok := byName[name]; ok {
			e.Indicators = append(e.Indicators, iv)
			sqIdeal, sqAnti = append(sqIdeal, iv.SqIdeal), append(sqAnti, iv.SqAntiIdeal)
		}
	}
	e.DPlus, e.DMinus, e.Closeness = scoring.Decompose(sqIdeal, sqAnti)
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return e, explainTargets(ctx, w, e)
}

// explainTargets adds to e the program's industries to which the plan
// gives a target growth, with the run's forecast beside the target
// (results.industry_targets): the row's region's series, else its
// province's.
func explainTargets(ctx context.Context, w *warehouse.Warehouse, e *Explanation) error {
	if err := w.DB.QueryRowContext(ctx, `SELECT coalesce(horizon, 0) FROM meta.runs WHERE run_id = ?`, e.RunID).Scan(&e.Horizon); err != nil {
		return err
	}
	// A row judged in the province's market (results.programs.market) reads
	// the province's trend and target, as the priority rule does; a
	// city-market row its city's, else the province's.
	prefer := e.Region
	var market sql.NullString
	if err := w.DB.QueryRowContext(ctx, `SELECT market FROM results.programs WHERE run_id = ? AND scope = ? AND region_code = ?
		AND school_code = ? AND program_code = ?`, e.RunID, e.Scope, e.Region, e.School, e.Program).Scan(&market); err == nil &&
		market.String == "province" {
		_ = w.DB.QueryRowContext(ctx, `SELECT coalesce(nullif(parent_code, ''), region_code) FROM main.regions WHERE region_code = ?`,
			e.Region).Scan(&prefer)
	}
	rows, err := w.DB.QueryContext(ctx, `SELECT pi.industry_code, coalesce(i.name, ''), pi.weight, t.region_code, t.tier,
			t.growth, t.target_growth, t.employment, t.target_employment
		FROM main.program_industry pi
		LEFT JOIN main.industries i ON i.industry_code = pi.industry_code
		JOIN results.industry_targets t ON t.run_id = ? AND t.industry_code = pi.industry_code
			AND t.region_code IN (?, (SELECT coalesce(nullif(parent_code, ''), region_code) FROM main.regions WHERE region_code = ?))
		WHERE pi.program_code = ?
		QUALIFY row_number() OVER (PARTITION BY pi.industry_code ORDER BY t.region_code = ? DESC) = 1
		ORDER BY pi.weight DESC, pi.industry_code`, e.RunID, e.Region, e.Region, e.Program, prefer)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var t IndustryTarget
		var g, tg, emp, temp sql.NullFloat64
		if err := rows.Scan(&t.Industry, &t.Name, &t.Weight, &t.Region, &t.Tier, &g, &tg, &emp, &temp); err != nil {
			return err
		}
		t.Growth, t.TargetGrowth, t.Employment, t.TargetEmployment = nullNaN(g), nullNaN(tg), nullNaN(emp), nullNaN(temp)
		e.Targets = append(e.Targets, t)
	}
	return rows.Err()
}

// IndustryTarget is one of a program's industries to which the plan
// gives a target growth: the run's forecast beside the target.
type IndustryTarget struct {
	Industry, Name, Region, Tier string
	// Weight is the program's crosswalk weight of the industry.
	Weight float64
	// Growth is the run's forecast mean growth a year (the trend in a
	// baseline run), TargetGrowth the plan's.
	Growth, TargetGrowth float64
	// Employment and TargetEmployment are the employment at the horizon
	// on the forecast and at the target.
	Employment, TargetEmployment float64
}

func where(region, school string) string {
	switch {
	case school != "":
		return " at school " + school
	case region != "":
		return " in " + region
	}
	return ""
}

// Comparison is what `vocmap rules compare` shows: each preset's signal
// for every row some preset flags, and how many rows each flags.
type Comparison struct {
	RunID   string
	Presets []string
	Table   export.Result
	// Counts[preset][signal] counts rows.
	Counts map[string]map[string]int
	// Disagree counts rows on which the presets' signals differ.
	Disagree int
}

// Compare compares the signals of every preset in the period's latest
// run. onlyDisagree keeps the rows where the presets differ.
func Compare(ctx context.Context, w *warehouse.Warehouse, period string, onlyDisagree bool) (*Comparison, error) {
	id, err := LatestRun(ctx, w, period)
	if err != nil {
		return nil, err
	}
	rows, err := w.DB.QueryContext(ctx, `SELECT s.preset, s.scope, s.region_code, s.school_code, s.program_code,
			coalesce(g.name, ''), s.signal, s.reasons
		FROM results.preset_signals s LEFT JOIN main.programs g USING (program_code)
		WHERE s.run_id = ?
		ORDER BY CASE s.scope WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, s.region_code, s.school_code, s.program_code`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type rk struct{ scope, region, school, program string }
	type rv struct {
		name    string
		signals map[string]string
	}
	c := &Comparison{RunID: id, Counts: map[string]map[string]int{}}
	var order []rk
	vals := map[rk]*rv{}
	for rows.Next() {
		var preset, name, signal, reasons string
		var k rk
		if err := rows.Scan(&preset, &k.scope, &k.region, &k.school, &k.program, &name, &signal, &reasons); err != nil {
			return nil, err
		}
		v := vals[k]
		if v == nil {
			v = &rv{name: name, signals: map[string]string{}}
			vals[k] = v
			order = append(order, k)
		}
		v.signals[preset] = signal
		if c.Counts[preset] == nil {
			c.Counts[preset] = map[string]int{}
		}
		c.Counts[preset][signal]++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, p := range rules.Presets() {
		c.Presets = append(c.Presets, p.Name)
		known[p.Name] = true
	}
	for p := range c.Counts {
		if !known[p] {
			c.Presets = append(c.Presets, p)
		}
	}
	sort.SliceStable(c.Presets[len(rules.Presets()):], func(i, j int) bool { return c.Presets[i] < c.Presets[j] })
	c.Table.Columns = append([]string{"scope", "region_code", "school_code", "program_code", "program_name"}, c.Presets...)
	c.Table.Columns = append(c.Table.Columns, "agree")
	for _, k := range order {
		v := vals[k]
		row := []any{k.scope, k.region, k.school, k.program, v.name}
		agree := true
		for _, p := range c.Presets {
			s := v.signals[p]
			agree = agree && s == v.signals[c.Presets[0]]
			row = append(row, s)
		}
		if !agree {
			c.Disagree++
		}
		if onlyDisagree && agree {
			continue
		}
		c.Table.Rows = append(c.Table.Rows, append(row, map[bool]string{true: "yes", false: "no"}[agree]))
	}
	return c, nil
}

// queryer is a *sql.DB or a *sql.Conn.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ChangeColumns are the columns of the changes list (issue: "what changed").
var ChangeColumns = []string{"scope", "region_code", "school_code", "program_code", "program_name", "before_signal",
	"after_signal", "before_score", "after_score", "before_ratio", "after_ratio", "change"}

// ChangesBetween lists what changed from run before to run after
// (sql/011_changes.sql); before "" (a first period) gives no rows.
func ChangesBetween(ctx context.Context, q queryer, after, before string, scoreMove, ratioMove float64) (export.Result, error) {
	out := export.Result{Columns: ChangeColumns}
	if before == "" {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, mart("011_changes.sql"), after, before, scoreMove, ratioMove)
	if err != nil {
		return out, fmt.Errorf("job: sql/011_changes.sql: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s [7]string
		var f [4]sql.NullFloat64
		var change string
		if err := rows.Scan(&s[0], &s[1], &s[2], &s[3], &s[4], &s[5], &s[6], &f[0], &f[1], &f[2], &f[3], &change); err != nil {
			return out, err
		}
		row := []any{s[0], s[1], s[2], s[3], s[4], s[5], s[6]}
		for _, v := range f {
			if v.Valid {
				row = append(row, v.Float64)
			} else {
				row = append(row, nil)
			}
		}
		out.Rows = append(out.Rows, append(row, change))
	}
	return out, rows.Err()
}

// Changes lists what changed in the period's latest run against the
// latest run of against (default: the previous period that has a
// successful run). It returns the two run ids.
func Changes(ctx context.Context, w *warehouse.Warehouse, period, against string, scoreMove, ratioMove float64) (export.Result, string, string, error) {
	after, err := LatestRun(ctx, w, period)
	if err != nil {
		return export.Result{}, "", "", err
	}
	var before string
	if against != "" {
		if before, err = LatestRun(ctx, w, against); err != nil {
			return export.Result{}, "", "", err
		}
	} else {
		err := w.DB.QueryRowContext(ctx, `SELECT run_id FROM meta.runs WHERE status = 'succeeded' AND scenario = '' AND period < ?
			ORDER BY period DESC, finished_at DESC LIMIT 1`, period).Scan(&before)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return export.Result{}, "", "", err
		}
	}
	r, err := ChangesBetween(ctx, w.DB, after, before, scoreMove, ratioMove)
	return r, after, before, err
}
