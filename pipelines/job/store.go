//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// store writes the run's results in one transaction: all of them, or
// none. It returns the data-quality findings it stored.
func (m *model) store(ctx context.Context, conn *sql.Conn, snap int64, started time.Time) (*warehouse.Frame, error) {
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return nil, err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	id := m.runID
	if _, err := conn.ExecContext(ctx, `INSERT INTO results.runs (run_id, period, snapshot_id, preset, base_year, horizon, started_at, finished_at, options)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, m.opts.Period, snap, m.opts.Preset.Name, m.baseYear(), m.opts.Horizon,
		started.UTC(), m.opts.Now().UTC(), optionsJSON(m.opts)); err != nil {
		return nil, fmt.Errorf("job: record the run: %w", err)
	}
	frames := []struct {
		table string
		f     *warehouse.Frame
	}{
		{"results.demand", m.demandFrame()},
		{"results.supply", m.supplyFrame()},
		{"results.match_industry", m.matchFrame()},
		{"results.programs", m.programsFrame()},
		{"results.contributions", m.contributionsFrame()},
		{"results.preset_signals", m.presetFrame()},
		{"results.warnings", m.warningsFrame()},
		{"results.data_quality", m.qualityFrame()},
	}
	for _, t := range frames {
		if err := warehouse.WriteFrame(ctx, conn, t.table, t.f); err != nil {
			return nil, err
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return nil, fmt.Errorf("job: commit the run: %w", err)
	}
	done = true
	return frames[len(frames)-1].f, nil
}

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
		"demand_growth:f", "plan_priority:f", "score:f", "signal", "reasons")
	for _, r := range m.rows {
		v := r.verdicts[m.opts.Preset.Name]
		b.add(m.runID, r.scope, r.region, r.school, r.program, r.level, r.supply, r.openings, r.ratio, r.band,
			r.prob, r.ind[1], r.ind[2], r.ind[3], r.ind[4], r.ind[5], r.ind[6], r.ind[7], r.score, string(v.Signal), strings.Join(v.Reasons, ";"))
	}
	return &b.f
}

func (m *model) contributionsFrame() *warehouse.Frame {
	b := newFrame("run_id", "scope", "region_code", "school_code", "program_code", "indicator", "value:f", "weight:f", "contribution:f")
	for _, r := range m.rows {
		for j, name := range Indicators {
			b.add(m.runID, r.scope, r.region, r.school, r.program, name, r.ind[j], r.weights[j], r.contrib[j])
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
		"computed_signal", "override_reason", "city_code")
	for _, p := range m.published {
		r := p.row
		b.add(m.runID, m.opts.Period, r.scope, r.region, r.school, r.program, r.name, r.level, p.Signal,
			rules.Signal(p.Signal).Recommendation(), capRatio(r.ratio), r.ind[1], r.score, strings.Join(p.Reasons, ";"),
			m.reasonsText(p, "zh"), m.reasonsText(p, "en"), p.Computed, p.OverrideReason, r.city)
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
			Recommendation: rules.Signal(p.Signal).Recommendation(), SupplyDemandRatio: capRatio(r.ratio),
			PlacementRate: r.ind[1], Score: r.score, Reasons: strings.Join(p.Reasons, ";"), ReasonsText: m.reasonsText(p, lang)})
	}
	return out
}

// MaxRatio caps a supply–demand ratio in the outputs: a program whose
// industries have no openings at all has an infinite ratio, which the
// export formats cannot carry.
const MaxRatio = 999

func capRatio(r float64) float64 {
	if math.IsInf(r, 1) || r > MaxRatio {
		return MaxRatio
	}
	return r
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
func writeDataQuality(path string, q *warehouse.Frame, lang string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteString("\ufeff"); err != nil {
		f.Close()
		return err
	}
	res := export.Result{Columns: []string{"school_code", "program_code", "grad_year", "check_code", "detail"}}
	for i := range q.Len() {
		res.Rows = append(res.Rows, []any{q.S("school_code")[i], q.S("program_code")[i], q.I("grad_year")[i], q.S("check_code")[i], q.S("detail")[i]})
	}
	if err := export.WriteResult(f, res, export.FormatCSV); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
