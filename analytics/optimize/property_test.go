package optimize

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// randomProblem returns a problem of n cells shaped like a province's:
// intakes in the tens to hundreds, some cells without a target, some
// fixed, some without an upper bound, a total bound, capacity constraints
// on groups of cells ("cities"), a floor, and share targets.
func randomProblem(rng *rand.Rand, n int) Problem {
	p := Problem{Cells: make([]Cell, n), TotalChange: -1}
	for i := range p.Cells {
		cur := math.Round(20 + 480*rng.Float64())
		c := Cell{Current: cur, Target: cur * (0.5 + 1.1*rng.Float64()), Weight: 3 * rng.Float64(), Upper: inf}
		switch u := rng.Float64(); {
		case u < 0.15:
			c.Target = nan
		case u < 0.25:
			c.Weight = 0
		}
		if rng.Float64() < 0.5 {
			c.Lower = math.Round(cur * (0.5 + 0.4*rng.Float64()))
		}
		if rng.Float64() < 0.7 {
			c.Upper = math.Round(cur * (1.1 + 0.7*rng.Float64()))
		}
		if rng.Float64() < 0.05 {
			c.Lower, c.Upper = cur, cur
		}
		p.Cells[i] = c
	}
	if rng.Float64() < 0.7 {
		p.TotalChange = 0.02 + 0.13*rng.Float64()
	}
	if rng.Float64() < 0.7 {
		p.ChangePenalty = 0.5 * rng.Float64()
	}
	current := func(coef map[int]float64) float64 {
		s := 0.0
		for i, a := range coef {
			s += a * p.Cells[i].Current
		}
		return s
	}
	group := func() map[int]float64 {
		coef := map[int]float64{}
		for i := range n {
			if rng.Float64() < 0.4 {
				coef[i] = 1
			}
		}
		if len(coef) == 0 {
			coef[rng.IntN(n)] = 1
		}
		return coef
	}
	for k := range rng.IntN(4) {
		name := "c" + strconv.Itoa(k)
		coef := group()
		switch rng.IntN(4) {
		case 0: // a capacity
			p.Constraints = append(p.Constraints, AtMost(name, coef, math.Round(current(coef)*(0.85+0.25*rng.Float64()))))
		case 1: // a floor with weighted cells
			for i := range coef {
				coef[i] = 0.5 + rng.Float64()
			}
			p.Constraints = append(p.Constraints, AtLeast(name, coef, math.Round(current(coef)*(0.9+0.2*rng.Float64()))))
		case 2: // a floor that may clash with the total or a capacity
			p.Constraints = append(p.Constraints, AtLeast(name, coef, math.Round(current(coef)*(1+0.3*rng.Float64()))))
		default: // a band
			s := current(coef)
			p.Constraints = append(p.Constraints, Linear{Name: name, Coef: coef, Min: math.Round(0.9 * s), Max: math.Round(1.05 * s)})
		}
	}
	for k := range rng.IntN(3) {
		coef := group()
		for i := range n {
			if _, ok := coef[i]; !ok && rng.Float64() < 0.5 {
				coef[i] = -0.1 - 0.3*rng.Float64()
			}
		}
		p.Soft = append(p.Soft, Soft{Name: "s" + strconv.Itoa(k), Coef: coef, Min: math.Round(20 * rng.Float64()), Penalty: 4 * rng.Float64()})
	}
	return p
}

// objective returns the cost of plan x and whether it meets the hard
// constraints, both computed from the Problem directly.
func objective(p Problem, x []float64) (cost float64, feasible bool) {
	feasible = true
	for i, c := range p.Cells {
		if !math.IsNaN(c.Target) {
			cost += c.Weight * math.Abs(x[i]-c.Target)
		}
		cost += p.ChangePenalty * math.Abs(x[i]-c.Current)
		if x[i] < c.Lower-1e-9 || x[i] > c.Upper+1e-9 {
			feasible = false
		}
	}
	dot := func(coef map[int]float64) (s, abs float64) {
		for i, a := range coef {
			s += a * x[i]
			abs += math.Abs(a * x[i])
		}
		return s, abs
	}
	meets := func(v, abs, lo, hi float64) bool {
		tol := 1e-6 * max(1, abs)
		return v >= lo-tol && v <= hi+tol
	}
	if p.TotalChange >= 0 {
		s, sum := 0.0, 0.0
		for i, c := range p.Cells {
			s += x[i]
			sum += c.Current
		}
		feasible = feasible && meets(s, s, (1-p.TotalChange)*sum, (1+p.TotalChange)*sum)
	}
	for _, l := range p.Constraints {
		s, abs := dot(l.Coef)
		feasible = feasible && meets(s, abs, l.Min, l.Max)
	}
	for _, k := range p.Soft {
		s, _ := dot(k.Coef)
		cost += k.Penalty * max(0, k.Min-s)
	}
	return cost, feasible
}

