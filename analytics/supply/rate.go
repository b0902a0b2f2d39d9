package supply

import (
	"errors"
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// Rate is a ratio of sums over the years given,
//
//	Σ num / Σ den
//
// over the entries where both are finite and den > 0, e.g. further study
// (further_study / graduates) or staying in the province
// (employed_in_province / employed). num and den are aligned by year; if
// their lengths differ, the entries past the shorter are ignored. It
// returns the rate clamped to [0,1] and the total den of the entries used;
// with no such entry it returns (def, 0), def unchanged.
func Rate(num, den []float64, def float64) (float64, float64) {
	n := min(len(num), len(den))
	used := func(i int) bool { return numeric.Finite(num[i]) && numeric.Finite(den[i]) && den[i] > 0 }
	// Scale by the largest magnitude used, so that the sums cannot
	// overflow; the total of den is returned unscaled.
	m, found := 0.0, false
	for i := range n {
		if used(i) {
			m = max(m, math.Abs(num[i]), den[i])
			found = true
		}
	}
	if !found {
		return def, 0
	}
	var sn, sd, total float64
	for i := range n {
		if used(i) {
			sn += num[i] / m
			sd += den[i] / m
			total += den[i]
		}
	}
	switch {
	case sn <= 0:
		return 0, total
	case sd == 0: // den underflowed next to a huge num
		return 1, total
	}
	return min(sn/sd, 1), total
}

// EnteringWork returns the graduates who enter the province's labour
// market,
//
//	entering[h] = graduates[h] · (1 − furtherStudy) · stay
//
// where furtherStudy is the share of graduates who go on studying and stay
// the share of employed graduates who stay in the province. Both rates must
// be in [0,1] and the graduates finite and non-negative; anything else is
// an error.
func EnteringWork(graduates []float64, furtherStudy, stay float64) ([]float64, error) {
	if !(furtherStudy >= 0 && furtherStudy <= 1) {
		return nil, fmt.Errorf("supply: further-study rate %v must be in [0,1]", furtherStudy)
	}
	if !(stay >= 0 && stay <= 1) {
		return nil, fmt.Errorf("supply: stay rate %v must be in [0,1]", stay)
	}
	e := make([]float64, len(graduates))
	for h, g := range graduates {
		if !numeric.Finite(g) || g < 0 {
			return nil, fmt.Errorf("supply: graduates[%d] = %v must be finite and non-negative", h, g)
		}
		e[h] = g * (1 - furtherStudy) * stay
	}
	return e, nil
}

// weightTolerance is how far the crosswalk weights of a program may sum
// from 1 before ToIndustries rejects them.
const weightTolerance = 0.01

// ToIndustries spreads a program's entering graduates over industries by
// the program–industry crosswalk weights:
//
//	out[i][h] = entering[h] · w[i] / Σ_j w[j]
//
// The weights must be finite, non-negative and sum to 1 ± 0.01; they are
// renormalised to sum exactly 1, so every column of out sums to
// entering[h] (within rounding). entering must be finite and non-negative.
// Anything else, and an empty weights slice, is an error.
func ToIndustries(entering []float64, weights []float64) ([][]float64, error) {
	if len(weights) == 0 {
		return nil, errors.New("supply: no crosswalk weights")
	}
	s := 0.0
	for i, w := range weights {
		if !numeric.Finite(w) || w < 0 {
			return nil, fmt.Errorf("supply: weights[%d] = %v must be finite and non-negative", i, w)
		}
		s += w
	}
	if !(math.Abs(s-1) <= weightTolerance+1e-12) {
		return nil, fmt.Errorf("supply: crosswalk weights sum to %v, want 1 ± %v", s, weightTolerance)
	}
	for h, e := range entering {
		if !numeric.Finite(e) || e < 0 {
			return nil, fmt.Errorf("supply: entering[%d] = %v must be finite and non-negative", h, e)
		}
	}
	out := make([][]float64, len(weights))
	for i, w := range weights {
		out[i] = make([]float64, len(entering))
		for h, e := range entering {
			out[i][h] = e * (w / s)
		}
	}
	return out, nil
}
