//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// resultTables are the tables a run writes, each row tagged with its run.
var resultTables = append([]string{"results.demand", "results.supply", "results.match_industry", "results.programs",
	"results.contributions", "results.preset_signals", "results.warnings", "results.data_quality", "results.industry_targets"}, structureTables...)

// storeOut is what store wrote.
type storeOut struct {
	files            []string
	quality, changes int
	against          string
}

// errAfterCommit marks an error that came after the results committed:
// the run stands, but its output folder is incomplete (manifest.json says
// what is missing) or could not be put in place.
var errAfterCommit = errors.New("job: the run's results are stored, but its output folder is incomplete")

// StoodAfterCommit reports whether err came after the run's results had
// committed: the run stands (succeeded) and only its outputs are wanting.
func StoodAfterCommit(err error) bool { return errors.Is(err, errAfterCommit) }

// store writes the run's results in one transaction, all or nothing: the
// period's earlier results go, their runs become superseded, this run's
// results go in and the run is marked succeeded. The period's output
// files are written to a staging folder inside the transaction; after the
// commit, Options.AddOutputs adds its files (the reports) and the folder
// replaces OUT/PERIOD whole (Staging), so that every file in it, listed
// in its manifest, comes from this run.
func (m *model) store(ctx context.Context, conn *sql.Conn, w *warehouse.Warehouse, snap int64, started time.Time, res *Result) (storeOut, error) {
	var out storeOut
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return out, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	id, o := m.runID, m.opts
	for _, t := range resultTables {
		if _, err := conn.ExecContext(ctx, "DELETE FROM "+t+` WHERE run_id IN (SELECT run_id FROM meta.runs
			WHERE period = ? AND scenario = ? AND status = 'succeeded')`, o.Period, o.Scenario); err != nil {
			return out, fmt.Errorf("job: replace the period's results in %s: %w", t, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `UPDATE meta.runs SET status = 'superseded'
		WHERE period = ? AND scenario = ? AND status = 'succeeded'`, o.Period, o.Scenario); err != nil {
		return out, err
	}
	q := m.qualityFrame()
	out.quality = q.Len()
	frames := []*warehouse.Frame{m.demandFrame(), m.supplyFrame(), m.matchFrame(), m.programsFrame(),
		m.contributionsFrame(), m.presetFrame(), m.warningsFrame(), q, m.industryTargetsFrame()}
	frames = append(frames, m.structure.frames()...)
	counts := map[string]int{}
	for i, t := range resultTables {
		if err := warehouse.WriteFrame(ctx, conn, t, frames[i]); err != nil {
			return out, err
		}
		counts[t] = frames[i].Len()
	}
	// The previous period's run, for changes.csv.
	var against sql.NullString
	err := conn.QueryRowContext(ctx, `SELECT run_id FROM meta.runs WHERE status = 'succeeded' AND scenario = ? AND period < ?
		ORDER BY period DESC, finished_at DESC LIMIT 1`, o.Scenario, o.Period).Scan(&against)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return out, err
	}
	out.against = against.String
	changes, err := ChangesBetween(ctx, conn, id, out.against, o.ScoreMove, o.RatioMove)
	if err != nil {
		return out, err
	}
	out.changes = len(changes.Rows)
	var staging *Staging
	if o.Out != "" {
		var err error
		if staging, err = NewStaging(filepath.Join(o.Out, o.Period), false); err != nil {
			return out, err
		}
		defer staging.Abort()
		reached(ctx, PointOutputs)
		if err := m.writeOutputs(ctx, conn, staging.Dir, q, changes); err != nil {
			return out, err
		}
	}
	files, err := inputFilesJSON(ctx, conn, snap)
	if err != nil {
		return out, err
	}
	stages := append(append([]Stage(nil), res.Stages...), Stage{Name: "store", Duration: time.Since(started)})
	cj, _ := json.Marshal(counts)
	if _, err := conn.ExecContext(ctx, `UPDATE meta.runs SET status = 'succeeded', finished_at = ?, base_year = ?,
		stages = ?, row_counts = ?, input_files = ? WHERE run_id = ?`, m.opts.Now().UTC(), m.baseYear(),
		stagesJSON(stages), string(cj), files, id); err != nil {
		return out, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return out, fmt.Errorf("job: commit the run: %w", err)
	}
	done = true
	reached(ctx, PointCommitted)
	if staging == nil {
		return out, nil
	}
	// The run stands from here. Its folder is published whole, with what
	// the caller adds (the reports) when that succeeds.
	man := Manifest{RunID: id, Period: o.Period, Snapshot: snap, Against: out.against,
		NewData: &m.fresh.NewData, DataAsOf: m.fresh.DataAsOf, SnapshotLoadedAt: m.fresh.LoadedAt.UTC().Format(time.RFC3339)}
	var addErr error
	if o.AddOutputs != nil {
		if addErr = o.AddOutputs(ctx, staging.Dir); addErr != nil {
			man.Incomplete = addErr.Error()
		}
	}
	if err := staging.Publish(man); err != nil {
		return out, fmt.Errorf("%w: %w", errAfterCommit, err)
	}
	ents, err := os.ReadDir(staging.Final())
	if err != nil {
		return out, fmt.Errorf("%w: %w", errAfterCommit, err)
	}
	for _, e := range ents {
		p := filepath.Join(staging.Final(), e.Name())
		if e.IsDir() {
			p += string(filepath.Separator)
		}
		out.files = append(out.files, p)
	}
	if addErr != nil {
		return out, fmt.Errorf("%w: %w", errAfterCommit, addErr)
	}
	return out, nil
}

// writeOutputs writes the period's files into dir: the warning list (CSV,
// XLSX), the data-quality list and the changes since the previous period
// (Staging.Publish adds the manifest).
func (m *model) writeOutputs(ctx context.Context, conn *sql.Conn, dir string, q *warehouse.Frame, changes export.Result) error {
	lang := m.opts.Lang
	// the rows just stored, read as `vocmap export warnings` reads them
	// (names, periods_flagged): the file and the export agree
	rows, err := export.ReadWarnings(ctx, conn, m.runID, export.WarningFilter{}, lang)
	if err != nil {
		return err
	}
	for _, f := range []string{export.WarningCSV, export.WarningXLSX} {
		if err := export.WriteWarningsAbout(filepath.Join(dir, "warnings."+f), f, lang, rows, m.about()); err != nil {
			return fmt.Errorf("job: write warnings.%s: %w", f, err)
		}
	}
	if err := writeDataQuality(filepath.Join(dir, "data_quality.csv"), q, lang); err != nil {
		return fmt.Errorf("job: write data_quality.csv: %w", err)
	}
	if err := writeCSV(filepath.Join(dir, "changes.csv"), changes); err != nil {
		return fmt.Errorf("job: write changes.csv: %w", err)
	}
	fc, err := employmentForecast(ctx, conn, m.runID)
	if err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(dir, "employment_forecast.csv"), fc); err != nil {
		return fmt.Errorf("job: write employment_forecast.csv: %w", err)
	}
	return nil
}

