package supply

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func approx(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(b))
}

func approxSlice(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !approx(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

// wantErr reports a test failure unless err is a supply error containing
// want.
func wantErr(t *testing.T, call string, err error, want string) {
	t.Helper()
	if err == nil || !strings.HasPrefix(err.Error(), "supply: ") || !strings.Contains(err.Error(), want) {
		t.Errorf("%s error = %v, want one containing %q", call, err, want)
	}
}

func TestCompletionRate(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name              string
		intake, graduates []float64
		duration          int
		def               float64
		want              float64
		n                 int
	}{
		// Cohorts 0→2 and 1→3: (90 + 99) / (100 + 110) = 189/210 = 0.9.
		{"two cohorts", []float64{100, 110, 120, 130}, []float64{nan, nan, 90, 99}, 2, 0.5, 0.9, 2},
		// The missing intake of year 1 drops cohort 1→3:
		// (95 + 108) / (100 + 120) = 203/220 = 0.9227272…
		{"missing intake", []float64{100, nan, 120, 130, 140}, []float64{nan, nan, 95, 100, 108}, 2, 0.5, 203.0 / 220, 2},
		// Zero intake is skipped: only cohort 1→2, 40/50 = 0.8.
		{"zero intake", []float64{0, 50, 60}, []float64{nan, 7, 40}, 1, 0.5, 0.8, 1},
		// 12/10 = 1.2 clamped to 1.
		{"clamp", []float64{10, 10}, []float64{nan, 12}, 1, 0.5, 1, 1},
		// Zero graduates: 0/80 = 0.
		{"none graduate", []float64{80, 80}, []float64{nan, 0}, 1, 0.5, 0, 1},
		// Three-year program, cohorts 0→3, 1→4:
		// (85 + 90) / (100 + 100) = 0.875.
		{"three years", []float64{100, 100, 110, 120, 130}, []float64{70, 75, 80, 85, 90}, 3, 0.5, 0.875, 2},
		{"no cohort", []float64{100, 110}, []float64{nan, nan}, 1, 0.85, 0.85, 0},
		{"duration past the series", []float64{100, 110}, []float64{90, 99}, 5, 0.85, 0.85, 0},
		{"empty", nil, nil, 3, 0.85, 0.85, 0},
		// Huge counts do not overflow the sums: (1e308 + 1e308)/(2e308) = 1
		// would be Inf/Inf = NaN without scaling; here 0.5·1e308 each.
		{"huge", []float64{1e308, 1e308, 0}, []float64{nan, 5e307, 5e307}, 1, 0.1, 0.5, 2},
	}
	for _, c := range cases {
		got, n, err := CompletionRate(c.intake, c.graduates, c.duration, c.def)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !approx(got, c.want, 1e-12) || n != c.n {
			t.Errorf("%s: CompletionRate = %v, %d; want %v, %d", c.name, got, n, c.want, c.n)
		}
	}
}

func TestCompletionRateErrors(t *testing.T) {
	cases := []struct {
		intake, graduates []float64
		duration          int
		def               float64
		want              string
	}{
		{[]float64{1, 2}, []float64{1, 2}, 0, 0.9, "duration 0"},
		{[]float64{1, 2}, []float64{1, 2}, -2, 0.9, "duration -2"},
		{[]float64{1, 2}, []float64{1, 2}, 1, 1.5, "default"},
		{[]float64{1, 2}, []float64{1, 2}, 1, math.NaN(), "default"},
		{[]float64{1, 2}, []float64{1}, 1, 0.9, "2 years of intake but 1"},
		{[]float64{1, -2}, []float64{1, 2}, 1, 0.9, "intake[1]"},
		{[]float64{1, 2}, []float64{math.Inf(1), 2}, 1, 0.9, "graduates[0]"},
	}
	for _, c := range cases {
		_, _, err := CompletionRate(c.intake, c.graduates, c.duration, c.def)
		wantErr(t, "CompletionRate", err, c.want)
	}
}

// TestCompletionRateRange checks on random counts, with missing years,
// that the rate is in [0,1] and that n counts the cohorts used.
func TestCompletionRateRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 1000 {
		n := rng.IntN(12)
		in, gr := make([]float64, n), make([]float64, n)
		for i := range n {
			in[i] = rng.Float64() * 1000 * float64(rng.IntN(3))
			gr[i] = rng.Float64() * 1500
			if rng.IntN(5) == 0 {
				in[i] = math.NaN()
			}
			if rng.IntN(5) == 0 {
				gr[i] = math.NaN()
			}
		}
		d := 1 + rng.IntN(4)
		r, k, err := CompletionRate(in, gr, d, 0.9)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if !(r >= 0 && r <= 1) {
			t.Fatalf("trial %d: rate %v outside [0,1]", trial, r)
		}
		want := 0
		for y := d; y < n; y++ {
			if !math.IsNaN(gr[y]) && !math.IsNaN(in[y-d]) && in[y-d] > 0 {
				want++
			}
		}
		if k != want || (k == 0 && r != 0.9) {
			t.Fatalf("trial %d: n = %d, rate %v; want n = %d", trial, k, r, want)
		}
	}
}

