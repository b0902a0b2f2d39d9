package optimize

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// The tolerances of the decomposition, in the scaled units of doc.go.
const (
	// lpTol is the reduced-cost tolerance handed to lp.Simplex.
	lpTol = 1e-10
	// priceTol, times max(1, |master objective|), is the most negative
	// reduced cost of a new column that counts as zero.
	priceTol = 1e-9
	// bigM is the cost per unit of the artificial variable of a hard row
	// in the master problem, and so the largest dual value of the row. It
	// starts at bigM0 and grows by bigMStep, up to bigMMax, when a dual
	// value reaches it and phase 1 finds the problem feasible. (M enters
	// only the right-hand side of the dual master problem.)
	bigM0, bigMStep, bigMMax = 1e4, 1e2, 1e12
	// phase1Tol, times max(1, max |b|), is the largest sum of artificial
	// variables that counts as feasible.
	phase1Tol = 1e-9
	// poolExtra is how many columns beyond a basis (one per row and the
	// convexity row) the pool keeps; the dual master problem has a row per
	// column and lp.Simplex factorises its basis afresh at every pivot, so
	// a small pool is fast.
	poolExtra = 10
)

// result is the outcome of the decomposition in scaled units.
type result struct {
	x      []float64 // intakes
	y      []float64 // dual value of each row: ≥ 0 for a ≥ row, ≤ 0 for a ≤ row
	rounds int
}

// scell is a cell in scaled units: intakes divided by model.scale,
// costs per student by model.kappa.
type scell struct {
	lo, up, cur, tgt float64 // up may be +Inf, tgt NaN
	w, slope         float64 // mismatch weight; slope of the cost above cur and tgt
}

// srow is a row in scaled units: Σ a·x ≥ b (sense +1) or ≤ b (sense −1).
type srow struct {
	sense   float64
	soft    bool
	idx     []int
	a       []float64
	b       float64
	penalty float64
}

// entry is a cell's coefficient in a row.
type entry struct {
	row int
	a   float64
}

// column is a column of the master problem: a plan (a point of the box of
// the cells, at breakpoints of their costs) or a ray (a direction in which
// cells without an upper bound grow).
type column struct {
	ray  bool
	x    []float64 // the plan, or the direction of the ray
	cost float64   // scaled cost of the plan, or per unit of the ray
	act  []float64 // Σ a·x of each row
}

// dw holds the state of the Dantzig–Wolfe decomposition.
type dw struct {
	m        *model
	cells    []scell
	lam      float64
	rows     []srow
	cellRows [][]entry // the rows of each cell
	pool     []column
	rounds   int
	bigM     float64
	// feasibility is set in phase 1, which prices plans at zero cost
	// and artificial variables at 1.
	feasibility bool
	z           []float64 // pricing buffer
}

// dual is the solution of the dual of the restricted master problem.
type dual struct {
	yhat  []float64 // |y_r|: y_r = sense_r·yhat_r
	sigma float64   // dual value of the convexity row
	obj   float64   // optimal value of the master problem
	slack []float64 // reduced cost of each pool column
}

func newDW(m *model) *dw {
	d := &dw{m: m, lam: m.p.ChangePenalty / m.kappa}
	s, k := m.scale, m.kappa
	d.cells = make([]scell, len(m.p.Cells))
	for i, c := range m.p.Cells {
		d.cells[i] = scell{
			lo: c.Lower / s, up: c.Upper / s, cur: c.Current / s, tgt: c.Target / s,
			w: c.Weight / k, slope: m.slopeInf(c) / k,
		}
	}
	d.cellRows = make([][]entry, len(m.p.Cells))
	d.rows = make([]srow, len(m.rows))
	for j, r := range m.rows {
		sr := srow{sense: r.sense, soft: r.soft, idx: r.idx, a: make([]float64, len(r.a)),
			b: r.b / (s * r.rho), penalty: r.penalty * r.rho / k}
		for t, a := range r.a {
			sr.a[t] = a / r.rho
			d.cellRows[r.idx[t]] = append(d.cellRows[r.idx[t]], entry{j, sr.a[t]})
		}
		d.rows[j] = sr
	}
	d.z = make([]float64, len(d.cells))
	return d
}

