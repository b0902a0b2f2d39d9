package optimize

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// fuzzProblem builds a problem from floats: TotalChange, ChangePenalty,
// then per cell Current, Target, Weight, Lower, Upper and its coefficients
// in a Linear constraint and a Soft target, then Min and Max of the
// Linear and Min and Penalty of the Soft. mask picks which constraints
// exist.
func fuzzProblem(v []float64, nc, mask uint8) Problem {
	next := func() float64 {
		if len(v) == 0 {
			return 0
		}
		x := v[0]
		v = v[1:]
		return x
	}
	p := Problem{TotalChange: next(), ChangePenalty: next()}
	n := 1 + int(nc%6)
	lin, soft := map[int]float64{}, map[int]float64{}
	for i := range n {
		p.Cells = append(p.Cells, Cell{Current: next(), Target: next(), Weight: next(), Lower: next(), Upper: next()})
		if a := next(); a != 0 {
			lin[i] = a
		}
		if a := next(); a != 0 {
			soft[i] = a
		}
	}
	if mask&1 != 0 {
		p.Constraints = append(p.Constraints, Linear{Name: "lin", Coef: lin, Min: next(), Max: next()})
	}
	if mask&2 != 0 {
		p.Soft = append(p.Soft, Soft{Name: "soft", Coef: soft, Min: next(), Penalty: next()})
	}
	if mask&4 != 0 {
		p.Constraints = append(p.Constraints, Linear{Name: "bad", Coef: map[int]float64{int(nc) - 3: 1}, Min: 0, Max: 1})
	}
	return p
}

// FuzzSolve checks that no input makes Solve panic or hang, that errors
// are the package's, and that a plan it returns is within the bounds,
// meets the hard constraints and costs what it reports.
func FuzzSolve(f *testing.F) {
	f.Add(fuzzdata.Bytes(0.05, 0.5, 100, 150, 1, 0, math.Inf(1), 1, 1, 100, 120, 2, 0, math.Inf(1), 1, -0.15, math.Inf(-1), 210, 0, 2), uint8(1), uint8(3))
	f.Add(fuzzdata.Bytes(-1, 0, 100, math.NaN(), 1, 0, 150, 1, 0, 459, math.NaN(), 1, 291, 572, 1, 1, 106, 105, 4, 0.1), uint8(1), uint8(3))
	f.Add(fuzzdata.Bytes(0, 0, 0, 0, 0, 0, 0, 0, 0), uint8(0), uint8(0))
	f.Add(fuzzdata.Bytes(1e15, 1e15, 1e15, 1e15, 1e15, 1e15, math.Inf(1), 1e15, -1e15, 1e-300, 1e15), uint8(0), uint8(7))
	f.Add(fuzzdata.Bytes(0.01, 1e-9, 5e-324, 1e-300, 3, 0, 1e-310, 1e15, 1e-15), uint8(2), uint8(3))
	f.Add([]byte{1, 2, 3}, uint8(9), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, nc, mask uint8) {
		p := fuzzProblem(fuzzdata.Floats(data, 64), nc, mask)
		sol, err := Solve(p)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "optimize: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		if len(sol.X) != len(p.Cells) || len(sol.Shortfall) != len(p.Soft) {
			t.Fatalf("solution shape %d, %d", len(sol.X), len(sol.Shortfall))
		}
		for i, c := range p.Cells {
			if !(sol.X[i] >= c.Lower && sol.X[i] <= c.Upper) {
				t.Fatalf("cell %d: X = %v outside [%v, %v]", i, sol.X[i], c.Lower, c.Upper)
			}
		}
		if math.IsNaN(sol.Objective) || math.IsInf(sol.Objective, 0) || sol.Objective < 0 {
			t.Fatalf("Objective = %v", sol.Objective)
		}
		for k, v := range sol.Shadow {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("Shadow[%s] = %v", k, v)
			}
		}
		// The hard constraints hold to the tolerance Solve promises: 1e-7
		// of the size of the row's terms at the scale of the problem
		// (values here range over 24 orders of magnitude).
		m := newModel(&p, nil)
		for _, r := range m.rows {
			act, abs := r.activity(sol.X)
			size := 0.0
			for _, a := range r.a {
				size += math.Abs(a) * m.scale
			}
			if tol := 1e-7 * max(1, abs, math.Abs(r.b), size); !r.soft && r.sense*(act-r.b) < -tol {
				t.Fatalf("%s: Σ a·x = %v against %v", r.key, act, r.b)
			}
		}
	})
}
