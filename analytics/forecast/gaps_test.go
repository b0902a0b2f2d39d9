package forecast

import (
	"math"
	"testing"
)

func TestFillGaps(t *testing.T) {
	nan := math.NaN()
	in := []float64{nan, 10, nan, nan, 16, 20, nan}
	got := FillGaps(in)
	// 10 → 16 over three steps: 12, 14; the ends stay missing
	want := []float64{nan, 10, 12, 14, 16, 20, nan}
	for i := range want {
		if math.IsNaN(want[i]) != math.IsNaN(got[i]) || !math.IsNaN(want[i]) && math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("FillGaps = %v, want %v", got, want)
		}
	}
	if !math.IsNaN(in[2]) {
		t.Error("FillGaps changed its input")
	}
	if got := FillGaps(nil); len(got) != 0 {
		t.Errorf("FillGaps(nil) = %v", got)
	}
}