// TestSolveProperties checks Solve on random problems against the direct
// standard-form LP and against the properties every optimal plan has.
func TestSolveProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var solved, infeasible, conflicts int
	for trial := range 300 {
		n := 2 + rng.IntN(14)
		p := randomProblem(rng, n)
		sol, err := Solve(p)
		_, want, derr := direct(p)
		if errors.Is(err, ErrInfeasible) {
			infeasible++
			if ie := (*InfeasibleError)(nil); errors.As(err, &ie) && ie.Detail == "" {
				conflicts++
			}
			if !isInfeasible(derr) {
				t.Errorf("trial %d: Solve says infeasible (%v), the direct LP found objective %v (err %v)", trial, err, want, derr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if derr != nil {
			t.Fatalf("trial %d: direct LP: %v", trial, derr)
		}
		solved++
		// The direct LP in standard form has the same optimum.
		if !approx(sol.Objective, want, 1e-7) {
			t.Errorf("trial %d: Objective = %v, direct LP %v", trial, sol.Objective, want)
		}
		// The plan is within the bounds and meets the hard constraints;
		// its cost, computed afresh, is the reported objective.
		cost, feasible := objective(p, sol.X)
		if !feasible {
			t.Errorf("trial %d: plan %v breaks a hard constraint", trial, sol.X)
		}
		if !approx(cost, sol.Objective, 1e-9) {
			t.Errorf("trial %d: plan costs %v, Objective = %v", trial, cost, sol.Objective)
		}
		for k, s := range p.Soft {
			v := 0.0
			for i, a := range s.Coef {
				v += a * sol.X[i]
			}
			if sol.Shortfall[k] < 0 || !approx(sol.Shortfall[k], max(0, s.Min-v), 1e-9) {
				t.Errorf("trial %d: shortfall %v of %s, want max(0, %v − %v)", trial, sol.Shortfall[k], s.Name, s.Min, v)
			}
		}
		// No worse than keeping this year's intakes, when that is allowed.
		keep := make([]float64, n)
		for i, c := range p.Cells {
			keep[i] = min(max(c.Current, c.Lower), c.Upper)
		}
		if cost, ok := objective(p, keep); ok && sol.Objective > cost+1e-9*max(1, cost) {
			t.Errorf("trial %d: Objective %v exceeds the cost %v of keeping the current intakes", trial, sol.Objective, cost)
		}
	}
	t.Logf("%d solved, %d infeasible (%d of them found by the decomposition)", solved, infeasible, conflicts)
	if solved < 200 || conflicts < 5 {
		t.Errorf("the generator gave %d solved and %d infeasible problems (%d found by the decomposition); the test needs both kinds", solved, infeasible, conflicts)
	}
}

// TestShadowFiniteDifference checks every shadow price against the change
// of the optimal objective when the right-hand side moves by ±1 student.
// Where the two one-sided differences agree (and agree with the difference
// over half a student), the objective is linear in the right-hand side
// over [−1, 1] (the optimal basis does not change) and the shadow price
// must equal the slope.
func TestShadowFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var checked, nonzero, kinks int
	for trial := 0; checked < 400 && trial < 2000; trial++ {
		p := randomProblem(rng, 2+rng.IntN(10))
		sol, err := Solve(p)
		if err != nil {
			continue
		}
		for key, shadow := range sol.Shadow {
			at := func(h float64) (float64, bool) {
				s, err := solve(p, map[string]float64{key: h})
				return s.Objective, err == nil
			}
			up, ok1 := at(1)
			down, ok2 := at(-1)
			half, ok3 := at(0.5)
			if !ok1 || !ok2 || !ok3 {
				continue
			}
			right, left, mid := up-sol.Objective, sol.Objective-down, (half-sol.Objective)/0.5
			tol := 1e-7 * max(1, math.Abs(sol.Objective))
			if math.Abs(right-left) > tol || math.Abs(right-mid) > tol {
				kinks++
				// At a kink the shadow price lies between the one-sided
				// slopes.
				if shadow < min(left, right)-tol || shadow > max(left, right)+tol {
					t.Errorf("trial %d: Shadow[%s] = %v outside the one-sided slopes [%v, %v]", trial, key, shadow, left, right)
				}
				continue
			}
			checked++
			if shadow != 0 {
				nonzero++
			}
			if math.Abs(shadow-right) > 1e-6*max(1, math.Abs(right)) {
				t.Errorf("trial %d: Shadow[%s] = %v, finite difference %v", trial, key, shadow, right)
			}
		}
	}
	t.Logf("%d shadow prices checked (%d nonzero), %d at kinks", checked, nonzero, kinks)
	if checked < 400 || nonzero < 50 {
		t.Errorf("only %d shadow prices checked, %d nonzero", checked, nonzero)
	}
}

// TestSolvePermutation checks that permuting the cells permutes the plan
// and leaves the objective, shortfalls and shadow prices unchanged.
func TestSolvePermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var compared, identical int
	for trial := 0; compared < 100 && trial < 1000; trial++ {
		n := 2 + rng.IntN(20)
		p := randomProblem(rng, n)
		sol, err := Solve(p)
		if err != nil {
			continue
		}
		perm := rng.Perm(n) // cell i moves to perm[i]
		q := p
		q.Cells = make([]Cell, n)
		for i, c := range p.Cells {
			q.Cells[perm[i]] = c
		}
		move := func(coef map[int]float64) map[int]float64 {
			m := make(map[int]float64, len(coef))
			for i, a := range coef {
				m[perm[i]] = a
			}
			return m
		}
		q.Constraints = make([]Linear, len(p.Constraints))
		for k, l := range p.Constraints {
			l.Coef = move(l.Coef)
			q.Constraints[k] = l
		}
		q.Soft = make([]Soft, len(p.Soft))
		for k, s := range p.Soft {
			s.Coef = move(s.Coef)
			q.Soft[k] = s
		}
		got, err := Solve(q)
		if err != nil {
			t.Fatalf("trial %d: permuted problem: %v", trial, err)
		}
		compared++
		if !approx(got.Objective, sol.Objective, 1e-9) {
			t.Errorf("trial %d: Objective %v after permutation, %v before", trial, got.Objective, sol.Objective)
		}
		// Where the optimal plan is unique the plans agree; where it is
		// not, the plan of the permuted problem, put back in order, must
		// be optimal for the original one.
		back := make([]float64, n)
		same := true
		for i := range n {
			back[i] = got.X[perm[i]]
			same = same && approx(back[i], sol.X[i], 1e-6)
		}
		if same {
			identical++
		} else if cost, ok := objective(p, back); !ok || !approx(cost, sol.Objective, 1e-9) {
			t.Errorf("trial %d: the permuted plan %v, in order, costs %v (feasible %v), not %v", trial, back, cost, ok, sol.Objective)
		}
		if !closeSlice(got.Shortfall, sol.Shortfall, 1e-6) {
			t.Errorf("trial %d: Shortfall %v after permutation, %v before", trial, got.Shortfall, sol.Shortfall)
		}
		for key, v := range sol.Shadow {
			if !approx(got.Shadow[key], v, 1e-6) {
				t.Errorf("trial %d: Shadow[%s] = %v after permutation, %v before", trial, key, got.Shadow[key], v)
			}
		}
	}
	t.Logf("%d problems permuted, %d plans identical", compared, identical)
	if identical < compared*3/4 {
		t.Errorf("only %d of %d permuted plans identical", identical, compared)
	}
}

