//go:build duckdb_arrow

package job

import (
	"errors"
	"log/slog"
	"math"
	"testing"
)

// TestScenarioShockOnlyMappedPrograms: a shock on one industry changes the
// ratio only of the programs mapped to it; the baseline's results stay.
func TestScenarioShockOnlyMappedPrograms(t *testing.T) {
	w, base := baseRun(t)
	opts := testOptions(t)
	opts.Scenario = "shock_q84"
	opts.Shocks = []Shock{{Industry: "Q84", Region: "140000", Growth: 0.3, From: 2026, To: 2030}}
	r := mustRun(t, w, opts)
	if r.Snapshot != base.Snapshot {
		t.Errorf("scenario ran on snapshot %d, the baseline on %d", r.Snapshot, base.Snapshot)
	}
	rows, err := w.DB.Query(`SELECT b.program_code, b.ratio, s.ratio,
			EXISTS (SELECT 1 FROM program_industry pi WHERE pi.program_code = b.program_code AND pi.industry_code = 'Q84') AS mapped
		FROM results.programs b JOIN results.programs s USING (scope, region_code, school_code, program_code)
		WHERE b.run_id = ? AND s.run_id = ? AND b.scope = 'province'`, base.RunID, r.RunID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	changed, mapped := 0, 0
	for rows.Next() {
		var code string
		var b, s float64
		var m bool
		if err := rows.Scan(&code, &b, &s, &m); err != nil {
			t.Fatal(err)
		}
		moved := math.Abs(s-b) > 1e-9*math.Max(1, math.Abs(b))
		if m {
			mapped++
			if !moved || s >= b {
				t.Errorf("program %s feeds Q84: ratio %v -> %v, want lower (more openings)", code, b, s)
			}
		} else if moved {
			t.Errorf("program %s does not feed Q84 but its ratio moved %v -> %v", code, b, s)
		}
		if moved {
			changed++
		}
	}
	if mapped == 0 || changed != mapped {
		t.Errorf("%d programs feed Q84, %d changed", mapped, changed)
	}
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.programs WHERE run_id = ?`, base.RunID); n == 0 {
		t.Error("the scenario replaced the baseline's results")
	}
}

// TestScenarioIntakeReachesGraduatesAfterDuration: 500 more nursing seats
// in Yuncheng from 2026 add 500 × completion × ... graduates from 2026 +
// duration on, and none before.
func TestScenarioIntakeReachesGraduatesAfterDuration(t *testing.T) {
	w, base := baseRun(t)
	opts := testOptions(t)
	opts.Scenario = "nursing_yuncheng"
	opts.IntakeChanges = []IntakeChange{{Program: "520201", Region: "140800", Change: 500, From: 2026}}
	r := mustRun(t, w, opts)
	var duration int
	if err := w.DB.QueryRow(`SELECT duration_years FROM programs WHERE program_code = '520201'`).Scan(&duration); err != nil {
		t.Fatal(err)
	}
	rows, err := w.DB.Query(`SELECT b.year, b.graduates, s.graduates FROM results.supply b JOIN results.supply s USING (region_code, program_code, year)
		WHERE b.run_id = ? AND s.run_id = ? AND b.region_code = '140800' AND b.program_code = '520201' ORDER BY b.year`, base.RunID, r.RunID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var y int
		var b, s float64
		rows.Scan(&y, &b, &s)
		n++
		switch {
		case y < 2026+duration && math.Abs(s-b) > 1e-9:
			t.Errorf("%d: graduates moved %v -> %v before the new seats graduate", y, b, s)
		case y >= 2026+duration && !(s-b > 300 && s-b <= 500):
			t.Errorf("%d: graduates %v -> %v, want about 500 × completion more", y, b, s)
		}
	}
	if n == 0 {
		t.Fatal("no supply rows for 520201 in 140800")
	}
	// Another city's supply of the program is unchanged.
	if k := queryInt(t, w.DB, `SELECT count(*) FROM results.supply b JOIN results.supply s USING (region_code, program_code, year)
		WHERE b.run_id = ? AND s.run_id = ? AND b.program_code = '520201' AND b.region_code = '140100'
		AND abs(b.graduates - s.graduates) > 1e-9`, base.RunID, r.RunID); k != 0 {
		t.Errorf("Taiyuan's nursing supply moved in %d years", k)
	}
}

// TestScenarioSignalProbabilities: with draws every row gets probabilities
// of the three signals that sum to at most 1, and a scenario needs a
// baseline.
func TestScenarioSignalProbabilities(t *testing.T) {
	w, _ := baseRun(t)
	opts := testOptions(t)
	opts.Scenario = "draws"
	opts.SignalDraws = true
	opts.Draws = 40
	r := mustRun(t, w, opts)
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.programs WHERE run_id = ? AND (prob_red IS NULL
		OR prob_red < 0 OR prob_yellow < 0 OR prob_green < 0 OR prob_red + prob_yellow + prob_green > 1 + 1e-9)`, r.RunID); n != 0 {
		t.Errorf("%d rows with bad signal probabilities", n)
	}
	// A red row by the placement rule is red in every draw.
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.programs WHERE run_id = ? AND reasons LIKE '%placement_below_60_two_years%'
		AND prob_red < 1`, r.RunID); n != 0 {
		t.Errorf("%d placement-rule rows are not red in every draw", n)
	}
	opts.Period = "2030-01"
	if _, err := Run(t.Context(), w, opts); !errors.Is(err, ErrNoBaseline) {
		t.Errorf("a scenario without a baseline: err %v, want ErrNoBaseline", err)
	}
}

// TestApplyShocksWhereTheDataAre: the province 140000 reports M75 and its
// cities do not; C36 it reports with its cities 140100 and 140200. By
// hand (base 2025, forecasts for 2026 and 2027):
//
//   - +20 %/yr in 140000 on M75 in 2026–2027: 100, 100 → 120, 144 (its
//     bounds and Monte Carlo draw alike), where the job used to shock
//     city series only and left M75 at 100;
//   - +10 %/yr in 140100 on C36 in 2026–2027: the city 100, 110 → 110,
//     133.1; the province moves by the same jobs, 300, 330 → 310, 353.1,
//     still the sum of 110 + 200 and 133.1 + 220.
func TestApplyShocksWhereTheDataAre(t *testing.T) {
	fc := func(level, region, industry string, mean ...float64) *empForecast {
		c := func() []float64 { return append([]float64(nil), mean...) }
		return &empForecast{level: level, province: "140000", region: region, industry: industry,
			mean: c(), lo80: c(), hi80: c(), lo95: c(), hi95: c(), paths: [][]float64{c()}}
	}
	m := &model{opts: &Options{Horizon: 2027, Logger: slog.New(slog.DiscardHandler), Shocks: []Shock{
		{Industry: "M75", Region: "140000", Growth: 0.2, From: 2026, To: 2027},
		{Industry: "C36", Region: "140100", Growth: 0.1, From: 2026, To: 2027},
	}}, emp: map[key2]*empForecast{}}
	for _, f := range []*empForecast{
		fc("province", "140000", "M75", 100, 100),
		fc("province", "140000", "C36", 300, 330),
		fc("city", "140100", "C36", 100, 110),
		fc("city", "140200", "C36", 200, 220),
	} {
		m.emp[key2{f.region, f.industry}] = f
	}
	m.applyShocks()
	near := func(a, b []float64) bool {
		return len(a) == len(b) && math.Abs(a[0]-b[0]) < 1e-9 && math.Abs(a[1]-b[1]) < 1e-9
	}
	for _, c := range []struct {
		region, industry string
		want             []float64
	}{
		{"140000", "M75", []float64{120, 144}},
		{"140100", "C36", []float64{110, 133.1}},
		{"140200", "C36", []float64{200, 220}},
		{"140000", "C36", []float64{310, 353.1}},
	} {
		f := m.emp[key2{c.region, c.industry}]
		if !near(f.mean, c.want) || !near(f.hi95, c.want) {
			t.Errorf("%s %s: mean %v, upper bound %v; want %v", c.region, c.industry, f.mean, f.hi95, c.want)
		}
	}
	if p := m.emp[key2{"140000", "M75"}].paths[0]; !near(p, []float64{120, 144}) {
		t.Errorf("M75 draw %v, want [120 144]", p)
	}
}