// cost returns the scaled cost of intake x in cell c.
func (d *dw) cost(c scell, x float64) float64 {
	f := d.lam * math.Abs(x-c.cur)
	if !math.IsNaN(c.tgt) {
		f += c.w * math.Abs(x-c.tgt)
	}
	return f
}

// newPlan returns the plan column of x.
func (d *dw) newPlan(x []float64) column {
	col := column{x: x, act: make([]float64, len(d.rows))}
	for i, v := range x {
		col.cost += d.cost(d.cells[i], v)
		for _, e := range d.cellRows[i] {
			col.act[e.row] += e.a * v
		}
	}
	return col
}

// newRay returns the ray column that raises the given cells together.
func (d *dw) newRay(cells []int) column {
	col := column{ray: true, x: make([]float64, len(d.cells)), act: make([]float64, len(d.rows))}
	for _, i := range cells {
		col.x[i] = 1
		col.cost += d.cells[i].slope
		for _, e := range d.cellRows[i] {
			col.act[e.row] += e.a
		}
	}
	return col
}

// decompose solves the linear program of doc.go by Dantzig–Wolfe
// decomposition.
func (m *model) decompose() (result, error) {
	d := newDW(m)
	start := make([]float64, len(d.cells))
	for i, c := range d.cells {
		start[i] = min(max(c.cur, c.lo), c.up)
	}
	d.pool = append(d.pool, d.newPlan(start))
	// With all dual values zero and σ = +Inf, pricing returns the plan
	// that minimises each cell's own cost.
	if cols := d.price(dual{yhat: make([]float64, len(d.rows)), sigma: math.Inf(1)}, 0); len(cols) > 0 && !d.inPool(cols[0]) {
		d.pool = append(d.pool, cols[0])
	}
	var du dual
	polished := false
	for d.bigM = bigM0; ; {
		var err error
		if du, err = d.generate(); err != nil {
			return result{}, err
		}
		top, atBound := 0.0, false
		for r, v := range du.yhat {
			if !d.rows[r].soft {
				top = max(top, v)
				atBound = atBound || v >= d.bigM*(1-1e-9)
			}
		}
		if !atBound {
			// Optimal. If M had to grow, solve once more with M just
			// above the dual values, for precision.
			if d.bigM == bigM0 || polished {
				break
			}
			d.bigM, polished = max(bigM0, bigMStep*top), true
			continue
		}
		// A hard row needs its artificial variable at this M: either
		// the hard constraints cannot all be met, or the row's shadow
		// price exceeds M. Phase 1 tells which.
		if err := d.phase1(); err != nil {
			return result{}, err
		}
		if d.bigM >= bigMMax {
			return result{}, fmt.Errorf("%w: the hard constraints can be met only to within rounding, "+
				"or a shadow price exceeds %g times the largest cost per student", ErrNumerical, bigMMax)
		}
		d.bigM = min(d.bigM*bigMStep, bigMMax)
	}
	lam, err := d.primal(du)
	if err != nil {
		return result{}, err
	}
	res := result{x: make([]float64, len(d.cells)), y: make([]float64, len(d.rows)), rounds: d.rounds}
	for j, col := range d.pool {
		if lam[j] == 0 {
			continue
		}
		for i, v := range col.x {
			res.x[i] += lam[j] * v
		}
	}
	for r := range d.rows {
		res.y[r] = d.rows[r].sense * du.yhat[r]
	}
	return res, nil
}

