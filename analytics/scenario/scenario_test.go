package scenario

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/supply"
)

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9*math.Max(1, math.Abs(b[i])) {
			return false
		}
	}
	return true
}

// TestFactor, by hand with base year 2025: +20 %/yr in 2026–2027 gives
// 1.2 in 2026 and 1.2 · 1.2 = 1.44 in 2027 and after; two +10 % shocks in
// the same year add their growth, 1 + 0.1 + 0.1 = 1.2 (not 1.1 · 1.1 =
// 1.21); −150 % leaves 0, and a second such year keeps 0 (it does not turn
// (−0.5)·(−0.5) = 0.25); a shock before base+1 changes nothing.
func TestFactor(t *testing.T) {
	up := []Shock{{Growth: 0.2, From: 2026, To: 2027}}
	for _, c := range []struct {
		shocks []Shock
		y      int
		want   float64
	}{
		{up, 2025, 1}, {up, 2026, 1.2}, {up, 2027, 1.44}, {up, 2030, 1.44},
		{[]Shock{{Growth: 0.1, From: 2026, To: 2026}, {Growth: 0.1, From: 2026, To: 2030}}, 2026, 1.2},
		{[]Shock{{Growth: 0.1, From: 2026, To: 2026}, {Growth: 0.1, From: 2026, To: 2030}}, 2027, 1.2 * 1.1},
		{[]Shock{{Growth: -1.5, From: 2026, To: 2027}}, 2027, 0},
		{[]Shock{{Growth: 0.5, From: 2020, To: 2025}}, 2030, 1},
		{nil, 2030, 1},
	} {
		if got := Factor(c.shocks, 2025, c.y); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Factor(%v, 2025, %d) = %v, want %v", c.shocks, c.y, got, c.want)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, c := range []struct {
		shock, industry string
		want            bool
	}{
		{"C36", "C36", true}, {"c36", "C36", true}, {"C", "C36", true}, {"c", "C36", true},
		{"C", "B06", false}, {"C36", "C38", false}, {"C3", "C36", false}, {"C", "", false},
	} {
		if got := (Shock{Industry: c.shock}).Matches(c.industry); got != c.want {
			t.Errorf("Shock %q matches %q = %v, want %v", c.shock, c.industry, got, c.want)
		}
	}
}

// series returns a series of region for 2026 (index 0) and 2027 whose
// 80 % band is mean ∓ 10 %.
func series(region string, mean ...float64) *Series {
	lo, hi := make([]float64, len(mean)), make([]float64, len(mean))
	for h, m := range mean {
		lo[h], hi[h] = 0.9*m, 1.1*m
	}
	return &Series{Region: region, Base: 2025, Mean: append([]float64(nil), mean...), Bands: [][]float64{lo, hi}}
}

