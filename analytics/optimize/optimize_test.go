package optimize

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

var (
	inf = math.Inf(1)
	nan = math.NaN()
)

// cell returns a cell without bounds other than x ≥ 0.
func cell(current, target, weight float64) Cell {
	return Cell{Current: current, Target: target, Weight: weight, Upper: inf}
}

func TestSolveHand(t *testing.T) {
	// Each case is a small LP solved by hand in its comment; X, Objective,
	// Shortfall, Binding and Shadow must match within 1e-9 (relative).
	cases := []struct {
		name      string
		p         Problem
		x         []float64
		objective float64
		shortfall []float64
		binding   []string
		shadow    map[string]float64
	}{
		{
			// min |x0 − 150| + 2|x1 − 120| s.t. 190 ≤ x0 + x1 ≤ 210
			// (Σ Current = 200, TotalChange 5 %). The targets sum to
			// 270, so 60 must go; cell 0 is the cheaper to cut (1 per
			// student against 2): x = (90, 120), objective 60. One more
			// student allowed lets x0 = 91: the objective falls by 1, so
			// total_max has shadow price −1.
			name: "total bound binds",
			p: Problem{
				Cells:       []Cell{cell(100, 150, 1), cell(100, 120, 2)},
				TotalChange: 0.05,
			},
			x: []float64{90, 120}, objective: 60, shortfall: []float64{},
			binding: []string{"total_max"},
			shadow:  map[string]float64{"total_max": -1, "total_min": 0},
		},
		{
			// As above with λ = 0.5: f0 = |x0 − 150| + 0.5|x0 − 100|,
			// f1 = 2|x1 − 120| + 0.5|x1 − 100|. From x = Current (cost
			// 50 + 40 = 90) each student added to cell 0 saves
			// 1 − 0.5 = 0.5, to cell 1 saves 2 − 0.5 = 1.5 (up to 120).
			// The 10 students the total allows go to cell 1:
			// x = (100, 110), objective 50 + (20 + 5) = 75, shadow price
			// of total_max −1.5.
			name: "total bound with change penalty",
			p: Problem{
				Cells:         []Cell{cell(100, 150, 1), cell(100, 120, 2)},
				TotalChange:   0.05,
				ChangePenalty: 0.5,
			},
			x: []float64{100, 110}, objective: 75, shortfall: []float64{},
			binding: []string{"total_max"},
			shadow:  map[string]float64{"total_max": -1.5, "total_min": 0},
		},
		{
			// A city's schools take 300: x0 + x1 + x2 ≤ 300, targets
			// 120 + 150 + 90 = 360, weights 3, 1, 2. Cut the 60 from
			// cell 1 (weight 1): x = (120, 90, 90), objective 60; one
			// more place saves 1, shadow price −1.
			name: "capacity binds",
			p: Problem{
				Cells:       []Cell{cell(100, 120, 3), cell(100, 150, 1), cell(100, 90, 2)},
				TotalChange: -1,
				Constraints: []Linear{AtMost("taiyuan", map[int]float64{0: 1, 1: 1, 2: 1}, 300)},
			},
			x: []float64{120, 90, 90}, objective: 60, shortfall: []float64{},
			binding: []string{"taiyuan:max"},
			shadow:  map[string]float64{"taiyuan:max": -1},
		},
		{
			// As above with a floor x0 ≥ 130: x0 = 130 costs 3·10 = 30
			// and leaves 170 for cells 1 and 2; cell 1 is cut to 80
			// (cost 70). Objective 100. Raising the floor by 1 costs 3
			// in cell 0 and 1 in cell 1: shadow price 4; one more place
			// in the city saves 1.
			name: "capacity and floor",
			p: Problem{
				Cells:       []Cell{cell(100, 120, 3), cell(100, 150, 1), cell(100, 90, 2)},
				TotalChange: -1,
				Constraints: []Linear{
					AtMost("taiyuan", map[int]float64{0: 1, 1: 1, 2: 1}, 300),
					AtLeast("floor", map[int]float64{0: 1}, 130),
				},
			},
			x: []float64{130, 80, 90}, objective: 100, shortfall: []float64{},
			binding: []string{"floor:min", "taiyuan:max"},
			shadow:  map[string]float64{"taiyuan:max": -1, "floor:min": 4},
		},
		{
			// Soft target x0 − 0.15·x1 ≥ 0 (vocational bachelor at least
			// 15 % of higher vocational) with penalty 2. At the targets
			// (100, 1000) the shortfall is 50. Raising x0 costs 1 and
			// saves 2 per student; cutting x1 costs 1 and saves only
			// 0.15·2 = 0.3. So x0 = 150, x1 = 1000, objective 50, no
			// shortfall; raising Min by 1 costs one more student in
			// cell 0: shadow price 1. The target is met exactly, so it
			// binds.
			name: "soft target met",
			p: Problem{
				Cells:       []Cell{cell(100, 100, 1), cell(1000, 1000, 1)},
				TotalChange: -1,
				Soft:        []Soft{{Name: "bachelor_share", Coef: map[int]float64{0: 1, 1: -0.15}, Min: 0, Penalty: 2}},
			},
			x: []float64{150, 1000}, objective: 50, shortfall: []float64{0},
			binding: []string{"bachelor_share"},
			shadow:  map[string]float64{"bachelor_share": 1},
		},
		{
			// As above but x0 ≤ 120: x0 = 120 costs 20 and leaves a
			// shortfall of 150 − 120 = 30 at 2 each, objective 80.
			// Raising Min by 1 adds a unit of shortfall: shadow price 2.
			name: "soft target with shortfall",
			p: Problem{
				Cells:       []Cell{{Current: 100, Target: 100, Weight: 1, Upper: 120}, cell(1000, 1000, 1)},
				TotalChange: -1,
				Soft:        []Soft{{Name: "bachelor_share", Coef: map[int]float64{0: 1, 1: -0.15}, Min: 0, Penalty: 2}},
			},
			x: []float64{120, 1000}, objective: 80, shortfall: []float64{30},
			binding: []string{"bachelor_share", "cell_upper:0"},
			shadow:  map[string]float64{"bachelor_share": 2},
		},
		{
			// A penalty of 0.5 is below the cost of a student in either
			// cell, so the targets stand and the shortfall is 50:
			// objective 25, shadow price 0.5.
			name: "soft target not worth meeting",
			p: Problem{
				Cells:       []Cell{cell(100, 100, 1), cell(1000, 1000, 1)},
				TotalChange: -1,
				Soft:        []Soft{{Name: "bachelor_share", Coef: map[int]float64{0: 1, 1: -0.15}, Min: 0, Penalty: 0.5}},
			},
			x: []float64{100, 1000}, objective: 25, shortfall: []float64{50},
			binding: []string{"bachelor_share"},
			shadow:  map[string]float64{"bachelor_share": 0.5},
		},
		{
			// Oversupply: cell 0's target is 50, cell 1 has none, λ = 0.1,
			// total at least 190. Alone, cell 0 would fall to 50 and cell
			// 1 stay at 100, 40 short of the minimum. Adding to cell 0
			// costs 1 − 0.1 = 0.9 per student, to cell 1 (no upper bound)
			// 0.1: x = (50, 140), objective 0.1·50 + 0.1·40 = 9, shadow
			// price of total_min 0.1.
			name: "total minimum with unbounded cell",
			p: Problem{
				Cells:         []Cell{cell(100, 50, 1), cell(100, nan, 7)},
				TotalChange:   0.05,
				ChangePenalty: 0.1,
			},
			x: []float64{50, 140}, objective: 9, shortfall: []float64{},
			binding: []string{"total_min"},
			shadow:  map[string]float64{"total_max": 0, "total_min": 0.1},
		},
		{
			// A fixed cell (Lower = Upper = 80) and a cell whose bounds
			// cut it off its target: x1 ≤ 110 < 130. Objective
			// 2·|80 − 90| + 1·|110 − 130| = 40.
			name: "fixed and capped cells",
			p: Problem{
				Cells: []Cell{
					{Current: 80, Target: 90, Weight: 2, Lower: 80, Upper: 80},
					{Current: 100, Target: 130, Weight: 1, Lower: 90, Upper: 110},
				},
				TotalChange: -1,
			},
			x: []float64{80, 110}, objective: 40, shortfall: []float64{},
			binding: []string{"cell_lower:0", "cell_upper:0", "cell_upper:1"},
			shadow:  map[string]float64{},
		},
		{
			// Equality x0 + x1 = 200 with targets 150 and 120 and weights
			// 1 and 2: cut 70 from cell 0, x = (80, 120), objective 70.
			// One more student required saves 1: the ":min" side has
			// shadow price −1 and the ":max" side 0 (or any split with
			// the same sum; the test accepts the sum).
			name: "equality",
			p: Problem{
				Cells:       []Cell{cell(100, 150, 1), cell(100, 120, 2)},
				TotalChange: -1,
				Constraints: []Linear{{Name: "fixed_total", Coef: map[int]float64{0: 1, 1: 1}, Min: 200, Max: 200}},
			},
			x: []float64{80, 120}, objective: 70, shortfall: []float64{},
			binding: []string{"fixed_total:max", "fixed_total:min"},
			shadow:  map[string]float64{"fixed_total:min+max": -1},
		},
		{
			// No weights and no change penalty: nothing is at stake, and
			// every cell keeps its current intake, clamped to its bounds.
			name: "nothing at stake",
			p: Problem{
				Cells:       []Cell{cell(100, nan, 0), {Current: 100, Target: 70, Weight: 0, Lower: 0, Upper: 60}},
				TotalChange: -1,
			},
			x: []float64{100, 60}, objective: 0, shortfall: []float64{},
			binding: []string{"cell_upper:1"},
			shadow:  map[string]float64{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sol, err := Solve(c.p)
			if err != nil {
				t.Fatal(err)
			}
			if !closeSlice(sol.X, c.x, 1e-9) {
				t.Errorf("X = %v, want %v", sol.X, c.x)
			}
			if !approx(sol.Objective, c.objective, 1e-9) {
				t.Errorf("Objective = %v, want %v", sol.Objective, c.objective)
			}
			if !closeSlice(sol.Shortfall, c.shortfall, 1e-9) {
				t.Errorf("Shortfall = %v, want %v", sol.Shortfall, c.shortfall)
			}
			if !slices.Equal(sol.Binding, c.binding) {
				t.Errorf("Binding = %q, want %q", sol.Binding, c.binding)
			}
			for k, want := range c.shadow {
				got, ok := sol.Shadow[k]
				if a, b, sum := strings.Cut(k, "+"); sum {
					// The sum of the two sides of an equality.
					got, ok = sol.Shadow[a]+sol.Shadow[strings.TrimSuffix(a, ":min")+":"+b], true
				}
				if !ok || !approx(got, want, 1e-9) {
					t.Errorf("Shadow[%s] = %v, want %v (all: %v)", k, got, want, sol.Shadow)
				}
			}
			if got := sol.MismatchCost + sol.ChangeCost + sol.ShortfallCost; !approx(got, sol.Objective, 1e-12) {
				t.Errorf("parts sum to %v, Objective = %v", got, sol.Objective)
			}
		})
	}
}