// phase1 minimises the sum of the artificial variables alone (the costs
// of the plans set to zero) and returns an *InfeasibleError naming the
// hard rows in conflict if it is positive. The dual solution of phase 1 is
// a Farkas certificate: the rows with a positive dual value (at its bound
// 1) are those whose combination no plan can meet (Bertsimas & Tsitsiklis
// 1997, sec. 4.6).
func (d *dw) phase1() error {
	d.feasibility = true
	du, err := d.generate()
	d.feasibility = false
	if err != nil {
		return err
	}
	tol := 0.0
	for _, r := range d.rows {
		tol = max(tol, math.Abs(r.b))
	}
	if du.obj <= phase1Tol*max(1, tol) {
		return nil
	}
	e := &InfeasibleError{}
	for r, v := range du.yhat {
		if !d.rows[r].soft && v > 1e-6 {
			e.Constraints = append(e.Constraints, d.m.rows[r].key)
		}
	}
	if len(e.Constraints) == 1 {
		e.Detail = "no plan within the bounds of the cells meets it"
	}
	return e
}

// generate adds columns to the pool until none prices out, and returns the
// last dual solution.
func (d *dw) generate() (dual, error) {
	maxRounds := d.rounds + 1000 + 100*len(d.rows)
	for {
		du, err := d.dual()
		if err != nil {
			return dual{}, err
		}
		tol := priceTol * max(1, math.Abs(du.obj))
		cols := d.price(du, tol)
		d.prune(du, tol)
		added := false
		for _, col := range cols {
			if !d.inPool(col) {
				d.pool = append(d.pool, col)
				added = true
			}
		}
		if !added {
			return du, nil
		}
		d.rounds++
		if d.rounds > maxRounds {
			return dual{}, fmt.Errorf("%w: the decomposition did not converge in %d rounds", ErrNumerical, d.rounds)
		}
	}
}

// inPool reports whether the pool already holds a column with the same
// cost and activities as col. Such a column is the same column to the
// master problem (two cells of a city with the same slope make equal
// rays), and a second copy would make its basis singular.
func (d *dw) inPool(col column) bool {
	same := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*max(math.Abs(a), math.Abs(b)) }
	for _, p := range d.pool {
		if p.ray != col.ray || !same(p.cost, col.cost) {
			continue
		}
		eq := true
		for r := range p.act {
			if !same(p.act[r], col.act[r]) {
				eq = false
				break
			}
		}
		if eq {
			return true
		}
	}
	return false
}

// prune drops from a large pool the columns whose reduced cost is most
// positive; the first plan, which starts the primal master problem, and
// columns with zero reduced cost stay.
func (d *dw) prune(du dual, tol float64) {
	limit := len(d.rows) + 1 + poolExtra
	if len(d.pool) <= limit {
		return
	}
	order := make([]int, 0, len(d.pool))
	for j := 1; j < len(d.pool); j++ {
		if du.slack[j] > tol {
			order = append(order, j)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return -cmpFloat(du.slack[a], du.slack[b]) })
	drop := make([]bool, len(d.pool))
	for _, j := range order[:min(len(order), len(d.pool)-limit*3/4)] {
		drop[j] = true
	}
	pool := d.pool[:0]
	for j, col := range d.pool {
		if !drop[j] {
			pool = append(pool, col)
		}
	}
	clear(d.pool[len(pool):])
	d.pool = pool
}