func TestGraduates(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name             string
		intake, forecast []float64
		duration         int
		completion       float64
		H                int
		want             []float64
	}{
		// T = 3, duration 3: h = 1..3 from intake[1..3] = 110, 120, 130;
		// h = 4, 5 from forecast[0..1] = 140, 150; all × 0.9.
		{"history and forecast", []float64{100, 110, 120, 130}, []float64{140, 150, 160}, 3, 0.9, 5,
			[]float64{99, 108, 117, 126, 135}},
		// H ≤ duration: T = 2, h = 1, 2 from intake[0], intake[1] × 0.9.
		{"history only", []float64{100, 110, 120}, nil, 3, 0.9, 2, []float64{90, 99}},
		// H = duration exactly: intake[0..2] of a 3-year series.
		{"H equals duration", []float64{100, 110, 120}, nil, 3, 0.5, 3, []float64{50, 55, 60}},
		// Duration 1: h = 1 from intake[T] = 190, h = 2 from forecast[0]
		// = 200, × 0.8; forecast[1] is not needed.
		{"one-year program", []float64{150, 190}, []float64{200, 210}, 1, 0.8, 2, []float64{152, 160}},
		// A NaN history intake counts as 0: h = 1 from intake[0] = NaN.
		{"missing history", []float64{nan, 80}, nil, 2, 0.5, 2, []float64{0, 40}},
		// A negative forecast intake counts as 0: h = 1 from intake[0] =
		// 50, h = 2 from forecast[0] = −10 → 0, h = 3 from forecast[1].
		{"negative forecast", []float64{50}, []float64{-10, 40}, 1, 1, 3, []float64{50, 0, 40}},
		// A longer forecast is cut: only forecast[0] is needed.
		{"longer forecast", []float64{10, 20}, []float64{30, 40, 50}, 2, 1, 3, []float64{10, 20, 30}},
		{"no horizon", nil, nil, 3, 0.9, 0, []float64{}},
	}
	for _, c := range cases {
		got, err := Graduates(c.intake, c.forecast, c.duration, c.completion, c.H)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !approxSlice(got, c.want, 1e-12) {
			t.Errorf("%s: Graduates = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestGraduatesErrors(t *testing.T) {
	in := []float64{100, 110, 120}
	cases := []struct {
		intake, forecast []float64
		duration         int
		completion       float64
		H                int
		want             string
	}{
		{in, []float64{1}, 3, 0.9, 5, "1 years of intake forecast, need 2"},
		{in, nil, 1, 0.9, 2, "0 years of intake forecast, need 1"},
		{in, nil, 0, 0.9, 1, "duration 0"},
		{in, nil, 3, 0.9, -1, "horizon -1"},
		{in, nil, 3, 1.2, 1, "completion"},
		{in, nil, 3, math.NaN(), 1, "completion"},
		{[]float64{100}, nil, 3, 0.9, 1, "1 years of intake, need at least duration = 3"},
		{[]float64{100, -1, 120}, nil, 3, 0.9, 1, "intake[1]"},
		{[]float64{math.Inf(1), 1, 1}, nil, 3, 0.9, 1, "intake[0]"},
		{in, []float64{1, math.NaN()}, 3, 0.9, 5, "intakeForecast[1]"},
		{in, []float64{math.Inf(-1)}, 3, 0.9, 4, "intakeForecast[0]"},
	}
	for _, c := range cases {
		_, err := Graduates(c.intake, c.forecast, c.duration, c.completion, c.H)
		wantErr(t, "Graduates", err, c.want)
	}
}

func TestRate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name      string
		num, den  []float64
		def       float64
		want, tot float64
	}{
		// Entries 0 and 1 only (NaN num, zero den dropped): 70/200.
		{"further study", []float64{30, 40, nan, 10}, []float64{100, 100, 100, 0}, 0.2, 0.35, 200},
		// Stay: (80 + 90 + 70) / (100 + 100 + 100) = 0.8.
		{"stay", []float64{80, 90, 70}, []float64{100, 100, 100}, 0.5, 0.8, 300},
		// A large year weighs more: (10 + 450) / (100 + 500) = 0.7666…
		{"weighted", []float64{10, 450}, []float64{100, 500}, 0.5, 460.0 / 600, 600},
		// Unequal lengths: only the first entry, 5/10.
		{"unequal lengths", []float64{5}, []float64{10, 20}, 0.2, 0.5, 10},
		{"clamp high", []float64{12}, []float64{10}, 0.2, 1, 10},
		{"clamp low", []float64{-3, 1}, []float64{10, 10}, 0.2, 0, 20},
		{"infinite entry dropped", []float64{inf, 3}, []float64{10, 10}, 0.2, 0.3, 10},
		{"negative den dropped", []float64{3, 3}, []float64{-10, 6}, 0.2, 0.5, 6},
		{"no data", []float64{nan}, []float64{nan}, 0.2, 0.2, 0},
		{"empty", nil, nil, 0.7, 0.7, 0},
		// Scaled sums: 1e308 + 1e308 would overflow; 1e308/(2e308) = 0.5
		// and the unscaled total overflows to +Inf.
		{"huge", []float64{5e307, 5e307}, []float64{1e308, 1e308}, 0.2, 0.5, inf},
	}
	for _, c := range cases {
		got, tot := Rate(c.num, c.den, c.def)
		if !approx(got, c.want, 1e-12) || !(tot == c.tot || approx(tot, c.tot, 1e-12)) {
			t.Errorf("%s: Rate = %v, %v; want %v, %v", c.name, got, tot, c.want, c.tot)
		}
	}
}

