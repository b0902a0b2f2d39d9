package forecast

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// minimize minimises f with the Nelder–Mead simplex method (Nelder & Mead
// 1965; coefficients 1, 2, ½, ½ and the stopping rule of R's optim: the
// spread of values over the simplex below 1e-8 relative to the best value)
// starting from the simplex {x0, x0 + step[i]·e_i}. Non-finite objective
// values are treated as +Inf, so infeasible parameters are rejected as in
// R's ets.
func minimize(f func([]float64) float64, x0, step []float64, maxEval int) ([]float64, float64, error) {
	// Restart from the best point with a fresh simplex until a restart
	// no longer improves: Nelder–Mead can stall on the boundary of the
	// admissible region (a standard remedy; e.g. Lagarias et al. 1998).
	x, fx, err := nelderMead(f, x0, step, maxEval)
	if err != nil {
		return x, fx, err
	}
	// Few restarts in high dimension (seasonal models) to bound the cost.
	restarts := 4
	if len(x0) > 6 {
		restarts = 1
	}
	for range restarts {
		x2, f2, err := nelderMead(f, x, step, maxEval)
		if err != nil || !(f2 < fx-1e-7*(math.Abs(fx)+1e-7)) {
			if err == nil && f2 < fx {
				x, fx = x2, f2
			}
			break
		}
		x, fx = x2, f2
	}
	return x, fx, nil
}

// nelderMead runs one Nelder–Mead minimisation with gonum/optimize,
// from the simplex {x0, x0 + step[i]·e_i} (a vertex steps the other way
// when its side is infeasible), with the classical coefficients 1, 2, ½,
// ½ that R's optim uses, stopping when the best value has not improved by
// a relative 1e-8 over 10·dim iterations or after maxEval evaluations.
func nelderMead(f func([]float64) float64, x0, step []float64, maxEval int) ([]float64, float64, error) {
	obj := func(x []float64) float64 {
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	dim := len(x0)
	f0 := obj(x0)
	if math.IsInf(f0, 1) {
		return x0, f0, errors.New("infeasible starting point")
	}
	if dim == 0 {
		return x0, f0, nil
	}
	verts := make([][]float64, dim+1)
	vals := make([]float64, dim+1)
	verts[0], vals[0] = append([]float64(nil), x0...), f0
	for i := 0; i < dim; i++ {
		p := append([]float64(nil), x0...)
		p[i] += step[i]
		fp := obj(p)
		if math.IsInf(fp, 1) {
			p[i] = x0[i] - step[i]
			fp = obj(p)
		}
		verts[i+1], vals[i+1] = p, fp
	}
	method := &optimize.NelderMead{InitialVertices: verts, InitialValues: vals,
		Reflection: 1, Expansion: 2, Contraction: 0.5, Shrink: 0.5}
	settings := &optimize.Settings{
		FuncEvaluations: maxEval,
		Converger:       &optimize.FunctionConverge{Absolute: 1e-12, Relative: 1e-8, Iterations: 10 * dim},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: obj}, x0, settings, method)
	if res == nil {
		return x0, f0, err
	}
	if res.F > f0 || math.IsNaN(res.F) {
		return x0, f0, nil
	}
	// running out of evaluations is not a failure: the best point is used
	return res.X, res.F, nil
}
