package match

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	// Expected bands read off the intervals of POLICY.md ("Supply/demand
	// bands"): r < 0.60 shortage; 0.60 ≤ r < 0.90 slight undersupply;
	// 0.90 ≤ r ≤ 1.20 balanced; 1.20 < r < 1.50 slight oversupply;
	// r ≥ 1.50 oversupply.
	cases := []struct {
		r    float64
		want Band
	}{
		{0, Shortage},
		{0.3, Shortage},
		{0.5999999, Shortage},
		{0.60, SlightUndersupply},
		{0.75, SlightUndersupply},
		{0.8999999, SlightUndersupply},
		{0.90, Balanced},
		{1.0, Balanced},
		{1.20, Balanced},
		{1.20000001, SlightOversupply},
		{1.4999999, SlightOversupply},
		{1.50, Oversupply},
		{7, Oversupply},
		{math.Inf(1), Oversupply},
		{Ratio(120, 100), Balanced}, // 120/100 rounds to the literal 1.2
		{Ratio(9, 10), Balanced},    // 9/10 rounds to the literal 0.9
		{Ratio(3, 5), SlightUndersupply},
		{Ratio(3, 2), Oversupply},
		{Ratio(1, 0), Oversupply},
	}
	for _, th := range []Thresholds{{}, DefaultThresholds()} {
		for _, c := range cases {
			got, err := Classify(c.r, th)
			if err != nil {
				t.Fatalf("Classify(%v): %v", c.r, err)
			}
			if got != c.want {
				t.Errorf("Classify(%v) = %v, want %v", c.r, got, c.want)
			}
		}
	}
}

func TestClassifyErrors(t *testing.T) {
	cases := []struct {
		r    float64
		th   Thresholds
		want string
	}{
		{math.NaN(), Thresholds{}, "undefined"},
		{Ratio(0, 0), Thresholds{}, "undefined"},
		{-0.1, Thresholds{}, "negative"},
		{math.Inf(-1), Thresholds{}, "negative"},
		{1, Thresholds{0.6, 0.5, 1.2, 1.5}, "slight = 0.5 must exceed"},
		{1, Thresholds{0.6, 0.9, 1.2, 1.2}, "slight_high"},
		{1, Thresholds{-1, 0.9, 1.2, 1.5}, "positive"},
		{1, Thresholds{0.6, 0.9, math.NaN(), 1.5}, "finite"},
	}
	for _, c := range cases {
		_, err := Classify(c.r, c.th)
		if err == nil || !strings.HasPrefix(err.Error(), "match: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Classify(%v, %+v) error = %v, want one containing %q", c.r, c.th, err, c.want)
		}
	}
}

func TestClassifyCounts(t *testing.T) {
	cases := []struct {
		s, o float64
		want Band
	}{
		{0, 0, Balanced}, // documented: nothing needed, nothing offered
		{5, 0, Oversupply},
		{0, 5, Shortage},
		{12, 10, Balanced},
		{15, 10, Oversupply},
	}
	for _, c := range cases {
		got, err := ClassifyCounts(c.s, c.o, Thresholds{})
		if err != nil || got != c.want {
			t.Errorf("ClassifyCounts(%v, %v) = %v, %v; want %v", c.s, c.o, got, err, c.want)
		}
	}
	for _, c := range [][2]float64{{-1, 1}, {1, math.NaN()}, {math.Inf(1), 1}} {
		if _, err := ClassifyCounts(c[0], c[1], Thresholds{}); err == nil {
			t.Errorf("ClassifyCounts(%v, %v): no error", c[0], c[1])
		}
	}
}

func TestBandNames(t *testing.T) {
	cases := []struct {
		b      Band
		en, zh string
	}{
		{Shortage, "shortage", "供给不足"},
		{SlightUndersupply, "slight_undersupply", "略有不足"},
		{Balanced, "balanced", "基本平衡"},
		{SlightOversupply, "slight_oversupply", "略有过剩"},
		{Oversupply, "oversupply", "供给过剩"},
		{Band(9), "Band(9)", "Band(9)"},
		{Band(-1), "Band(-1)", "Band(-1)"},
	}
	for _, c := range cases {
		if c.b.String() != c.en || c.b.ChineseName() != c.zh {
			t.Errorf("Band(%d) = %q, %q; want %q, %q", int(c.b), c.b.String(), c.b.ChineseName(), c.en, c.zh)
		}
	}
}

func TestRatio(t *testing.T) {
	cases := []struct {
		s, o, want float64
	}{
		{50, 100, 0.5},
		{0, 100, 0},
		{10, 0, math.Inf(1)},
		{0, 0, math.NaN()},
		{-1, 10, math.NaN()},
		{1, -10, math.NaN()},
		{math.NaN(), 1, math.NaN()},
	}
	for _, c := range cases {
		got := Ratio(c.s, c.o)
		if got != c.want && !(math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("Ratio(%v, %v) = %v, want %v", c.s, c.o, got, c.want)
		}
	}
}

