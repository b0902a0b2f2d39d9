//go:build duckdb_arrow

package job

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/vocmap/vocmap/analytics/optimize"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// PlanOptions configures Plan. Zero values take the defaults noted.
type PlanOptions struct {
	Period string
	// Year is the intake year planned; 0: the year after the latest
	// enrollment data.
	Year int
	// TotalChange bounds the total intake within ±TotalChange of the
	// current total (default 0.05).
	TotalChange float64
	// CellChange bounds each cell's change (default 0.30); red cells may
	// go to zero, green and shortage cells are not cut, cells of programs
	// over the active preset's site cap may only shrink.
	CellChange float64
	// ChangePenalty weights Σ|x − current| against the mismatch (default
	// 0.1 per seat).
	ChangePenalty float64
	// BachelorShare is the soft target of vocational-bachelor intake as a
	// share of higher-vocational intake (default 0.15), and BachelorPenalty
	// the cost of each seat short of it (default 10).
	BachelorShare, BachelorPenalty float64
	// BySchool disaggregates the plan to schools in proportion to their
	// current intake.
	BySchool bool
}

func (o *PlanOptions) defaults() {
	if o.TotalChange == 0 {
		o.TotalChange = 0.05
	}
	if o.CellChange == 0 {
		o.CellChange = 0.30
	}
	if o.ChangePenalty == 0 {
		o.ChangePenalty = 0.1
	}
	if o.BachelorShare == 0 {
		o.BachelorShare = 0.15
	}
	if o.BachelorPenalty == 0 {
		o.BachelorPenalty = 10
	}
}

// PlanResult is the proposed intake and why.
type PlanResult struct {
	RunID string
	Year  int
	// Table has program_code, program_name, region_code, level,
	// current_intake, proposed_intake, change, reason (and school_code
	// with BySchool).
	Table                   export.Result
	CurrentTotal, PlanTotal float64
	// BachelorShare before and after, and the shortfall (seats) left.
	BachelorBefore, BachelorAfter, BachelorShortfall float64
	Binding                                          []string
	Shadow                                           map[string]float64
	Cells                                            int
}

// The bands of the reason column follow POLICY.md's defaults (below 0.90
// undersupplied, from 1.50 oversupplied).

