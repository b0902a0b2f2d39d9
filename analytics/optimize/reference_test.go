package optimize

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// direct solves p as one linear program in the standard form written out
// in doc.go ("The linear program"), with a single call of lp.Simplex. It
// is the reference against which the tests check Solve, and the benchmark
// of the direct approach. It returns the intakes and the optimal
// objective, or lp.ErrInfeasible.
//
// Variables, each ≥ 0: x'_c = x_c − Lower_c; u_c, v_c for the mismatch of
// a cell with a target; p_c, q_c for the change when λ > 0; a slack for
// each finite upper bound; s_k for each soft target; a slack for each
// total, Linear and Soft row. Rows:
//
//	x'_c − u_c + v_c = Target_c − Lower_c
//	x'_c − p_c + q_c = Current_c − Lower_c
//	x'_c + t_c       = Upper_c − Lower_c
//	Σ a·x' − sense·slack (+ s_k) = b − Σ a·Lower
//
// Every row has a column of its own (u_c, p_c, t_c or its slack), so A has
// full row rank. A cell that appears in no row has a zero column and is
// left out at x = Lower.
func direct(p Problem) (x []float64, objective float64, err error) {
	m := newModel(&p, nil)
	n := len(p.Cells)
	lam := p.ChangePenalty

	// Column indices.
	col := 0
	next := func() int { col++; return col - 1 }
	xc := make([]int, n)
	inRow := make([]bool, n)
	for _, r := range m.rows {
		for _, i := range r.idx {
			inRow[i] = true
		}
	}
	for i, c := range p.Cells {
		xc[i] = -1
		if !math.IsNaN(c.Target) || lam > 0 || !math.IsInf(c.Upper, 1) || inRow[i] {
			xc[i] = next()
		}
	}
	type split struct{ pos, neg int }
	mis := make([]split, n)
	chg := make([]split, n)
	up := make([]int, n)
	var cost []float64
	setCost := func(j int, v float64) {
		for len(cost) <= j {
			cost = append(cost, 0)
		}
		cost[j] = v
	}
	for i, c := range p.Cells {
		if xc[i] < 0 {
			continue
		}
		mis[i], chg[i], up[i] = split{-1, -1}, split{-1, -1}, -1
		if !math.IsNaN(c.Target) {
			mis[i] = split{next(), next()}
			setCost(mis[i].pos, c.Weight)
			setCost(mis[i].neg, c.Weight)
		}
		if lam > 0 {
			chg[i] = split{next(), next()}
			setCost(chg[i].pos, lam)
			setCost(chg[i].neg, lam)
		}
		if !math.IsInf(c.Upper, 1) {
			up[i] = next()
		}
	}
	short := make([]int, len(m.rows))
	slack := make([]int, len(m.rows))
	for r, row := range m.rows {
		short[r] = -1
		if row.soft {
			short[r] = next()
			setCost(short[r], row.penalty)
		}
		slack[r] = next()
	}
	cost = append(cost, make([]float64, col-len(cost))...)

	// Rows.
	var rowsA [][]float64
	var b []float64
	newRow := func(rhs float64) []float64 {
		a := make([]float64, col)
		rowsA = append(rowsA, a)
		b = append(b, rhs)
		return a
	}
	for i, c := range p.Cells {
		if xc[i] < 0 {
			continue
		}
		if mis[i].pos >= 0 {
			a := newRow(c.Target - c.Lower)
			a[xc[i]], a[mis[i].pos], a[mis[i].neg] = 1, -1, 1
		}
		if chg[i].pos >= 0 {
			a := newRow(c.Current - c.Lower)
			a[xc[i]], a[chg[i].pos], a[chg[i].neg] = 1, -1, 1
		}
		if up[i] >= 0 {
			a := newRow(c.Upper - c.Lower)
			a[xc[i]], a[up[i]] = 1, 1
		}
	}
	for r, row := range m.rows {
		rhs := row.b
		for t, i := range row.idx {
			rhs -= row.a[t] * p.Cells[i].Lower
		}
		a := newRow(rhs)
		for t, i := range row.idx {
			a[xc[i]] += row.a[t]
		}
		a[slack[r]] = -row.sense
		if short[r] >= 0 {
			a[short[r]] = 1
		}
	}
	A := mat.NewDense(len(rowsA), col, nil)
	for r, a := range rowsA {
		A.SetRow(r, a)
	}
	f, sol, err := lp.Simplex(cost, A, b, 1e-10, nil)
	if err != nil {
		return nil, 0, err
	}
	x = make([]float64, n)
	for i, c := range p.Cells {
		x[i] = c.Lower
		if xc[i] >= 0 {
			x[i] += sol[xc[i]]
		}
	}
	return x, f, nil
}

// isInfeasible reports whether err from direct means no plan exists.
func isInfeasible(err error) bool {
	return errors.Is(err, lp.ErrInfeasible)
}
