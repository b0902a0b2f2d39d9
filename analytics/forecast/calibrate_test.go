package forecast

import (
	"math"
	"strings"
	"testing"
)

func TestCalibrationFor(t *testing.T) {
	tab := autoCalibration[1]
	// 16 values (the demo's employment series) fall in the class of 14–19
	// values; beyond the table's 10 steps its last factors hold.
	c := calibrationFor(1, 16, 12)
	if len(c.k80) != 12 || len(c.k95) != 12 {
		t.Fatalf("got %d and %d factors, want 12", len(c.k80), len(c.k95))
	}
	for h := range c.k80 {
		if c.k80[h] != tab.k80[1][min(h, 9)] || c.k95[h] != tab.k95[1][min(h, 9)] {
			t.Errorf("step %d: κ %v/%v, want the class 14–19 row %v/%v", h+1, c.k80[h], c.k95[h], tab.k80[1][min(h, 9)], tab.k95[1][min(h, 9)])
		}
	}
	if c := calibrationFor(1, 13, 1); c.k80[0] != 1.582 {
		t.Errorf("13 values: κ80 %v, want 1.582 (the class below 14)", c.k80[0])
	}
	if c := calibrationFor(1, 200, 1); c.k80[0] != 1.100 {
		t.Errorf("200 values: κ80 %v, want 1.100 (the class of 40 or more)", c.k80[0])
	}
	if calibrationFor(4, 20, 8) != nil {
		t.Error("quarterly data have no calibration table, want nil")
	}
	for m, tab := range autoCalibration {
		for c := range tab.minLen {
			for h := range tab.k80[c] {
				if k80, k95 := tab.k80[c][h], tab.k95[c][h]; !(k80 > 0.5 && k80 < 10 && k95 > 0.5 && k95 < 10) {
					t.Errorf("frequency %d class %d step %d: κ80 %v κ95 %v: want both in (0.5, 10)", m, c, h+1, k80, k95)
				}
			}
		}
	}
}

// The map of deviations, by hand: κ80 = 2, κ95 = 3, q80 = 1, q95 = 2:
// below q80 twice the deviation (0.5 → 1); q80 → 2 and q95 → 6, linear
// between (1.5 → 2 + 0.5·(6 − 2)/(2 − 1) = 4); beyond q95 slope 3
// (3 → 6 + 3·1 = 9).
func TestCalibrationDev(t *testing.T) {
	c := &calibration{k80: []float64{2}, k95: []float64{3}}
	for _, tc := range []struct{ d, want float64 }{{0, 0}, {0.5, 1}, {1, 2}, {1.5, 4}, {2, 6}, {3, 9}} {
		if got := c.dev(0, tc.d, 1, 2); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("dev(%v) = %v, want %v", tc.d, got, tc.want)
		}
	}
}

// Auto's calibrated 80% and 95% bounds are its raw ones with the deviations
// from the point forecast multiplied by κ80_h and κ95_h; a lower level
// (50%) is scaled by κ80; other methods are not touched; a sample path is
// inside the calibrated interval exactly when its raw path is inside the raw
// one (same seed, same members' draws), so the paths' spread is the
// intervals'.
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
	c := calibrationFor(1, len(rNile), 8)
	for l, lv := range opts.Levels {
		for h := range raw.Mean {
			if cal.Mean[h] != raw.Mean[h] {
				t.Fatalf("step %d: calibration moved the point forecast", h+1)
			}
			k := c.k80[h]
			if lv == 95 {
				k = c.k95[h]
			}
			wantLo := raw.Mean[h] - k*(raw.Mean[h]-raw.Lower[l][h])
			wantUp := raw.Mean[h] + k*(raw.Upper[l][h]-raw.Mean[h])
			if math.Abs(cal.Lower[l][h]-wantLo) > 1e-9*math.Abs(wantLo) || math.Abs(cal.Upper[l][h]-wantUp) > 1e-9*math.Abs(wantUp) {
				t.Errorf("level %v step %d: [%v, %v], want [%v, %v]", lv, h+1, cal.Lower[l][h], cal.Upper[l][h], wantLo, wantUp)
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
	pc, _, err := SamplePaths(s, Options{Horizon: 8, Paths: 400})
	if err != nil {
		t.Fatal(err)
	}
	pr, _, err := SamplePaths(s, Options{Horizon: 8, Paths: 400, RawIntervals: true})
	if err != nil {
		t.Fatal(err)
	}
	spread := false
	for i := range pc {
		for h := range pc[i] {
			for l := 1; l < 3; l++ { // 80 and 95
				inCal := pc[i][h] >= cal.Lower[l][h] && pc[i][h] <= cal.Upper[l][h]
				inRaw := pr[i][h] >= raw.Lower[l][h] && pr[i][h] <= raw.Upper[l][h]
				if inCal != inRaw {
					t.Fatalf("path %d step %d level %v: inside the calibrated interval %v, the raw path inside the raw one %v", i, h+1, opts.Levels[l], inCal, inRaw)
				}
			}
			if math.Abs(pc[i][h]-raw.Mean[h]) > math.Abs(pr[i][h]-raw.Mean[h])*1.05 {
				spread = true
			}
		}
	}
	if !spread {
		t.Error("no calibrated path deviates more than its raw path: the paths were not widened")
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

// Forecast with WithPaths returns the paths SamplePaths gives, from the
// same fit; only Auto on yearly and monthly data is calibrated.
func TestWithPathsAndCalibrated(t *testing.T) {
	s := Series{ID: "y", Values: rNile}
	opts := Options{Horizon: 5, Paths: 50, Seed: 3}
	want, _, err := SamplePaths(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.WithPaths = true
	r, err := Forecast(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Paths) != 50 || len(r.Lower) != 2 {
		t.Fatalf("%d paths and %d intervals, want 50 and 2", len(r.Paths), len(r.Lower))
	}
	for i := range want {
		for h := range want[i] {
			if r.Paths[i][h] != want[i][h] {
				t.Fatalf("path %d step %d: %v, SamplePaths gives %v", i, h+1, r.Paths[i][h], want[i][h])
			}
		}
	}
	for _, tc := range []struct {
		m    Method
		freq int
		want bool
	}{{Auto, 1, true}, {"", 0, true}, {Auto, 12, true}, {Auto, 4, false}, {DOTM, 1, false}, {ETS, 1, false}, {Naive, 1, false}} {
		if got := Calibrated(tc.m, tc.freq); got != tc.want {
			t.Errorf("Calibrated(%q, %d) = %v, want %v", tc.m, tc.freq, got, tc.want)
		}
	}
}
