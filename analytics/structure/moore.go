package structure

import (
	"errors"
	"fmt"
	"math"
)

// unit returns x / ‖x‖ for finite, non-negative x, or false if x is all
// zero. x is scaled by its largest value first, so the norm neither
// overflows nor underflows.
func unit(x []float64) ([]float64, bool) {
	m := 0.0
	for _, v := range x {
		m = max(m, v)
	}
	if m == 0 {
		return nil, false
	}
	u := make([]float64, len(x))
	ss := 0.0
	for i, v := range x {
		u[i] = v / m
		ss += u[i] * u[i]
	}
	norm := math.Sqrt(ss)
	for i := range u {
		u[i] /= norm
	}
	return u, true
}

// Moore returns the Moore structural change index (Moore 1978) between two
// structures s0 and s1, e.g. the sector shares of employment in two years:
// the cosine of the angle θ between them as vectors,
//
//	cos θ = Σ_i s0_i·s1_i / (√(Σ_i s0_i²) · √(Σ_i s1_i²))
//
// and θ in degrees. cos θ = 1 and θ = 0 when the structures are the same;
// θ = 90 when they share no industry. The index depends only on the
// directions of s0 and s1, so shares, percentages or the levels themselves
// give the same result. θ is computed as 2·atan2(‖u0 − u1‖, ‖u0 + u1‖)
// of the unit vectors u0, u1, which is accurate also for small angles,
// where acos(cos θ) loses half the digits. Empty or unequal slices, NaN,
// ±Inf or negative values and an all-zero structure are errors.
func Moore(s0, s1 []float64) (cos, angleDegrees float64, err error) {
	if len(s0) == 0 {
		return 0, 0, errors.New("structure: no industries")
	}
	if len(s1) != len(s0) {
		return 0, 0, fmt.Errorf("structure: s1 has %d industries, want %d (len(s0))", len(s1), len(s0))
	}
	if err := checkValues("s0", s0); err != nil {
		return 0, 0, err
	}
	if err := checkValues("s1", s1); err != nil {
		return 0, 0, err
	}
	u0, ok := unit(s0)
	if !ok {
		return 0, 0, errors.New("structure: s0 is all zero")
	}
	u1, ok := unit(s1)
	if !ok {
		return 0, 0, errors.New("structure: s1 is all zero")
	}
	var diff, sum float64
	for i := range u0 {
		d, s := u0[i]-u1[i], u0[i]+u1[i]
		diff += d * d
		sum += s * s
	}
	// With t = tan(θ/2) = ‖u0 − u1‖ / ‖u0 + u1‖, cos θ = (1 − t²)/(1 + t²)
	// = (sum − diff)/(sum + diff), which is Σ u0_i·u1_i since
	// sum + diff = 2(‖u0‖² + ‖u1‖²) = 4. This form agrees with θ and is
	// exactly 1 for equal structures and 0 for disjoint ones.
	cos = min(max((sum-diff)/(sum+diff), 0), 1)
	theta := 2 * math.Atan2(math.Sqrt(diff), math.Sqrt(sum))
	return cos, theta * 180 / math.Pi, nil
}
