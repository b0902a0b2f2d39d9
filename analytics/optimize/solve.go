package optimize

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Solve returns an optimal plan for p: the intakes that minimise
//
//	Σ_c Weight_c·|x_c − Target_c| + λ·Σ_c |x_c − Current_c| + Σ_k Penalty_k·s_k
//
// within the bounds of the cells, the total bound and the Linear
// constraints, s_k being the shortfall of Soft target k. It returns an
// error wrapping ErrInvalid for a malformed problem and an *InfeasibleError
// (wrapping ErrInfeasible) when the hard constraints cannot all be met.
// The plan it returns is checked to meet each hard constraint to within
// 1e-7 of the size of its terms (the largest of |b|, Σ_c |a_c·x_c| and
// Σ_c |a_c| times the largest current intake, target or lower bound); in
// practice it is met to about 1e-12. The package documentation describes
// the linear program and how it is solved.
func Solve(p Problem) (Solution, error) { return solve(p, nil) }

// solve is Solve with the right-hand side of the named constraints moved
// by shift[name], in the units of the Problem; the tests use it to check
// shadow prices by finite differences.
func solve(p Problem, shift map[string]float64) (Solution, error) {
	if err := p.validate(); err != nil {
		return Solution{}, err
	}
	m := newModel(&p, shift)
	if err := m.precheck(); err != nil {
		return Solution{}, err
	}
	res, err := m.decompose()
	if err != nil {
		return Solution{}, err
	}
	sol := m.solution(res)
	if err := m.verify(sol.X); err != nil {
		return Solution{}, err
	}
	return sol, nil
}

// row is one coupling constraint Σ_c a_c·x_c ≥ b (sense +1) or ≤ b
// (sense −1): a side of the total bound or of a Linear constraint, or a
// Soft target.
type row struct {
	key   string
	sense float64 // +1 for ≥, −1 for ≤
	soft  bool
	idx   []int     // cells with a nonzero coefficient, ascending
	a     []float64 // their coefficients
	b     float64   // right-hand side
	// The scaled row, used by the decomposition, is Σ_c (a_c/rho)·x̃_c
	// against b/(scale·rho), x̃ = x/scale.
	rho     float64
	penalty float64 // Penalty, original units (soft rows)
}

// model is a validated Problem with its constraints as rows, and the
// scale factors of the decomposition.
type model struct {
	p    *Problem
	rows []row
	// scale divides intakes, kappa costs per student, so that the linear
	// programs handed to lp.Simplex have entries of order one.
	scale, kappa float64
}

func newModel(p *Problem, shift map[string]float64) *model {
	m := &model{p: p}
	add := func(key string, sense float64, soft bool, coef map[int]float64, b, penalty float64) {
		r := row{key: key, sense: sense, soft: soft, b: b + shift[key], penalty: penalty}
		for _, i := range sortedKeys(coef) {
			if a := coef[i]; a != 0 {
				r.idx = append(r.idx, i)
				r.a = append(r.a, a)
			}
		}
		m.rows = append(m.rows, r)
	}
	if p.TotalChange >= 0 {
		all := make(map[int]float64, len(p.Cells))
		sum := 0.0
		for i, c := range p.Cells {
			all[i] = 1
			sum += c.Current
		}
		add("total_max", -1, false, all, (1+p.TotalChange)*sum, 0)
		add("total_min", +1, false, all, (1-p.TotalChange)*sum, 0)
	}
	for _, l := range p.Constraints {
		if !math.IsInf(l.Min, -1) {
			add(l.Name+":min", +1, false, l.Coef, l.Min, 0)
		}
		if !math.IsInf(l.Max, 1) {
			add(l.Name+":max", -1, false, l.Coef, l.Max, 0)
		}
	}
	for _, s := range p.Soft {
		add(s.Name, +1, true, s.Coef, s.Min, s.Penalty)
	}

	// The scale of intakes is the largest current, target or lower bound
	// (upper bounds may be set far out to mean "no limit").
	m.scale = 0
	for _, c := range p.Cells {
		m.scale = max(m.scale, c.Current, c.Lower)
		if !math.IsNaN(c.Target) {
			m.scale = max(m.scale, c.Target)
		}
	}
	if m.scale == 0 {
		for _, c := range p.Cells {
			if !math.IsInf(c.Upper, 1) {
				m.scale = max(m.scale, c.Upper)
			}
		}
	}
	if m.scale == 0 {
		m.scale = 1
	}
	for k := range m.rows {
		r := &m.rows[k]
		r.rho = 0
		for _, a := range r.a {
			r.rho = max(r.rho, math.Abs(a))
		}
		if r.rho == 0 {
			r.rho = 1
		}
	}
	m.kappa = 0
	for _, c := range p.Cells {
		m.kappa = max(m.kappa, m.slopeInf(c))
	}
	if m.kappa == 0 {
		for _, r := range m.rows {
			m.kappa = max(m.kappa, r.penalty*r.rho)
		}
	}
	if m.kappa == 0 {
		m.kappa = 1
	}
	return m
}

// slopeInf is the slope of a cell's cost above both its target and its
// current intake.
func (m *model) slopeInf(c Cell) float64 {
	s := m.p.ChangePenalty
	if !math.IsNaN(c.Target) {
		s += c.Weight
	}
	return s
}

