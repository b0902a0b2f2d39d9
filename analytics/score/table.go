package score

import (
	"errors"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// ErrZeroWeights is returned by Score when the given weights are 0 on
// every indicator the rows have.
var ErrZeroWeights = errors.New("score: the given weights are 0 on every indicator the data have")

// Scored is the outcome of Score: TOPSIS on a table with missing values.
type Scored struct {
	Result
	// Used[j] is false for an indicator left out because no row has it.
	Used []bool
	// Imputed[j] is the median that filled indicator j's missing values
	// (NaN where the indicator is not used).
	Imputed []float64
}

// Score runs TOPSIS on rows of m indicators where some values are
// missing (NaN): a missing value takes the median of its indicator over
// the rows that have it, an indicator that no row has is left out (weight
// 0, squared distances 0), and ±Inf values are capped at the largest finite
// value of their indicator. weights has one entry per indicator or is nil
// (entropy weights over the used indicators); the weights of left-out
// indicators are dropped before rescaling. A single row scores 0.5.
//
// Median imputation keeps a missing figure neutral in the ranking rather
// than the best or the worst (Little & Rubin 2019, Statistical Analysis
// with Missing Data, sec. 4.2, on single imputation and its limits).
func Score(rows [][]float64, benefit []bool, weights []float64) (Scored, error) {
	n, m := len(rows), len(benefit)
	if n == 0 {
		return Scored{}, ErrNoData
	}
	if weights != nil && len(weights) != m {
		return Scored{}, errors.New("score: one weight per indicator is needed")
	}
	used := make([]bool, m)
	imputed := make([]float64, m)
	var cols []int
	for j := range m {
		var have []float64
		for i := range n {
			if len(rows[i]) != m {
				return Scored{}, errors.New("score: every row needs one value per indicator")
			}
			x := rows[i][j]
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				have = append(have, x)
			}
		}
		imputed[j] = math.NaN()
		if len(have) == 0 {
			continue
		}
		used[j] = true
		sort.Float64s(have)
		k := len(have)
		med := have[k/2]
		if k%2 == 0 {
			med = (have[k/2-1] + have[k/2]) / 2
		}
		imputed[j] = med
		cols = append(cols, j)
	}
	if len(cols) == 0 {
		return Scored{}, ErrNoData
	}
	x := mat.NewDense(n, len(cols), nil)
	ben := make([]bool, len(cols))
	var w []float64
	if weights != nil {
		w = make([]float64, len(cols))
	}
	for c, j := range cols {
		ben[c] = benefit[j]
		if w != nil {
			w[c] = weights[j]
		}
		hi, lo := math.Inf(-1), math.Inf(1)
		for i := range n {
			if v := rows[i][j]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				hi, lo = max(hi, v), min(lo, v)
			}
		}
		for i := range n {
			v := rows[i][j]
			switch {
			case math.IsNaN(v):
				v = imputed[j]
			case math.IsInf(v, 1):
				v = hi
			case math.IsInf(v, -1):
				v = lo
			}
			x.Set(i, c, v)
		}
	}
	if w != nil {
		s := 0.0
		for _, v := range w {
			s += v
		}
		if s == 0 {
			return Scored{}, ErrZeroWeights
		}
	}
	if n == 1 && w == nil {
		// Entropy weights need two rows: one row is its own ideal and
		// anti-ideal whatever the weights, so equal weights do.
		w = make([]float64, len(cols))
		for c := range w {
			w[c] = 1
		}
	}
	res, err := TOPSIS(x, w, ben)
	if err != nil {
		return Scored{}, err
	}
	// Spread the result back over all m indicators.
	full := Result{Closeness: res.Closeness, DistanceIdeal: res.DistanceIdeal, DistanceAntiIdeal: res.DistanceAntiIdeal,
		Normalized: mat.NewDense(n, m, nil), Weighted: mat.NewDense(n, m, nil),
		SqIdeal: mat.NewDense(n, m, nil), SqAntiIdeal: mat.NewDense(n, m, nil),
		Weights: make([]float64, m), Ideal: make([]float64, m), AntiIdeal: make([]float64, m)}
	for c, j := range cols {
		full.Weights[j], full.Ideal[j], full.AntiIdeal[j] = res.Weights[c], res.Ideal[c], res.AntiIdeal[c]
		for i := range n {
			full.Normalized.Set(i, j, res.Normalized.At(i, c))
			full.Weighted.Set(i, j, res.Weighted.At(i, c))
			full.SqIdeal.Set(i, j, res.SqIdeal.At(i, c))
			full.SqAntiIdeal.Set(i, j, res.SqAntiIdeal.At(i, c))
		}
	}
	return Scored{Result: full, Used: used, Imputed: imputed}, nil
}
