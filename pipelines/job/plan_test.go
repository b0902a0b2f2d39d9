//go:build duckdb_arrow

package job

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/spf13/viper"

	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/optimize"
	"github.com/vocmap/vocmap/config"
)

// configPlan returns the plan options of the default config.
func configPlan(t *testing.T) PlanOptions {
	t.Helper()
	c, _, err := config.Load(viper.New(), config.LoadOptions{LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Plan
	return PlanOptions{Period: testPeriod, TotalChange: p.TotalChange, CellChange: p.CellChange, ChangePenalty: p.ChangePenalty,
		BachelorShare: p.BachelorShare, BachelorPenalty: p.BachelorPenalty}
}

// column returns the values of a column of the plan's table.
func column(t *testing.T, r *PlanResult, name string) []any {
	t.Helper()
	for j, c := range r.Table.Columns {
		if c == name {
			out := make([]any, len(r.Table.Rows))
			for i, row := range r.Table.Rows {
				out[i] = row[j]
			}
			return out
		}
	}
	t.Fatalf("no column %s in %v", name, r.Table.Columns)
	return nil
}

// TestPlanRespectsEveryConstraint: on the Shanxi run the plan keeps the
// total within ±5 %, each cell within ±30 % (red may close but not grow,
// green and shortage cells are not cut, cells over the site cap do not
// grow), and moves the bachelor share toward 15 % without passing it
// unless the bounds allow; by school it adds up to the cells.
func TestPlanRespectsEveryConstraint(t *testing.T) {
	w, _ := baseRun(t)
	res, err := Plan(t.Context(), w, configPlan(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Year != 2026 || res.Cells == 0 {
		t.Fatalf("year %d, %d cells", res.Year, res.Cells)
	}
	if d := res.PlanTotal/res.CurrentTotal - 1; math.Abs(d) > 0.05+1e-3 {
		t.Errorf("total moved %.4f", d)
	}
	col := map[string]int{}
	for i, c := range res.Table.Columns {
		col[c] = i
	}
	cells := map[string]float64{}
	for _, row := range res.Table.Rows {
		cur, x := row[col["current_intake"]].(float64), row[col["proposed_intake"]].(float64)
		reason := row[col["reason"]].(string)
		cells[row[col["program_code"]].(string)+"/"+row[col["region_code"]].(string)] = x
		lo, hi := cur*0.7-1, cur*1.3+1 // rounding to whole seats
		if strings.Contains(reason, "red") {
			lo, hi = 0, cur+0.5
		}
		if strings.Contains(reason, "not_cut") {
			lo = cur - 0.5
		}
		if strings.Contains(reason, "site_cap") {
			hi = cur + 0.5
		}
		if x < lo || x > hi || x < 0 {
			t.Errorf("%v: proposed %v outside [%v, %v]", row[:4], x, lo, hi)
		}
	}
	if !(res.BachelorAfter > res.BachelorBefore) || res.BachelorAfter > 0.15+1e-6 && res.BachelorShortfall > 0 {
		t.Errorf("bachelor share %.4f -> %.4f, shortfall %.1f", res.BachelorBefore, res.BachelorAfter, res.BachelorShortfall)
	}
	if _, ok := res.Shadow["bachelor_share"]; !ok {
		t.Errorf("no shadow price of the bachelor target: %v", res.Shadow)
	}
	po := configPlan(t)
	po.BySchool = true
	bySchool, err := Plan(t.Context(), w, po)
	if err != nil {
		t.Fatal(err)
	}
	sum := map[string]float64{}
	for _, row := range bySchool.Table.Rows {
		sum[row[0].(string)+"/"+row[2].(string)] += row[6].(float64)
	}
	for k, x := range cells {
		if math.Abs(sum[k]-x) > 1e-9 {
			t.Errorf("%s: schools add up to %v, the cell proposes %v", k, sum[k], x)
		}
	}
}

// TestPlanZeroIsZero: each number of the plan set to 0 is 0 (it used to
// become its default: ±5 %, ±30 %, 0.1, 0.15, 10), on the Shanxi run.
func TestPlanZeroIsZero(t *testing.T) {
	w, _ := baseRun(t)
	plan := func(edit func(*PlanOptions)) *PlanResult {
		t.Helper()
		o := configPlan(t)
		edit(&o)
		r, err := Plan(t.Context(), w, o)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	sum := func(r *PlanResult, col string) float64 {
		s := 0.0
		for _, v := range column(t, r, col) {
			s += v.(float64)
		}
		return s
	}
	def := plan(func(*PlanOptions) {})
	// The defaults move the total and the cells, and the bachelor target
	// has a price: else the cases below would prove nothing.
	if sum(def, "proposed_intake") == sum(def, "current_intake") || def.Shadow["bachelor_share"] <= 0 {
		t.Fatalf("default plan: total %v -> %v, bachelor shadow %v", sum(def, "current_intake"), sum(def, "proposed_intake"), def.Shadow["bachelor_share"])
	}

	// total_change 0: the total intake stays exactly as it is, in whole
	// seats too.
	r := plan(func(o *PlanOptions) { o.TotalChange = 0 })
	if cur, got := sum(r, "current_intake"), sum(r, "proposed_intake"); got != cur || math.Abs(r.PlanTotal-r.CurrentTotal) > 1e-6*cur {
		t.Errorf("total_change 0: total %v -> %v seats (solver %v -> %v), want unchanged", cur, got, r.CurrentTotal, r.PlanTotal)
	}

	// cell_change 0: no cell moves but the red ones (down, to close).
	r = plan(func(o *PlanOptions) { o.CellChange = 0 })
	cur, got, reason := column(t, r, "current_intake"), column(t, r, "proposed_intake"), column(t, r, "reason")
	for i := range cur {
		if strings.Contains(reason[i].(string), "red") {
			if got[i].(float64) > cur[i].(float64) {
				t.Errorf("cell_change 0: red row %d grows %v -> %v", i, cur[i], got[i])
			}
		} else if got[i] != cur[i] {
			t.Errorf("cell_change 0: row %d (%s) moves %v -> %v", i, reason[i], cur[i], got[i])
		}
	}

	// bachelor_share 0: no target, so none missed, none priced, no row
	// grown for it.
	r = plan(func(o *PlanOptions) { o.BachelorShare = 0 })
	if r.BachelorShortfall != 0 || r.Shadow["bachelor_share"] != 0 {
		t.Errorf("bachelor_share 0: shortfall %v, shadow %v, want 0", r.BachelorShortfall, r.Shadow["bachelor_share"])
	}
	for i, why := range column(t, r, "reason") {
		if strings.Contains(why.(string), "bachelor_share_target") {
			t.Errorf("bachelor_share 0: row %d reason %s", i, why)
		}
	}

	// bachelor_penalty 0: a seat short of the target costs nothing, so
	// its shadow price (at most the penalty) is 0.
	r = plan(func(o *PlanOptions) { o.BachelorPenalty = 0 })
	if r.Shadow["bachelor_share"] != 0 {
		t.Errorf("bachelor_penalty 0: shadow price %v, want 0", r.Shadow["bachelor_share"])
	}
}

// TestPlanChangePenaltyZero: change_penalty 0 reaches the linear program
// as 0. By hand: cell A has 100 seats and ratio 2/3 (target 150, upper
// bound 130 at ±30 %), cell B 100 seats at ratio 1 (target 100); the total
// may grow 10 % to 220, so A takes the 20 seats and B stays. One more seat
// of total would move A one seat nearer its target (mismatch −1) at a
// change cost of λ: the shadow price of total_max is −(1 − λ), −1 with
// change_penalty 0, −0.9 with 0.1.
func TestPlanChangePenaltyZero(t *testing.T) {
	cells := []planCell{
		{region: "140100", program: "A", level: "higher", current: 100, ratio: 100.0 / 150, capacity: math.NaN(), duration: 3},
		{region: "140100", program: "B", level: "higher", current: 100, ratio: 1, capacity: math.NaN(), duration: 3},
	}
	for _, tc := range []struct{ penalty, shadow float64 }{{0, -1}, {0.1, -0.9}} {
		p, _ := planProblem(cells, PlanOptions{TotalChange: 0.1, CellChange: 0.3, ChangePenalty: tc.penalty})
		if p.ChangePenalty != tc.penalty {
			t.Errorf("change penalty %v reaches the problem as %v", tc.penalty, p.ChangePenalty)
		}
		sol, err := optimize.Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(sol.X[0]-120) > 1e-6 || math.Abs(sol.X[1]-100) > 1e-6 {
			t.Errorf("change penalty %v: plan %v, want [120 100]", tc.penalty, sol.X)
		}
		if s := sol.Shadow["total_max"]; math.Abs(s-tc.shadow) > 1e-6 {
			t.Errorf("change penalty %v: shadow price of total_max %v, want %v", tc.penalty, s, tc.shadow)
		}
	}
}

// TestPlanBands: the reason column reads the bands it is given; with
// oversupply from 1.3 (not 1.5) and balance from 0.8 (not 0.9), on the
// Shanxi run, every row's band agrees with its ratio, and some rows
// between 1.3 and 1.5 are oversupplied.
func TestPlanBands(t *testing.T) {
	b := match.Thresholds{Shortage: 0.6, Slight: 0.8, BalancedHigh: 1.2, SlightHigh: 1.3}
	if got := planBand(1.4, b); got != "oversupplied(ratio=1.40)" {
		t.Errorf("planBand(1.4) = %q", got)
	}
	if got := planBand(0.85, b); got != "balanced(ratio=0.85)" {
		t.Errorf("planBand(0.85) = %q", got)
	}
	if got := planBand(1.4, match.DefaultThresholds()); got != "balanced(ratio=1.40)" {
		t.Errorf("planBand(1.4) with the default bands = %q", got)
	}
	w, _ := baseRun(t)
	o := configPlan(t)
	o.Bands = b
	r, err := Plan(t.Context(), w, o)
	if err != nil {
		t.Fatal(err)
	}
	between := 0
	for _, why := range column(t, r, "reason") {
		var band string
		var ratio float64
		first, _, _ := strings.Cut(why.(string), ";")
		if _, err := fmt.Sscanf(strings.NewReplacer("(ratio=", " ", ")", "").Replace(first), "%s %g", &band, &ratio); err != nil {
			continue // no ratio
		}
		if ratio == 1.3 || ratio == 0.8 {
			continue // rounded to two places: either side
		}
		want := "balanced"
		switch {
		case ratio > 1.3:
			want = "oversupplied"
		case ratio < 0.8:
			want = "undersupplied"
		}
		if band != want {
			t.Errorf("%s: band %s, want %s", why, band, want)
		}
		if ratio > 1.3 && ratio < 1.5 {
			between++
		}
	}
	if between == 0 {
		t.Error("no row between 1.3 and 1.5: the test proves nothing")
	}
}

func TestWholeSeats(t *testing.T) {
	// 3 × 33.4 = 100.2: rounding each gives 99, whole seats keep 100.
	got := wholeSeats([]float64{33.4, 33.4, 33.4})
	if got[0]+got[1]+got[2] != 100 {
		t.Errorf("wholeSeats = %v, want a total of 100", got)
	}
	// Solver noise is no remainder.
	if got := wholeSeats([]float64{119.9999999, 80.0000001}); got[0] != 120 || got[1] != 80 {
		t.Errorf("wholeSeats = %v, want [120 80]", got)
	}
}

func TestLargestRemainder(t *testing.T) {
	got := largestRemainder(10, []float64{0.5, 0.3, 0.2 - 1e-12})
	if got[0]+got[1]+got[2] != 10 || got[0] != 5 || got[1] != 3 {
		t.Errorf("largestRemainder = %v", got)
	}
	got = largestRemainder(7, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3})
	if got[0]+got[1]+got[2] != 7 {
		t.Errorf("largestRemainder = %v", got)
	}
}