// lagrangian returns the Lagrangian dual function of p at the dual values
// y (keyed as Solution.Shadow), computed from the Problem directly:
//
//	g(y) = Σ_r y_r·b_r + Σ_c min_{Lower ≤ x ≤ Upper} (f_c(x) − z_c·x),  z_c = Σ_r y_r·a_rc,
//
// or −Inf when a soft row's y exceeds its penalty or a cell without upper
// bound makes the minimum unbounded. By weak duality g(y) ≤ the optimal
// objective for every y of the right signs (≥ 0 on ≥ rows, ≤ 0 on ≤
// rows), with equality exactly when y is an optimal dual: g(Shadow) equal
// to Objective certifies that both the plan and the shadow prices are
// optimal (Boyd & Vandenberghe 2004, sec. 5.1–5.2).
func lagrangian(p Problem, y map[string]float64) float64 {
	n := len(p.Cells)
	z := make([]float64, n)
	g := 0.0
	side := func(key string, sign float64, coef map[int]float64, b float64) {
		v := y[key]
		if v*sign < -1e-12 {
			g = math.Inf(-1) // wrong sign
		}
		g += v * b
		for i, a := range coef {
			z[i] += v * a
		}
	}
	if p.TotalChange >= 0 {
		all := map[int]float64{}
		sum := 0.0
		for i, c := range p.Cells {
			all[i] = 1
			sum += c.Current
		}
		side("total_max", -1, all, (1+p.TotalChange)*sum)
		side("total_min", +1, all, (1-p.TotalChange)*sum)
	}
	for _, l := range p.Constraints {
		if !math.IsInf(l.Min, -1) {
			side(l.Name+":min", +1, l.Coef, l.Min)
		}
		if !math.IsInf(l.Max, 1) {
			side(l.Name+":max", -1, l.Coef, l.Max)
		}
	}
	for _, s := range p.Soft {
		if y[s.Name] > s.Penalty+1e-12 {
			return math.Inf(-1)
		}
		side(s.Name, +1, s.Coef, s.Min)
	}
	for i, c := range p.Cells {
		f := func(x float64) float64 {
			v := p.ChangePenalty*math.Abs(x-c.Current) - z[i]*x
			if !math.IsNaN(c.Target) {
				v += c.Weight * math.Abs(x-c.Target)
			}
			return v
		}
		best := min(f(c.Lower), f(min(max(c.Current, c.Lower), c.Upper)))
		if !math.IsNaN(c.Target) {
			best = min(best, f(min(max(c.Target, c.Lower), c.Upper)))
		}
		if math.IsInf(c.Upper, 1) {
			slope := p.ChangePenalty
			if !math.IsNaN(c.Target) {
				slope += c.Weight
			}
			if slope-z[i] < -1e-12 {
				return math.Inf(-1)
			}
		} else {
			best = min(best, f(c.Upper))
		}
		g += best
	}
	return g
}

