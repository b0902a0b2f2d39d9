package demand

import (
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// finite is the analytics-wide numeric.Finite.
var finite = numeric.Finite

// Openings returns the job openings of each forecast year h = 1..len(path):
//
//	openings[h] = max(0, (E[h] − E[h−1]) + rate·E[h−1]),  E[0] = last
//
// that is, the employment change plus the replacement of the workers who
// leave (separations), floored at zero. last is the last observed
// employment and path the forecast employment E[1..H]; rate is the annual
// replacement rate. A shrinking industry offers only the replacement demand
// its decline leaves (U.S. BLS, Employment Projections: occupational
// openings are employment change plus occupational separations; Cedefop
// 2012, replacement demand); the floor at zero is our convention. Negative
// employment values (last or in the path)
// are treated as 0. A rate outside [0,1] and a NaN or ±Inf in last or path
// are errors. An empty path gives an empty result.
func Openings(last float64, path []float64, rate float64) ([]float64, error) {
	if !(rate >= 0 && rate <= 1) {
		return nil, fmt.Errorf("demand: replacement rate %v must be in [0,1]", rate)
	}
	if !finite(last) {
		return nil, fmt.Errorf("demand: last employment %v must be finite", last)
	}
	for h, e := range path {
		if !finite(e) {
			return nil, fmt.Errorf("demand: path[%d] = %v must be finite", h, e)
		}
	}
	o := make([]float64, len(path))
	prev := max(last, 0)
	for h, e := range path {
		e = max(e, 0)
		// Both terms are bounded by the employment values, so the sum
		// cannot overflow: it lies in [−prev, e].
		o[h] = max(0, (e-prev)+rate*prev)
		prev = e
	}
	return o, nil
}

// Growth returns the mean annual growth rate from last to the end of path,
// the compound rate
//
//	(E[H]/last)^(1/H) − 1,  H = len(path)
//
// A negative E[H] is treated as 0 (growth −1). The growth is undefined, and
// Growth returns NaN, when the path is empty, when last or any path value
// is NaN or ±Inf, and when last ≤ 0 and some path value is positive; when
// last ≤ 0 and the whole path is zero (or negative) nothing grows and the
// growth is 0.
func Growth(last float64, path []float64) float64 {
	H := len(path)
	if H == 0 || !finite(last) {
		return math.NaN()
	}
	for _, e := range path {
		if !finite(e) {
			return math.NaN()
		}
	}
	if last <= 0 {
		for _, e := range path {
			if e > 0 {
				return math.NaN()
			}
		}
		return 0
	}
	end := max(path[H-1], 0)
	r := end / last
	if math.IsInf(r, 1) {
		// The ratio overflows (last tiny, end huge): take it in logs.
		return math.Exp((math.Log(end)-math.Log(last))/float64(H)) - 1
	}
	return math.Pow(r, 1/float64(H)) - 1
}
