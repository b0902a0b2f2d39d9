package forecast

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// z80 is the 90% quantile of the standard normal (qnorm(0.9) in R).
const z80 = 1.2815515655446004

func TestHandComputed(t *testing.T) {
	for _, c := range []struct {
		name string
		sp   etsSpec
		p    etsPar
		st   etsState
		y    []float64
		want []float64
	}{
		// l1 = 1, l2 = 1 + .5(2−1) = 1.5, l3 = 1.5 + .5(3−1.5) = 2.25.
		{"SES", etsSpec{}, etsPar{alpha: 0.5, phi: 1}, etsState{l: 1}, []float64{1, 2, 3}, []float64{2.25, 2.25}},
		// t1: l=2, b=1; t2: l=3, b=1; t3: q=4, l=4.5, b=1+(.25/.5)(4.5−3−1)=1.25.
		{"Holt", etsSpec{trend: trendA}, etsPar{alpha: 0.5, beta: 0.25, phi: 1}, etsState{l: 1, b: 1}, []float64{2, 3, 5}, []float64{5.75, 7}},
		// φ=.9: l=(1.95, 2.89125, 4.34471875), b=(.925, .886875, 1.125828125);
		// ŷ1 = l + φb = 5.3579640625, ŷ2 = ŷ1 + φ²b = 6.26988484375.
		{"Damped", etsSpec{trend: trendAd}, etsPar{alpha: 0.5, beta: 0.25, phi: 0.9}, etsState{l: 1, b: 1}, []float64{2, 3, 5}, []float64{5.3579640625, 6.26988484375}},
	} {
		st := c.st
		if _, _, ok := etsRun(c.y, c.sp, 1, c.p, &st, nil); !ok {
			t.Fatalf("%s: recursion failed", c.name)
		}
		relClose(t, c.name, etsForecast(c.sp, 1, c.p, st, len(c.want)), c.want, 1e-12)
	}
	// Naive on {3,5,4}: σ² = (2² + 1²)/2 = 2.5, 80% upper at h=2 is 4 + z·√5.
	r, err := Forecast(Series{ID: "n", Values: []float64{3, 5, 4}}, Options{Method: Naive, Horizon: 2, Levels: []float64{80}})
	if err != nil {
		t.Fatal(err)
	}
	relClose(t, "naive mean", r.Mean, []float64{4, 4}, 1e-12)
	relClose(t, "naive upper", r.Upper[0], []float64{4 + z80*math.Sqrt(2.5), 4 + z80*math.Sqrt(5)}, 1e-9)
	// Drift on {1,3,4,8}: slope 7/3.
	r, err = Forecast(Series{ID: "d", Values: []float64{1, 3, 4, 8}}, Options{Method: Drift, Horizon: 2})
	if err != nil {
		t.Fatal(err)
	}
	relClose(t, "drift", r.Mean, []float64{8 + 7.0/3, 8 + 14.0/3}, 1e-12)
}

func TestMetrics(t *testing.T) {
	// 200/2·(10/210 + 20/380).
	s, err := SMAPE([]float64{100, 200}, []float64{110, 180})
	if err != nil || math.Abs(s-100*(10.0/210+20.0/380)) > 1e-12 {
		t.Errorf("SMAPE = %v, %v", s, err)
	}
	// Scale (1+2)/2 = 1.5, mean absolute error (1+2)/2 = 1.5.
	m, err := MASE([]float64{1, 2, 4}, []float64{5, 6}, []float64{4, 8}, 1)
	if err != nil || math.Abs(m-1) > 1e-12 {
		t.Errorf("MASE = %v, %v", m, err)
	}
	// Seasonal scale m=2: |3−1|, |4−2| → 2; errors 1 → 0.5.
	m, err = MASE([]float64{1, 2, 3, 4}, []float64{5}, []float64{6}, 2)
	if err != nil || math.Abs(m-0.5) > 1e-12 {
		t.Errorf("seasonal MASE = %v, %v", m, err)
	}
	if _, err := MASE([]float64{1, 1, 1}, []float64{1}, []float64{2}, 1); !errors.Is(err, ErrZeroScale) {
		t.Errorf("zero scale: got %v", err)
	}
	if _, err := SMAPE([]float64{1}, nil); err == nil {
		t.Error("SMAPE accepted mismatched lengths")
	}
	if got := OWA(16.342, 3.974, 16.342, 3.974); got != 1 {
		t.Errorf("OWA of Naive2 = %v", got)
	}
}

// testSeries returns a set of series of various shapes.
func testSeries() []Series {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []Series
	for i := 0; i < 12; i++ {
		n := 5 + 7*i
		freq := []int{1, 4, 12}[i%3]
		v := make([]float64, n)
		for t := range v {
			v[t] = 100 + float64(t)*float64(i%4-1) + 10*math.Sin(2*math.Pi*float64(t)/float64(freq)+1) + 5*rng.NormFloat64()
		}
		out = append(out, Series{ID: "s" + string(rune('a'+i)), Values: v, Frequency: freq})
	}
	out = append(out,
		Series{ID: "nile", Values: rNile},
		Series{ID: "air", Values: rAirPassengers, Frequency: 12},
		Series{ID: "neg", Values: []float64{-3, 2, -1, 0, 4, -2, 5, 1, -4, 3}},
	)
	return out
}