// Plan proposes next year's intake by program × city from the period's
// latest run with the linear program of analytics/optimize: each cell's
// target is the intake that would balance its forecast supply and
// openings (current ÷ ratio: graduates grow in step with intake), the
// mismatch and the change are minimised subject to the total within
// ±TotalChange, each cell within ±CellChange (red: down to 0, never up; green or
// feeding a shortage industry: not cut; over the site cap: not grown), a
// city's steady-state enrollment within its schools' capacity where every
// school states one, and the soft target of vocational-bachelor intake.
func Plan(ctx context.Context, w *warehouse.Warehouse, opts PlanOptions) (*PlanResult, error) {
	opts.defaults()
	id, err := LatestRun(ctx, w, opts.Period)
	if err != nil {
		return nil, err
	}
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var snap int64
	if err := conn.QueryRowContext(ctx, `SELECT snapshot_id FROM meta.runs WHERE run_id = ?`, id).Scan(&snap); err != nil {
		return nil, err
	}
	drop, err := snapshotViews(ctx, conn, snap)
	defer drop()
	if err != nil {
		return nil, err
	}
	var last int
	if err := conn.QueryRowContext(ctx, `SELECT CAST(max(year) AS BIGINT) FROM enrollments`).Scan(&last); err != nil {
		return nil, fmt.Errorf("job: plan: %w", err)
	}
	if opts.Year == 0 {
		opts.Year = last + 1
	}
	f, err := warehouse.ReadFrame(ctx, conn, mart("014_plan_cells.sql"), id, last)
	if err != nil {
		return nil, fmt.Errorf("job: sql/014_plan_cells.sql: %w", err)
	}
	n := f.Len()
	if n == 0 {
		return nil, fmt.Errorf("job: plan: no intake in %d", last)
	}
	region, prog, name, level := f.S("region_code"), f.S("program_code"), f.S("program_name"), f.S("level")
	dur, cur, ratio := f.I("duration"), f.F("current_intake"), f.F("ratio")
	signal, reasons, capacity := f.S("signal"), f.S("reasons"), f.F("city_capacity")
	p := optimize.Problem{TotalChange: opts.TotalChange, ChangePenalty: opts.ChangePenalty}
	why := make([]string, n)
	capCoef := map[string]map[int]float64{}
	capMax := map[string]float64{}
	bach := optimize.Soft{Name: "bachelor_share", Coef: map[int]float64{}, Penalty: opts.BachelorPenalty}
	var sumB, sumH float64
	for i := range n {
		c := optimize.Cell{Current: cur[i], Weight: 1, Target: math.NaN(),
			Lower: cur[i] * (1 - opts.CellChange), Upper: cur[i] * (1 + opts.CellChange)}
		if r := ratio[i]; r > 0 && !math.IsInf(r, 0) && !math.IsNaN(r) {
			c.Target = cur[i] / r
		}
		var notes []string
		rs := reasons[i]
		switch {
		case signal[i] == "red":
			c.Lower, c.Upper = 0, cur[i] // may close, never grow
			notes = append(notes, "red")
		case signal[i] == "green" || strings.Contains(rs, "shortage_industry"):
			c.Lower = cur[i]
			notes = append(notes, "not_cut")
		}
		if strings.Contains(rs, "too_many_sites") {
			c.Upper = cur[i]
			notes = append(notes, "site_cap")
		}
		c.Lower = math.Min(c.Lower, c.Upper)
		p.Cells = append(p.Cells, c)
		why[i] = strings.Join(notes, ";")
		if !math.IsNaN(capacity[i]) {
			if capCoef[region[i]] == nil {
				capCoef[region[i]] = map[int]float64{}
			}
			capCoef[region[i]][i] = float64(dur[i])
			capMax[region[i]] += cur[i] * float64(dur[i])
			capMax[region[i]+"#cap"] = capacity[i]
		}
		switch level[i] {
		case "bachelor":
			bach.Coef[i] = 1
			sumB += cur[i]
		case "higher":
			bach.Coef[i] = -opts.BachelorShare
			sumH += cur[i]
		}
	}
	cities := make([]string, 0, len(capCoef))
	for c := range capCoef {
		cities = append(cities, c)
	}
	sort.Strings(cities)
	for _, c := range cities {
		// Steady-state enrollment Σ intake × duration within the schools'
		// capacity; a city already above it may not grow.
		p.Constraints = append(p.Constraints, optimize.Linear{Name: "capacity:" + c, Coef: capCoef[c],
			Min: math.Inf(-1), Max: math.Max(capMax[c+"#cap"], capMax[c])})
	}
	if sumB > 0 && sumH > 0 {
		p.Soft = append(p.Soft, bach)
	}
	sol, err := optimize.Solve(p)
	if err != nil {
		return nil, fmt.Errorf("job: plan: %w", err)
	}
	res := &PlanResult{RunID: id, Year: opts.Year, Binding: sol.Binding, Shadow: sol.Shadow, Cells: n}
	var planB, planH float64
	for i := range n {
		res.CurrentTotal += cur[i]
		res.PlanTotal += sol.X[i]
		switch level[i] {
		case "bachelor":
			planB += sol.X[i]
		case "higher":
			planH += sol.X[i]
		}
	}
	if sumH > 0 {
		res.BachelorBefore, res.BachelorAfter = sumB/sumH, planB/planH
	}
	if len(sol.Shortfall) > 0 {
		res.BachelorShortfall = sol.Shortfall[0]
	}
	bind := map[int][]string{}
	for _, b := range sol.Binding {
		var k int
		if _, err := fmt.Sscanf(b, "cell_lower:%d", &k); err == nil {
			bind[k] = append(bind[k], "at_lower_bound")
		} else if _, err := fmt.Sscanf(b, "cell_upper:%d", &k); err == nil {
			bind[k] = append(bind[k], "at_upper_bound")
		}
	}
	reason := func(i int) string {
		var parts []string
		x := sol.X[i]
		switch r := ratio[i]; {
		case math.IsNaN(r):
		case r >= 1.5:
			parts = append(parts, fmt.Sprintf("oversupplied(ratio=%.2f)", r))
		case r < 0.9:
			parts = append(parts, fmt.Sprintf("undersupplied(ratio=%.2f)", r))
		default:
			parts = append(parts, fmt.Sprintf("balanced(ratio=%.2f)", r))
		}
		if level[i] == "bachelor" && x > cur[i]+0.5 {
			parts = append(parts, "bachelor_share_target")
		}
		if why[i] != "" {
			parts = append(parts, why[i])
		}
		parts = append(parts, bind[i]...)
		return strings.Join(parts, ";")
	}
	if !opts.BySchool {
		res.Table.Columns = []string{"program_code", "program_name", "region_code", "level", "current_intake", "proposed_intake", "change", "reason"}
		for i := range n {
			x := math.Round(sol.X[i])
			res.Table.Rows = append(res.Table.Rows, []any{prog[i], name[i], region[i], level[i], cur[i], x, x - cur[i], reason(i)})
		}
		return res, nil
	}
	// By school: each city cell's proposal shared by the schools' current
	// intake (largest remainder, so the schools add up to the cell).
	rows, err := conn.QueryContext(ctx, `SELECT CASE r.level WHEN 'city' THEN r.region_code ELSE r.parent_code END AS city_code,
			e.program_code, e.school_code, CAST(sum(e.intake) AS DOUBLE)
		FROM enrollments e JOIN schools s USING (school_code) JOIN regions r ON r.region_code = s.region_code
		WHERE e.year = ? AND e.intake > 0 GROUP BY ALL ORDER BY 1, 2, 3`, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type sch struct {
		code   string
		intake float64
	}
	bySchool := map[key2][]sch{}
	for rows.Next() {
		var c, p, s string
		var v float64
		if err := rows.Scan(&c, &p, &s, &v); err != nil {
			return nil, err
		}
		bySchool[key2{c, p}] = append(bySchool[key2{c, p}], sch{s, v})
	}
	res.Table.Columns = []string{"program_code", "program_name", "region_code", "school_code", "level", "current_intake", "proposed_intake", "change", "reason"}
	for i := range n {
		ss := bySchool[key2{region[i], prog[i]}]
		shares := make([]float64, len(ss))
		for k, s := range ss {
			shares[k] = s.intake / cur[i]
		}
		alloc := largestRemainder(math.Round(sol.X[i]), shares)
		for k, s := range ss {
			res.Table.Rows = append(res.Table.Rows, []any{prog[i], name[i], region[i], s.code, level[i], s.intake, alloc[k], alloc[k] - s.intake, reason(i)})
		}
	}
	return res, nil
}

// largestRemainder splits a whole number by shares into whole numbers
// that add up to it.
func largestRemainder(total float64, shares []float64) []float64 {
	out := make([]float64, len(shares))
	type rem struct {
		i int
		r float64
	}
	var rs []rem
	used := 0.0
	for i, s := range shares {
		v := total * s
		out[i] = math.Floor(v)
		used += out[i]
		rs = append(rs, rem{i, v - out[i]})
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].r > rs[b].r })
	for k := 0; k < len(rs) && used < total; k++ {
		out[rs[k].i]++
		used++
	}
	return out
}
