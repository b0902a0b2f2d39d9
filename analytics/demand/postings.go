package demand

import (
	"fmt"
	"math"
)

// PostingsFactor says how the monthly job postings inform near-term demand.
// The growth of the latest 12 months of postings over the 12 before,
//
//	g_p = Σ last12 / Σ prev12 − 1
//
// is compared with the employment forecast's first-year growth g_e
// (firstYearGrowth, e.g. Growth(last, path[:1])), and the first forecast
// year's openings are to be multiplied by the factor
//
//	clamp(1 + weight·(g_p − g_e), 1 − cap, 1 + cap)
//
// monthly holds consecutive months, oldest first; only its last 24 values
// are used, and they must be finite and non-negative. Fewer than 24 values,
// or a zero sum over prev12, give the factor 1 (no information), as do
// weight 0 and cap 0. weight and cap must be in [0,1] and firstYearGrowth
// finite; anything else is an error. The rule is our own (see the package
// documentation), not a published method.
func PostingsFactor(monthly []float64, firstYearGrowth, weight, cap float64) (float64, error) {
	if !(weight >= 0 && weight <= 1) {
		return 0, fmt.Errorf("demand: postings weight %v must be in [0,1]", weight)
	}
	if !(cap >= 0 && cap <= 1) {
		return 0, fmt.Errorf("demand: postings cap %v must be in [0,1]", cap)
	}
	if !finite(firstYearGrowth) {
		return 0, fmt.Errorf("demand: first-year growth %v must be finite", firstYearGrowth)
	}
	if len(monthly) < 24 {
		return 1, nil
	}
	start := len(monthly) - 24
	win := monthly[start:]
	m := 0.0
	for i, v := range win {
		if !finite(v) || v < 0 {
			return 0, fmt.Errorf("demand: monthly[%d] = %v must be finite and non-negative", start+i, v)
		}
		m = max(m, v)
	}
	if m == 0 || weight == 0 {
		return 1, nil
	}
	// Scale by the largest month so that the sums cannot overflow.
	var prev, last float64
	prevSome := false
	for i, v := range win {
		if i < 12 {
			prev += v / m
			prevSome = prevSome || v > 0
		} else {
			last += v / m
		}
	}
	if !prevSome {
		return 1, nil
	}
	gp := math.Inf(1) // prev12 underflowed next to a huge last12
	if prev > 0 {
		gp = last/prev - 1
	}
	f := 1 + weight*(gp-firstYearGrowth)
	return min(max(f, 1-cap), 1+cap), nil
}
