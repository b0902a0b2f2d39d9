package match

import (
	"math"
	"testing"
)

var nan = math.NaN()

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestMarketSupply checks the three market definitions by hand on two and
// three cities.
func TestMarketSupply(t *testing.T) {
	cases := []struct {
		name      string
		graduates [][]float64
		dest      []Destinations
		openings  [][]float64
		want      [][]float64
	}{{
		// City market, 10 % in the other city: A keeps 0.9·100 = 90 and
		// gets B's 0.1·50 = 5 → 95; B keeps 0.9·50 = 45, gets 10 → 55.
		name:      "city",
		graduates: [][]float64{{100}, {50}},
		dest:      []Destinations{LevelDestinations(CityMarket, 0, 2, 0.1), LevelDestinations(CityMarket, 1, 2, 0.1)},
		openings:  [][]float64{{30}, {70}},
		want:      [][]float64{{95}, {55}},
	}, {
		// Province market: the 150 graduates spread by openings 30:70 →
		// 45 and 105; both cities' ratio 45/30 = 105/70 = 1.5, the
		// province's 150/100.
		name:      "province",
		graduates: [][]float64{{100}, {50}},
		dest:      []Destinations{LevelDestinations(ProvinceMarket, 0, 2, 0.1), LevelDestinations(ProvinceMarket, 1, 2, 0.1)},
		openings:  [][]float64{{30}, {70}},
		want:      [][]float64{{45}, {105}},
	}, {
		// Observed flows of A's graduates: 20 employed in A, 60 in B, 20
		// in the province (city not known) → 0.2, 0.6, pool 0.2. A: 20 +
		// 20·30/100 = 26; B: 60 + 20·70/100 = 74.
		name:      "flows",
		graduates: [][]float64{{100}},
		dest:      []Destinations{flows(t, 0, []float64{20, 60}, 20)},
		openings:  [][]float64{{30}, {70}},
		want:      [][]float64{{26}, {74}},
	}, {
		// Three cities, 20 % away from A, spread over B and C by 30:60:
		// B 20·30/90 = 6.667, C 20·60/90 = 13.333; A keeps 80.
		name:      "away over two cities",
		graduates: [][]float64{{100}},
		dest:      []Destinations{LevelDestinations(CityMarket, 0, 3, 0.2)},
		openings:  [][]float64{{10}, {30}, {60}},
		want:      [][]float64{{80}, {20.0 / 3}, {40.0 / 3}},
	}, {
		// No openings anywhere in industry 1: its pooled graduates stay
		// home; industry 0 spreads 10 + 30 = 40 by 1:3 → 10, 30.
		name:      "no openings anywhere",
		graduates: [][]float64{{10, 5}, {30, 7}},
		dest:      []Destinations{LevelDestinations(ProvinceMarket, 0, 2, 0), LevelDestinations(ProvinceMarket, 1, 2, 0)},
		openings:  [][]float64{{1, 0}, {3, 0}},
		want:      [][]float64{{10, 5}, {30, 7}},
	}, {
		// Away with no openings in the other city: stays home (A 100);
		// B's away share goes to A (A's openings 5): A 100 + 0.5·40 = 120.
		name:      "no openings elsewhere",
		graduates: [][]float64{{100}, {40}},
		dest:      []Destinations{LevelDestinations(CityMarket, 0, 2, 0.5), LevelDestinations(CityMarket, 1, 2, 0.5)},
		openings:  [][]float64{{5}, {0}},
		want:      [][]float64{{120}, {20}},
	}}
	for _, c := range cases {
		got, err := MarketSupply(c.graduates, c.dest, c.openings)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for ci := range c.want {
			for i := range c.want[ci] {
				if !near(got[ci][i], c.want[ci][i]) {
					t.Errorf("%s: city %d industry %d = %v, want %v", c.name, ci, i, got[ci][i], c.want[ci][i])
				}
			}
		}
	}
}

func flows(t *testing.T, home int, employed []float64, pool float64) Destinations {
	t.Helper()
	d, ok := FlowDestinations(home, employed, pool)
	if !ok {
		t.Fatal("no flows")
	}
	return d
}

func TestFlowDestinations(t *testing.T) {
	// 30 in city 0, 10 in city 1, 10 province-wide: 0.6, 0.2, pool 0.2.
	d, ok := FlowDestinations(1, []float64{30, 10}, 10)
	if !ok || !near(d.City[0], 0.6) || !near(d.City[1], 0.2) || !near(d.Pool, 0.2) || d.Away != 0 || d.Home != 1 {
		t.Errorf("got %+v %v", d, ok)
	}
	if _, ok := FlowDestinations(0, []float64{0, 0}, 0); ok {
		t.Error("no one employed in the province gave destinations")
	}
}

func TestMarketSupplyErrors(t *testing.T) {
	ok := LevelDestinations(CityMarket, 0, 2, 0.1)
	bad := []struct {
		name string
		g    [][]float64
		d    []Destinations
		o    [][]float64
	}{
		{"shares sum to 0.9", [][]float64{{1}}, []Destinations{{Home: 0, City: []float64{0.9, 0}}}, [][]float64{{1}, {1}}},
		{"negative share", [][]float64{{1}}, []Destinations{{Home: 0, City: []float64{1.1, -0.1}}}, [][]float64{{1}, {1}}},
		{"home out of range", [][]float64{{1}}, []Destinations{{Home: 2, City: []float64{1, 0}}}, [][]float64{{1}, {1}}},
		{"ragged openings", [][]float64{{1}}, []Destinations{ok}, [][]float64{{1}, {1, 2}}},
		{"NaN graduates", [][]float64{{math.NaN()}}, []Destinations{ok}, [][]float64{{1}, {1}}},
		{"negative openings", [][]float64{{1}}, []Destinations{ok}, [][]float64{{-1}, {1}}},
		{"count mismatch", [][]float64{{1}, {2}}, []Destinations{ok}, [][]float64{{1}, {1}}},
	}
	for _, c := range bad {
		if _, err := MarketSupply(c.g, c.d, c.o); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestMarketRatio(t *testing.T) {
	cases := []struct {
		s, o     float64
		ratio    float64
		noDemand bool
	}{
		{10, 20, 0.5, false},
		{5, 1, 5, false},     // exactly one opening: a ratio
		{10, 0.5, nan, true}, // half an opening over the horizon: no demand
		{10, 0, nan, true},
		{0, 0, nan, true},
		{nan, 10, nan, false},
	}
	for _, c := range cases {
		r, nd := MarketRatio(c.s, c.o)
		if nd != c.noDemand || !(r == c.ratio || math.IsNaN(r) && math.IsNaN(c.ratio)) {
			t.Errorf("MarketRatio(%v, %v) = %v, %v; want %v, %v", c.s, c.o, r, nd, c.ratio, c.noDemand)
		}
	}
}

func TestMarkets(t *testing.T) {
	m := DefaultMarkets()
	if m.Of("secondary") != CityMarket || m.Of("higher") != ProvinceMarket || m.Of("bachelor") != ProvinceMarket || m.Of("other") != ProvinceMarket {
		t.Errorf("default markets %+v", m)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
	for _, bad := range []Markets{{Level: map[string]Market{"higher": "region"}}, {Level: map[string]Market{"higher": FlowsMarket}}, {OtherCities: 1.1}, {OtherCities: math.NaN()}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