// cmpFloat orders a and b for slices.SortFunc.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// price returns the columns with a reduced cost below −tol under the dual
// solution du: the plan that minimises Σ_c f_c(x_c) − z_c·x_c over the box,
// z = Σ_r y_r·a_r, and rays along which that sum falls without end.
func (d *dw) price(du dual, tol float64) []column {
	z := d.z
	clear(z)
	for r, row := range d.rows {
		y := row.sense * du.yhat[r]
		if y == 0 {
			continue
		}
		for t, i := range row.idx {
			z[i] += y * row.a[t]
		}
	}
	x := make([]float64, len(d.cells))
	rc := -du.sigma
	own := 1.0 // the weight of the cells' own costs: 0 in phase 1
	if d.feasibility {
		own = 0
	}
	type ray struct {
		cell int
		rc   float64
	}
	var rays []ray
	for i, c := range d.cells {
		// The minimum of a convex piecewise-linear function lies at a
		// breakpoint or an end; the current intake comes first so that
		// ties keep it.
		best, bestG := math.NaN(), math.Inf(1)
		try := func(v float64) {
			v = min(max(v, c.lo), c.up)
			if g := own*d.cost(c, v) - z[i]*v; g < bestG {
				best, bestG = v, g
			}
		}
		try(c.cur)
		if !math.IsNaN(c.tgt) {
			try(c.tgt)
		}
		try(c.lo)
		if !math.IsInf(c.up, 1) {
			try(c.up)
		} else if r := own*c.slope - z[i]; r < -tol {
			rays = append(rays, ray{i, r})
		}
		x[i] = best
		rc += bestG
	}
	var cols []column
	if rc < -tol {
		cols = append(cols, d.newPlan(x))
	}
	if len(rays) > 0 {
		slices.SortStableFunc(rays, func(a, b ray) int { return cmpFloat(a.rc, b.rc) })
		all := make([]int, len(rays))
		for j, r := range rays {
			all[j] = r.cell
		}
		if len(rays) > 1 {
			cols = append(cols, d.newRay(all))
		}
		for _, i := range all[:min(len(all), 4)] {
			cols = append(cols, d.newRay([]int{i}))
		}
	}
	return cols
}

// dual solves the dual of the restricted master problem with lp.Simplex.
//
// The master problem over the pool columns j (plans and rays), the
// shortfall or artificial variable v_r and the slack of each row r is
//
//	min  Σ_j cost_j·λ_j + Σ_r c_r·v_r
//	s.t. Σ_j act_rj·λ_j + sense_r·v_r  ≥ b_r (sense_r = +1) or ≤ b_r (−1)
//	     Σ_{plans j} λ_j = 1,  λ, v ≥ 0
//
// with c_r the penalty of a soft row and bigM for a hard one. Its dual,
// with y_r = sense_r·ŷ_r, ŷ ≥ 0, and σ = σ⁺ − σ⁻ for the convexity row, is
//
//	max  Σ_r b_r·sense_r·ŷ_r + σ
//	s.t. Σ_r act_rj·sense_r·ŷ_r + [j a plan]·σ ≤ cost_j   for each column j
//	     ŷ_r ≤ c_r                                       for each row r
//
// which in standard form with a slack t per constraint starts from the
// feasible basis t = (cost, c) ≥ 0.
func (d *dw) dual() (dual, error) {
	nr, np := len(d.rows), len(d.pool)
	m := np + nr
	n := nr + 2 + m
	A := mat.NewDense(m, n, nil)
	b := make([]float64, m)
	c := make([]float64, n)
	for r, row := range d.rows {
		c[r] = -row.b * row.sense
	}
	c[nr], c[nr+1] = -1, 1
	for j, col := range d.pool {
		for r, row := range d.rows {
			A.Set(j, r, row.sense*col.act[r])
		}
		if !col.ray {
			A.Set(j, nr, 1)
			A.Set(j, nr+1, -1)
		}
		A.Set(j, nr+2+j, 1)
		if !d.feasibility {
			b[j] = col.cost
		}
	}
	for r, row := range d.rows {
		i := np + r
		A.Set(i, r, 1)
		A.Set(i, nr+2+i, 1)
		switch {
		case d.feasibility && row.soft:
			b[i] = 0
		case d.feasibility:
			b[i] = 1
		case row.soft:
			b[i] = row.penalty
		default:
			b[i] = d.bigM
		}
	}
	basic := make([]int, m)
	for i := range basic {
		basic[i] = nr + 2 + i
	}
	f, x, err := simplex(c, A, b, basic)
	if err != nil {
		return dual{}, fmt.Errorf("%w: dual master problem: %w", ErrNumerical, err)
	}
	du := dual{yhat: x[:nr], sigma: x[nr] - x[nr+1], obj: -f, slack: x[nr+2 : nr+2+np]}
	return du, nil
}

