package supply

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sameFloats reports whether a and b are equal within tol, NaN matching
// NaN.
func sameFloats(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.IsNaN(a[i]) != math.IsNaN(b[i]) || (!math.IsNaN(a[i]) && !approx(a[i], b[i], tol)) {
			return false
		}
	}
	return true
}

func TestNewCohorts(t *testing.T) {
	nan := math.NaN()
	// Rows 2019, 2021, 2022: year 2020 is not reported (NaN, not 0 and
	// not interpolated).
	c, err := NewCohorts([]int{2019, 2021, 2022}, []float64{10, 30, nan}, []float64{nan, 5, 6})
	if err != nil {
		t.Fatal(err)
	}
	if c.First != 2019 || c.Last() != 2022 || !sameFloats(c.Intake, []float64{10, nan, 30, nan}, 0) ||
		!sameFloats(c.Graduates, []float64{nan, nan, 5, 6}, 0) {
		t.Errorf("NewCohorts = %+v", c)
	}
	if c, err := NewCohorts(nil, nil, nil); err != nil || len(c.Intake) != 0 {
		t.Errorf("NewCohorts(nil) = %+v, %v", c, err)
	}
	for _, e := range []struct {
		years         []int
		intake, grads []float64
		want          string
	}{
		{[]int{2020, 2020}, []float64{1, 2}, []float64{1, 2}, "years[1] = 2020"},
		{[]int{2021, 2020}, []float64{1, 2}, []float64{1, 2}, "years[1] = 2020"},
		{[]int{2020}, []float64{1, 2}, []float64{1}, "1 years but 2 intakes"},
		{[]int{2020, 2021}, []float64{1, -2}, []float64{1, 2}, "intake[1]"},
	} {
		_, err := NewCohorts(e.years, e.intake, e.grads)
		wantErr(t, "NewCohorts", err, e.want)
	}
}

func TestPooledCompletionRate(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name     string
		units    []Cohorts
		duration int
		want     float64
		n        int
	}{
		// Two cities of intake 100 a year, one without graduates: only the
		// cells of the first count, (90 + 90) / (100 + 100) = 0.9. The rate
		// of the summed series (what the job computed), 180 / 400 = 0.45,
		// halves it.
		{"one unit without graduates", []Cohorts{
			{2020, []float64{100, 100, 100}, []float64{nan, 90, 90}},
			{2020, []float64{100, 100, 100}, []float64{nan, nan, nan}},
		}, 1, 0.9, 2},
		// A school stops reporting its graduates of the latest year: cells
		// A2, A3, B2, (90 + 90 + 40) / (100 + 100 + 50) = 220/250 = 0.88;
		// on the sums, (130 + 90) / (150 + 150) = 0.7333….
		{"school stops reporting", []Cohorts{
			{2020, []float64{100, 100, 100, 100}, []float64{nan, nan, 90, 90}},
			{2020, []float64{50, 50, 50, 50}, []float64{nan, nan, 40, nan}},
		}, 2, 0.88, 3},
		// Units with different first years are aligned by year: A's cell
		// 2019 (80/100); B's graduates of 2019 have no intake of 2018, and
		// its cell 2020 has 45 graduates of an intake of 60 in 2019. Zero
		// intake is skipped (C). (80 + 45) / (100 + 60) = 125/160.
		{"aligned by year", []Cohorts{
			{2018, []float64{100, 100}, []float64{nan, 80}},
			{2019, []float64{60, 70}, []float64{70, 45}},
			{2019, []float64{0, 5}, []float64{3, 4}},
		}, 1, 125.0 / 160, 2},
		// One unit: CompletionRate's "two cohorts", 189/210.
		{"one unit", []Cohorts{{0, []float64{100, 110, 120, 130}, []float64{nan, nan, 90, 99}}}, 2, 0.9, 2},
		{"no cell", []Cohorts{{2020, []float64{100}, []float64{nan}}}, 1, 0.85, 0},
		{"no unit", nil, 3, 0.85, 0},
		// 30/20 clamped to 1.
		{"clamp", []Cohorts{{2020, []float64{20, 20}, []float64{nan, 30}}}, 1, 1, 1},
	}
	for _, c := range cases {
		got, n, err := PooledCompletionRate(c.units, c.duration, 0.85)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !approx(got, c.want, 1e-12) || n != c.n {
			t.Errorf("%s: PooledCompletionRate = %v, %d; want %v, %d", c.name, got, n, c.want, c.n)
		}
	}
	errCases := []struct {
		units    []Cohorts
		duration int
		def      float64
		want     string
	}{
		{nil, 0, 0.9, "duration 0"},
		{nil, 1, 1.1, "default"},
		{[]Cohorts{{0, []float64{1}, []float64{1}}, {0, []float64{1, 2}, []float64{1}}}, 1, 0.9, "units[1]: 2 years of intake but 1"},
		{[]Cohorts{{0, []float64{1, -1}, []float64{1, 2}}}, 1, 0.9, "units[0].intake[1]"},
		{[]Cohorts{{0, []float64{1, 1}, []float64{math.Inf(1), 2}}}, 1, 0.9, "units[0].graduates[0]"},
	}
	for _, c := range errCases {
		_, _, err := PooledCompletionRate(c.units, c.duration, c.def)
		wantErr(t, "PooledCompletionRate", err, c.want)
	}
}

