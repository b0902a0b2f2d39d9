//go:build duckdb_arrow

package job

import (
	"fmt"
	"math"
	"testing"

	"github.com/vocmap/vocmap/analytics/demand"
	"github.com/vocmap/vocmap/analytics/forecast"
)

// supplyModel returns a model whose intake mart (004) holds rows of
// (province, city, school, program, year, intake, graduates) for one
// two-year program P of weight 1 to industry C13, with no further study
// and everyone staying.
func supplyModel(horizon int, provBase map[string]int, rows [][]any) *model {
	var intake []intakeRow
	ptr := func(x float64) *float64 { // NaN: NULL in the mart
		if math.IsNaN(x) {
			return nil
		}
		return &x
	}
	for _, r := range rows {
		intake = append(intake, intakeRow{Province: r[0].(string), City: r[1].(string), School: r[2].(string), Program: r[3].(string),
			Year: int64(r[4].(int)), Intake: ptr(r[5].(float64)), Graduates: ptr(r[6].(float64))})
	}
	facts := newFrame("scope", "province_code", "program_code", "further_rate:f", "stay_rate:f")
	return &model{
		opts: &Options{Horizon: horizon, IntakeMethod: forecast.Naive, Draws: 3, Workers: 1, Seed: 1,
			DefaultCompletion: 0.5, DefaultFurtherStudy: 0, DefaultStay: 1},
		in: &inputs{intake: intake, facts: &facts.f, programs: map[string]*program{
			"P": {code: "P", level: "higher", duration: 2, industries: []string{"C13"}, weights: []float64{1}}}},
		provBase: provBase,
	}
}

// TestSupplyIncomplete runs the supply stage on a province whose second
// city reports no graduates, and on a province without an industry map
// whose intake runs past the horizon.
func TestSupplyIncomplete(t *testing.T) {
	nan := math.NaN()
	var rows [][]any
	// Province A (base year 2025), two cities of one school each, intake
	// 100 a year 2020–2025; city A1 reports 90 graduates a year from
	// 2022, city A2 none.
	for y := 2020; y <= 2025; y++ {
		g := nan
		if y >= 2022 {
			g = 90
		}
		rows = append(rows, []any{"A", "A1", "s1", "P", y, 100.0, g})
	}
	for y := 2020; y <= 2025; y++ {
		rows = append(rows, []any{"A", "A2", "s2", "P", y, 100.0, nan})
	}
	// Province B has intake 2020–2037 (a plan past the horizon 2030) and
	// no employment: no base year of its own. 50 a year, no graduates.
	for y := 2020; y <= 2037; y++ {
		rows = append(rows, []any{"B", "B1", "s3", "P", y, 50.0, nan})
	}
	m := supplyModel(2030, map[string]int{"A": 2025}, rows)
	if err := m.supply(t.Context()); err != nil {
		t.Fatal(err)
	}
	// A's completion rate over the cells that report both: 4·90 / 4·100
	// = 0.9 (the job's sums gave 360/800 = 0.45). Graduates 2026–2030 =
	// 0.9 · 100 held intake = 90 in each city, 180 in the province.
	for _, c := range []struct {
		region string
		want   float64
	}{{"A1", 90}, {"A2", 90}, {"A", 180}} {
		s := m.sup[key2{c.region, "P"}]
		if s == nil || len(s.graduates) != 5 {
			t.Fatalf("supply of %s: %+v, want 5 years", c.region, s)
		}
		for y, g := range s.graduates {
			if math.Abs(g-c.want) > 1e-9 {
				t.Errorf("graduates of %s in %d = %v, want %v", c.region, 2026+y, g, c.want)
			}
		}
	}
	// B takes the run's base year (2025): 2026–2030 from its history,
	// default completion 0.5 · 50 = 25 a year. The job used to take B's
	// last intake year (2037) as its base and panic (makeslice: len out
	// of range).
	s := m.sup[key2{"B", "P"}]
	if s == nil || len(s.graduates) != 5 {
		t.Fatalf("supply of B: %+v, want 5 years", s)
	}
	for y, g := range s.graduates {
		if math.Abs(g-25) > 1e-9 {
			t.Errorf("graduates of B in %d = %v, want 25", 2026+y, g)
		}
	}
}

// TestPostingWindows reads the postings mart (009) of a run of 2025-12:
// city A1 gives 2023-12 (50), every month of 2024 (100) and of 2025 but
// March (120); city A2 gives 2024-01..2025-06 (10 a month). A1's window
// is 2024-01..2025-12 with 2025-03 missing: 11 months in both years,
// g_p = 0.2, factor 1 + 0.5·(0.2 − 0.04) = 1.08. The province pools, month
// by month, the cities that report both years: A1's 11 months and A2's 6
// (January–June, March among them): Σ last = 11·120 + 6·10 = 1380,
// Σ prev = 11·100 + 6·10 = 1160, g_p = 1380/1160 − 1 = 0.189655…, factor
// 1 + 0.5·(0.189655… − 0.04) = 1.074827…. (The old province row, the
// sum of the cities' months, gave 12·110 = 1320 for 2024 and
// 5·130 + 10 + 6·120 = 1380 for 2025, March counting A2 alone: g_p =
// 0.045.)
func TestPostingWindows(t *testing.T) {
	b := newFrame("province_code", "region_code", "industry_code", "month", "postings:f")
	b.add("A", "A1", "C13", "2023-12", 50.0)
	for y := 2024; y <= 2025; y++ {
		for mo := 1; mo <= 12; mo++ {
			if y == 2025 && mo == 3 {
				continue
			}
			b.add("A", "A1", "C13", fmt.Sprintf("%d-%02d", y, mo), 100.0+20*float64(y-2024))
		}
	}
	for i := range 18 {
		b.add("A", "A2", "C13", fmt.Sprintf("%d-%02d", 2024+i/12, i%12+1), 10.0)
	}
	m := &model{opts: &Options{Period: "2025-12"}, in: &inputs{postings: &b.f}}
	w, err := m.postingWindows()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		region string
		want   float64
	}{{"A1", 1.08}, {"A", 1 + 0.5*(1380.0/1160-1-0.04)}} {
		f, err := demand.PostingsFactor(w[key2{c.region, "C13"}], 0.04, 0.5, 0.2)
		if err != nil || math.Abs(f-c.want) > 1e-12 {
			t.Errorf("postings factor of %s = %v, %v; want %v", c.region, f, err, c.want)
		}
	}
}