// primal solves the restricted master problem (see dual) with lp.Simplex,
// from the basis of the first plan with a slack, shortfall or artificial
// variable in each row, and returns the weights λ of the pool columns.
// The cost of the artificial variable of row r is 2·ŷ_r + 1 rather than
// bigM: any cost above the dual value ŷ_r of an optimal dual solution du
// keeps it at zero (an exact penalty), and a moderate cost keeps the
// reduced costs of the plans, which lp.Simplex tests against an absolute
// tolerance, from drowning. It reports an error if an artificial variable
// stays positive.
func (d *dw) primal(du dual) (lam []float64, err error) {
	nr, np := len(d.rows), len(d.pool)
	m := nr + 1
	n := np + 2*nr // λ, v (shortfall or artificial), slack
	A := mat.NewDense(m, n, nil)
	b := make([]float64, m)
	c := make([]float64, n)
	basic := make([]int, 0, m)
	start := d.pool[0] // a plan
	for r, row := range d.rows {
		for j, col := range d.pool {
			A.Set(r, j, col.act[r])
		}
		A.Set(r, np+r, row.sense)
		A.Set(r, np+nr+r, -row.sense)
		b[r] = row.b
		c[np+r] = 2*du.yhat[r] + 1
		if row.soft {
			c[np+r] = row.penalty
		}
		// With λ = 1 on the first plan, v − slack = sense·(b − act).
		if row.sense*(row.b-start.act[r]) > 0 {
			basic = append(basic, np+r)
		} else {
			basic = append(basic, np+nr+r)
		}
	}
	for j, col := range d.pool {
		c[j] = col.cost
		if !col.ray {
			A.Set(nr, j, 1)
		}
	}
	b[nr] = 1
	basic = append(basic, 0)
	_, x, err := simplex(c, A, b, basic)
	if err != nil {
		return nil, fmt.Errorf("%w: master problem: %w", ErrNumerical, err)
	}
	for r, row := range d.rows {
		if !row.soft && x[np+r] > 1e-9*max(1, math.Abs(row.b)) {
			return nil, fmt.Errorf("%w: master problem: artificial variable of %s = %g", ErrNumerical, d.m.rows[r].key, x[np+r])
		}
	}
	return x[:np], nil
}

// simplex solves min cᵀx s.t. Ax = b, x ≥ 0 with lp.Simplex; basic, if
// not nil, is a feasible starting basis. lp.Simplex factorises the basis
// afresh at each pivot and tests reduced costs and steps against absolute
// tolerances, so rounding can lead it to a singular basis, to a slightly
// infeasible point or, rarely, to pivot without end. simplex therefore
// first solves the problem with the rows and columns of A scaled
// (geometric-mean scaling, then max-norm; Tomlin 1975) and, if that fails
// or its solution does not check, unscaled. It limits the pivots (see
// budgetMatrix) and turns a panic of lp (on a starting basis it finds
// infeasible, which rounding could cause) into an error.
func simplex(c []float64, A *mat.Dense, b []float64, basic []int) (f float64, x []float64, err error) {
	f, x, err = scaledSimplex(c, mat.DenseCopyOf(A), b, basic)
	if err == nil {
		if err = check(A, b, x); err == nil {
			return f, x, nil
		}
	}
	f, x, err2 := guardedSimplex(c, A, b, basic)
	if err2 == nil {
		if err2 = check(A, b, x); err2 == nil {
			return f, x, nil
		}
	}
	return 0, nil, err
}

// check reports an error unless x ≥ 0 and Ax = b to a relative tolerance
// of 1e-6 (after setting slightly negative entries to 0), the sign that
// lp.Simplex lost its way in rounding.
func check(A *mat.Dense, b, x []float64) error {
	m, n := A.Dims()
	for j := range x {
		x[j] = max(x[j], 0)
	}
	for i := range m {
		s, abs := 0.0, math.Abs(b[i])
		for j := range n {
			v := A.At(i, j) * x[j]
			s += v
			abs += math.Abs(v)
		}
		if math.Abs(s-b[i]) > 1e-6*max(1, abs) {
			return fmt.Errorf("lp.Simplex returned a point off row %d by %g", i, s-b[i])
		}
	}
	return nil
}