func TestAggregate(t *testing.T) {
	nan := math.NaN()
	// Two cities of intake 100, the second without graduates, d = 1,
	// completion 0.9: intake 200 a year; graduates of 2020 are reported by
	// neither (NaN); 2021 and 2022: 90 reported + 0.9·100 expected of the
	// second = 180 (the job summed 90).
	got, err := Aggregate([]Cohorts{
		{2020, []float64{100, 100, 100}, []float64{nan, 90, 90}},
		{2020, []float64{100, 100, 100}, []float64{nan, nan, nan}},
	}, 1, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if got.First != 2020 || !sameFloats(got.Intake, []float64{200, 200, 200}, 1e-12) || !sameFloats(got.Graduates, []float64{nan, 180, 180}, 1e-12) {
		t.Errorf("Aggregate(two cities) = %+v, want 2020 [200 200 200] [NaN 180 180]", got)
	}

	// d = 2, completion 0.5, three schools over 2018–2022:
	//   A 2019–2022: intake 40, –, 60, 70 (2020 interpolated: 50);
	//                graduates –, 33, 30, –
	//   B 2021–2022: intake 10, 20; graduates 5, 12
	//   C 2018 only (closed): intake 80, no graduates
	// intake:    2018 80 (C), 2019 40 (A), 2020 50 (A), 2021 60 + 10 = 70,
	//            2022 70 + 20 = 90
	// graduates: 2018, 2019 reported by none: NaN
	//            2020: A 33 + C expected 0.5·80 (its 2018 cohort) = 73
	//            2021: A 30 + B 5 (C has no cohort of 2019) = 35
	//            2022: B 12 + A expected 0.5·50 (its interpolated 2020) = 37
	got, err = Aggregate([]Cohorts{
		{2019, []float64{40, nan, 60, 70}, []float64{nan, 33, 30, nan}},
		{2021, []float64{10, 20}, []float64{5, 12}},
		{2018, []float64{80}, []float64{nan}},
	}, 2, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if got.First != 2018 || !sameFloats(got.Intake, []float64{80, 40, 50, 70, 90}, 1e-12) ||
		!sameFloats(got.Graduates, []float64{nan, nan, 73, 35, 37}, 1e-12) {
		t.Errorf("Aggregate(three schools) = %+v, want 2018 [80 40 50 70 90] [NaN NaN 73 35 37]", got)
	}

	if got, err := Aggregate(nil, 3, 0.9); err != nil || len(got.Intake) != 0 {
		t.Errorf("Aggregate(nil) = %+v, %v", got, err)
	}
	for _, e := range []struct {
		units      []Cohorts
		d          int
		completion float64
		want       string
	}{
		{nil, 0, 0.9, "duration 0"},
		{nil, 1, nan, "completion"},
		{[]Cohorts{{0, []float64{1}, nil}}, 1, 0.9, "units[0]: 1 years of intake but 0"},
	} {
		_, err := Aggregate(e.units, e.d, e.completion)
		wantErr(t, "Aggregate", err, e.want)
	}
}

func TestProject(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name       string
		h          Cohorts
		fc         []float64
		d          int
		completion float64
		from, to   int
		want       []float64
	}{
		// 2021 observed (95); 2022 not: 0.8 · intake 2020 = 80; after the
		// history (2022), Graduates: 2023 0.8·110 = 88, 2024 0.8·120 = 96,
		// 2025 0.8 · forecast 2023 (130) = 104.
		{"history and forecast", Cohorts{2020, []float64{100, 110, 120}, []float64{nan, 95, nan}}, []float64{130, 140},
			2, 0.8, 2021, 2025, []float64{95, 80, 88, 96, 104}},
		// The intake runs past the last year asked for (2022): the history
		// is cut, no forecast is needed. 0.5·100, 0.5·110.
		{"history past the end", Cohorts{2020, []float64{100, 110, 120, 130, 140}, nans(5)}, nil,
			1, 0.5, 2021, 2022, []float64{50, 55}},
		// A program opened in 2024, d = 3: padded with zeros, 2025 and 2026
		// graduate nobody, 2027 the 60 of 2024, 2028 the forecast 70.
		{"new program", Cohorts{2024, []float64{60}, []float64{nan}}, []float64{70, 80, 90},
			3, 1, 2025, 2028, []float64{0, 0, 60, 70}},
		// Years before the history are 0; 2019: 0.5 · intake 2018 = 10.
		{"before the history", Cohorts{2018, []float64{20, 30}, []float64{nan, nan}}, nil,
			1, 0.5, 2016, 2019, []float64{0, 0, 0, 10}},
		{"no year", Cohorts{2020, []float64{1}, []float64{1}}, nil, 1, 0.5, 2030, 2029, []float64{}},
		{"empty history", Cohorts{}, nil, 2, 0.5, 2026, 2027, []float64{0, 0}},
	}
	for _, c := range cases {
		got, err := Project(c.h, c.fc, c.d, c.completion, c.from, c.to)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !approxSlice(got, c.want, 1e-12) {
			t.Errorf("%s: Project = %v, want %v", c.name, got, c.want)
		}
	}
	h := Cohorts{2020, []float64{100, 110, 120, 130, 140}, nans(5)}
	for _, e := range []struct {
		h          Cohorts
		fc         []float64
		d          int
		completion float64
		from, to   int
		want       string
	}{
		// A province without employment took its base year from its
		// intake (2024), past the horizon 2022: the job indexed past a
		// slice; it is an error.
		{h, nil, 1, 0.5, 2025, 2022, "no years from 2025 to 2022"},
		{h, nil, 0, 0.5, 2021, 2022, "duration 0"},
		{h, nil, 1, 1.5, 2021, 2022, "completion"},
		{Cohorts{2020, []float64{1, 2}, []float64{1}}, nil, 1, 0.5, 2021, 2022, "history: 2 years of intake but 1"},
		// After 2024 the forecast must give 2025's intake.
		{h, nil, 1, 0.5, 2021, 2026, "0 years of intake forecast, need 1"},
	} {
		_, err := Project(e.h, e.fc, e.d, e.completion, e.from, e.to)
		wantErr(t, "Project", err, e.want)
	}
}

// TestMissingGraduatesProperty checks that a school that stops reporting
// its graduates moves the province's completion rate and supply by no
// more than the reporting schools' own variation. Six schools in two
// cities, 2013–2025, duration 3, completion rates between 0.86 and 0.94
// that vary ±2 % from year to year; school k stops reporting its
// graduates of 2024 and 2025 (no outcome row, no graduates in its
// enrollments). School 0 holds about 40 % of the intake: on the summed
// series, as the job computed, the province's rate fell by about 8 %
// (40 % of 2 of 10 cohorts) and its graduates of 2024–2025 by 40 %.
func TestMissingGraduatesProperty(t *testing.T) {
	nan := math.NaN()
	rng := rand.New(rand.NewPCG(11, 12))
	const first, last, d = 2013, 2025, 3
	n := last - first + 1
	size := []float64{600, 150, 200, 120, 250, 180}
	rate := []float64{0.94, 0.86, 0.9, 0.88, 0.92, 0.87}
	full := make([]Cohorts, len(size))
	for s := range full {
		c := Cohorts{First: first, Intake: make([]float64, n), Graduates: nans(n)}
		for i := range n {
			c.Intake[i] = math.Round(size[s] * (1 + 0.03*float64(i)) * (0.95 + 0.1*rng.Float64()))
			if i >= d {
				c.Graduates[i] = math.Round(c.Intake[i-d] * rate[s] * (0.98 + 0.04*rng.Float64()))
			}
		}
		full[s] = c
	}
	fc := []float64{3000, 3000, 3000, 3000, 3000, 3000} // 2026–2031
	province := func(units []Cohorts) (float64, []float64) {
		c, _, err := PooledCompletionRate(units, d, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		h, err := Aggregate(units, d, c)
		if err != nil {
			t.Fatal(err)
		}
		g, err := Project(h, fc, d, c, 2024, 2030) // two observed years, five ahead
		if err != nil {
			t.Fatal(err)
		}
		return c, g
	}
	c0, g0 := province(full)
	for k := range full {
		units := make([]Cohorts, len(full))
		copy(units, full)
		g := append([]float64(nil), full[k].Graduates...)
		g[n-2], g[n-1] = nan, nan
		units[k].Graduates = g
		c, gs := province(units)
		if math.Abs(c/c0-1) > 0.03 {
			t.Errorf("school %d stops reporting: completion %v, with all schools %v (%.1f %%)", k, c, c0, 100*(c/c0-1))
		}
		for y := range gs {
			if math.Abs(gs[y]/g0[y]-1) > 0.03 {
				t.Errorf("school %d stops reporting: graduates of %d %v, with all schools %v", k, 2024+y, gs[y], g0[y])
			}
		}
	}
}