// TestApply checks each level of a shock by hand. Province 140000 has
// cities 140100 (100 in 2026, 110 in 2027) and 140200 (200, 220), and its
// own series is their sum (300, 330) with one Monte Carlo draw equal to
// it.
//
// City shock, +10 %/yr in 140100 in 2026–2027: the city becomes
// 100 · 1.1 = 110 and 110 · 1.21 = 133.1 (band 99–121 and 119.79–146.41);
// 140200 stays; the province moves by the city's change, 300 + 10 = 310
// = 110 + 200 and 330 + 23.1 = 353.1 = 133.1 + 220, and its band and draw
// by 310/300 and 353.1/330 = 1.07 (270 → 279, 297 → 317.79).
//
// Province-wide shock, section C in 140000, +10 % in 2026 only: every city
// × 1.1 in both years (the level stays raised): 110, 121 and 220, 242; the
// province 330, 363 = their sums.
//
// Province-only industry (no city series), +20 %/yr in 140000 in
// 2026–2027: 100 → 100 · 1.2 = 120 and 100 · 1.44 = 144, draw alike; a
// shock naming the city 140100 matches nothing, as the city has no series.
func TestApply(t *testing.T) {
	t.Run("city", func(t *testing.T) {
		ind := Industry{Code: "C36", Province: "140000", Total: series("140000", 300, 330),
			Cities: []*Series{series("140100", 100, 110), series("140200", 200, 220)}}
		ind.Total.Draws = [][]float64{{300, 330}}
		shocks := []Shock{{Industry: "C36", Region: "140100", Growth: 0.1, From: 2026, To: 2027}, {Industry: "C38", Region: "140100", Growth: 0.5, From: 2026, To: 2027}}
		matched, err := Apply(ind, shocks)
		if err != nil || !matched[0] || matched[1] {
			t.Fatalf("matched %v, err %v; want [true false]", matched, err)
		}
		tai, dat, p := ind.Cities[0], ind.Cities[1], ind.Total
		if !near(tai.Mean, []float64{110, 133.1}) || !near(tai.Bands[0], []float64{99, 119.79}) || !near(tai.Bands[1], []float64{121, 146.41}) {
			t.Errorf("140100: mean %v bands %v; want [110 133.1], [99 119.79] [121 146.41]", tai.Mean, tai.Bands)
		}
		if !near(dat.Mean, []float64{200, 220}) {
			t.Errorf("140200: mean %v, want unchanged [200 220]", dat.Mean)
		}
		if !near(p.Mean, []float64{310, 353.1}) || !near(p.Bands[0], []float64{279, 317.79}) || !near(p.Draws[0], []float64{310, 353.1}) {
			t.Errorf("province: mean %v band %v draw %v; want [310 353.1], [279 317.79], [310 353.1]", p.Mean, p.Bands[0], p.Draws[0])
		}
	})
	t.Run("province-wide", func(t *testing.T) {
		ind := Industry{Code: "C36", Province: "140000", Total: series("140000", 300, 330),
			Cities: []*Series{series("140100", 100, 110), series("140200", 200, 220)}}
		matched, err := Apply(ind, []Shock{{Industry: "C", Region: "140000", Growth: 0.1, From: 2026, To: 2026}})
		if err != nil || !matched[0] {
			t.Fatalf("matched %v, err %v", matched, err)
		}
		if !near(ind.Cities[0].Mean, []float64{110, 121}) || !near(ind.Cities[1].Mean, []float64{220, 242}) || !near(ind.Total.Mean, []float64{330, 363}) {
			t.Errorf("cities %v %v, province %v; want [110 121] [220 242], [330 363]", ind.Cities[0].Mean, ind.Cities[1].Mean, ind.Total.Mean)
		}
	})
	t.Run("province-only industry", func(t *testing.T) {
		ind := Industry{Code: "M75", Province: "140000", Total: series("140000", 100, 100)}
		ind.Total.Draws = [][]float64{{100, 100}}
		matched, err := Apply(ind, []Shock{
			{Industry: "M75", Region: "140000", Growth: 0.2, From: 2026, To: 2027},
			{Industry: "M75", Region: "140100", Growth: 0.5, From: 2026, To: 2027},
		})
		if err != nil || !matched[0] || matched[1] {
			t.Fatalf("matched %v, err %v; want [true false]", matched, err)
		}
		p := ind.Total
		if !near(p.Mean, []float64{120, 144}) || !near(p.Draws[0], []float64{120, 144}) || !near(p.Bands[1], []float64{132, 158.4}) {
			t.Errorf("province: mean %v draw %v upper band %v; want [120 144], [120 144], [132 158.4]", p.Mean, p.Draws[0], p.Bands[1])
		}
	})
	// A forecast held flat may share one array between its mean and its
	// bounds; each is still scaled once: 100 → 120, 144.
	t.Run("held flat", func(t *testing.T) {
		flat := []float64{100, 100}
		ind := Industry{Code: "M75", Province: "140000", Total: &Series{Region: "140000", Base: 2025, Mean: flat, Bands: [][]float64{flat, flat}}}
		if _, err := Apply(ind, []Shock{{Industry: "M75", Region: "140000", Growth: 0.2, From: 2026, To: 2027}}); err != nil {
			t.Fatal(err)
		}
		if !near(flat, []float64{120, 144}) {
			t.Errorf("mean %v, want [120 144]", flat)
		}
	})
	t.Run("cities without the province", func(t *testing.T) {
		ind := Industry{Code: "C36", Province: "140000", Cities: []*Series{series("140100", 100, 110)}}
		if _, err := Apply(ind, []Shock{{Industry: "C36", Region: "140000", Growth: 0.1, From: 2026, To: 2026}}); err != nil {
			t.Fatal(err)
		}
		if !near(ind.Cities[0].Mean, []float64{110, 121}) {
			t.Errorf("city %v, want [110 121]", ind.Cities[0].Mean)
		}
	})
	t.Run("bad growth", func(t *testing.T) {
		ind := Industry{Code: "M75", Province: "140000", Total: series("140000", 100, 100)}
		_, err := Apply(ind, []Shock{{Industry: "M75", Region: "140000", Growth: math.NaN(), From: 2026, To: 2027}})
		if err == nil || !strings.HasPrefix(err.Error(), "scenario: ") || !near(ind.Total.Mean, []float64{100, 100}) {
			t.Errorf("NaN growth: err %v, mean %v", err, ind.Total.Mean)
		}
	})
}

