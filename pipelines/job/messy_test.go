//go:build duckdb_arrow

package job

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/datasets/synth"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// The messy-data suite: a small synthetic province (datasets/synth at a
// tenth of its schools: about 45 schools in 9–13 cities, 300 programs)
// with the gaps real data drops have, planted by synth.Defects, run
// through the real job on a real warehouse. Each test writes down the
// effect the defect must have and asserts it; where the expectation can
// be computed from the inputs by hand (a formula applied to the rows the
// test reads itself), the test computes it, so that it would have failed
// before the fix it guards (issue 14).

const (
	messySeed   = 3
	messyFactor = 0.1
)

// messyOptions are the run's default options with fewer draws (the
// suite checks figures that do not depend on them).
func messyOptions(t *testing.T) Options {
	t.Helper()
	o := testOptions(t)
	o.Draws = 20
	return o
}

// messyRun generates the small province with defects d, ingests it into
// a new warehouse and runs the period; it returns the warehouse, the
// run and where the defects were planted.
func messyRun(t *testing.T, d synth.Defects) (*warehouse.Warehouse, *Result, synth.Planted) {
	t.Helper()
	dir := t.TempDir()
	sum, err := synth.Generate(context.Background(), synth.Options{Out: dir, Seed: messySeed, Factor: messyFactor, Defects: d})
	if err != nil {
		t.Fatal(err)
	}
	w := openIngest(t, dir)
	return w, mustRun(t, w, messyOptions(t)), sum.Planted
}

// TestMessy runs the messy-data suite. The province without defects is
// generated, ingested and run once, by the first subtest that compares
// with it, and lives until the suite ends.
func TestMessy(t *testing.T) {
	var cw *warehouse.Warehouse
	var cres *Result
	clean := func(st *testing.T) (*warehouse.Warehouse, *Result) {
		st.Helper()
		if cw == nil {
			ctx := context.Background()
			dir := t.TempDir()
			data := filepath.Join(dir, "data")
			if _, err := synth.Generate(ctx, synth.Options{Out: data, Seed: messySeed, Factor: messyFactor}); err != nil {
				st.Fatal(err)
			}
			w, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
			if err != nil {
				st.Fatal(err)
			}
			t.Cleanup(func() { w.Close() })
			if _, err := w.Ingest(ctx, data, warehouse.LoadOptions{}); err != nil {
				st.Fatal(err)
			}
			cw, cres = w, mustRun(st, w, messyOptions(st))
		}
		return cw, cres
	}
	t.Run("ProvinceOnlyIndustry", testMessyProvinceOnlyIndustry)
	t.Run("GraduatesMissing", func(t *testing.T) { testMessyGraduatesMissing(t, clean) })
	t.Run("Postings", testMessyPostings)
	t.Run("NoIntake", testMessyNoIntake)
	t.Run("CityWithoutBachelor", func(t *testing.T) { testMessyCityWithoutBachelor(t, clean) })
	t.Run("UnmappedIndustry", testMessyUnmappedIndustry)
}

// cleanRunFunc returns the run of the province without defects.
type cleanRunFunc func(*testing.T) (*warehouse.Warehouse, *Result)

func queryFloat(t *testing.T, db *sql.DB, q string, args ...any) float64 {
	t.Helper()
	var v sql.NullFloat64
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}

// replacementRate is the run's replacement rate of an industry's section
// (config demand.replacement_rate, keys in either case).
func replacementRate(o Options, industry string) float64 {
	sec := strings.ToUpper(industry[:1])
	for k, v := range o.ReplacementRate {
		if strings.ToUpper(k) == sec {
			return v
		}
	}
	return o.ReplacementRate["default"]
}