// TestDualityGap checks that the shadow prices close the duality gap:
// the Lagrangian dual function at Shadow equals Objective, on random
// problems and on a province-sized one.
func TestDualityGap(t *testing.T) {
	check := func(name string, p Problem) {
		sol, err := Solve(p)
		if err != nil {
			if !errors.Is(err, ErrInfeasible) {
				t.Errorf("%s: %v", name, err)
			}
			return
		}
		g := lagrangian(p, sol.Shadow)
		if !approx(g, sol.Objective, 1e-8) {
			t.Errorf("%s: dual function %v at the shadow prices, Objective %v", name, g, sol.Objective)
		}
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 200 {
		check("trial "+strconv.Itoa(trial), randomProblem(rng, 2+rng.IntN(30)))
	}
	check("40 × 10", provinceProblem(40, 10))
	if !testing.Short() {
		check("136 × 11", provinceProblem(136, 11))
	}
}

// TestProvinceDirect compares Solve with the direct standard-form LP on a
// province-shaped problem small enough for the latter.
func TestProvinceDirect(t *testing.T) {
	p := provinceProblem(6, 5)
	sol, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	_, want, err := direct(p)
	if err != nil {
		t.Fatal(err)
	}
	if !approx(sol.Objective, want, 1e-8) {
		t.Errorf("Objective = %v, direct LP %v", sol.Objective, want)
	}
}