// TestCitySeats: cities 140100 and 140800 took 100 and 300 students
// last year. 400 seats for the province from 2026 are shared 1 : 3, 100
// and 300; 50 more in 140800 from 2027 make 350 there from 2027. A change
// for another program or for a city not listed reaches nobody. Without
// any latest intake (NaN and 0) the province's 400 are shared equally,
// 200 each.
func TestCitySeats(t *testing.T) {
	changes := []IntakeChange{
		{Program: "520201", Region: "140000", Change: 400, From: 2026},
		{Program: "520201", Region: "140800", Change: 50, From: 2027},
		{Program: "520201", Region: "140500", Change: 70, From: 2026},
		{Program: "520202", Region: "140000", Change: 90, From: 2026},
	}
	seats, matched, err := CitySeats(changes, "520201", "140000", []string{"140100", "140800"}, []float64{100, 300})
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, true, false, false}; len(matched) != 4 || matched[0] != want[0] || matched[1] != want[1] || matched[2] || matched[3] {
		t.Errorf("matched %v, want %v", matched, want)
	}
	for _, c := range []struct {
		city, year int
		want       float64
	}{{0, 2025, 0}, {0, 2026, 100}, {0, 2030, 100}, {1, 2026, 300}, {1, 2027, 350}} {
		if got := seats[c.city].At(c.year); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("city %d in %d: %v seats, want %v", c.city, c.year, got, c.want)
		}
	}
	seats, _, err = CitySeats(changes[:1], "520201", "140000", []string{"140100", "140800"}, []float64{math.NaN(), 0})
	if err != nil || seats[0].At(2026) != 200 || seats[1].At(2026) != 200 {
		t.Errorf("no latest intake: %v, %v; want 200 each", seats, err)
	}
	if _, _, err := CitySeats([]IntakeChange{{Program: "520201", Region: "140000", Change: math.Inf(1)}}, "520201", "140000", []string{"140100"}, []float64{1}); err == nil {
		t.Error("infinite seats: no error")
	}
	if _, _, err := CitySeats(nil, "520201", "140000", []string{"140100"}, nil); err == nil {
		t.Error("ragged latest: no error")
	}
}

// TestIntakeReachesGraduates: a three-year program took 100 students a
// year in 2023–2025 and is forecast to take 100 a year from 2026; the
// scenario adds 50 seats from 2027. By hand, the intake becomes 100, 150,
// 150, 150, 150 in 2026–2030, and with a completion rate of 0.9 the
// graduates of year y are 0.9 · intake[y − 3]: 90 in 2026–2029 (intakes of
// 2023–2026) and 0.9 · 150 = 135 from 2030 = 2027 + 3 on. Seats taken
// away below zero leave no intake: 100 − 150 → 0.
func TestIntakeReachesGraduates(t *testing.T) {
	seats := Seats{{From: 2027, Seats: 50}}
	fc := []float64{100, 100, 100, 100, 100}
	in := AddIntake(fc, 2026, seats.At)
	if !near(in, []float64{100, 150, 150, 150, 150}) || fc[1] != 100 {
		t.Fatalf("intake %v (forecast %v), want [100 150 150 150 150]", in, fc)
	}
	g, err := supply.Graduates([]float64{100, 100, 100}, in, 3, 0.9, 6)
	if err != nil {
		t.Fatal(err)
	}
	if !near(g, []float64{90, 90, 90, 90, 135, 135}) {
		t.Errorf("graduates 2026–2031 %v, want [90 90 90 90 135 135]", g)
	}
	if got := AddIntake(fc[:2], 2026, Seats{{From: 2026, Seats: -150}}.At); !near(got, []float64{0, 0}) {
		t.Errorf("150 seats taken from 100: %v, want [0 0]", got)
	}
	if got := AddIntake(fc[:2], 2026, nil); !near(got, fc[:2]) {
		t.Errorf("no seats: %v", got)
	}
}