func TestSolveInfeasible(t *testing.T) {
	cases := []struct {
		name string
		p    Problem
		want []string // the constraints named
		text string
	}{
		{
			// Σ Lower = 220 > 1.05 × 200 = 210.
			name: "lower bounds above total",
			p: Problem{
				Cells:       []Cell{{Current: 100, Lower: 100, Upper: inf}, {Current: 100, Lower: 120, Upper: inf}},
				TotalChange: 0.05,
			},
			want: []string{"total_max"},
			text: "Σ Lower = 220 exceeds (1 + 0.05) × Σ Current = 210",
		},
		{
			// Σ Upper = 150 < 0.95 × 200 = 190.
			name: "upper bounds below total",
			p: Problem{
				Cells:       []Cell{{Current: 100, Upper: 100}, {Current: 100, Upper: 50}},
				TotalChange: 0.05,
			},
			want: []string{"total_min"},
			text: "Σ Upper = 150 is below",
		},
		{
			// x0 ≤ 40 but the floor wants 2·x0 ≥ 100.
			name: "floor above bound",
			p: Problem{
				Cells:       []Cell{{Current: 30, Upper: 40}, cell(10, nan, 0)},
				TotalChange: -1,
				Constraints: []Linear{AtLeast("floor", map[int]float64{0: 2}, 100)},
			},
			want: []string{"floor:min"},
			text: "greatest value the cells' bounds allow is 80, below the minimum 100",
		},
		{
			// Each side is feasible alone; together x0 + x1 ≥ 300 and
			// x0 + x1 ≤ 250 are not.
			name: "two constraints in conflict",
			p: Problem{
				Cells:       []Cell{cell(100, 100, 1), cell(100, 100, 1)},
				TotalChange: -1,
				Constraints: []Linear{
					AtLeast("a", map[int]float64{0: 1, 1: 1}, 300),
					AtMost("b", map[int]float64{0: 1, 1: 1}, 250),
				},
			},
			want: []string{"a:min", "b:max"},
			text: "cannot all be met",
		},
		{
			// The total allows at most 105 but the floor wants 2·x0 ≥ 300
			// with x0 ≤ Σ x.
			name: "total and floor in conflict",
			p: Problem{
				Cells:       []Cell{cell(50, 60, 1), cell(50, 40, 1)},
				TotalChange: 0.05,
				Constraints: []Linear{AtLeast("floor", map[int]float64{0: 2}, 300)},
			},
			want: []string{"floor:min", "total_max"},
			text: "cannot all be met",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Solve(c.p)
			var ie *InfeasibleError
			if !errors.Is(err, ErrInfeasible) || !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *InfeasibleError", err)
			}
			got := slices.Sorted(slices.Values(ie.Constraints))
			if !slices.Equal(got, c.want) {
				t.Errorf("constraints %q, want %q", got, c.want)
			}
			if !strings.Contains(err.Error(), c.text) || !strings.HasPrefix(err.Error(), "optimize: infeasible: ") {
				t.Errorf("error %q does not contain %q", err, c.text)
			}
		})
	}
}

