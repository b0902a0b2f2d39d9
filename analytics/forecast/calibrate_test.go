package forecast

import (
	"math"
	"strings"
	"testing"
)

func TestWidenFor(t *testing.T) {
	w := widenFor(1, 9)
	tab := autoWiden[1]
	if len(w) != 9 {
		t.Fatalf("got %d factors, want 9", len(w))
	}
	for h, k := range w {
		want := tab[min(h, len(tab)-1)]
		if k != want {
			t.Errorf("step %d: κ %v, want %v (beyond the table its last factor holds)", h+1, k, want)
		}
	}
	if widenFor(4, 8) != nil {
		t.Error("quarterly data have no calibration table, want nil")
	}
	for m, tab := range autoWiden {
		for h, k := range tab {
			if !(k > 0.5 && k < 3) {
				t.Errorf("frequency %d step %d: κ %v outside (0.5, 3)", m, h+1, k)
			}
		}
	}
}

// Auto's calibrated intervals are its raw ones with the deviations from the
// point forecast multiplied by κ_h, at every level; other methods are not
// touched; sample paths spread by the same factor.
func TestAutoCalibration(t *testing.T) {
	s := Series{ID: "y", Values: rNile}
	opts := Options{Horizon: 8, Levels: []float64{50, 80, 95}}
	cal, err := Forecast(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.RawIntervals = true
	raw, err := Forecast(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	k := widenFor(1, 8)
	for l := range opts.Levels {
		for h := range raw.Mean {
			if cal.Mean[h] != raw.Mean[h] {
				t.Fatalf("step %d: calibration moved the point forecast", h+1)
			}
			wantLo := raw.Mean[h] - k[h]*(raw.Mean[h]-raw.Lower[l][h])
			wantUp := raw.Mean[h] + k[h]*(raw.Upper[l][h]-raw.Mean[h])
			if math.Abs(cal.Lower[l][h]-wantLo) > 1e-9*math.Abs(wantLo) || math.Abs(cal.Upper[l][h]-wantUp) > 1e-9*math.Abs(wantUp) {
				t.Errorf("level %v step %d: [%v, %v], want [%v, %v]", opts.Levels[l], h+1, cal.Lower[l][h], cal.Upper[l][h], wantLo, wantUp)
			}
		}
	}
	// Not Auto: identical with or without RawIntervals.
	a, _ := Forecast(s, Options{Method: DOTM, Horizon: 8})
	b, _ := Forecast(s, Options{Method: DOTM, Horizon: 8, RawIntervals: true})
	for h := range a.Mean {
		if a.Upper[1][h] != b.Upper[1][h] {
			t.Fatalf("DOTM's interval changed with RawIntervals at step %d", h+1)
		}
	}
	// Paths: the spread around the point forecast scales by κ_h exactly
	// (same seed, same members' draws).
	pc, _, err := SamplePaths(s, Options{Horizon: 8, Paths: 400})
	if err != nil {
		t.Fatal(err)
	}
	pr, _, err := SamplePaths(s, Options{Horizon: 8, Paths: 400, RawIntervals: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range pc {
		for h := range pc[i] {
			want := raw.Mean[h] + k[h]*(pr[i][h]-raw.Mean[h])
			if math.Abs(pc[i][h]-want) > 1e-9*math.Abs(want) {
				t.Fatalf("path %d step %d: %v, want %v", i, h+1, pc[i][h], want)
			}
		}
	}
}

// Seasonal data get the seasonal combination, whose ETSW member contributes
// the spread of its own mixture.
func TestAutoSeasonal(t *testing.T) {
	r, err := Forecast(Series{ID: "air", Values: rAirPassengers, Frequency: 12}, Options{Horizon: 12})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Method, "Median(Weighted(") || !strings.HasSuffix(r.Method, ",DOTM,SNaive)") {
		t.Errorf("method %q, want Median(Weighted(…),DOTM,SNaive)", r.Method)
	}
	for h := range r.Mean {
		if !(r.Upper[0][h] > r.Mean[h] && r.Lower[0][h] < r.Mean[h]) {
			t.Errorf("step %d: 80%% interval [%v, %v] does not contain the forecast %v strictly", h+1, r.Lower[0][h], r.Upper[0][h], r.Mean[h])
		}
	}
}

// The standard deviation of a nested combination is that of the mixture of
// its members: two members N(10, 1²) and N(14, 2²), weights ¼ and ¾, around
// the weighted mean 13: √(¼·(1 + 9) + ¾·(4 + 1)) = √6.25 = 2.5.
func TestNestedCombinationSD(t *testing.T) {
	a := linear("a", []float64{10}, 1, 1)
	b := linear("b", []float64{14}, 2, 1)
	c := combineWeighted([]float64{0.25, 0.75}, a, b)
	if c.mean[0] != 13 {
		t.Fatalf("weighted mean %v, want 13", c.mean[0])
	}
	if sd := c.sd(0, 0, 0); math.Abs(sd[0]-2.5) > 1e-12 {
		t.Errorf("sd %v, want 2.5", sd[0])
	}
}
