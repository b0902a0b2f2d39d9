package forecast

import (
	"fmt"
	"math"
	"math/rand/v2"
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

// Probabilities drawn from Auto's calibrated paths are those of its
// calibrated distribution, on series of a known process (Gaussian random
// walks with drift μ = 2, σ = 5, 16 and 40 values, seeded): with 4,000
// paths, the share above the calibrated upper 80 % bound is 10 % and above
// the 95 % bound 2.5 % at every step (binomial standard errors 0.47 and
// 0.25 points; tolerance 2 points, about four of them).
func TestCalibratedPathProbabilities(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{16, 40} {
		y := make([]float64, n)
		y[0] = 500
		for i := 1; i < n; i++ {
			y[i] = y[i-1] + 2 + 5*rng.NormFloat64()
		}
		s := Series{ID: "rw", Values: y}
		opts := Options{Horizon: 10, Paths: 4000, Seed: 1, WithPaths: true}
		r, err := Forecast(s, opts)
		if err != nil {
			t.Fatal(err)
		}
		for h := range r.Mean {
			var over80, over95, under80 float64
			for _, p := range r.Paths {
				if p[h] > r.Upper[0][h] {
					over80++
				}
				if p[h] > r.Upper[1][h] {
					over95++
				}
				if p[h] < r.Lower[0][h] {
					under80++
				}
			}
			k := float64(len(r.Paths))
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"above the 80% bound", over80 / k, 0.10}, {"below the 80% bound", under80 / k, 0.10}, {"above the 95% bound", over95 / k, 0.025}} {
				if math.Abs(c.got-c.want) > 0.02 {
					t.Errorf("n %d step %d: share of paths %s %.4f, want %.3f ± 0.02", n, h+1, c.name, c.got, c.want)
				}
			}
		}
	}
}

// On a known process the one-step probability is close to the true one:
// 300 Gaussian random walks with drift (μ = 2, σ = 5, 40 values, so the
// class of 40 or more values, κ80 = 1.100 at step 1); the event is
// y_{n+1} ≥ y_n + μ + 1.2816σ, whose true probability is 0.10. A correctly
// specified model widened by κ80 would give 1 − Φ(1.2816/1.100) = 0.122;
// the members' estimation error from 40 values spreads it further. The
// mean predicted probability must be within 0.05 of 0.10, and the share
// of walks that reached the cut within 0.05 as well (binomial standard
// error √(0.1·0.9/300) = 0.017).
func TestOneStepProbabilityKnownProcess(t *testing.T) {
	const n, walks, mu, sigma = 40, 300, 2.0, 5.0
	rng := rand.New(rand.NewPCG(3, 5))
	var sumP, hits float64
	for w := range walks {
		y := make([]float64, n)
		y[0] = 1000
		for i := 1; i < n; i++ {
			y[i] = y[i-1] + mu + sigma*rng.NormFloat64()
		}
		next := y[n-1] + mu + sigma*rng.NormFloat64()
		cut := y[n-1] + mu + 1.2816*sigma
		ps, _, err := SamplePaths(Series{ID: fmt.Sprint("w", w), Values: y}, Options{Horizon: 1, Paths: 400, Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		var c float64
		for _, p := range ps {
			if p[0] >= cut {
				c++
			}
		}
		sumP += c / float64(len(ps))
		if next >= cut {
			hits++
		}
	}
	meanP, freq := sumP/walks, hits/walks
	if math.Abs(meanP-0.10) > 0.05 {
		t.Errorf("mean predicted probability %.3f, want 0.10 ± 0.05", meanP)
	}
	if math.Abs(freq-0.10) > 0.05 {
		t.Errorf("observed frequency %.3f, want 0.10 ± 0.05 (the simulation itself)", freq)
	}
	t.Logf("mean predicted %.3f, observed %.3f, true 0.100", meanP, freq)
}
