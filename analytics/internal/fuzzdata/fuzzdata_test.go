package fuzzdata

import (
	"math"
	"testing"
)

// TestRoundTrip: Bytes then Floats gives the values back bit for bit (NaN
// included), at most limit of them, and ignores a short tail.
func TestRoundTrip(t *testing.T) {
	in := []float64{1.5, math.NaN(), math.Inf(-1), math.Copysign(0, -1), 5e-324}
	got := Floats(append(Bytes(in...), 1, 2, 3), 10)
	if len(got) != len(in) {
		t.Fatalf("%d values, want %d", len(got), len(in))
	}
	for i := range in {
		if math.Float64bits(got[i]) != math.Float64bits(in[i]) {
			t.Errorf("value %d: %v, want %v", i, got[i], in[i])
		}
	}
	if got := Floats(Bytes(in...), 2); len(got) != 2 {
		t.Errorf("limit 2: %d values", len(got))
	}
	if got := Floats([]byte{1, 2, 3}, 10); len(got) != 0 {
		t.Errorf("3 bytes: %v", got)
	}
}
