// Package numeric holds the small numerical helpers that several analytics
// packages share: a finiteness test and overflow-safe proportions. It is
// internal to analytics and imports only the standard library.
package numeric

import "math"

// Finite reports whether x is neither NaN nor ±Inf.
func Finite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}

// Proportions returns v[i] / Σ_j v[j] for finite, non-negative v, or false
// if every value is zero (or v is empty). The values are scaled by their
// maximum first, so the sum cannot overflow. The caller checks that the
// values are finite and non-negative; v is left unchanged.
func Proportions(v []float64) ([]float64, bool) {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	if m == 0 {
		return nil, false
	}
	w := make([]float64, len(v))
	s := 0.0
	for i, x := range v {
		w[i] = x / m
		s += w[i]
	}
	for i := range w {
		w[i] /= s
	}
	return w, true
}