func TestIntervalsNest(t *testing.T) {
	for _, m := range Methods {
		for _, s := range testSeries() {
			r, err := Forecast(s, Options{Method: m, Horizon: 7, Levels: []float64{80, 95}, Paths: 300})
			if err != nil {
				t.Fatalf("%s %s: %v", m, s.ID, err)
			}
			for h := range r.Mean {
				lo95, lo80, mu, up80, up95 := r.Lower[1][h], r.Lower[0][h], r.Mean[h], r.Upper[0][h], r.Upper[1][h]
				if !(lo95 <= lo80 && lo80 <= mu && mu <= up80 && up80 <= up95) {
					t.Errorf("%s %s (%s) step %d: intervals do not nest: %v ≤ %v ≤ %v ≤ %v ≤ %v", m, s.ID, r.Method, h+1, lo95, lo80, mu, up80, up95)
				}
			}
		}
	}
}

func TestForecastAllWorkerInvariance(t *testing.T) {
	series := testSeries()
	var first []Result
	for _, w := range []int{1, 2, 5} {
		res, err := ForecastAll(context.Background(), series, Options{Method: Auto, Workers: w, Paths: 200, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			continue
		}
		if !reflect.DeepEqual(first, res) {
			t.Errorf("results with %d workers differ from 1 worker", w)
		}
	}
	// The same as Forecast one by one.
	for i, s := range series {
		r, err := Forecast(s, Options{Method: Auto, Paths: 200, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, first[i]) {
			t.Errorf("%s: ForecastAll differs from Forecast", s.ID)
		}
	}
}

func TestForecastAllCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ForecastAll(ctx, testSeries(), Options{Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestForecastAllErrors(t *testing.T) {
	series := []Series{{ID: "ok", Values: []float64{1, 2, 3}}, {ID: "bad", Values: []float64{1, math.NaN()}}}
	res, err := ForecastAll(context.Background(), series, Options{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), `series "bad": value at t=2 is NaN`) {
		t.Errorf("got %v", err)
	}
	if len(res) != 2 || len(res[0].Mean) != 6 || res[1].ID != "bad" {
		t.Errorf("results %+v", res)
	}
}

func TestRobustness(t *testing.T) {
	for _, c := range []struct {
		name   string
		s      Series
		errMsg string // "" for success
	}{
		{"one value", Series{ID: "a", Values: []float64{5}}, ""},
		{"two values", Series{ID: "a", Values: []float64{5, 7}}, ""},
		{"three values", Series{ID: "a", Values: []float64{5, 7, 6}}, ""},
		{"three values monthly", Series{ID: "a", Values: []float64{5, 7, 6}, Frequency: 12}, ""},
		{"zeros", Series{ID: "a", Values: []float64{0, 0, 3, 0, 0, 2, 0, 1}}, ""},
		{"negative", Series{ID: "a", Values: []float64{-5, -7, -6, -9, -8, -10}}, ""},
		{"huge", Series{ID: "a", Values: []float64{1e140, -1e140, 1e140, 3}}, ""},
		{"tiny", Series{ID: "a", Values: []float64{1e-300, 2e-300, 4e-300, 3e-300}}, ""},
		{"empty", Series{ID: "e"}, `forecast: series has no values: "e"`},
		{"NaN", Series{ID: "X", Values: []float64{1, 2, 3, 4, math.NaN()}}, `forecast: series "X": value at t=5 is NaN`},
		{"Inf", Series{ID: "X", Values: []float64{math.Inf(-1)}}, `forecast: series "X": value at t=1 is -Inf`},
		{"negative frequency", Series{ID: "X", Values: []float64{1}, Frequency: -1}, `forecast: series "X": negative frequency -1`},
	} {
		for _, m := range Methods {
			r, err := Forecast(c.s, Options{Method: m, Paths: 100})
			if c.errMsg != "" {
				if err == nil || err.Error() != c.errMsg {
					t.Errorf("%s/%s: got error %v, want %q", c.name, m, err, c.errMsg)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s/%s: %v", c.name, m, err)
				continue
			}
			for _, v := range r.Mean {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("%s/%s (%s): non-finite forecast %v", c.name, m, r.Method, r.Mean)
					break
				}
			}
		}
	}
	for _, o := range []Options{{Horizon: -1}, {Levels: []float64{100}}, {Levels: []float64{0}}, {Paths: -3}, {Method: "arima"}, {Paths: 1 << 30}} {
		if _, err := Forecast(Series{ID: "a", Values: []float64{1, 2}}, o); err == nil || !strings.HasPrefix(err.Error(), "forecast: ") {
			t.Errorf("options %+v: got %v", o, err)
		}
	}
}

func TestConstantSeries(t *testing.T) {
	for _, m := range Methods {
		for _, n := range []int{1, 2, 5, 30} {
			v := make([]float64, n)
			for i := range v {
				v[i] = 42.5
			}
			r, err := Forecast(Series{ID: "c", Values: v, Frequency: 4}, Options{Method: m})
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range r.Mean {
				if x != 42.5 || r.Lower[1][i] != 42.5 || r.Upper[1][i] != 42.5 {
					t.Errorf("%s n=%d: constant series gave %v [%v, %v]", m, n, x, r.Lower[1][i], r.Upper[1][i])
				}
			}
		}
	}
}

func TestNoMultiplicativeOnNonPositive(t *testing.T) {
	v := append([]float64(nil), rAirPassengers...)
	v[10] = 0
	r, err := Forecast(Series{ID: "z", Values: v, Frequency: 12}, Options{Method: ETS, PointOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Method, "M") {
		t.Errorf("got %s on data with a zero", r.Method)
	}
}

func TestSamplePaths(t *testing.T) {
	s := Series{ID: "air", Values: rAirPassengers, Frequency: 12}
	for _, m := range []Method{Auto, ETS, ETSW, Theta, Naive2} {
		o := Options{Method: m, Horizon: 5, Paths: 50, Seed: 3}
		p1, name, err := SamplePaths(s, o)
		if err != nil {
			t.Fatal(err)
		}
		p2, _, _ := SamplePaths(s, o)
		if len(p1) != 50 || len(p1[0]) != 5 || !reflect.DeepEqual(p1, p2) {
			t.Errorf("%s (%s): paths not deterministic or wrong shape", m, name)
		}
		o.Seed = 4
		p3, _, _ := SamplePaths(s, o)
		if reflect.DeepEqual(p1, p3) {
			t.Errorf("%s: seed has no effect", m)
		}
	}
}

func TestBacktest(t *testing.T) {
	br, err := Backtest(Series{ID: "nile", Values: rNile}, Options{Method: Theta, Horizon: 6}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Origins) != 4 || br.Origins[0].Train != len(rNile)-6-3 || br.Origins[3].Train != len(rNile)-6 {
		t.Fatalf("origins %+v", br.Origins)
	}
	var s float64
	for _, o := range br.Origins {
		s += o.SMAPE
	}
	if math.Abs(s/4-br.SMAPE) > 1e-12 || br.MASE <= 0 {
		t.Errorf("mean sMAPE %v, want %v; MASE %v", br.SMAPE, s/4, br.MASE)
	}
	if _, err := Backtest(Series{ID: "short", Values: []float64{1, 2, 3}}, Options{Horizon: 6}, 2); err == nil {
		t.Error("backtest accepted a too short series")
	}
}

func TestParseMethod(t *testing.T) {
	for _, m := range Methods {
		got, err := ParseMethod(strings.ToUpper(string(m)))
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %q, %v", m, got, err)
		}
	}
}

func TestMixtureQuantile(t *testing.T) {
	// One component: the normal quantile, to the bisection's tolerance
	// (1e-7 of the largest standard deviation, here 2).
	if got := mixtureQuantile([]float64{2}, nil, 0.9); math.Abs(got-2*z80) > 2e-7 {
		t.Errorf("single normal: got %v, want %v", got, 2*z80)
	}
	// Equal components: the same quantile.
	if got := mixtureQuantile([]float64{2, 2, 2}, []float64{0.2, 0.3, 0.5}, 0.9); math.Abs(got-2*z80) > 2e-7 {
		t.Errorf("equal normals: got %v", got)
	}
	// Symmetry and ordering between the components.
	lo, hi := mixtureQuantile([]float64{1, 3}, nil, 0.1), mixtureQuantile([]float64{1, 3}, nil, 0.9)
	if math.Abs(lo+hi) > 3e-7 || hi < z80 || hi > 3*z80 {
		t.Errorf("mixture quantiles %v, %v", lo, hi)
	}
}

func TestLongHorizon(t *testing.T) {
	// Long horizons stay fast: paths cost O(h) for every model.
	s := Series{ID: "long", Values: rUSAccDeaths, Frequency: 12}
	for _, m := range []Method{Naive, SNaive, Theta, ETS, Auto} {
		r, err := Forecast(s, Options{Method: m, Horizon: 20000, Paths: 100})
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if len(r.Mean) != 20000 || r.Lower[1][19999] > r.Lower[0][19999] {
			t.Errorf("%s: bad long forecast", m)
		}
	}
	// Point forecasts only: no limit from the number of paths.
	if _, err := Forecast(s, Options{Method: Naive, Horizon: maxHorizon, PointOnly: true}); err != nil {
		t.Error(err)
	}
}