// scaledSimplex scales A in place, and b and c, and solves.
func scaledSimplex(c []float64, A *mat.Dense, b []float64, basic []int) (float64, []float64, error) {
	row, col := equilibrate(A)
	b, c = slices.Clone(b), slices.Clone(c)
	for i := range b {
		b[i] *= row[i]
	}
	cs := 0.0
	for j := range c {
		c[j] *= col[j]
		cs = max(cs, math.Abs(c[j]))
	}
	if cs == 0 {
		cs = 1
	}
	for j := range c {
		c[j] /= cs
	}
	f, x, err := guardedSimplex(c, A, b, basic)
	if err != nil {
		return 0, nil, err
	}
	for j := range x {
		x[j] *= col[j]
	}
	return f * cs, x, nil
}

// guardedSimplex calls lp.Simplex with a budget of pivots and turns a
// panic into an error.
func guardedSimplex(c []float64, A *mat.Dense, b []float64, basic []int) (f float64, x []float64, err error) {
	m, n := A.Dims()
	budget := &budgetMatrix{a: A, left: m * (6*n + 100*(m+n) + 10000)}
	defer func() {
		if r := recover(); r != nil {
			f, x = 0, nil
			if r == errBudget {
				err = errBudget
				return
			}
			err = fmt.Errorf("lp.Simplex: %v", r)
		}
	}()
	f, x, err = lp.Simplex(c, budget, b, lpTol, basic)
	if err != nil {
		return 0, nil, err
	}
	return f, x, nil
}

// equilibrate scales the rows and columns of A in place so that its
// nonzero entries lie near 1 in magnitude, and returns the factors: the
// scaled matrix is diag(row)·A·diag(col).
func equilibrate(A *mat.Dense) (row, col []float64) {
	m, n := A.Dims()
	row, col = make([]float64, m), make([]float64, n)
	for i := range row {
		row[i] = 1
	}
	for j := range col {
		col[j] = 1
	}
	scaleRows := func(geometric bool) {
		for i := range m {
			lo, hi := math.Inf(1), 0.0
			for j := range n {
				if v := math.Abs(A.At(i, j)); v != 0 {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if hi == 0 {
				continue
			}
			f := 1 / hi
			if geometric {
				f = 1 / math.Sqrt(lo*hi)
			}
			row[i] *= f
			for j := range n {
				A.Set(i, j, A.At(i, j)*f)
			}
		}
	}
	scaleCols := func(geometric bool) {
		for j := range n {
			lo, hi := math.Inf(1), 0.0
			for i := range m {
				if v := math.Abs(A.At(i, j)); v != 0 {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if hi == 0 {
				continue
			}
			f := 1 / hi
			if geometric {
				f = 1 / math.Sqrt(lo*hi)
			}
			col[j] *= f
			for i := range m {
				A.Set(i, j, A.At(i, j)*f)
			}
		}
	}
	for range 4 {
		scaleRows(true)
		scaleCols(true)
	}
	scaleRows(false)
	scaleCols(false)
	return row, col
}

// errBudget is the error of a linear program that ran out of pivots.
var errBudget = errors.New("lp.Simplex did not finish within its budget of pivots")

// budgetMatrix is a matrix that panics with errBudget after a set number
// of reads of its elements. lp.Simplex has no limit on its iterations and
// reads a column of A at each (mat.Col falls back on At for a matrix
// without raw storage); on a badly scaled problem rounding can make it
// pivot forever, and the budget stops it.
type budgetMatrix struct {
	a    *mat.Dense
	left int
}

func (m *budgetMatrix) Dims() (r, c int) { return m.a.Dims() }

func (m *budgetMatrix) At(i, j int) float64 {
	m.left--
	if m.left < 0 {
		panic(errBudget)
	}
	return m.a.At(i, j)
}

func (m *budgetMatrix) T() mat.Matrix { return mat.Transpose{Matrix: m} }
