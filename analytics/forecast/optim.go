package forecast

import (
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/diff/fd"
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
	obj := nanIsInf(f)
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

// minimizeSmooth minimises a smooth f over unconstrained u with gonum's
// BFGS quasi-Newton method (Nocedal & Wright 2006, ch. 6), the gradient
// taken by forward finite differences (gonum/diff/fd, reusing the value at
// u that the optimiser has just asked for) inside the objective
// so that one optimiser step costs one exchange with gonum's evaluation
// goroutine rather than one per function value. Callers map bounded
// parameters to u with a logistic transform and start from the best point
// of a small grid, so the local search starts in the right basin. Non-finite
// values are +Inf; the best point seen is returned whatever the optimiser's
// status (it may stop on a flat line search at a bound). It stops when an
// iteration improves f by less than 1e-4 or the gradient's norm falls below
// 1e-3: the objectives are n·log(SSE)-like, where 1e-4 is immaterial next
// to AICc's penalty of 2 per parameter, and the looser stop also ends the
// slow approach of the logistic transform to a bound (α → 0.9999), which
// cost twice the evaluations for no gain in accuracy (ETS OWA 0.872
// against 0.884 with 1e-6 on the first 2,000 M4 yearly series).
func minimizeSmooth(f func([]float64) float64, u0 []float64) ([]float64, float64) {
	obj := nanIsInf(f)
	f0 := obj(u0)
	if len(u0) == 0 || math.IsInf(f0, 1) {
		return u0, f0
	}
	// gonum evaluates the function and then the gradient at the same
	// point: remember the last value for the forward differences.
	lastU := make([]float64, len(u0))
	lastF := math.NaN()
	valueAt := func(u []float64) float64 {
		v := obj(u)
		copy(lastU, u)
		lastF = v
		return v
	}
	grad := func(g, u []float64) {
		fds := &fd.Settings{Formula: fd.Forward}
		if !math.IsNaN(lastF) && slices.Equal(u, lastU) && !math.IsInf(lastF, 0) {
			fds.OriginKnown, fds.OriginValue = true, lastF
		}
		fd.Gradient(g, obj, u, fds)
		for i, v := range g {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				g[i] = 0
			}
		}
	}
	settings := &optimize.Settings{
		GradientThreshold: 1e-3,
		MajorIterations:   200,
		FuncEvaluations:   5000, // a bound for any input; typical fits take 30–150
		Converger:         &optimize.FunctionConverge{Absolute: 1e-4, Relative: 1e-8, Iterations: 1},
	}
	res, _ := optimize.Minimize(optimize.Problem{Func: valueAt, Grad: grad}, u0, settings, &optimize.BFGS{})
	if res == nil || !(res.F < f0) {
		return u0, f0
	}
	return res.X, res.F
}

// nanIsInf returns f with NaN values replaced by +Inf, so that a search
// treats parameters where the model breaks down as infeasible.
func nanIsInf(f func([]float64) float64) func([]float64) float64 {
	return func(x []float64) float64 {
		v := f(x)
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
}

// logistic maps u to (lo, hi); logit is its inverse. (MINUIT's sine
// transformation reaches the bounds at finite u, but makes every bound a
// stationary point where the search stops: on M4 yearly series it left
// α at its lower bound where the likelihood at α = 1 was better.)
func logistic(u, lo, hi float64) float64 { return lo + (hi-lo)/(1+math.Exp(-u)) }

func logit(x, lo, hi float64) float64 {
	p := (x - lo) / (hi - lo)
	p = math.Min(math.Max(p, 1e-9), 1-1e-9)
	return math.Log(p / (1 - p))
}