func TestAllocate(t *testing.T) {
	// Hand calculation. Industries: openings 100, 50, 30 (the third has no
	// graduates). Programs: A sends 30 and 10, B sends 10 and 40.
	// Industry 0: 30+10 = 40 graduates; A gets 100·30/40 = 75, B 25.
	// Industry 1: 10+40 = 50 graduates; A gets 50·10/50 = 10, B 40.
	// Industry 2: unallocated 30.
	// Program ratios: A (30+10)/(75+10) = 40/85, B (10+40)/(25+40) = 50/65.
	openings := []float64{100, 50, 30}
	grads := [][]float64{{30, 10, 0}, {10, 40, 0}}
	want := [][]float64{{75, 10, 0}, {25, 40, 0}}
	a, err := Allocate(openings, grads)
	if err != nil {
		t.Fatal(err)
	}
	for p := range want {
		for i := range want[p] {
			if math.Abs(a[p][i]-want[p][i]) > 1e-12 {
				t.Errorf("a[%d][%d] = %v, want %v", p, i, a[p][i], want[p][i])
			}
		}
	}
	u, err := Unallocated(openings, grads)
	if err != nil {
		t.Fatal(err)
	}
	if u[0] != 0 || u[1] != 0 || u[2] != 30 {
		t.Errorf("Unallocated = %v, want [0 0 30]", u)
	}
	r, err := ProgramRatios(openings, grads)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r[0]-40.0/85) > 1e-12 || math.Abs(r[1]-50.0/65) > 1e-12 {
		t.Errorf("ProgramRatios = %v, want [%v %v]", r, 40.0/85, 50.0/65)
	}
}

func TestAllocateErrors(t *testing.T) {
	cases := []struct {
		name     string
		openings []float64
		grads    [][]float64
		want     string
	}{
		{"ragged", []float64{1, 2}, [][]float64{{1, 2}, {1}}, "row 1 has 1 industries, want 2"},
		{"negative graduates", []float64{1, 2}, [][]float64{{1, -2}}, "graduates[0][1]"},
		{"NaN graduates", []float64{1}, [][]float64{{math.NaN()}}, "graduates[0][0]"},
		{"negative openings", []float64{1, -2}, [][]float64{{1, 2}}, "openings[1]"},
		{"infinite openings", []float64{math.Inf(1)}, [][]float64{{1}}, "openings[0]"},
	}
	for _, c := range cases {
		_, err := Allocate(c.openings, c.grads)
		if err == nil || !strings.HasPrefix(err.Error(), "match: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want one containing %q", c.name, err, c.want)
		}
	}
}

// randomAllocation returns p × i graduates with some zero columns and zero
// cells, and openings.
func randomAllocation(rng *rand.Rand, np, ni int) ([]float64, [][]float64) {
	openings := make([]float64, ni)
	for i := range openings {
		openings[i] = 1000 * rng.Float64()
	}
	grads := make([][]float64, np)
	for p := range grads {
		grads[p] = make([]float64, ni)
		for i := range grads[p] {
			if i%5 != 4 && rng.Float64() < 0.6 {
				grads[p][i] = math.Floor(200 * rng.Float64())
			}
		}
	}
	return openings, grads
}

func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		np, ni := 1+rng.IntN(12), 1+rng.IntN(10)
		openings, grads := randomAllocation(rng, np, ni)
		a, err := Allocate(openings, grads)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := Unallocated(openings, grads)
		// Column sums plus unallocated equal the openings.
		for i := range openings {
			s := u[i]
			for p := range a {
				s += a[p][i]
			}
			if math.Abs(s-openings[i]) > 1e-9*(1+openings[i]) {
				t.Fatalf("trial %d: industry %d: allocated+unallocated = %v, want %v", trial, i, s, openings[i])
			}
		}
		// Permuting programs permutes rows.
		perm := rng.Perm(np)
		pg := make([][]float64, np)
		for k, p := range perm {
			pg[k] = grads[p]
		}
		pa, err := Allocate(openings, pg)
		if err != nil {
			t.Fatal(err)
		}
		for k, p := range perm {
			for i := range openings {
				if math.Abs(pa[k][i]-a[p][i]) > 1e-9*(1+openings[i]) {
					t.Fatalf("trial %d: permuted row %d differs", trial, k)
				}
			}
		}
	}
}

