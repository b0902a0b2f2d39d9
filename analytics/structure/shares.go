package structure

import (
	"errors"
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// checkValues returns an error naming the first value of v that is NaN,
// ±Inf or negative.
func checkValues(name string, v []float64) error {
	for i, x := range v {
		if !numeric.Finite(x) || x < 0 {
			return fmt.Errorf("structure: %s[%d] = %v must be finite and non-negative", name, i, x)
		}
	}
	return nil
}

// nans returns a slice of n NaNs.
func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// Shares returns the shares x[i] / Σ_j x[j], e.g. the three sectors' shares
// of value added or of employment. The shares are defined for finite,
// non-negative values with a positive sum; if any value is NaN, ±Inf or
// negative, or all are zero, every share is NaN (the total is unknown or
// zero, so no share is meaningful). An empty x gives an empty result.
// The sum is formed after scaling by the largest value, so it does not
// overflow.
func Shares(x []float64) []float64 {
	if checkValues("x", x) != nil {
		return nans(len(x))
	}
	s, ok := numeric.Proportions(x)
	if !ok {
		return nans(len(x))
	}
	return s
}

// HHI returns the Herfindahl–Hirschman index of x, the sum of its squared
// shares
//
//	HHI = Σ_i s_i²,  s_i = x_i / Σ_j x_j
//
// (Hirschman 1945; Herfindahl 1950). Over n industries it lies in [1/n, 1]:
// 1/n when all have the same size, 1 when one holds everything. It is NaN
// where Shares is NaN (a NaN, ±Inf or negative value, or a zero total) and
// for an empty x.
func HHI(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	h := 0.0
	for _, s := range Shares(x) {
		h += s * s
	}
	return h
}

// ShareForecast turns forecasts of the parts of a whole into forecast
// shares. components[k] is the forecast path of component k (e.g. the
// employment of sector k in each plan year up to 2035), all of the same
// length H. The result has one row per step, out[h][k] = the share of
// component k at step h:
//
//	out[h][k] = c_k[h]⁺ / Σ_j c_j[h]⁺,  c⁺ = max(c, 0)
//
// so every row sums to 1 and can be passed to HHI or Moore. Forecasts of
// Gaussian models may dip below zero; a negative component counts as 0.
// A step at which every component is zero (or negative) has no shares and
// its row is NaN. No components, ragged paths and NaN or ±Inf values are
// errors. The inputs are left unchanged.
func ShareForecast(components [][]float64) ([][]float64, error) {
	if len(components) == 0 {
		return nil, errors.New("structure: no components to share")
	}
	H := len(components[0])
	for k, path := range components {
		if len(path) != H {
			return nil, fmt.Errorf("structure: component %d has %d steps, want %d (len(components[0]))", k, len(path), H)
		}
		for h, x := range path {
			if !numeric.Finite(x) {
				return nil, fmt.Errorf("structure: components[%d][%d] = %v must be finite", k, h, x)
			}
		}
	}
	out := make([][]float64, H)
	col := make([]float64, len(components))
	for h := range out {
		for k, path := range components {
			col[k] = max(path[h], 0)
		}
		s, ok := numeric.Proportions(col)
		if !ok {
			s = nans(len(col))
		}
		out[h] = s
	}
	return out, nil
}
