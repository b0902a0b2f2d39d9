package score

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Result is the outcome of TOPSIS for n alternatives and m indicators.
type Result struct {
	// Closeness is C_i = D⁻_i / (D⁺_i + D⁻_i) in [0,1] for each
	// alternative, 1 best; 0.5 when D⁺_i + D⁻_i = 0.
	Closeness []float64
	// DistanceIdeal is D⁺_i, the Euclidean distance of alternative i to the
	// ideal in the weighted normalised space.
	DistanceIdeal []float64
	// DistanceAntiIdeal is D⁻_i, the distance to the anti-ideal.
	DistanceAntiIdeal []float64
	// Normalized is the n × m vector-normalised matrix r_ij, before
	// weighting.
	Normalized *mat.Dense
	// Weighted is the n × m weighted normalised matrix v_ij = w_j r_ij.
	Weighted *mat.Dense
	// SqIdeal is the n × m matrix of squared distances (v_ij − v⁺_j)² to
	// the ideal, indicator by indicator: row i sums to D⁺_i².
	SqIdeal *mat.Dense
	// SqAntiIdeal is the n × m matrix of squared distances (v_ij − v⁻_j)²
	// to the anti-ideal: row i sums to D⁻_i².
	SqAntiIdeal *mat.Dense
	// Weights are the weights used, summing to 1.
	Weights []float64
	// Ideal is v⁺, the best weighted normalised value of each indicator.
	Ideal []float64
	// AntiIdeal is v⁻, the worst weighted normalised value of each
	// indicator.
	AntiIdeal []float64
}

// TOPSIS scores the n alternatives (rows) of the decision matrix x on its m
// indicators (columns) by their relative closeness to the ideal (Hwang &
// Yoon 1981, sec. 3.2.5): vector normalisation, weighting, ideal and
// anti-ideal by direction (benefit[j] true when more is better), Euclidean
// distances and closeness C_i = D⁻_i/(D⁺_i + D⁻_i).
//
// weights are checked and rescaled to sum to 1 by NormalizeWeights; nil
// weights mean EntropyWeights(x, benefit). Mismatched lengths, invalid
// weights and NaN or ±Inf values (a *ValueError naming row and column) are
// errors. A single alternative is its own ideal and anti-ideal and scores
// 0.5.
func TOPSIS(x *mat.Dense, weights []float64, benefit []bool) (Result, error) {
	n, m, err := checkMatrix(x, benefit)
	if err != nil {
		return Result{}, err
	}
	var w []float64
	if weights == nil {
		if w, err = EntropyWeights(x, benefit); err != nil {
			return Result{}, err
		}
	} else {
		if len(weights) != m {
			return Result{}, fmt.Errorf("score: %d weights for %d indicators", len(weights), m)
		}
		if w, err = NormalizeWeights(weights); err != nil {
			return Result{}, err
		}
	}
	r, err := VectorNormalize(x)
	if err != nil {
		return Result{}, err
	}
	v := mat.NewDense(n, m, nil)
	v.Apply(func(_, j int, rv float64) float64 { return w[j] * rv }, r)

	ideal, anti := make([]float64, m), make([]float64, m)
	for j := range m {
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range n {
			lo, hi = min(lo, v.At(i, j)), max(hi, v.At(i, j))
		}
		if benefit[j] {
			ideal[j], anti[j] = hi, lo
		} else {
			ideal[j], anti[j] = lo, hi
		}
	}

	res := Result{
		Closeness:         make([]float64, n),
		DistanceIdeal:     make([]float64, n),
		DistanceAntiIdeal: make([]float64, n),
		Normalized:        r,
		Weighted:          v,
		SqIdeal:           mat.NewDense(n, m, nil),
		SqAntiIdeal:       mat.NewDense(n, m, nil),
		Weights:           w,
		Ideal:             ideal,
		AntiIdeal:         anti,
	}
	for i := range n {
		var sa, sb float64
		for j := range m {
			da, db := v.At(i, j)-anti[j], v.At(i, j)-ideal[j]
			res.SqAntiIdeal.Set(i, j, da*da)
			res.SqIdeal.Set(i, j, db*db)
			sa += da * da
			sb += db * db
		}
		res.DistanceIdeal[i], res.DistanceAntiIdeal[i] = math.Sqrt(sb), math.Sqrt(sa)
		res.Closeness[i] = Closeness(res.DistanceIdeal[i], res.DistanceAntiIdeal[i])
	}
	return res, nil
}

// Closeness returns the TOPSIS closeness D⁻/(D⁺ + D⁻) of an alternative at
// distance dPlus from the ideal and dMinus from the anti-ideal (Hwang &
// Yoon 1981, sec. 3.2.5, step 5), and 0.5 when both are 0 (every
// alternative alike on every weighted indicator), by our convention.
func Closeness(dPlus, dMinus float64) float64 {
	if dPlus+dMinus == 0 {
		return 0.5
	}
	return dMinus / (dPlus + dMinus)
}

// Decompose recomputes an alternative's distances and closeness from its
// squared distances by indicator (Result.SqIdeal and Result.SqAntiIdeal
// rows, e.g. as stored): D⁺ = sqrt(Σ_j sqIdeal_j), D⁻ = sqrt(Σ_j
// sqAnti_j) and C = Closeness(D⁺, D⁻). NaN entries (an indicator not
// stored) are skipped.
func Decompose(sqIdeal, sqAnti []float64) (dPlus, dMinus, closeness float64) {
	sum := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			if !math.IsNaN(x) {
				s += x
			}
		}
		return s
	}
	dPlus, dMinus = math.Sqrt(sum(sqIdeal)), math.Sqrt(sum(sqAnti))
	return dPlus, dMinus, Closeness(dPlus, dMinus)
}
