package score

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// EntropyWeights returns the weights of the m indicators of the n × m
// decision matrix x by the entropy weight method (Zou, Yun & Sun 2006,
// eqs. 1–4): min–max normalisation by direction (MinMax), proportions
// p_ij = x'_ij / Σ_i x'_ij, entropies e_j = −(1/ln n) Σ_i p_ij ln p_ij with
// 0·ln 0 = 0, and weights w_j = (1 − e_j) / Σ_k (1 − e_k). benefit[j] is
// true when more of indicator j is better.
//
// A constant column gets weight 0; if every column is constant, every
// indicator gets weight 1/m. The weights are non-negative and sum to 1.
// Fewer than two rows, a length of benefit other than m, and NaN or ±Inf
// values (a *ValueError naming row and column) are errors.
func EntropyWeights(x *mat.Dense, benefit []bool) ([]float64, error) {
	n, m, err := checkMatrix(x, benefit)
	if err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, fmt.Errorf("score: entropy weights need at least 2 rows, have %d", n)
	}
	xn, err := MinMax(x, benefit)
	if err != nil {
		return nil, err
	}
	lnN := math.Log(float64(n))
	d := make([]float64, m) // degree of diversification 1 − e_j
	var total float64
	for j := range m {
		var s float64
		for i := range n {
			s += xn.At(i, j)
		}
		if s == 0 { // constant column
			continue
		}
		var h float64
		for i := range n {
			if p := xn.At(i, j) / s; p > 0 {
				h -= p * math.Log(p)
			}
		}
		// With min–max normalisation one p_ij is 0, so e_j ≤ ln(n−1)/ln n
		// < 1; the clamp only guards rounding.
		d[j] = max(1-h/lnN, 0)
		total += d[j]
	}
	w := make([]float64, m)
	for j := range w {
		if total == 0 {
			w[j] = 1 / float64(m)
		} else {
			w[j] = d[j] / total
		}
	}
	return w, nil
}