// testMessyProvinceOnlyIndustry: the industry map gives section Q (Q84
// health, Q85 social work) for the province only. Expected:
//   - demand has province series of Q84 and Q85 and no city series of
//     them; every other industry's province forecast is still the sum of
//     its cities' (to 1e-6);
//   - the province's series starts from its own rows: its last observed
//     employment is the province row of 2025;
//   - a scenario shock of +20 %/yr in 2026–2027 on Q84 named at the
//     province applies to the province's series (there are no city
//     series to carry it): the mean is ×1.2 in 2026 and ×1.44 from 2027
//     on (F(y) = Π max(1 + g, 0) over the shocked years), and the other
//     industries do not move. Before the fix the shock was skipped at
//     province level and the ratio was 1.
func testMessyProvinceOnlyIndustry(t *testing.T) {
	w, res, _ := messyRun(t, synth.Defects{ProvinceOnlySection: "Q"})
	db := w.DB
	prov := queryStrings(t, db, `SELECT region_code FROM regions WHERE level = 'province'`)[0]
	if n := queryInt(t, db, `SELECT count(*) FROM results.demand d JOIN regions r USING (region_code)
		WHERE d.run_id = ? AND r.level = 'city' AND d.industry_code IN ('Q84', 'Q85')`, res.RunID); n != 0 {
		t.Errorf("%d city demand rows of Q84/Q85, an industry the map gives for the province only", n)
	}
	for _, code := range []string{"Q84", "Q85"} {
		if n := queryInt(t, db, `SELECT count(*) FROM results.demand WHERE run_id = ? AND region_code = ? AND industry_code = ?`,
			res.RunID, prov, code); n != int64(res.Horizon-res.BaseYear) {
			t.Errorf("province demand of %s: %d years, want %d (%d..%d)", code, n, res.Horizon-res.BaseYear, res.BaseYear+1, res.Horizon)
		}
	}
	// Coherence where the cities report.
	var bad, n int
	if err := db.QueryRow(`
		WITH c AS (SELECT d.industry_code, d.year, sum(d.employment) AS e FROM results.demand d JOIN regions r USING (region_code)
		           WHERE d.run_id = ? AND r.level = 'city' GROUP BY ALL)
		SELECT count(*) FILTER (abs(p.employment - c.e) > 1e-6 * greatest(abs(p.employment), 1)), count(*)
		FROM results.demand p JOIN c USING (industry_code, year) WHERE p.run_id = ? AND p.region_code = ?`,
		res.RunID, res.RunID, prov).Scan(&bad, &n); err != nil {
		t.Fatal(err)
	}
	if n == 0 || bad != 0 {
		t.Errorf("of %d province (industry, year) rows with cities, %d are not the sum of their cities", n, bad)
	}
	// First-year openings from the province's own last row: the openings
	// of 2026 are at least the replacement of the 2025 row's employment
	// minus what employment loses (max(0, e₁ − e₀ + r·e₀), times the
	// postings factor within 1 ± cap).
	o := messyOptions(t)
	last := queryFloat(t, db, `SELECT employment FROM industry_map WHERE region_code = ? AND industry_code = 'Q84' AND year = ?`, prov, res.BaseYear)
	e1 := queryFloat(t, db, `SELECT employment FROM results.demand WHERE run_id = ? AND region_code = ? AND industry_code = 'Q84' AND year = ?`,
		res.RunID, prov, res.BaseYear+1)
	o1 := queryFloat(t, db, `SELECT openings FROM results.demand WHERE run_id = ? AND region_code = ? AND industry_code = 'Q84' AND year = ?`,
		res.RunID, prov, res.BaseYear+1)
	base := math.Max(0, e1-last+replacementRate(o, "Q84")*last)
	if !(last > 0) || !(o1 >= base*(1-o.PostingsCap)-1e-9 && o1 <= base*(1+o.PostingsCap)+1e-9) {
		t.Errorf("province Q84: last %v, 2026 employment %v, openings %v; want max(0, e₁ − e₀ + r·e₀) = %v within ±%v", last, e1, o1, base, o.PostingsCap)
	}

	// The shock, named at the province, applies to its own series.
	so := messyOptions(t)
	so.Scenario = "q84_up"
	so.Shocks = []Shock{{Industry: "Q84", Region: prov, Growth: 0.2, From: res.BaseYear + 1, To: res.BaseYear + 2}}
	sr := mustRun(t, w, so)
	rows, err := db.Query(`SELECT b.industry_code, b.year, b.employment, s.employment FROM results.demand b
		JOIN results.demand s USING (region_code, industry_code, year)
		WHERE b.run_id = ? AND s.run_id = ? AND b.region_code = ? ORDER BY 1, 2`, res.RunID, sr.RunID, prov)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	shocked := 0
	for rows.Next() {
		var code string
		var year int
		var b, s float64
		if err := rows.Scan(&code, &year, &b, &s); err != nil {
			t.Fatal(err)
		}
		want := 1.0
		if code == "Q84" {
			shocked++
			want = math.Pow(1.2, float64(min(year-res.BaseYear, 2))) // 1.2, then 1.44
		}
		if math.Abs(s-b*want) > 1e-9*math.Max(1, b) {
			t.Errorf("province %s %d: baseline %v, shocked %v; want ×%v", code, year, b, s, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if shocked != res.Horizon-res.BaseYear {
		t.Errorf("%d shocked province rows of Q84, want %d", shocked, res.Horizon-res.BaseYear)
	}
}

// testMessyGraduatesMissing: the schools of the city with the most
// schools report no graduates for 2023–2025 (enrollments' graduates
// empty, no outcomes rows). Completion is estimated over the schools and
// years that report both graduates and the intake of their cohort, and a
// school's missing graduates count as its cohort at that rate, so:
//   - the province's graduates entering work over the horizon, by level,
//     move by less than 3 % against the province without the gap;
//   - no program's province supply–demand ratio moves by more than the
//     spread of the schools' own completion rates: a school's completion
//     is surv^d with surv in [0.93, 0.985] (datasets/synth), so for the
//     usual d = 3 the rates lie within 0.985³/0.93³ = 1.188 of each
//     other, and a pooled rate over a subset of them moves by less than
//     18.8 %; the median move is below 3 %.
//   - the missing share is much larger: the city holds s ≥ 10 % of the
//     province's graduates of 2023–2025, so the estimate of before the fix
//     (graduates over the reporting schools ÷ intake over all of them)
//     would have lowered the rate, and the supply, by about s.
func testMessyGraduatesMissing(t *testing.T, clean cleanRunFunc) {
	cw, cres := clean(t)
	w, res, planted := messyRun(t, synth.Defects{GraduatesMissingYears: 3})
	if planted.GraduatesMissingCity == "" || planted.GraduatesMissingFrom != 2023 {
		t.Fatalf("planted %+v", planted)
	}
	share := queryFloat(t, cw.DB, `SELECT sum(e.graduates) FILTER (s.region_code = ?) / sum(e.graduates)
		FROM enrollments e JOIN schools s USING (school_code) WHERE e.year >= 2023`, planted.GraduatesMissingCity)
	if !(share >= 0.1) {
		t.Fatalf("city %s holds %.3f of the graduates of 2023–2025: too small for the test to tell the estimates apart", planted.GraduatesMissingCity, share)
	}
	if n := queryInt(t, w.DB, `SELECT count(*) FROM enrollments e JOIN schools s USING (school_code)
		WHERE s.region_code = ? AND e.year >= 2023 AND e.graduates IS NOT NULL`, planted.GraduatesMissingCity); n != 0 {
		t.Fatalf("the defect left %d graduates in the city's enrollments", n)
	}
	levelSupply := func(db *sql.DB, run string) map[string]float64 {
		rows, err := db.Query(`SELECT p.level, sum(s.entering) FROM results.supply s JOIN programs p USING (program_code)
			JOIN regions r USING (region_code) WHERE s.run_id = ? AND r.level = 'province' GROUP BY 1`, run)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]float64{}
		for rows.Next() {
			var l string
			var v float64
			if err := rows.Scan(&l, &v); err != nil {
				t.Fatal(err)
			}
			out[l] = v
		}
		return out
	}
	before, after := levelSupply(cw.DB, cres.RunID), levelSupply(w.DB, res.RunID)
	for _, l := range Levels {
		if before[l] == 0 {
			continue
		}
		if d := after[l]/before[l] - 1; math.Abs(d) >= 0.03 {
			t.Errorf("%s graduates entering work over the horizon: %v without the gap, %v with it (%+.2f %%, the city's share of graduates is %.1f %%)",
				l, before[l], after[l], 100*d, 100*share)
		}
	}
	ratios := func(db *sql.DB, run string) map[string]float64 {
		rows, err := db.Query(`SELECT program_code, ratio FROM results.programs WHERE run_id = ? AND scope = 'province' AND ratio IS NOT NULL`, run)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]float64{}
		for rows.Next() {
			var p string
			var v float64
			if err := rows.Scan(&p, &v); err != nil {
				t.Fatal(err)
			}
			out[p] = v
		}
		return out
	}
	rb, ra := ratios(cw.DB, cres.RunID), ratios(w.DB, res.RunID)
	// Programs without any outcome in 2023–2025 once the city is gone
	// take the further-study and stay rates of the defaults (0.3, 1.0;
	// docs/models.md §2: "from the latest three graduation years of
	// outcomes") instead of their own earlier years, which is not the
	// completion estimate this test is about: 420105 (one school, in the
	// city) enters 252 graduates over the horizon with its own rates
	// (further study 0.14, stay 0.65) and 317 with the defaults. They are
	// left out here (a known limit, docs/models.md).
	for _, p := range queryStrings(t, w.DB, `SELECT program_code FROM programs EXCEPT
		SELECT program_code FROM outcomes WHERE grad_year >= 2023`) {
		delete(rb, p)
	}
	var moves []float64
	for p, b := range rb {
		a, ok := ra[p]
		if !ok || b == 0 {
			t.Errorf("program %s: province ratio %v without the gap, none with it", p, b)
			continue
		}
		d := math.Abs(a/b - 1)
		moves = append(moves, d)
		if d >= 0.188 {
			t.Errorf("program %s: province ratio %v → %v (%.1f %%), more than the schools' own spread of completion", p, b, a, 100*d)
		}
	}
	if len(moves) == 0 {
		t.Fatal("no province ratios to compare")
	}
	t.Logf("the city holds %.1f %% of the graduates of 2023–2025; %d province ratios moved by %.2f %% (median), %.2f %% (largest)",
		100*share, len(moves), 100*median(moves), 100*slices.Max(moves))
	if med := median(moves); med >= 0.03 {
		t.Errorf("median move of the province ratios %.2f %%, want below 3 %%", 100*med)
	}
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	return s[len(s)/2]
}

// allocatedOpenings computes, independently of results.programs, each
// program's supply and allocated openings in a region over the horizon
// from the stored forecasts: its supply S_p = Σ entering of
// results.supply (years base+1..horizon), and its openings
// Σ_i w_pi·S_p / S_i · O_i over its crosswalk industries i, where S_i and
// O_i are the supply and openings of industry i at the program's level in
// results.match_industry (each industry's openings shared among the
// programs that feed it in proportion to their graduates, docs/models.md
// §3). An industry without a match row adds nothing.
func allocatedOpenings(t *testing.T, db *sql.DB, runID, region string) map[string][2]float64 {
	t.Helper()
	rows, err := db.Query(`
		WITH s AS (SELECT program_code, sum(entering) AS sp FROM results.supply WHERE run_id = $1 AND region_code = $2 GROUP BY 1),
		mi AS (SELECT industry_code, level, supply, openings FROM results.match_industry WHERE run_id = $1 AND region_code = $2)
		SELECT p.program_code, any_value(s.sp), coalesce(sum(pi.weight * s.sp / mi.supply * mi.openings), 0)
		FROM programs p JOIN s USING (program_code) JOIN program_industry pi USING (program_code)
		LEFT JOIN mi ON mi.industry_code = pi.industry_code AND mi.level = p.level AND mi.supply > 0
		GROUP BY 1`, runID, region)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][2]float64{}
	for rows.Next() {
		var p string
		var v [2]float64
		if err := rows.Scan(&p, &v[0], &v[1]); err != nil {
			t.Fatal(err)
		}
		out[p] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// demandRow is a city or province's forecast of one industry in the
// first forecast year, with its last observed employment.
type demandRow struct {
	region, industry string
	last, e1, o1     float64
}

// firstYearDemand reads the first forecast year of every series of the
// regions named, with the last observed employment from the industry map
// (the rows of the crosswalk's division code, summed).
func firstYearDemand(t *testing.T, db *sql.DB, res *Result, regions ...string) []demandRow {
	t.Helper()
	rows, err := db.Query(`SELECT d.region_code, d.industry_code, m.e, d.employment, d.openings
		FROM results.demand d JOIN (SELECT region_code, industry_code, sum(employment) AS e FROM industry_map WHERE year = $2 GROUP BY ALL) m
		USING (region_code, industry_code)
		WHERE d.run_id = $1 AND d.year = $2 + 1 AND list_contains($3, d.region_code) ORDER BY 1, 2`, res.RunID, res.BaseYear, regions)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []demandRow
	for rows.Next() {
		var r demandRow
		if err := rows.Scan(&r.region, &r.industry, &r.last, &r.e1, &r.o1); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// testMessyPostings: job_postings lacks 2024-07, 2025-02 and 2025-03 in
// every city, and the first city's postings stop after 2023-06. The
// window is the 24 calendar months ending at the period (2024-01 to
// 2025-12); a missing month is missing. Expected, for every city series
// of the first forecast year (e₀ the 2025 employment of the map, e₁ the
// forecast of 2026, r the section's replacement rate):
//   - the first city: no month in the window, so no adjustment: openings
//     = max(0, e₁ − e₀ + r·e₀) exactly. Before the fix the 24 months
//     present (2021-07 to 2023-06) counted as the window and moved them.
//   - the other cities: the months m of 2025 reported in both years (9
//     here: 1, 4, 5, 6, 8, …, 12) give g_p = Σ postings(2025-m) /
//     Σ postings(2024-m) − 1, g_e = e₁/e₀ − 1, and openings =
//     max(0, e₁ − e₀ + r·e₀) × clamp(1 + w·(g_p − g_e), 1 − cap, 1 + cap)
//     with w = demand.postings_weight, cap = demand.postings_cap.
//     Before the fix the missing months shifted the window by three
//     months into 2023.
func testMessyPostings(t *testing.T) {
	missing := []string{"2024-07", "2025-02", "2025-03"}
	w, res, planted := messyRun(t, synth.Defects{PostingsMissingMonths: missing, PostingsStopAfter: "2023-06"})
	db := w.DB
	o := messyOptions(t)
	stopped := planted.PostingsStoppedCity
	if n := queryInt(t, db, `SELECT count(*) FROM job_postings WHERE region_code = ? AND month > '2023-06'`, stopped); n != 0 {
		t.Fatalf("city %s still has %d postings after 2023-06", stopped, n)
	}
	cities := queryStrings(t, db, `SELECT region_code FROM regions WHERE level = 'city' ORDER BY 1`)
	// postings(city, industry, month) of the window.
	post := map[[3]string]float64{}
	rows, err := db.Query(`SELECT region_code, industry_code, month, sum(postings) FROM job_postings
		WHERE month BETWEEN '2024-01' AND '2025-12' GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var r, i, m string
		var v float64
		if err := rows.Scan(&r, &i, &m, &v); err != nil {
			t.Fatal(err)
		}
		post[[3]string{r, i, m}] = v
	}
	rows.Close()
	for _, m := range missing {
		for k := range post {
			if k[2] == m {
				t.Fatalf("month %s is in job_postings: %v", m, k)
			}
		}
	}
	var nStopped, nAdjusted int
	for _, d := range firstYearDemand(t, db, res, cities...) {
		r := replacementRate(o, d.industry)
		base := math.Max(0, d.e1-d.last+r*d.last)
		want := base
		if d.region == stopped {
			nStopped++
		} else if d.last > 0 {
			var prev, last float64
			pairs := 0
			for mo := 1; mo <= 12; mo++ {
				p, okp := post[[3]string{d.region, d.industry, fmt.Sprintf("2024-%02d", mo)}]
				l, okl := post[[3]string{d.region, d.industry, fmt.Sprintf("2025-%02d", mo)}]
				if okp && okl {
					prev, last, pairs = prev+p, last+l, pairs+1
				}
			}
			if pairs >= 6 && prev > 0 {
				gp, ge := last/prev-1, d.e1/d.last-1
				f := min(max(1+o.PostingsWeight*(gp-ge), 1-o.PostingsCap), 1+o.PostingsCap)
				want = base * f
				if f != 1 {
					nAdjusted++
				}
			}
		}
		if math.Abs(d.o1-want) > 1e-9*math.Max(1, want) {
			t.Errorf("%s %s: first-year openings %v, want %v (e₀ %v, e₁ %v, without postings %v)", d.region, d.industry, d.o1, want, d.last, d.e1, base)
		}
	}
	if nStopped == 0 || nAdjusted == 0 {
		t.Errorf("%d series of the stopped city, %d adjusted by postings: the test checks nothing", nStopped, nAdjusted)
	}
}

// testMessyNoIntake: one school's program (open for years) has no intake
// in 2023–2025; its students already enrolled still graduate, so it keeps
// enrollment rows. Expected: its school row is still scored (it is
// offered), its intake trend is (0 / i₂₀₂₂)^(1/3) − 1 = −1, and it is
// red for no_intake_3_years ("a program with no intake for 3 years is
// revoked", POLICY.md): published red with the recommendation close
// under the default preset, and red under shanxi_2025 too.
func testMessyNoIntake(t *testing.T) {
	w, res, planted := messyRun(t, synth.Defects{NoIntakeYears: 3})
	db := w.DB
	school, prog := planted.NoIntakeSchool, planted.NoIntakeProgram
	if school == "" || prog == "" || planted.NoIntakeFrom != 2023 {
		t.Fatalf("planted %+v", planted)
	}
	if got := queryStrings(t, db, `SELECT year || ':' || CAST(intake AS BIGINT) FROM enrollments WHERE school_code = ? AND program_code = ? AND year >= 2022 ORDER BY year`,
		school, prog); len(got) != 4 || strings.HasSuffix(got[0], ":0") || got[1] != "2023:0" || got[2] != "2024:0" || got[3] != "2025:0" {
		t.Fatalf("intake of %s/%s 2022–2025: %q, want some, then 0, 0, 0", school, prog, got)
	}
	trend := queryFloat(t, db, `SELECT intake_trend FROM results.programs WHERE run_id = ? AND scope = 'school' AND school_code = ? AND program_code = ?`,
		res.RunID, school, prog)
	if trend != -1 {
		t.Errorf("%s/%s: intake trend %v, want −1 (no intake now, some three years ago)", school, prog, trend)
	}
	for _, preset := range []string{messyOptions(t).Preset.Name, "shanxi_2025"} {
		got := queryStrings(t, db, `SELECT signal || '|' || reasons FROM results.preset_signals
			WHERE run_id = ? AND preset = ? AND scope = 'school' AND school_code = ? AND program_code = ?`, res.RunID, preset, school, prog)
		if len(got) != 1 || !strings.HasPrefix(got[0], "red|") || !hasReason(strings.SplitN(got[0], "|", 2)[1], "no_intake_3_years") {
			t.Errorf("%s/%s under %s: %q, want red with no_intake_3_years", school, prog, preset, got)
		}
	}
	pub := queryStrings(t, db, `SELECT signal || '|' || recommendation || '|' || reasons FROM results.warnings
		WHERE run_id = ? AND scope = 'school' AND school_code = ? AND program_code = ?`, res.RunID, school, prog)
	if len(pub) != 1 || !strings.HasPrefix(pub[0], "red|close|") || !hasReason(strings.SplitN(pub[0], "|", 3)[2], "no_intake_3_years") {
		t.Errorf("%s/%s published as %q, want red, close, no_intake_3_years", school, prog, pub)
	}
}

// testMessyCityWithoutBachelor: in the province without defects the
// bachelor schools sit in a few cities; the others have none. Expected
// in a city without a bachelor school: no bachelor supply (no supply row
// of a bachelor program, or only zeros), no program row of a bachelor
// program at city or school scope, and so no ratio 0.00 published and no
// warning; nowhere a program row whose ratio is 0 (a row judged against
// nothing). The run does not fail.
func testMessyCityWithoutBachelor(t *testing.T, clean cleanRunFunc) {
	w, res := clean(t)
	db := w.DB
	without := queryStrings(t, db, `SELECT region_code FROM regions WHERE level = 'city'
		EXCEPT SELECT region_code FROM schools WHERE type = 'bachelor' ORDER BY 1`)
	with := queryStrings(t, db, `SELECT DISTINCT region_code FROM schools WHERE type = 'bachelor'`)
	if len(without) == 0 || len(with) == 0 {
		t.Fatalf("cities with bachelor schools %q, without %q: want both", with, without)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs r JOIN programs p USING (program_code)
		WHERE r.run_id = ? AND r.scope = 'province' AND p.level = 'bachelor' AND r.supply > 0`, res.RunID); n == 0 {
		t.Fatal("no bachelor program with supply in the province")
	}
	for _, q := range []struct{ what, q string }{
		{"bachelor supply rows with graduates", `SELECT count(*) FROM results.supply s JOIN programs p USING (program_code)
			WHERE s.run_id = $1 AND p.level = 'bachelor' AND list_contains($2, s.region_code) AND (s.graduates <> 0 OR s.entering <> 0)`},
		{"bachelor program rows at city or school scope", `SELECT count(*) FROM results.programs r
			WHERE r.run_id = $1 AND r.level = 'bachelor' AND r.scope <> 'province' AND list_contains($2, r.region_code)`},
		{"bachelor warnings", `SELECT count(*) FROM results.warnings r JOIN programs p USING (program_code)
			WHERE r.run_id = $1 AND p.level = 'bachelor' AND r.scope <> 'province' AND list_contains($2, r.region_code)`},
	} {
		if n := queryInt(t, db, q.q, res.RunID, without); n != 0 {
			t.Errorf("%d %s in the cities without a bachelor school %q", n, q.what, without)
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND ratio = 0`, res.RunID); n != 0 {
		t.Errorf("%d program rows with ratio 0 (supply judged against nothing, or nothing judged)", n)
	}
}

// testMessyUnmappedIndustry: the crosswalk maps a higher-vocational
// program to a division the industry map leaves out. Expected: no
// demand series of the division and no openings from it; the program's
// other industries still count, so its province row has openings, and
// they are what its other industries allocate to it
// (allocatedOpenings, computed from the stored industry figures); the
// run does not fail.
func testMessyUnmappedIndustry(t *testing.T) {
	w, res, planted := messyRun(t, synth.Defects{UnmappedDivision: true})
	db := w.DB
	div, prog := planted.UnmappedDivision, planted.UnmappedProgram
	if div == "" || prog == "" {
		t.Fatalf("planted %+v", planted)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM industry_map WHERE industry_code = ?`, div); n != 0 {
		t.Fatalf("the map still has %d rows of %s", n, div)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.demand WHERE run_id = ? AND industry_code = ?`, res.RunID, div); n != 0 {
		t.Errorf("%d demand rows of %s, which the map does not give", n, div)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.match_industry WHERE run_id = ? AND industry_code = ? AND (openings <> 0 OR ratio IS NOT NULL AND NOT isfinite(ratio))`,
		res.RunID, div); n != 0 {
		t.Errorf("%d match rows of %s with openings or an infinite ratio", n, div)
	}
	prov := queryStrings(t, db, `SELECT region_code FROM regions WHERE level = 'province'`)[0]
	var supply, openings, ratio sql.NullFloat64
	if err := db.QueryRow(`SELECT supply, openings, ratio FROM results.programs WHERE run_id = ? AND scope = 'province' AND program_code = ?`,
		res.RunID, prog).Scan(&supply, &openings, &ratio); err != nil {
		t.Fatalf("province row of %s: %v", prog, err)
	}
	want := allocatedOpenings(t, db, res.RunID, prov)[prog]
	if !(openings.Float64 > 0) || !ratio.Valid || math.IsInf(ratio.Float64, 0) {
		t.Errorf("%s (mapped to %s and other industries): openings %v, ratio %v; want openings from its other industries and a finite ratio", prog, div, openings, ratio)
	}
	if math.Abs(supply.Float64-want[0]) > 1e-9*want[0] || math.Abs(openings.Float64-want[1]) > 1e-9*want[1] ||
		math.Abs(ratio.Float64-want[0]/want[1]) > 1e-9*ratio.Float64 {
		t.Errorf("%s: supply %v, openings %v, ratio %v; want %v, %v (its other industries), ratio %v", prog, supply, openings, ratio, want[0], want[1], want[0]/want[1])
	}
}
