package supply

import (
	"fmt"
	"math"
)

// checkCounts returns an error naming the first value of v that is ±Inf or
// negative; NaN (a missing observation) passes.
func checkCounts(name string, v []float64) error {
	for i, x := range v {
		if math.IsInf(x, 0) || x < 0 {
			return fmt.Errorf("supply: %s[%d] = %v must be finite and non-negative (NaN marks a missing year)", name, i, x)
		}
	}
	return nil
}

// CompletionRate estimates the share of an intake cohort that graduates
// duration years later:
//
//	Σ_y graduates[y] / Σ_y intake[y−duration]
//
// over the years y where both are known (not NaN) and the intake is
// positive, clamped to [0,1]. intake and graduates are aligned by year
// (index i is year first+i) and must have the same length. It returns the
// rate and n, the number of cohorts used; with n == 0 the rate is def. A
// duration below 1, def outside [0,1], unequal lengths and ±Inf or
// negative counts are errors.
func CompletionRate(intake, graduates []float64, duration int, def float64) (float64, int, error) {
	if duration < 1 {
		return 0, 0, fmt.Errorf("supply: duration %d must be at least 1", duration)
	}
	if !(def >= 0 && def <= 1) {
		return 0, 0, fmt.Errorf("supply: default completion rate %v must be in [0,1]", def)
	}
	if len(intake) != len(graduates) {
		return 0, 0, fmt.Errorf("supply: %d years of intake but %d of graduates", len(intake), len(graduates))
	}
	if err := checkCounts("intake", intake); err != nil {
		return 0, 0, err
	}
	if err := checkCounts("graduates", graduates); err != nil {
		return 0, 0, err
	}
	used := func(y int) bool {
		g, in := graduates[y], intake[y-duration]
		return !math.IsNaN(g) && !math.IsNaN(in) && in > 0
	}
	// Scale by the largest value used, so that the sums cannot overflow.
	m, n := 0.0, 0
	for y := duration; y < len(graduates); y++ {
		if used(y) {
			m = max(m, graduates[y], intake[y-duration])
			n++
		}
	}
	if n == 0 {
		return def, 0, nil
	}
	var sg, si float64
	for y := duration; y < len(graduates); y++ {
		if used(y) {
			sg += graduates[y] / m
			si += intake[y-duration] / m
		}
	}
	// si > 0 unless the intakes underflowed next to a huge graduates
	// count, and then sg ≥ 1: the rate clamps to 1.
	r := 1.0
	if si > 0 {
		r = min(sg/si, 1)
	}
	return r, n, nil
}

// Graduates returns the graduates of the H years after the last observed
// year T (index len(intake)−1):
//
//	graduates[T+h] = completion · intake[T+h−duration],  h = 1..H
//
// taking the intake from history when T+h−duration ≤ T and from
// intakeForecast[T+h−duration−T−1] otherwise; intakeForecast[0] is the
// intake of year T+1. A NaN history intake counts as 0 and so does a
// negative forecast intake (forecast paths may dip below zero). When
// H > duration, len(intakeForecast) must be at least H − duration; longer
// forecasts are cut. When H ≥ 1 the history must reach back to the cohort
// graduating in T+1, len(intake) ≥ duration: a program opened less than
// duration years ago has its earlier years padded with zeros by the caller.
// A duration below 1, H < 0, completion outside [0,1], ±Inf or negative
// history and NaN or ±Inf forecast values are errors.
func Graduates(intake, intakeForecast []float64, duration int, completion float64, H int) ([]float64, error) {
	if duration < 1 {
		return nil, fmt.Errorf("supply: duration %d must be at least 1", duration)
	}
	if H < 0 {
		return nil, fmt.Errorf("supply: horizon %d must not be negative", H)
	}
	if !(completion >= 0 && completion <= 1) {
		return nil, fmt.Errorf("supply: completion rate %v must be in [0,1]", completion)
	}
	if err := checkCounts("intake", intake); err != nil {
		return nil, err
	}
	for i, x := range intakeForecast {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("supply: intakeForecast[%d] = %v must be finite", i, x)
		}
	}
	if H > 0 && len(intake) < duration {
		return nil, fmt.Errorf("supply: %d years of intake, need at least duration = %d (pad the years before a new program's first intake with zeros)", len(intake), duration)
	}
	if H > duration && len(intakeForecast) < H-duration {
		return nil, fmt.Errorf("supply: %d years of intake forecast, need %d for a horizon of %d with duration %d", len(intakeForecast), H-duration, H, duration)
	}
	T := len(intake) - 1
	g := make([]float64, H)
	for h := 1; h <= H; h++ {
		k := T + h - duration
		var in float64
		if k <= T {
			in = intake[k]
			if math.IsNaN(in) {
				in = 0
			}
		} else {
			in = max(intakeForecast[k-T-1], 0)
		}
		g[h-1] = completion * in
	}
	return g, nil
}
