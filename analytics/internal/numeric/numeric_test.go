package numeric

import (
	"math"
	"testing"
)

func TestFinite(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want bool
	}{{0, true}, {-1e308, true}, {5e-324, true}, {math.NaN(), false}, {math.Inf(1), false}, {math.Inf(-1), false}} {
		if got := Finite(c.x); got != c.want {
			t.Errorf("Finite(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// TestProportions: by hand, 1, 3 → 1/4, 3/4; two values near MaxFloat64
// (whose sum overflows) → 1/2 each; all zero and empty → false.
func TestProportions(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want []float64
	}{
		{[]float64{1, 3}, []float64{0.25, 0.75}},
		{[]float64{0, 2, 0}, []float64{0, 1, 0}},
		{[]float64{math.MaxFloat64, math.MaxFloat64}, []float64{0.5, 0.5}},
		{[]float64{0, 0}, nil},
		{nil, nil},
	} {
		got, ok := Proportions(c.v)
		if ok != (c.want != nil) || len(got) != len(c.want) {
			t.Errorf("Proportions(%v) = %v, %v; want %v", c.v, got, ok, c.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-15 {
				t.Errorf("Proportions(%v)[%d] = %v, want %v", c.v, i, got[i], c.want[i])
			}
		}
	}
}
