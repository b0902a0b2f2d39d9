//go:build duckdb_arrow

package job

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/optimize"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// PlanOptions configures Plan. Every number is used as given: 0 is 0
// (cmd fills them from config's plan section, whose defaults are in
// config/defaults.yaml).
type PlanOptions struct {
	Period string
	// Year is the intake year planned; 0: the year after the latest
	// enrollment data.
	Year int
	// TotalChange bounds the total intake within ±TotalChange of the
	// current total, in [0,1]; 0 keeps the total exactly.
	TotalChange float64
	// CellChange bounds each cell's change, in [0,1]: red cells may go to
	// zero, green and shortage cells are not cut, cells of programs over
	// the active preset's site cap may only shrink; 0 holds every cell
	// but the red ones.
	CellChange float64
	// ChangePenalty weights Σ|x − current| against the mismatch (per
	// seat, ≥ 0); 0: change costs nothing, only the mismatch counts.
	ChangePenalty float64
	// BachelorShare is the soft target of vocational-bachelor intake as a
	// share of higher-vocational intake, in [0,1] (0: no target), and
	// BachelorPenalty the cost of each seat short of it (≥ 0; 0: missing
	// the target costs nothing).
	BachelorShare, BachelorPenalty float64
	// Bands are the supply–demand bands of the reason column
	// (undersupplied below Slight, oversupplied from SlightHigh): the
	// run's bands, config's match section. The zero value means
	// match.DefaultThresholds.
	Bands match.Thresholds
	// BySchool disaggregates the plan to schools in proportion to their
	// current intake.
	BySchool bool
}

// check reports options outside their ranges; a negative TotalChange
// would lift the total bound altogether (optimize.Problem).
func (o *PlanOptions) check() error {
	var errs []error
	for _, f := range []struct {
		name   string
		x, max float64
	}{{"total change", o.TotalChange, 1}, {"cell change", o.CellChange, 1}, {"bachelor share", o.BachelorShare, 1},
		{"change penalty", o.ChangePenalty, math.Inf(1)}, {"bachelor penalty", o.BachelorPenalty, math.Inf(1)}} {
		if !(f.x >= 0 && f.x <= f.max) {
			errs = append(errs, fmt.Errorf("job: plan: %s %v: must be between 0 and %v", f.name, f.x, f.max))
		}
	}
	if o.Bands == (match.Thresholds{}) {
		o.Bands = match.DefaultThresholds()
	}
	if err := o.Bands.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("job: plan: %w", err))
	}
	return errors.Join(errs...)
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

// planCell is one program in one city, as sql/014_plan_cells.sql gives it.
type planCell struct {
	region, program, level, signal, reasons string
	duration                                int
	current, ratio                          float64
	capacity                                float64 // the city's; NaN: unknown
}

// planProblem builds the linear program of the cells under o, and says
// for each cell which rule bounds it ("red", "not_cut", "site_cap").
func planProblem(cells []planCell, o PlanOptions) (optimize.Problem, []string) {
	p := optimize.Problem{TotalChange: o.TotalChange, ChangePenalty: o.ChangePenalty}
	why := make([]string, len(cells))
	capCoef := map[string]map[int]float64{}
	capMax := map[string]float64{}
	capacity := map[string]float64{}
	bach := optimize.Soft{Name: "bachelor_share", Coef: map[int]float64{}, Penalty: o.BachelorPenalty}
	var sumB, sumH float64
	for i, cl := range cells {
		cur := cl.current
		c := optimize.Cell{Current: cur, Weight: 1, Target: math.NaN(),
			Lower: cur * (1 - o.CellChange), Upper: cur * (1 + o.CellChange)}
		if r := cl.ratio; r > 0 && !math.IsInf(r, 0) && !math.IsNaN(r) {
			c.Target = cur / r
		}
		var notes []string
		switch {
		case cl.signal == "red":
			c.Lower, c.Upper = 0, cur // may close, never grow
			notes = append(notes, "red")
		case cl.signal == "green" || strings.Contains(cl.reasons, "shortage_industry"):
			c.Lower = cur
			notes = append(notes, "not_cut")
		}
		if strings.Contains(cl.reasons, "too_many_sites") {
			c.Upper = cur
			notes = append(notes, "site_cap")
		}
		c.Lower = math.Min(c.Lower, c.Upper)
		p.Cells = append(p.Cells, c)
		why[i] = strings.Join(notes, ";")
		if !math.IsNaN(cl.capacity) {
			if capCoef[cl.region] == nil {
				capCoef[cl.region] = map[int]float64{}
			}
			capCoef[cl.region][i] = float64(cl.duration)
			capMax[cl.region] += cur * float64(cl.duration)
			capacity[cl.region] = cl.capacity
		}
		switch cl.level {
		case "bachelor":
			bach.Coef[i] = 1
			sumB += cur
		case "higher":
			bach.Coef[i] = -o.BachelorShare
			sumH += cur
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
			Min: math.Inf(-1), Max: math.Max(capacity[c], capMax[c])})
	}
	if sumB > 0 && sumH > 0 {
		p.Soft = append(p.Soft, bach)
	}
	return p, why
}

