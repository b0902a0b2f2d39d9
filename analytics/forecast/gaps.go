package forecast

import (
	"math"
	"slices"
)

// FillGaps returns a copy of x with each run of NaN between two values
// filled by linear interpolation; the NaN before the first value and
// after the last stay NaN (a series is not extended, only mended). It is
// how vocmap mends a yearly series with missing years before it is
// forecast or summed.
func FillGaps(x []float64) []float64 {
	out := slices.Clone(x)
	prev := -1
	for i, v := range out {
		if math.IsNaN(v) {
			continue
		}
		if prev >= 0 && i-prev > 1 {
			for k := prev + 1; k < i; k++ {
				t := float64(k-prev) / float64(i-prev)
				out[k] = out[prev]*(1-t) + v*t
			}
		}
		prev = i
	}
	return out
}
