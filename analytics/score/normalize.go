package score

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// ValueError reports a value of the decision matrix that is NaN or ±Inf.
// Row and Column are 0-based.
type ValueError struct {
	// Row is the 0-based row (alternative) of the value.
	Row int
	// Column is the 0-based column (indicator) of the value.
	Column int
	// Value is the offending value.
	Value float64
}

// Error returns "score: row R, column C: value V is not finite".
func (e *ValueError) Error() string {
	return fmt.Sprintf("score: row %d, column %d: value %v is not finite", e.Row, e.Column, e.Value)
}

// ErrNoData is returned for a nil or empty decision matrix.
var ErrNoData = errors.New("score: empty decision matrix")

// checkMatrix checks that x is a non-empty matrix of finite values with one
// direction per column, and returns its dimensions. Every non-finite value
// is reported, joined with errors.Join.
func checkMatrix(x *mat.Dense, benefit []bool) (n, m int, err error) {
	if x == nil || x.IsEmpty() {
		return 0, 0, ErrNoData
	}
	n, m = x.Dims()
	if len(benefit) != m {
		return 0, 0, fmt.Errorf("score: %d directions for %d indicators", len(benefit), m)
	}
	var errs []error
	for i := range n {
		for j := range m {
			if v := x.At(i, j); math.IsNaN(v) || math.IsInf(v, 0) {
				errs = append(errs, &ValueError{Row: i, Column: j, Value: v})
			}
		}
	}
	return n, m, errors.Join(errs...)
}

// MinMax returns x min–max normalised by direction (Zou, Yun & Sun 2006,
// eq. 1): for a benefit column (x − min)/(max − min), for a cost column
// (max − x)/(max − min), so that 1 is the best value and 0 the worst. A
// constant column becomes all zeros. benefit[j] gives the direction of
// column j; its length must be the number of columns.
func MinMax(x *mat.Dense, benefit []bool) (*mat.Dense, error) {
	n, m, err := checkMatrix(x, benefit)
	if err != nil {
		return nil, err
	}
	out := mat.NewDense(n, m, nil)
	col := make([]float64, n)
	for j := range m {
		mat.Col(col, j, x)
		lo, hi := floats.Min(col), floats.Max(col)
		// Halving is exact for normal numbers and keeps hi − lo finite.
		spread := hi/2 - lo/2
		if spread == 0 {
			continue
		}
		for i, v := range col {
			d := v/2 - lo/2
			if !benefit[j] {
				d = hi/2 - v/2
			}
			out.Set(i, j, d/spread)
		}
	}
	return out, nil
}

// VectorNormalize returns x with each column divided by its Euclidean norm,
// r_ij = x_ij / sqrt(Σ_i x_ij²) (Hwang & Yoon 1981, sec. 3.2.5, step 1). An
// all-zero column stays zero. The norm is computed with scaling, so large
// values do not overflow.
func VectorNormalize(x *mat.Dense) (*mat.Dense, error) {
	if x == nil || x.IsEmpty() {
		return nil, ErrNoData
	}
	_, m := x.Dims()
	n, _, err := checkMatrix(x, make([]bool, m))
	if err != nil {
		return nil, err
	}
	out := mat.NewDense(n, m, nil)
	col := make([]float64, n)
	for j := range m {
		mat.Col(col, j, x)
		norm := floats.Norm(col, 2)
		if norm == 0 {
			continue
		}
		for i, v := range col {
			out.Set(i, j, v/norm)
		}
	}
	return out, nil
}

// NormalizeWeights checks weights, such as weights from config, and
// returns a copy rescaled to sum to 1. Weights must be finite and
// non-negative with a positive sum; the error names the first offending
// index (0-based).
func NormalizeWeights(w []float64) ([]float64, error) {
	if len(w) == 0 {
		return nil, errors.New("score: no weights")
	}
	for j, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("score: weight %d = %v must be finite and non-negative", j, v)
		}
	}
	// Scale by the largest weight first so the sum cannot overflow.
	top := floats.Max(w)
	if top == 0 {
		return nil, errors.New("score: weights sum to zero")
	}
	out := make([]float64, len(w))
	for j, v := range w {
		out[j] = v / top
	}
	floats.Scale(1/floats.Sum(out), out)
	return out, nil
}