// planBand names the band of a cell's ratio for the reason column, by the
// bands b: undersupplied below b.Slight, oversupplied from b.SlightHigh,
// balanced between ("" for an unknown ratio).
func planBand(r float64, b match.Thresholds) string {
	switch {
	case math.IsNaN(r):
		return ""
	case r >= b.SlightHigh:
		return fmt.Sprintf("oversupplied(ratio=%.2f)", r)
	case r < b.Slight:
		return fmt.Sprintf("undersupplied(ratio=%.2f)", r)
	}
	return fmt.Sprintf("balanced(ratio=%.2f)", r)
}

// Plan proposes next year's intake by program × city from the period's
// latest run with the linear program of analytics/optimize: each cell's
// target is the intake that would balance its forecast supply and
// openings (current ÷ ratio: graduates grow in step with intake), the
// mismatch and the change are minimised subject to the total within
// ±TotalChange, each cell within ±CellChange (red: down to 0, never up; green or
// feeding a shortage industry: not cut; over the site cap: not grown), a
// city's steady-state enrollment within its schools' capacity where every
// school states one, and the soft target of vocational-bachelor intake.
// The proposals are whole seats that add up to the plan's total rounded
// (so that a total held by TotalChange stays held).
func Plan(ctx context.Context, w *warehouse.Warehouse, opts PlanOptions) (*PlanResult, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
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
	rows, err := warehouse.ReadRows[planCellRow](ctx, conn, mart("014_plan_cells.sql"), id, last)
	if err != nil {
		return nil, fmt.Errorf("job: sql/014_plan_cells.sql: %w", err)
	}
	n := len(rows)
	if n == 0 {
		return nil, fmt.Errorf("job: plan: no intake in %d", last)
	}
	region, prog, name, level := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	cur, ratio := make([]float64, n), make([]float64, n)
	cells := make([]planCell, n)
	for i, r := range rows {
		region[i], prog[i], name[i], level[i], cur[i], ratio[i] = r.Region, r.Program, r.Name, r.Level, r.Intake, orNaN(r.Ratio)
		cells[i] = planCell{region: r.Region, program: r.Program, level: r.Level, signal: r.Signal, reasons: r.Reasons,
			duration: int(r.Duration), current: r.Intake, ratio: ratio[i], capacity: orNaN(r.CityCapacity)}
	}
	p, why := planProblem(cells, opts)
	sol, err := optimize.Solve(p)
	if err != nil {
		return nil, fmt.Errorf("job: plan: %w", err)
	}
	res := &PlanResult{RunID: id, Year: opts.Year, Binding: sol.Binding, Shadow: sol.Shadow, Cells: n}
	var sumB, sumH, planB, planH float64
	for i := range n {
		res.CurrentTotal += cur[i]
		res.PlanTotal += sol.X[i]
		switch level[i] {
		case "bachelor":
			sumB += cur[i]
			planB += sol.X[i]
		case "higher":
			sumH += cur[i]
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
	seats := wholeSeats(sol.X)
	reason := func(i int) string {
		var parts []string
		if b := planBand(ratio[i], opts.Bands); b != "" {
			parts = append(parts, b)
		}
		if level[i] == "bachelor" && opts.BachelorShare > 0 && sol.X[i] > cur[i]+0.5 {
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
			x := seats[i]
			res.Table.Rows = append(res.Table.Rows, []any{prog[i], name[i], region[i], level[i], cur[i], x, x - cur[i], reason(i)})
		}
		return res, nil
	}
	// By school: each city cell's proposal shared by the schools' current
	// intake (largest remainder, so the schools add up to the cell).
	schools, err := warehouse.ReadRows[planSchoolRow](ctx, conn, mart("015_plan_schools.sql"), last)
	if err != nil {
		return nil, fmt.Errorf("job: sql/015_plan_schools.sql: %w", err)
	}
	type sch struct {
		code   string
		intake float64
	}
	bySchool := map[key2][]sch{}
	for _, s := range schools {
		k := key2{s.City, s.Program}
		bySchool[k] = append(bySchool[k], sch{s.School, s.Intake})
	}
	res.Table.Columns = []string{"program_code", "program_name", "region_code", "school_code", "level", "current_intake", "proposed_intake", "change", "reason"}
	for i := range n {
		ss := bySchool[key2{region[i], prog[i]}]
		shares := make([]float64, len(ss))
		for k, s := range ss {
			shares[k] = s.intake / cur[i]
		}
		alloc := largestRemainder(seats[i], shares)
		for k, s := range ss {
			res.Table.Rows = append(res.Table.Rows, []any{prog[i], name[i], region[i], s.code, level[i], s.intake, alloc[k], alloc[k] - s.intake, reason(i)})
		}
	}
	return res, nil
}

// wholeSeats rounds intakes to whole seats that add up to their total
// rounded: each x down, then one more seat to the largest remainders
// (Hamilton's method), so that rounding moves no total bound.
func wholeSeats(x []float64) []float64 {
	total := 0.0
	for _, v := range x {
		total += v
	}
	out := make([]float64, len(x))
	type rem struct {
		i int
		r float64
	}
	rs := make([]rem, len(x))
	used := 0.0
	for i, v := range x {
		// Solver noise: 119.9999999 is 120.
		if r := math.Round(v); math.Abs(v-r) < 1e-6 {
			v = r
		}
		out[i] = math.Floor(v)
		used += out[i]
		rs[i] = rem{i, v - out[i]}
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].r > rs[b].r })
	for k := 0; k < len(rs) && used < math.Round(total); k++ {
		out[rs[k].i]++
		used++
	}
	return out
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