func TestSolveInvalid(t *testing.T) {
	ok := Cell{Current: 100, Target: 100, Weight: 1, Upper: inf}
	with := func(f func(*Cell)) []Cell {
		c := ok
		f(&c)
		return []Cell{ok, c}
	}
	cases := []struct {
		name string
		p    Problem
		want string
	}{
		{"no cells", Problem{}, "no cells"},
		{"NaN current", Problem{Cells: with(func(c *Cell) { c.Current = nan })}, "cell 1: Current = NaN"},
		{"negative current", Problem{Cells: with(func(c *Cell) { c.Current = -1 })}, "cell 1: Current = -1"},
		{"negative target", Problem{Cells: with(func(c *Cell) { c.Target = -5 })}, "cell 1: Target = -5"},
		{"infinite target", Problem{Cells: with(func(c *Cell) { c.Target = inf })}, "cell 1: Target = +Inf"},
		{"NaN weight", Problem{Cells: with(func(c *Cell) { c.Weight = nan })}, "cell 1: Weight = NaN"},
		{"negative lower", Problem{Cells: with(func(c *Cell) { c.Lower = -1 })}, "cell 1: Lower = -1"},
		{"lower above upper", Problem{Cells: with(func(c *Cell) { c.Lower, c.Upper = 10, 5 })}, "cell 1: Lower = 10 exceeds Upper = 5"},
		{"NaN upper", Problem{Cells: with(func(c *Cell) { c.Upper = nan })}, "cell 1: Upper = NaN"},
		{"NaN total change", Problem{Cells: with(func(*Cell) {}), TotalChange: nan}, "TotalChange = NaN"},
		{"negative change penalty", Problem{Cells: with(func(*Cell) {}), ChangePenalty: -1}, "ChangePenalty = -1"},
		{"unknown cell", Problem{Cells: with(func(*Cell) {}),
			Constraints: []Linear{AtMost("cap", map[int]float64{0: 1, 7: 1}, 10)}}, `constraint "cap": coefficient of cell 7: no such cell (2 cells)`},
		{"NaN coefficient", Problem{Cells: with(func(*Cell) {}),
			Soft: []Soft{{Name: "share", Coef: map[int]float64{1: nan}, Penalty: 1}}}, `soft target "share": coefficient of cell 1 = NaN`},
		{"min above max", Problem{Cells: with(func(*Cell) {}),
			Constraints: []Linear{{Name: "cap", Coef: map[int]float64{0: 1}, Min: 5, Max: 4}}}, `constraint "cap": Min = 5 exceeds Max = 4`},
		{"no side", Problem{Cells: with(func(*Cell) {}),
			Constraints: []Linear{{Name: "cap", Coef: map[int]float64{0: 1}, Min: math.Inf(-1), Max: inf}}}, `constraint "cap": neither Min nor Max`},
		{"unnamed", Problem{Cells: with(func(*Cell) {}),
			Constraints: []Linear{AtMost("", map[int]float64{0: 1}, 4)}}, "constraint without a name"},
		{"duplicate name", Problem{Cells: with(func(*Cell) {}),
			Constraints: []Linear{AtMost("cap", map[int]float64{0: 1}, 4), AtMost("cap", map[int]float64{1: 1}, 4)}}, `constraint "cap": the name "cap:max" is already taken`},
		{"reserved name", Problem{Cells: with(func(*Cell) {}),
			Soft: []Soft{{Name: "total_max", Coef: map[int]float64{0: 1}, Penalty: 1}}}, `soft target "total_max": the name "total_max" is already taken`},
		{"negative penalty", Problem{Cells: with(func(*Cell) {}),
			Soft: []Soft{{Name: "share", Coef: map[int]float64{0: 1}, Penalty: -2}}}, `soft target "share": Penalty = -2`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Solve(c.p)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrInvalid containing %q", err, c.want)
			}
		})
	}

	// All errors are reported, not only the first.
	_, err := Solve(Problem{Cells: []Cell{{Current: -1, Weight: nan, Upper: inf}, {Lower: 3, Upper: 2}}})
	for _, want := range []string{"cell 0: Current", "cell 0: Weight", "cell 1: Lower = 3 exceeds"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	}
}

func approx(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(a), math.Abs(b))
}

func closeSlice(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !approx(a[i], b[i], tol) {
			return false
		}
	}
	return true
}