func TestProbabilityOversupplied(t *testing.T) {
	// Hand count. Ratios of the pairs: 2 (20/10), 1.5 (15/10), 1 (10/10),
	// 0.5 (5/10), +Inf (3/0), 0/0 (skipped), 0 (clamped -4 / 10), +Inf
	// (8 / clamped -2). Ratios ≥ 1.5: 2, 1.5, +Inf, +Inf → 4 of 8 = 0.5.
	// Bands with the defaults: oversupply 4 (2, 1.5, Inf, Inf), balanced 2
	// (1 and 0/0), shortage 2 (0.5, 0).
	s := []float64{20, 15, 10, 5, 3, 0, -4, 8}
	d := []float64{10, 10, 10, 10, 0, 0, 10, -2}
	p, err := ProbabilityOversupplied(s, d, 1.5)
	if err != nil || p != 0.5 {
		t.Errorf("ProbabilityOversupplied = %v, %v; want 0.5", p, err)
	}
	bp, err := BandProbabilities(s, d, Thresholds{})
	if err != nil {
		t.Fatal(err)
	}
	want := [NumBands]float64{Shortage: 0.25, Balanced: 0.25, Oversupply: 0.5}
	if bp != want {
		t.Errorf("BandProbabilities = %v, want %v", bp, want)
	}
}

func TestProbabilityErrors(t *testing.T) {
	cases := []struct {
		name string
		s, d []float64
		th   float64
		want string
	}{
		{"mismatched", []float64{1, 2}, []float64{1}, 1.5, "2 supply draws but 1 demand draws"},
		{"empty", nil, nil, 1.5, "no draws"},
		{"NaN supply", []float64{math.NaN()}, []float64{1}, 1.5, "supply draw 0"},
		{"Inf demand", []float64{1, 1}, []float64{1, math.Inf(1)}, 1.5, "demand draw 1"},
		{"bad threshold", []float64{1}, []float64{1}, 0, "threshold"},
		{"NaN threshold", []float64{1}, []float64{1}, math.NaN(), "threshold"},
	}
	for _, c := range cases {
		_, err := ProbabilityOversupplied(c.s, c.d, c.th)
		if err == nil || !strings.HasPrefix(err.Error(), "match: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, err := BandProbabilities([]float64{1}, []float64{1, 2}, Thresholds{}); err == nil {
		t.Error("BandProbabilities: mismatched lengths: no error")
	}
}

func TestBandProbabilitiesProperties(t *testing.T) {
	// The shares sum to 1, and the share of Oversupply equals
	// ProbabilityOversupplied at the SlightHigh threshold.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		n := 1 + rng.IntN(500)
		s, d := make([]float64, n), make([]float64, n)
		for k := range s {
			s[k] = 100 + 40*rng.NormFloat64()
			d[k] = 100 + 40*rng.NormFloat64()
		}
		bp, err := BandProbabilities(s, d, Thresholds{})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, p := range bp {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Fatalf("shares sum to %v", sum)
		}
		po, _ := ProbabilityOversupplied(s, d, 1.5)
		if po != bp[Oversupply] {
			t.Fatalf("ProbabilityOversupplied = %v, BandProbabilities[Oversupply] = %v", po, bp[Oversupply])
		}
	}
}

func TestClassifyMonotone(t *testing.T) {
	// Property: the band never decreases as the ratio grows.
	rng := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		a, b := 3*rng.Float64(), 3*rng.Float64()
		if a > b {
			a, b = b, a
		}
		ba, _ := Classify(a, Thresholds{})
		bb, _ := Classify(b, Thresholds{})
		if ba > bb {
			t.Fatalf("Classify(%v) = %v > Classify(%v) = %v", a, ba, b, bb)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, th := range []Thresholds{{}, DefaultThresholds(), {0.5, 0.8, 1.1, 1.3}} {
		if err := th.Validate(); err != nil {
			t.Errorf("%+v: %v", th, err)
		}
	}
	if d := DefaultThresholds(); d != (Thresholds{0.60, 0.90, 1.20, 1.50}) {
		t.Errorf("DefaultThresholds = %+v, want POLICY.md's 0.60, 0.90, 1.20, 1.50", d)
	}
	// Custom thresholds move the cut points with the same open/closed ends.
	th := Thresholds{0.5, 0.8, 1.1, 1.3}
	for r, want := range map[float64]Band{0.5: SlightUndersupply, 0.8: Balanced, 1.1: Balanced, 1.3: Oversupply, 1.2: SlightOversupply} {
		if got, _ := Classify(r, th); got != want {
			t.Errorf("Classify(%v, %+v) = %v, want %v", r, th, got, want)
		}
	}
}

func TestProgramRatiosZeroCases(t *testing.T) {
	// Program 0 sends graduates only to an industry without openings: +Inf.
	// Program 1 has no graduates: NaN (undefined). Program 2 sends 10 to
	// industry 1, the only program there: 10/40 = 0.25.
	r, err := ProgramRatios([]float64{0, 40}, [][]float64{{5, 0}, {0, 0}, {0, 10}})
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(r[0], 1) || !math.IsNaN(r[1]) || r[2] != 0.25 {
		t.Errorf("ProgramRatios = %v, want [+Inf NaN 0.25]", r)
	}
}