// employmentForecast returns the run's stored employment forecasts as
// employment_forecast.csv lays them out (sql/016_employment_forecast.sql):
// the same figures as results.demand and the reports.
func employmentForecast(ctx context.Context, q queryer, runID string) (export.Result, error) {
	out := export.Result{Columns: []string{"series_id", "h", "forecast", "lo80", "hi80", "lo95", "hi95", "method",
		"year", "region_code", "region_name", "industry_code", "industry_name"}}
	rows, err := q.QueryContext(ctx, mart("016_employment_forecast.sql"), runID)
	if err != nil {
		return out, fmt.Errorf("job: sql/016_employment_forecast.sql: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, method, region, regionName, ind, indName string
		var h, year int64
		var v [5]sql.NullFloat64
		if err := rows.Scan(&id, &h, &v[0], &v[1], &v[2], &v[3], &v[4], &method, &year, &region, &regionName, &ind, &indName); err != nil {
			return out, fmt.Errorf("job: sql/016_employment_forecast.sql: %w", err)
		}
		row := []any{id, h}
		for _, x := range v {
			if x.Valid {
				row = append(row, x.Float64)
			} else {
				row = append(row, nil)
			}
		}
		out.Rows = append(out.Rows, append(row, method, year, region, regionName, ind, indName))
	}
	return out, rows.Err()
}

// about says, for the people who open the warning list, how recent its
// data are and which run made it.
func (m *model) about() []string {
	f := m.fresh
	loaded := f.LoadedAt.Local().Format("2006-01-02")
	if m.opts.Lang == "en" {
		lines := []string{fmt.Sprintf("Data as of %d (snapshot, loaded %s).", f.DataAsOf, loaded),
			fmt.Sprintf("Period %s, run %s.", m.opts.Period, m.runID)}
		if !f.NewData {
			lines = append(lines, "Note: this period read exactly the same data as the previous one (no new data).")
		}
		return lines
	}
	lines := []string{fmt.Sprintf("数据截至 %d 年（快照于 %s 载入）。", f.DataAsOf, loaded),
		fmt.Sprintf("期次 %s，运行 %s。", m.opts.Period, m.runID)}
	if !f.NewData {
		lines = append(lines, "注意：本期所用数据与上一期完全相同（没有新数据）。")
	}
	return lines
}

// inputFilesJSON lists a snapshot's files with their SHA-256 for the
// ledger.
func inputFilesJSON(ctx context.Context, conn *sql.Conn, snap int64) (string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT table_name, file, sha256, rows FROM meta.snapshot_files
		WHERE snapshot_id = ? ORDER BY table_name`, snap)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	type f struct {
		Table  string `json:"table"`
		File   string `json:"file"`
		SHA256 string `json:"sha256"`
		Rows   int64  `json:"rows"`
	}
	var out []f
	for rows.Next() {
		var x f
		if err := rows.Scan(&x.Table, &x.File, &x.SHA256, &x.Rows); err != nil {
			return "", err
		}
		out = append(out, x)
	}
	b, _ := json.Marshal(out)
	return string(b), rows.Err()
}

// writeCSV writes a result as CSV for Excel (UTF-8 with a BOM, text
// guarded against formulas): export.WriteFile.
func writeCSV(path string, r export.Result) error { return export.WriteFile(path, r, "") }

// frameBuilder builds a Frame row by row.
type frameBuilder struct {
	f     warehouse.Frame
	index map[string]int
}

func newFrame(cols ...string) *frameBuilder {
	b := &frameBuilder{index: map[string]int{}}
	for i, c := range cols {
		name, kind, _ := strings.Cut(c, ":")
		col := warehouse.Column{Name: name}
		switch kind {
		case "f":
			col.F64 = []float64{}
		case "i":
			col.I64 = []int64{}
		default:
			col.Str = []string{}
		}
		b.f.Cols = append(b.f.Cols, col)
		b.index[name] = i
	}
	return b
}

// add appends one row: values in column order (string, float64, int).
func (b *frameBuilder) add(vals ...any) {
	for i, v := range vals {
		c := &b.f.Cols[i]
		switch x := v.(type) {
		case string:
			c.Str = append(c.Str, x)
		case float64:
			c.F64 = append(c.F64, x)
		case int:
			c.I64 = append(c.I64, int64(x))
		case int64:
			c.I64 = append(c.I64, x)
		default:
			panic(fmt.Sprintf("job: frame value of type %T", v))
		}
	}
}

func (m *model) demandFrame() *warehouse.Frame {
	b := newFrame("run_id", "region_code", "industry_code", "year:i", "employment:f", "lo80:f", "hi80:f", "lo95:f", "hi95:f", "openings:f", "method")
	keys := make([]key2, 0, len(m.emp))
	for k := range m.emp {
		keys = append(keys, k)
	}
	sortKeys(keys)
	for _, k := range keys {
		f := m.emp[k]
		base := m.opts.Horizon - len(f.mean)
		for h := range f.mean {
			b.add(m.runID, f.region, f.industry, base+h+1, f.mean[h], f.lo80[h], f.hi80[h], f.lo95[h], f.hi95[h], f.openings[h], f.method)
		}
	}
	return &b.f
}

func (m *model) supplyFrame() *warehouse.Frame {
	b := newFrame("run_id", "region_code", "program_code", "year:i", "graduates:f", "entering:f")
	keys := make([]key2, 0, len(m.sup))
	for k := range m.sup {
		keys = append(keys, k)
	}
	sortKeys(keys)
	for _, k := range keys {
		s := m.sup[k]
		base := m.opts.Horizon - len(s.graduates)
		for h := range s.graduates {
			b.add(m.runID, s.region, s.program, base+h+1, s.graduates[h], s.entering[h])
		}
	}
	return &b.f
}

func (m *model) matchFrame() *warehouse.Frame {
	b := newFrame("run_id", "region_code", "industry_code", "level", "supply:f", "openings:f", "ratio:f", "band")
	for _, r := range m.indMatch {
		b.add(m.runID, r.region, r.industry, r.level, r.supply, r.openings, r.ratio, m.band(r.ratio))
	}
	return &b.f
}

func (m *model) programsFrame() *warehouse.Frame {
	b := newFrame("run_id", "scope", "region_code", "school_code", "program_code", "level", "supply:f", "openings:f", "ratio:f", "band",
		"prob_oversupply:f", "placement_rate:f", "employment_rate:f", "match_rate:f", "relative_salary:f", "intake_trend:f",
		"demand_growth:f", "plan_priority:f", "score:f", "signal", "reasons", "prob_red:f", "prob_yellow:f", "prob_green:f",
		"market", "market_share:f")
	for _, r := range m.rows {
		v := r.verdicts[m.opts.Preset.Name]
		b.add(m.runID, r.scope, r.region, r.school, r.program, r.level, r.supply, r.openings, r.ratio, r.band,
			r.prob, r.ind[1], r.ind[2], r.ind[3], r.ind[4], r.ind[5], r.ind[6], r.ind[7], r.score, string(v.Signal), strings.Join(v.Reasons, ";"),
			r.probSignal[0], r.probSignal[1], r.probSignal[2], r.market, r.share)
	}
	return &b.f
}

func (m *model) contributionsFrame() *warehouse.Frame {
	b := newFrame("run_id", "scope", "region_code", "school_code", "program_code", "indicator", "value:f", "weight:f",
		"normalized:f", "weighted:f", "sq_ideal:f", "sq_anti_ideal:f")
	for _, r := range m.rows {
		for j, name := range Indicators {
			b.add(m.runID, r.scope, r.region, r.school, r.program, name, r.ind[j], r.weights[j],
				r.norm[j], r.weighted[j], r.sqIdeal[j], r.sqAnti[j])
		}
	}
	return &b.f
}

func (m *model) presetFrame() *warehouse.Frame {
	b := newFrame("run_id", "preset", "scope", "region_code", "school_code", "program_code", "signal", "reasons")
	for _, p := range m.opts.Presets {
		for _, r := range m.rows {
			v := r.verdicts[p.Name]
			if v.Signal == rules.None {
				continue
			}
			b.add(m.runID, p.Name, r.scope, r.region, r.school, r.program, string(v.Signal), strings.Join(v.Reasons, ";"))
		}
	}
	return &b.f
}

func (m *model) warningsFrame() *warehouse.Frame {
	b := newFrame("run_id", "period", "scope", "region_code", "school_code", "program_code", "program_name", "level", "signal",
		"recommendation", "supply_demand_ratio:f", "placement_rate:f", "score:f", "reasons", "reasons_text_zh", "reasons_text_en",
		"computed_signal", "override_reason", "city_code", "market", "probability_oversupplied:f", "current_intake:f")
	for _, p := range m.published {
		r := p.row
		b.add(m.runID, m.opts.Period, r.scope, r.region, r.school, r.program, r.name, r.level, p.Signal,
			string(p.Recommendation), r.ratio, r.ind[1], r.score, strings.Join(p.Reasons, ";"),
			m.reasonsText(p, "zh"), m.reasonsText(p, "en"), p.Computed, p.OverrideReason, r.city,
			r.market, r.prob, r.intake[3])
	}
	return &b.f
}

func (m *model) qualityFrame() *warehouse.Frame {
	q := m.in.quality
	b := newFrame("run_id", "school_code", "program_code", "grad_year:i", "check_code", "detail")
	for i := range q.Len() {
		b.add(m.runID, q.S("school_code")[i], q.S("program_code")[i], q.I("grad_year")[i], q.S("check_code")[i], q.S("detail")[i])
	}
	return &b.f
}

// warningRows are the published rows in the contract's shape.
func (m *model) warningRows(lang string) []export.Warning {
	out := make([]export.Warning, 0, len(m.published))
	for _, p := range m.published {
		r := p.row
		out = append(out, export.Warning{RunID: m.runID, Period: m.opts.Period, Scope: r.scope, RegionCode: r.region,
			SchoolCode: r.school, ProgramCode: r.program, ProgramName: r.name, Level: r.level, Signal: p.Signal,
			Recommendation: string(p.Recommendation), SupplyDemandRatio: r.ratio,
			PlacementRate: r.ind[1], Score: r.score, Reasons: strings.Join(p.Reasons, ";"), ReasonsText: m.reasonsText(p, lang),
			Market: r.market, ProbabilityOversupplied: r.prob, CurrentIntake: r.intake[3]})
	}
	return out
}

func (m *model) band(r float64) string {
	if math.IsNaN(r) {
		return ""
	}
	b, err := match.Classify(r, m.opts.Thresholds)
	if err != nil {
		return ""
	}
	return b.String()
}

func sortKeys(k []key2) {
	sort.Slice(k, func(i, j int) bool {
		if k[i].a != k[j].a {
			return k[i].a < k[j].a
		}
		return k[i].b < k[j].b
	})
}

// writeDataQuality writes the data-quality list as CSV (UTF-8 with BOM).
// qualityChecks says what each check of sql/010_data_quality.sql found,
// in Chinese and English: data_quality.csv carries it beside the code.
var qualityChecks = map[string][2]string{
	"placement_high_match_low":   {"去向落实率接近 100%，但专业对口率低于 30%", "placement near 100% with a match rate below 30%"},
	"placement_jump":             {"去向落实率在相邻两年间变动 20 个百分点以上", "placement rate moves by 20 points or more between consecutive years"},
	"identical_rates":            {"该校同一年所有专业（3 个以上）的去向落实率完全相同", "every program of the school (three or more) has the same placement rate in the year"},
	"in_province_above_employed": {"省内就业人数多于就业人数", "more employed in the province than employed"},
}

func writeDataQuality(path string, q *warehouse.Frame, lang string) error {
	res := export.Result{Columns: []string{"school_code", "program_code", "grad_year", "check_code", "check_text", "detail"}}
	for i := range q.Len() {
		code := q.S("check_code")[i]
		text := code
		if m, ok := qualityChecks[code]; ok {
			text = m[0]
			if lang == "en" {
				text = m[1]
			}
		}
		res.Rows = append(res.Rows, []any{q.S("school_code")[i], q.S("program_code")[i], q.I("grad_year")[i], code, text, q.S("detail")[i]})
	}
	return writeCSV(path, res)
}