// cellCost returns the mismatch and change costs of intake x in cell c.
func (m *model) cellCost(c Cell, x float64) (mismatch, change float64) {
	if !math.IsNaN(c.Target) {
		mismatch = c.Weight * math.Abs(x-c.Target)
	}
	return mismatch, m.p.ChangePenalty * math.Abs(x-c.Current)
}

// activity returns Σ_c a_c·x_c and Σ_c |a_c·x_c| for row r.
func (r *row) activity(x []float64) (sum, abs float64) {
	for j, i := range r.idx {
		v := r.a[j] * x[i]
		sum += v
		abs += math.Abs(v)
	}
	return sum, abs
}

// precheck rejects a hard constraint that no intakes within the bounds of
// the cells can meet, with a message that says by how much.
func (m *model) precheck() error {
	cells := m.p.Cells
	for _, r := range m.rows {
		if r.soft {
			continue
		}
		lo, hi := 0.0, 0.0 // the range of Σ a_c x_c over the box
		for j, i := range r.idx {
			a, c := r.a[j], cells[i]
			if a > 0 {
				lo += a * c.Lower
				hi += a * c.Upper
			} else {
				lo += a * c.Upper
				hi += a * c.Lower
			}
		}
		tol := 1e-9 * max(1, math.Abs(r.b))
		switch {
		case r.sense < 0 && lo > r.b+tol:
			detail := fmt.Sprintf("the least value the cells' bounds allow is %.6g, above the maximum %.6g", lo, r.b)
			if r.key == "total_max" {
				detail = fmt.Sprintf("Σ Lower = %.6g exceeds (1 + %g) × Σ Current = %.6g", lo, m.p.TotalChange, r.b)
			}
			return &InfeasibleError{Constraints: []string{r.key}, Detail: detail}
		case r.sense > 0 && hi < r.b-tol:
			detail := fmt.Sprintf("the greatest value the cells' bounds allow is %.6g, below the minimum %.6g", hi, r.b)
			if r.key == "total_min" {
				detail = fmt.Sprintf("Σ Upper = %.6g is below (1 − %g) × Σ Current = %.6g", hi, m.p.TotalChange, r.b)
			}
			return &InfeasibleError{Constraints: []string{r.key}, Detail: detail}
		}
	}
	return nil
}

// verify checks that plan x meets the hard constraints, so that numerical
// trouble in the linear programs (possible when the numbers of a problem
// span many orders of magnitude) never passes as a plan. The tolerance is
// 1e-7 of the largest of |b|, Σ|a_c·x_c| and Σ|a_c|·scale, the size of
// the terms of the row.
func (m *model) verify(x []float64) error {
	for _, r := range m.rows {
		act, abs := r.activity(x)
		size := 0.0
		for _, a := range r.a {
			size += math.Abs(a) * m.scale
		}
		if !r.soft && r.sense*(act-r.b) < -1e-7*max(1, math.Abs(r.b), abs, size) {
			return fmt.Errorf("%w: %s: the plan found gives %.9g against %.9g; "+
				"the numbers of the problem may span too many orders of magnitude", ErrNumerical, r.key, act, r.b)
		}
	}
	return nil
}

// solution turns the result of the decomposition into a Solution in the
// units of the Problem.
func (m *model) solution(res result) Solution {
	cells := m.p.Cells
	sol := Solution{
		X:         make([]float64, len(cells)),
		Shortfall: make([]float64, len(m.p.Soft)),
		Shadow:    make(map[string]float64, len(m.rows)),
		Binding:   []string{},
		Rounds:    res.rounds,
	}
	for i, c := range cells {
		x := min(max(res.x[i]*m.scale, c.Lower), c.Upper)
		sol.X[i] = x
		mis, chg := m.cellCost(c, x)
		sol.MismatchCost += mis
		sol.ChangeCost += chg
		if x-c.Lower <= 1e-9*max(1, c.Lower) {
			sol.Binding = append(sol.Binding, "cell_lower:"+strconv.Itoa(i))
		}
		if !math.IsInf(c.Upper, 1) && c.Upper-x <= 1e-9*max(1, c.Upper) {
			sol.Binding = append(sol.Binding, "cell_upper:"+strconv.Itoa(i))
		}
	}
	k := 0
	for j, r := range m.rows {
		act, abs := r.activity(sol.X)
		tol := 1e-9 * max(1, math.Abs(r.b), abs)
		if r.soft {
			s := max(0, r.b-act)
			sol.Shortfall[k] = s
			sol.ShortfallCost += r.penalty * s
			k++
		}
		if math.Abs(act-r.b) <= tol || (r.soft && act < r.b) {
			sol.Binding = append(sol.Binding, r.key)
		}
		// y is the dual value of the scaled row; see doc.go.
		v := m.kappa * res.y[j] / r.rho
		if v == 0 {
			v = 0 // not −0
		}
		sol.Shadow[r.key] = v
	}
	slices.Sort(sol.Binding)
	sol.Objective = sol.MismatchCost + sol.ChangeCost + sol.ShortfallCost
	return sol
}

// sortedKeys returns the keys of coef in ascending order, so that the
// problem built from a map does not depend on its iteration order.
func sortedKeys(coef map[int]float64) []int {
	keys := make([]int, 0, len(coef))
	for i := range coef {
		keys = append(keys, i)
	}
	slices.Sort(keys)
	return keys
}