func TestEnteringWork(t *testing.T) {
	// 1000·(1 − 0.2)·0.75 = 600; 1200·0.8·0.75 = 720.
	got, err := EnteringWork([]float64{1000, 1200, 0}, 0.2, 0.75)
	if err != nil || !approxSlice(got, []float64{600, 720, 0}, 1e-12) {
		t.Errorf("EnteringWork = %v, %v; want [600 720 0]", got, err)
	}
	// Everyone studies on: none enter.
	got, err = EnteringWork([]float64{1000}, 1, 1)
	if err != nil || got[0] != 0 {
		t.Errorf("EnteringWork(all study) = %v, %v; want [0]", got, err)
	}
	cases := []struct {
		g        []float64
		fs, stay float64
		want     string
	}{
		{[]float64{1}, -0.1, 0.5, "further-study"},
		{[]float64{1}, math.NaN(), 0.5, "further-study"},
		{[]float64{1}, 0.1, 1.5, "stay"},
		{[]float64{1, -1}, 0.1, 0.5, "graduates[1]"},
		{[]float64{math.NaN()}, 0.1, 0.5, "graduates[0]"},
	}
	for _, c := range cases {
		_, err := EnteringWork(c.g, c.fs, c.stay)
		wantErr(t, "EnteringWork", err, c.want)
	}
}

func TestToIndustries(t *testing.T) {
	cases := []struct {
		name     string
		entering []float64
		weights  []float64
		want     [][]float64
	}{
		{"exact weights", []float64{100, 200}, []float64{0.5, 0.3, 0.2},
			[][]float64{{50, 100}, {30, 60}, {20, 40}}},
		// Weights sum to 1.005, renormalised: 201·0.6/1.005 = 120,
		// 201·0.405/1.005 = 81.
		{"renormalised", []float64{201}, []float64{0.6, 0.405}, [][]float64{{120}, {81}}},
		// 0.99 is within the tolerance: 99·0.5/0.99 = 50 and 99·0.49/0.99 = 49.
		{"tolerance edge", []float64{99}, []float64{0.5, 0.49}, [][]float64{{50}, {49}}},
		{"one industry", []float64{7, 0}, []float64{1}, [][]float64{{7, 0}}},
		{"zero weight", []float64{10}, []float64{0, 1}, [][]float64{{0}, {10}}},
		{"no years", nil, []float64{0.5, 0.5}, [][]float64{{}, {}}},
	}
	for _, c := range cases {
		got, err := ToIndustries(c.entering, c.weights)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d rows, want %d", c.name, len(got), len(c.want))
			continue
		}
		for i := range got {
			if !approxSlice(got[i], c.want[i], 1e-12) {
				t.Errorf("%s: row %d = %v, want %v", c.name, i, got[i], c.want[i])
			}
		}
	}
	errCases := []struct {
		entering, weights []float64
		want              string
	}{
		{[]float64{1}, []float64{0.5, 0.48}, "sum to 0.98"},
		{[]float64{1}, []float64{0.6, 0.6}, "sum to 1.2"},
		{[]float64{1}, nil, "no crosswalk weights"},
		{[]float64{1}, []float64{1.2, -0.2}, "weights[1]"},
		{[]float64{1}, []float64{math.NaN(), 1}, "weights[0]"},
		{[]float64{1, math.NaN()}, []float64{1}, "entering[1]"},
		{[]float64{-5}, []float64{1}, "entering[0]"},
	}
	for _, c := range errCases {
		_, err := ToIndustries(c.entering, c.weights)
		wantErr(t, "ToIndustries", err, c.want)
	}
}

// TestToIndustriesSums checks on random weights within the tolerance that
// the industries of every year sum to the entering graduates.
func TestToIndustriesSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 500 {
		k := 1 + rng.IntN(10)
		w := make([]float64, k)
		s := 0.0
		for i := range w {
			w[i] = rng.Float64()
			s += w[i]
		}
		target := 1 + (rng.Float64()*2-1)*0.01 // a sum in [0.99, 1.01]
		for i := range w {
			w[i] *= target / s
		}
		e := make([]float64, rng.IntN(6))
		for h := range e {
			e[h] = rng.Float64() * math.Pow(10, float64(rng.IntN(8)))
		}
		out, err := ToIndustries(e, w)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		for h := range e {
			sum := 0.0
			for i := range out {
				sum += out[i][h]
			}
			if math.Abs(sum-e[h]) > 1e-12*max(1, e[h]) {
				t.Fatalf("trial %d year %d: industries sum to %v, entering %v", trial, h, sum, e[h])
			}
		}
	}
}
