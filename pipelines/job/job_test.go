//go:build duckdb_arrow

package job

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/viper"
	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/config"
	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/internal/testkit"
	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

const testPeriod = "2025-12"

// testOptions builds the run's options from config/defaults.yaml the way
// cmd/vocmap/run.go (jobOptions, presets) does, without the environment or
// a config file; Out is empty.
func testOptions(t testing.TB) Options {
	t.Helper()
	o, err := defaultOptions()
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func defaultOptions() (Options, error) {
	c, _, err := config.Load(viper.New(), config.LoadOptions{LookupEnv: func(string) (string, bool) { return "", false }})
	if err != nil {
		return Options{}, err
	}
	bands := match.Thresholds{Shortage: c.Match.Shortage, Slight: c.Match.SlightUndersupply, BalancedHigh: c.Match.Balanced, SlightHigh: c.Match.SlightOversupply}
	chosen, all, err := rules.Configure(c.Rules.Preset, bands, c.Rules.Thresholds, c.Rules.GreenMinScore)
	if err != nil {
		return Options{}, err
	}
	return Options{
		Period: testPeriod, Horizon: c.Run.Horizon,
		DemandMethod: forecast.Method(c.Run.DemandMethod), IntakeMethod: forecast.Method(c.Run.IntakeMethod),
		Draws: c.Run.Draws, Seed: c.Run.Seed,
		ReplacementRate: c.Demand.ReplacementRate, VocationalShare: c.Demand.VocationalShare,
		PostingsWeight: c.Demand.PostingsWeight, PostingsCap: c.Demand.PostingsCap,
		DefaultCompletion: c.Supply.DefaultCompletion, DefaultFurtherStudy: c.Supply.DefaultFurtherStudy, DefaultStay: c.Supply.DefaultStay,
		Thresholds: bands, MinWeight: c.Match.MinWeight, PriorityWeight: c.Match.PriorityWeight, Weights: c.Score.ScoreWeights(),
		Preset: chosen, Presets: all, Lang: c.Lang, ScoreMove: c.Run.ScoreMove, RatioMove: c.Run.RatioMove,
	}, nil
}

// openIngest opens a new warehouse in a temporary folder and ingests dir.
func openIngest(t testing.TB, dir string) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if _, err := w.Ingest(ctx, dir, warehouse.LoadOptions{}); err != nil {
		var re *datasets.RejectedError
		if errors.As(err, &re) {
			t.Fatalf("ingest %s rejected:\n%s", dir, re.Format(datasets.English))
		}
		t.Fatalf("ingest %s: %v", dir, err)
	}
	return w
}

// mustRun runs the job with opts and fails the test on an error.
func mustRun(t testing.TB, w *warehouse.Warehouse, opts Options) *Result {
	t.Helper()
	res, err := Run(context.Background(), w, opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// base is the Shanxi demo dataset, ingested and run once per test binary
// with the default options (preset ministry), in a folder TestMain removes.
var base struct {
	once sync.Once
	err  error
	root string
	dir  string // the dataset
	out  string // Options.Out of the run
	w    *warehouse.Warehouse
	res  *Result
}

func TestMain(m *testing.M) {
	code := m.Run()
	if base.w != nil {
		base.w.Close()
	}
	if base.root != "" {
		os.RemoveAll(base.root)
	}
	os.Exit(code)
}

// baseRun returns the shared warehouse and its first run, building them
// on first use. Tests must not change its current snapshot; they may add
// runs.
func baseRun(t *testing.T) (*warehouse.Warehouse, *Result) {
	t.Helper()
	base.once.Do(func() {
		base.err = func() error {
			ctx := context.Background()
			root, err := os.MkdirTemp("", "vocmap-job-test-")
			if err != nil {
				return err
			}
			base.root = root
			base.dir = filepath.Join(root, "data")
			base.out = filepath.Join(root, "out")
			if _, err := shanxi.WriteTo(base.dir); err != nil {
				return err
			}
			w, err := warehouse.Open(ctx, filepath.Join(root, "w.duckdb"), warehouse.Options{})
			if err != nil {
				return err
			}
			base.w = w
			if _, err := w.Ingest(ctx, base.dir, warehouse.LoadOptions{}); err != nil {
				return err
			}
			opts, err := defaultOptions()
			if err != nil {
				return err
			}
			opts.Out = base.out
			base.res, err = Run(ctx, w, opts)
			return err
		}()
	})
	if base.err != nil {
		t.Fatalf("base run: %v", base.err)
	}
	return base.w, base.res
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n sql.NullInt64
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n.Int64
}

// readCSV reads a CSV file written by the run: it must start with a UTF-8
// BOM. It returns the header and the data rows.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatalf("%s does not start with a UTF-8 BOM: % x", path, b[:min(len(b), 8)])
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(all) == 0 {
		t.Fatalf("%s is empty", path)
	}
	return all[0], all[1:]
}

func hasReason(reasons, code string) bool {
	return slices.Contains(strings.Split(reasons, ";"), code)
}

// programKey names a row of results.programs.
type programKey struct{ scope, region, school, program string }

type progResult struct {
	signal, reasons string
	score, ratio    sql.NullFloat64
	demandGrowth    float64 // NaN when NULL
}

// programs reads results.programs of a run by key.
func programs(t *testing.T, db *sql.DB, runID string) map[programKey]progResult {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT scope, region_code, school_code, program_code, signal, reasons, score, ratio, coalesce(demand_growth, 'NaN'::DOUBLE)
		FROM results.programs WHERE run_id = ?`, runID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[programKey]progResult{}
	for rows.Next() {
		var k programKey
		var r progResult
		if err := rows.Scan(&k.scope, &k.region, &k.school, &k.program, &r.signal, &r.reasons, &r.score, &r.ratio, &r.demandGrowth); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[k]; dup {
			t.Errorf("run %s: results.programs has %v twice", runID, k)
		}
		out[k] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("run %s: results.programs is empty", runID)
	}
	return out
}

// TestMinistryRule checks the planted Ministry 60% rule (datasets/shanxi
// README, "Built-in patterns"): placement < 0.60 in both 2024 and 2025 at
// 8 school × program pairs; 运城职业技术大学 / 510201 is below only in 2025.
func TestMinistryRule(t *testing.T) {
	w, res := baseRun(t)
	db := w.DB
	const code = "placement_below_60_two_years"
	// The truth, from the outcomes themselves.
	want := queryStrings(t, db, `
		SELECT o.school_code || '/' || o.program_code || ' ' || s.name
		FROM outcomes o JOIN schools s USING (school_code)
		WHERE o.grad_year IN (2024, 2025) AND o.graduates > 0
		GROUP BY ALL
		HAVING count(*) FILTER ((o.employed + o.further_study) / o.graduates < 0.6) = 2
		ORDER BY 1`)
	planted := []string{
		"14020010015/730701 大同市育才职业学校",
		"4114013541/530302 山西信息职业技术学院",
		"4114013541/530701 山西信息职业技术学院",
		"4114013541/540106 山西信息职业技术学院",
		"4114013862/530302 山西同文职业技术学院",
		"4114014226/530302 运城职业技术大学",
		"4114014226/530605 运城职业技术大学",
		"4114014226/530701 运城职业技术大学",
	}
	if !slices.Equal(want, planted) {
		t.Fatalf("the dataset's pairs below 0.60 in 2024 and 2025 are\n%s\nnot the README's\n%s",
			strings.Join(want, "\n"), strings.Join(planted, "\n"))
	}
	got := queryStrings(t, db, `
		SELECT p.school_code || '/' || p.program_code || ' ' || s.name
		FROM results.programs p JOIN schools s USING (school_code)
		WHERE p.run_id = ? AND p.scope = 'school' AND list_contains(string_split(p.reasons, ';'), ?)
		ORDER BY 1`, res.RunID, code)
	if !slices.Equal(got, want) {
		t.Errorf("school rows with %s:\n%s\nwant\n%s", code, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND scope <> 'school'
		AND list_contains(string_split(reasons, ';'), ?)`, res.RunID, code); n != 0 {
		t.Errorf("%d province or city rows carry %s, a school-scope rule", n, code)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ?
		AND list_contains(string_split(reasons, ';'), ?) AND signal <> 'red'`, res.RunID, code); n != 0 {
		t.Errorf("%d rows with %s are not red", n, code)
	}
	// Published as red, with the rule's text.
	text := rules.ReasonText(code, "zh")
	pub := queryStrings(t, db, `
		SELECT school_code || '/' || program_code || ' ' || signal || ' ' || recommendation || ' ' || (position(? IN reasons_text_zh) > 0)
		FROM results.warnings WHERE run_id = ? AND list_contains(string_split(reasons, ';'), ?) ORDER BY 1`, text, res.RunID, code)
	if len(pub) != len(planted) {
		t.Errorf("published rows with %s: %q, want %d", code, pub, len(planted))
	}
	for _, p := range pub {
		if !strings.HasSuffix(p, " red close true") {
			t.Errorf("published row %q: want red, close, and reasons_text_zh containing %q", p, text)
		}
	}

	// 运城职业技术大学 / 510201: below 0.60 in 2025 only.
	const yc = "4114014226"
	rates := queryStrings(t, db, `SELECT grad_year || ':' || round((employed + further_study) / graduates, 3) FROM outcomes
		WHERE school_code = ? AND program_code = '510201' AND grad_year IN (2024, 2025) ORDER BY grad_year`, yc)
	if len(rates) != 2 {
		t.Fatalf("运城职业技术大学 / 510201 outcomes 2024–2025: %q", rates)
	}
	var r24, r25 float64
	fmt.Sscanf(rates[0], "2024:%g", &r24)
	fmt.Sscanf(rates[1], "2025:%g", &r25)
	if !(r24 >= 0.6 && r25 < 0.6) {
		t.Fatalf("运城职业技术大学 / 510201 placement 2024 %v, 2025 %v: the README plants ≥ 0.60 then < 0.60", r24, r25)
	}
	row := queryStrings(t, db, `SELECT signal || '|' || reasons FROM results.programs
		WHERE run_id = ? AND scope = 'school' AND school_code = ? AND program_code = '510201'`, res.RunID, yc)
	if len(row) != 1 {
		t.Fatalf("results.programs rows of 运城职业技术大学 / 510201: %q, want 1", row)
	}
	if hasReason(strings.SplitN(row[0], "|", 2)[1], code) {
		t.Errorf("运城职业技术大学 / 510201 (below 0.60 in 2025 only) carries %s: %s", code, row[0])
	}
}

// TestShanxiSense checks what a Shanxi planner expects of the demo
// (README "Built-in patterns", POLICY.md (八)): coal programs are warned
// for declining demand; nursing, childcare, elderly care and domestic
// services are to be expanded.
func TestShanxiSense(t *testing.T) {
	w, res := baseRun(t)
	rows := programs(t, w.DB, res.RunID)
	prov := func(code string) progResult {
		r, ok := rows[programKey{"province", "140000", "", code}]
		if !ok {
			t.Fatalf("no province row for %s", code)
		}
		return r
	}
	// Coal: B06 shrinks (93.93万 in 2015 → 72.8万 in 2025) and keeps
	// shrinking in the forecast.
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.demand a JOIN results.demand b USING (run_id, region_code, industry_code)
		WHERE run_id = ? AND region_code = '140000' AND industry_code = 'B06' AND a.year = 2035 AND b.year = 2026 AND a.employment < b.employment`,
		res.RunID); n != 1 {
		t.Errorf("coal (B06) employment in Shanxi is not forecast to fall from 2026 to 2035")
	}
	declining := -0.01 // rules.thresholds.demand_declining: falling more than 1 %/yr
	for _, code := range []string{"420901", "420902", "420903", "620901", "220901"} {
		r := prov(code)
		if code == "420903" {
			// 矿山机电与智能装备 maps 60 % to coal (B06, declining) and
			// 40 % to special equipment (C35, strategic emerging, +8 %/yr
			// planned): its crosswalk-weighted growth is forecast to fall,
			// but sits at the rule's −1 % threshold (−1.03 % with the
			// earlier optimiser, −0.943 % with dotm, −0.819 % with the
			// calibrated auto in the demo of 2025-12-02), so the policy's
			// warning holds only while the forecast is below it. Its ratio
			// (0.493 then: 625 graduates for 1,268 openings over
			// 2026–2035, coal's replacement openings outweighing its
			// decline) does not call for a warning either. The test asserts
			// the policy's warning when the figure supports it, and
			// otherwise that the figure is what stands in the way.
			if !(r.demandGrowth < -0.005) {
				t.Errorf("coal program %s at province scope: demand growth %v, want below −0.5 %% a year", code, r.demandGrowth)
			}
			if r.demandGrowth >= declining {
				if hasReason(r.reasons, "demand_declining") {
					t.Errorf("coal program %s: demand growth %v is not below %v but reasons %q", code, r.demandGrowth, declining, r.reasons)
				}
				continue
			}
		}
		if r.signal != "red" && r.signal != "yellow" || !hasReason(r.reasons, "demand_declining") {
			t.Errorf("coal program %s at province scope: signal %q reasons %q, want red or yellow with demand_declining", code, r.signal, r.reasons)
		}
		if hasReason(r.reasons, "shortage_industry") {
			t.Errorf("coal program %s is flagged as feeding a shortage industry: %q", code, r.reasons)
		}
	}
	// Shortage fields of the policy: 护理, 托幼, 康养, 家政. Two of them,
	// both on the encouraged list, the model does not call green, for the
	// reason the test asserts (figures of the demo of 2025-12-02, with
	// the calibrated auto and the labour markets):
	//   - 590301 智慧健康养老服务与管理 (higher; Q85 0.7, O80 0.3): ratio
	//     1.042, balanced. Q85 is forecast oversupplied for higher-level
	//     graduates (48,121 entering over 2026–2035 for 16,214 openings:
	//     2.97), because only demand.vocational_share q.higher = 25 % of
	//     Q85's openings are assumed open to them.
	//   - 720201 中职护理 (secondary; Q84 0.8, Q85 0.2) has
	//     supply_exceeds_demand: ratio 1.645 (45,689 graduates for 27,777
	//     openings; secondary supply into Q84 is 1.45 times its openings
	//     at the assumed 10 % share).
	// The green of shortage_industry needs a ratio below the band's
	// slight undersupply (0.90); the model disagrees with the policy only
	// as long as the ratio says so, which the test checks: green for
	// shortage_industry when the ratio is below 0.90, and otherwise no
	// green and, at 1.50 or more, supply_exceeds_demand. The shares are
	// this project's assumptions (docs/models.md §1): a province that
	// supplies its own may well see these programs green.
	//
	// A program offered at more than 15 schools, or on the control list,
	// is not green either (control_list): Shanxi's 2025 rule lets such a
	// program only shrink (布点超过 15 个的专业只减不增: no new sites). But
	// a row is not cut while it cites shortage (READING_OUTPUTS.md: no row
	// contradicts itself): a shortage-field row with control_list and
	// shortage_industry is yellow and not told to reduce or close.
	recs := map[string]string{}
	for _, l := range queryStrings(t, w.DB, `SELECT program_code || '|' || recommendation FROM results.warnings
		WHERE run_id = ? AND scope = 'province'`, res.RunID) {
		code, rec, _ := strings.Cut(l, "|")
		recs[code] = rec
	}
	capped := func(code string, r progResult) bool {
		if !hasReason(r.reasons, "control_list") {
			return false
		}
		if r.signal == "green" || hasReason(r.reasons, "shortage_industry") && (recs[code] == "reduce" || recs[code] == "close") {
			t.Errorf("shortage-field program %s: signal %q, %q, reasons %q: cut while citing shortage", code, r.signal, recs[code], r.reasons)
		}
		return true
	}
	for _, code := range []string{"590301", "720201"} {
		r := prov(code)
		switch {
		case !r.ratio.Valid:
			t.Errorf("shortage-field program %s has no ratio", code)
		case r.ratio.Float64 < 0.9:
			if capped(code, r) {
				break
			}
			if r.signal != "green" || !hasReason(r.reasons, "shortage_industry") {
				t.Errorf("shortage-field program %s: ratio %.3f below 0.90 but signal %q reasons %q, want green for shortage_industry", code, r.ratio.Float64, r.signal, r.reasons)
			}
		case r.signal == "green":
			t.Errorf("shortage-field program %s is green at ratio %.3f", code, r.ratio.Float64)
		case r.ratio.Float64 >= 1.5 && !hasReason(r.reasons, "supply_exceeds_demand"):
			t.Errorf("shortage-field program %s: ratio %.3f without supply_exceeds_demand: %q", code, r.ratio.Float64, r.reasons)
		}
	}
	for _, code := range []string{
		"520201", "320201", // nursing (higher, bachelor)
		"520802", "770101", "320801", // childcare
		"790301", "390301", // elderly care (secondary, bachelor)
		"590302", "790302", // domestic services
	} {
		r := prov(code)
		if capped(code, r) {
			continue
		}
		if r.signal != "green" || !hasReason(r.reasons, "shortage_industry") || hasReason(r.reasons, "demand_declining") {
			t.Errorf("shortage-field program %s at province scope: signal %q reasons %q, want green for shortage_industry", code, r.signal, r.reasons)
		}
	}
}

// TestResultProperties checks ranges, the coherence of cities and
// province, and the contract's warning list file.
func TestResultProperties(t *testing.T) {
	w, res := baseRun(t)
	db := w.DB
	id := res.RunID
	zero := func(what, q string) {
		t.Helper()
		if n := queryInt(t, db, q, id); n != 0 {
			t.Errorf("%s: %d rows", what, n)
		}
	}
	t.Run("ranges", func(t *testing.T) {
		zero("programs with a score NULL or outside [0,1]",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND (score IS NULL OR isnan(score) OR score < 0 OR score > 1)`)
		zero("warnings with a score NULL or outside [0,1]",
			`SELECT count(*) FROM results.warnings WHERE run_id = ? AND (score IS NULL OR isnan(score) OR score < 0 OR score > 1)`)
		zero("programs with a negative or NaN ratio",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND (ratio < 0 OR isnan(ratio))`)
		zero("match_industry rows with a negative or NaN ratio",
			`SELECT count(*) FROM results.match_industry WHERE run_id = ? AND (ratio < 0 OR isnan(ratio))`)
		zero("warnings with a negative or NaN supply_demand_ratio",
			`SELECT count(*) FROM results.warnings WHERE run_id = ? AND (supply_demand_ratio < 0 OR isnan(supply_demand_ratio))`)
		zero("programs with a probability of oversupply outside [0,1]",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND NOT (prob_oversupply BETWEEN 0 AND 1)`)
		zero("programs with a placement, employment or match rate outside [0,1]",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND NOT (placement_rate BETWEEN 0 AND 1 AND employment_rate BETWEEN 0 AND 1 AND match_rate BETWEEN 0 AND 1)`)
		zero("demand rows with negative employment or openings, or intervals out of order",
			`SELECT count(*) FROM results.demand WHERE run_id = ? AND (employment < 0 OR openings < 0 OR NOT (lo95 <= lo80 AND lo80 <= employment AND employment <= hi80 AND hi80 <= hi95))`)
		zero("supply rows with negative graduates, or more entering work than graduates",
			`SELECT count(*) FROM results.supply WHERE run_id = ? AND (graduates < 0 OR entering < 0 OR entering > graduates * (1 + 1e-12))`)
		zero("programs whose band does not match the ratio (0.60/0.90/1.20/1.50)",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND ratio IS NOT NULL AND band IS DISTINCT FROM CASE
				WHEN ratio < 0.6 THEN 'shortage' WHEN ratio < 0.9 THEN 'slight_undersupply' WHEN ratio <= 1.2 THEN 'balanced'
				WHEN ratio < 1.5 THEN 'slight_oversupply' ELSE 'oversupply' END`)
		zero("programs with a signal and no reason",
			`SELECT count(*) FROM results.programs WHERE run_id = ? AND signal <> '' AND reasons = ''`)
	})
	t.Run("province ratios from the stored forecasts", func(t *testing.T) {
		// A province row's ratio is its graduates entering work over the
		// horizon ÷ the openings its industries allocate to it. Both are
		// recomputed from other tables (allocatedOpenings): the supply
		// from results.supply, the openings from results.match_industry
		// by the allocation formula; not from the row's own columns.
		// Higher and bachelor rows: their market is the province.
		want := allocatedOpenings(t, db, id, "140000")
		rows, err := db.Query(`SELECT program_code, supply, openings, ratio FROM results.programs
			WHERE run_id = ? AND scope = 'province' AND level IN ('higher', 'bachelor')`, id)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var p string
			var s, o, r sql.NullFloat64
			if err := rows.Scan(&p, &s, &o, &r); err != nil {
				t.Fatal(err)
			}
			w, ok := want[p]
			if !ok {
				t.Errorf("program %s: no supply in results.supply", p)
				continue
			}
			if math.Abs(s.Float64-w[0]) > 1e-9*math.Max(1, w[0]) || math.Abs(o.Float64-w[1]) > 1e-9*math.Max(1, w[1]) {
				t.Errorf("program %s: supply %v, openings %v; from results.supply and match_industry %v, %v", p, s, o, w[0], w[1])
			}
			if w[1] >= 1 {
				n++
				if !r.Valid || math.Abs(r.Float64-w[0]/w[1]) > 1e-9*(w[0]/w[1]) {
					t.Errorf("program %s: ratio %v, want %v / %v = %v", p, r, w[0], w[1], w[0]/w[1])
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Error("no province ratio checked")
		}
	})
	t.Run("placement is the mean of the last two graduation years", func(t *testing.T) {
		// DATA_CONTRACT "Outputs": placement_rate = mean of the last two
		// graduation years (2024, 2025 here), at school scope.
		zero("school rows whose placement_rate is not the mean of 2024 and 2025", `
			WITH o AS (
				SELECT school_code, program_code, avg((employed + further_study) / graduates) AS p
				FROM outcomes WHERE grad_year IN (2024, 2025) AND graduates > 0 GROUP BY ALL)
			SELECT count(*) FROM results.programs r LEFT JOIN o USING (school_code, program_code)
			WHERE r.run_id = ? AND r.scope = 'school'
			  AND NOT (r.placement_rate IS NULL AND o.p IS NULL OR abs(r.placement_rate - o.p) <= 1e-12)`)
	})
	t.Run("demand: province = sum of cities", func(t *testing.T) {
		q := `
			WITH c AS (
				SELECT d.industry_code, d.year, sum(d.employment) AS e, count(*) AS n
				FROM results.demand d JOIN regions r USING (region_code)
				WHERE d.run_id = ? AND r.level = 'city' AND r.parent_code = '140000' GROUP BY ALL)
			SELECT count(*) FILTER (c.e IS NULL OR abs(p.employment - c.e) > 1e-6 * greatest(abs(p.employment), 1)),
			       count(*) FILTER (c.n IS DISTINCT FROM 11), count(*)
			FROM results.demand p LEFT JOIN c USING (industry_code, year)
			WHERE p.run_id = ? AND p.region_code = '140000'`
		var bad, missing, n int
		if err := db.QueryRowContext(context.Background(), q, id, id).Scan(&bad, &missing, &n); err != nil {
			t.Fatal(err)
		}
		if n == 0 || bad != 0 || missing != 0 {
			t.Errorf("of %d province (industry, year) rows, %d differ from the sum of their cities by more than 1e-6 relative and %d lack some of the 11 cities", n, bad, missing)
		}
	})
	t.Run("supply: province = sum of cities", func(t *testing.T) {
		q := `
			WITH c AS (
				SELECT d.program_code, d.year, sum(d.graduates) AS g, sum(d.entering) AS e
				FROM results.supply d JOIN regions r USING (region_code)
				WHERE d.run_id = ? AND r.level = 'city' GROUP BY ALL)
			SELECT count(*) FILTER (c.g IS NULL OR abs(p.graduates - c.g) > 1e-9 * greatest(p.graduates, 1)
			                       OR abs(p.entering - c.e) > 1e-9 * greatest(p.entering, 1)), count(*)
			FROM results.supply p LEFT JOIN c USING (program_code, year)
			WHERE p.run_id = ? AND p.region_code = '140000'`
		var bad, n int
		if err := db.QueryRowContext(context.Background(), q, id, id).Scan(&bad, &n); err != nil {
			t.Fatal(err)
		}
		if n == 0 || bad != 0 {
			t.Errorf("of %d province (program, year) rows, %d differ from the sum of their cities", n, bad)
		}
		if extra := queryInt(t, db, `SELECT count(*) FROM (SELECT DISTINCT d.program_code, d.year FROM results.supply d
			JOIN regions r USING (region_code) WHERE d.run_id = ? AND r.level = 'city'
			EXCEPT SELECT program_code, year FROM results.supply WHERE run_id = ? AND region_code = '140000')`, id, id); extra != 0 {
			t.Errorf("%d city (program, year) rows have no province row", extra)
		}
	})
	t.Run("warnings.csv", func(t *testing.T) {
		path := filepath.Join(base.out, testPeriod, "warnings.csv")
		if !slices.Contains(res.Outputs, path) {
			t.Errorf("Result.Outputs %q does not list %s", res.Outputs, path)
		}
		for _, f := range []string{"warnings.xlsx", "data_quality.csv"} {
			if _, err := os.Stat(filepath.Join(base.out, testPeriod, f)); err != nil {
				t.Error(err)
			}
		}
		header, rows := readCSV(t, path)
		want := "run_id,period,scope,region_code,school_code,program_code,program_name,level,signal,recommendation,supply_demand_ratio,placement_rate,score,reasons,reasons_text," +
			"region_name,school_name,current_intake,market,probability_oversupplied,periods_flagged"
		if got := strings.Join(header, ","); got != want {
			t.Fatalf("warnings.csv header\n%s\nwant\n%s", got, want)
		}
		stored := queryStrings(t, db, `SELECT scope || '|' || region_code || '|' || school_code || '|' || program_code || '|' || signal || '|' || reasons
			FROM results.warnings WHERE run_id = ? ORDER BY 1`, id)
		var file []string
		signals := map[string]int{}
		for _, r := range rows {
			if len(r) != len(header) {
				t.Fatalf("row %q has %d cells", r, len(r))
			}
			if r[0] != id || r[1] != testPeriod {
				t.Errorf("row %q: run_id, period want %s, %s", r[:2], id, testPeriod)
			}
			if (rules.Signal(r[8]).Recommendation() != r[9] && !(r[8] == "yellow" && r[9] == "review")) || r[9] == "" {
				t.Errorf("row %q: signal %q with recommendation %q", r[:6], r[8], r[9])
			}
			if r[2] == "school" && r[4] == "" || r[2] != "school" && r[4] != "" {
				t.Errorf("row %q: school_code must be set exactly at school scope", r[:6])
			}
			signals[r[8]]++
			file = append(file, strings.Join([]string{r[2], r[3], r[4], r[5], r[8], r[13]}, "|"))
		}
		slices.Sort(file)
		if len(file) != len(stored) {
			t.Errorf("warnings.csv has %d rows, results.warnings %d", len(file), len(stored))
		} else if !slices.Equal(file, stored) {
			t.Errorf("warnings.csv rows differ from results.warnings")
		}
		if fmt.Sprint(signals) != fmt.Sprint(res.Signals) {
			t.Errorf("warnings.csv signals %v, Result.Signals %v", signals, res.Signals)
		}
		// The XLSX's sheet of all rows (after the short list and the
		// cities) has the same rows under the report language's titles.
		x, err := excelize.OpenFile(filepath.Join(base.out, testPeriod, "warnings.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		xrows, err := x.GetRows("全部清单")
		if err != nil {
			t.Fatal(err)
		}
		if len(xrows) != len(rows)+1 {
			t.Errorf("warnings.xlsx has %d rows, want %d and the titles", len(xrows), len(rows))
		} else if !slices.Equal(xrows[0], export.WarningTitles("zh")) {
			t.Errorf("warnings.xlsx titles %q, want %q", xrows[0], export.WarningTitles("zh"))
		}
	})
}

// shuffleRows shuffles the data rows of a CSV file (one record a line)
// with a seeded generator, keeping the header first.
func shuffleRows(t *testing.T, path string, seed uint64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	body := lines[1:]
	rng := rand.New(rand.NewPCG(seed, 20251201))
	rng.Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	out := strings.Join(lines, "\n") + "\n"
	if out == string(b) {
		t.Fatalf("shuffling %s changed nothing", path)
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// programLines renders results.programs of a run for comparison.
func programLines(t *testing.T, db *sql.DB, runID string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), `SELECT scope, region_code, school_code, program_code, score, signal, reasons, round(ratio, 9)
		FROM results.programs WHERE run_id = ? ORDER BY scope, region_code, school_code, program_code`, runID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var scope, region, school, program, signal, reasons string
		var score, ratio sql.NullFloat64
		if err := rows.Scan(&scope, &region, &school, &program, &score, &signal, &reasons, &ratio); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s %s %s score=%v/%v %s [%s] ratio=%v/%v", scope, region, school, program,
			score.Float64, score.Valid, signal, reasons, ratio.Float64, ratio.Valid))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("run %s: results.programs is empty", runID)
	}
	return out
}

func diffLines(t *testing.T, what string, a, b []string) {
	t.Helper()
	if slices.Equal(a, b) {
		return
	}
	shown := 0
	for i := range max(len(a), len(b)) {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if shown++; shown > 5 {
				break
			}
			t.Errorf("%s, row %d:\n  %s\n  %s", what, i, x, y)
		}
	}
	t.Errorf("%s: %d and %d rows differ", what, len(a), len(b))
}

// TestDeterminism checks that the results do not depend on the order of
// the input rows, and that re-running a period numbers the runs and gives
// the same results.
func TestDeterminism(t *testing.T) {
	w, res := baseRun(t)
	want := programLines(t, w.DB, res.RunID)

	dir := testkit.Shanxi(t)
	for i, f := range []string{"enrollments.csv", "outcomes.csv", "industry_map.csv"} {
		shuffleRows(t, filepath.Join(dir, f), uint64(i+1))
	}
	w2 := openIngest(t, dir)
	r1 := mustRun(t, w2, testOptions(t))
	if r1.RunID != testPeriod+"-r1" {
		t.Errorf("first run id %q, want %s-r1", r1.RunID, testPeriod)
	}
	diffLines(t, "results.programs, input in order vs shuffled", want, programLines(t, w2.DB, r1.RunID))

	r1Lines := programLines(t, w2.DB, r1.RunID)
	r2 := mustRun(t, w2, testOptions(t))
	if r2.RunID != testPeriod+"-r2" {
		t.Errorf("second run id %q, want %s-r2", r2.RunID, testPeriod)
	}
	if r2.Snapshot != r1.Snapshot {
		t.Errorf("snapshots %d and %d", r1.Snapshot, r2.Snapshot)
	}
	diffLines(t, "results.programs, run 1 vs run 2", r1Lines, programLines(t, w2.DB, r2.RunID))
	// The re-run replaced the period's results; the ledger keeps both runs.
	if n := queryInt(t, w2.DB, `SELECT count(*) FROM results.programs WHERE run_id = ?`, r1.RunID); n != 0 {
		t.Errorf("run 1 still has %d rows after the period was re-run", n)
	}
	if n := queryInt(t, w2.DB, `SELECT count(*) FROM meta.runs WHERE period = ? AND status = 'superseded' AND run_id = ?`, testPeriod, r1.RunID); n != 1 {
		t.Errorf("run 1 is not marked superseded")
	}
	if n := queryInt(t, w2.DB, `SELECT count(*) FROM meta.runs WHERE period = ? AND status = 'succeeded'`, testPeriod); n != 1 {
		t.Errorf("meta.runs has %d succeeded runs of %s, want 1", n, testPeriod)
	}
}

// TestOverrides checks that planners' overrides change the published
// signal, keep the computed one beside it, and change no score.
func TestOverrides(t *testing.T) {
	w, res := baseRun(t)
	pick := func(q string) programKey {
		t.Helper()
		var k programKey
		if err := w.DB.QueryRowContext(context.Background(), `SELECT scope, region_code, school_code, program_code FROM results.programs
			WHERE run_id = ? AND `+q+` ORDER BY region_code, school_code, program_code LIMIT 1`, res.RunID).
			Scan(&k.scope, &k.region, &k.school, &k.program); err != nil {
			t.Fatalf("pick %s: %v", q, err)
		}
		return k
	}
	red := pick(`scope = 'school' AND signal = 'red'`)    // -> green
	quiet := pick(`scope = 'province' AND signal = ''`)   // -> yellow
	muted := pick(`scope = 'city' AND signal = 'yellow'`) // -> none
	baseRows := programs(t, w.DB, res.RunID)

	dir := testkit.Shanxi(t)
	csvText := "scope,region_code,school_code,program_code,signal,reason,decided_by,decided_on\n" +
		fmt.Sprintf("%s,%s,%s,%s,green,学校已完成整改并获批扩招,省教育厅职成处,2025-11-20\n", red.scope, red.region, red.school, red.program) +
		fmt.Sprintf("%s,%s,,%s,yellow,全省布点需压减,省教育厅职成处,2025-11-21\n", quiet.scope, quiet.region, quiet.program) +
		fmt.Sprintf("%s,%s,,%s,none,地市规划另有安排,市教育局,2025-11-22\n", muted.scope, muted.region, muted.program) +
		fmt.Sprintf("province,140100,,%s,red,范围填错的决定,市教育局,2025-11-23\n", quiet.program)
	if err := os.WriteFile(filepath.Join(dir, "overrides.csv"), []byte(csvText), 0o644); err != nil {
		t.Fatal(err)
	}
	w2 := openIngest(t, dir)
	opts := testOptions(t)
	opts.Out = t.TempDir()
	r := mustRun(t, w2, opts)
	if want := "scope=province region_code=140100 school_code= program_code=" + quiet.program; len(r.UnmatchedOverrides) != 1 || r.UnmatchedOverrides[0] != want {
		t.Errorf("UnmatchedOverrides = %q, want [%q]", r.UnmatchedOverrides, want)
	}

	type pub struct {
		signal, computed, reasons, textZh, textEn, overrideReason, recommendation string
	}
	published := func(k programKey) (pub, bool) {
		t.Helper()
		var p pub
		err := w2.DB.QueryRowContext(context.Background(), `SELECT signal, computed_signal, reasons, reasons_text_zh, reasons_text_en, override_reason, recommendation
			FROM results.warnings WHERE run_id = ? AND scope = ? AND region_code = ? AND school_code = ? AND program_code = ?`,
			r.RunID, k.scope, k.region, k.school, k.program).Scan(&p.signal, &p.computed, &p.reasons, &p.textZh, &p.textEn, &p.overrideReason, &p.recommendation)
		if errors.Is(err, sql.ErrNoRows) {
			return p, false
		}
		if err != nil {
			t.Fatal(err)
		}
		return p, true
	}
	check := func(k programKey, signal, computed, reason, by string) {
		t.Helper()
		p, ok := published(k)
		if !ok {
			t.Errorf("%v: overridden to %s but not published", k, signal)
			return
		}
		if p.signal != signal || p.computed != computed || p.recommendation != rules.Signal(signal).Recommendation() {
			t.Errorf("%v: signal %q computed %q recommendation %q, want %q %q %q", k, p.signal, p.computed, p.recommendation,
				signal, computed, rules.Signal(signal).Recommendation())
		}
		wantReasons := "override"
		if br := baseRows[k].reasons; br != "" {
			wantReasons += ";" + br
		}
		if p.reasons != wantReasons {
			t.Errorf("%v: reasons %q, want %q", k, p.reasons, wantReasons)
		}
		computedText := rules.SignalText(rules.Signal(computed), "zh")
		if computed == "" {
			computedText = "无"
		}
		for _, s := range []string{reason, by, computedText} {
			if !strings.Contains(p.textZh, s) {
				t.Errorf("%v: reasons_text_zh %q does not contain %q", k, p.textZh, s)
			}
		}
		if !strings.Contains(p.overrideReason, reason) {
			t.Errorf("%v: override_reason %q does not contain %q", k, p.overrideReason, reason)
		}
		if !strings.Contains(p.textEn, reason) {
			t.Errorf("%v: reasons_text_en %q does not contain %q", k, p.textEn, reason)
		}
	}
	check(red, "green", "red", "学校已完成整改并获批扩招", "省教育厅职成处")
	check(quiet, "yellow", "", "全省布点需压减", "省教育厅职成处")
	if p, ok := published(muted); ok {
		t.Errorf("%v: overridden to none but published as %+v", muted, p)
	}
	// No other published row is an override.
	if n := queryInt(t, w2.DB, `SELECT count(*) FROM results.warnings WHERE run_id = ? AND (override_reason <> '' OR reasons LIKE 'override%')`, r.RunID); n != 2 {
		t.Errorf("%d published rows are overrides, want 2", n)
	}
	// results.programs keeps the computed signals and the scores.
	rows := programs(t, w2.DB, r.RunID)
	for _, k := range []programKey{red, quiet, muted} {
		if got, want := rows[k], baseRows[k]; got != want {
			t.Errorf("%v: results.programs %+v, want the computed %+v", k, got, want)
		}
	}
	for _, s := range []string{"red", "yellow", "green"} {
		want := res.Signals[s] + map[string]int{"red": -1, "green": 1}[s]
		if r.Signals[s] != want {
			t.Errorf("%s rows published: %d, want %d (base %d)", s, r.Signals[s], want, res.Signals[s])
		}
	}
	// The warning list file publishes the overrides.
	_, file := readCSV(t, filepath.Join(opts.Out, testPeriod, "warnings.csv"))
	found := map[string]string{}
	for _, row := range file {
		k := programKey{row[2], row[3], row[4], row[5]}
		if k == red || k == quiet || k == muted {
			found[k.scope] = row[8] + "|" + row[13]
		}
	}
	if found["school"] == "" || !strings.HasPrefix(found["school"], "green|override") || !strings.HasPrefix(found["province"], "yellow|override") || found["city"] != "" {
		t.Errorf("warnings.csv rows of the overridden programs: %q", found)
	}
}

// TestPresetShanxi2025 checks the Shanxi 2025 rules (README: control-list
// programs have 17–45 sites in 2025; 27 school × program pairs have no
// intake 2023–2025) and that every preset is evaluated.
func TestPresetShanxi2025(t *testing.T) {
	w, _ := baseRun(t)
	db := w.DB
	opts := testOptions(t)
	for _, p := range opts.Presets {
		if p.Name == "shanxi_2025" {
			opts.Preset = p
		}
	}
	if opts.Preset.Name != "shanxi_2025" {
		t.Fatal("no shanxi_2025 preset")
	}
	opts.Period = "2025-11" // another period: a re-run of the base period would replace the base run's results
	// The ministry run of the same period to compare with (the postings
	// window ends at the period), read before the shanxi_2025 run
	// replaces the period's results.
	mopts := testOptions(t)
	mopts.Period = opts.Period
	mr := mustRun(t, w, mopts)
	cmp := `SELECT scope || '|' || region_code || '|' || school_code || '|' || program_code || '|' || signal || '|' || reasons FROM %s
		WHERE run_id = ? %s ORDER BY 1`
	baseSignals := queryStrings(t, db, fmt.Sprintf(cmp, "results.programs", "AND signal <> ''"), mr.RunID)
	r := mustRun(t, w, opts)
	if n := queryInt(t, db, `SELECT count(*) FROM meta.runs WHERE run_id = ? AND preset = 'shanxi_2025'`, r.RunID); n != 1 {
		t.Errorf("meta.runs does not record preset shanxi_2025 for %s", r.RunID)
	}

	// too_many_sites: more than 15 schools with intake in 2025.
	sites := queryStrings(t, db, `SELECT program_code FROM enrollments WHERE year = 2025 AND intake > 0
		GROUP BY program_code HAVING count(DISTINCT school_code) > 15 ORDER BY 1`)
	control := queryStrings(t, db, `SELECT l.program_code || ':' || count(DISTINCT e.school_code) FROM program_lists l
		LEFT JOIN enrollments e ON e.program_code = l.program_code AND e.year = 2025 AND e.intake > 0
		WHERE l.list = 'control' GROUP BY l.program_code ORDER BY 1`)
	if len(control) != 16 {
		t.Errorf("control list %q: want 16 programs", control)
	}
	for _, c := range control {
		code, n, _ := strings.Cut(c, ":")
		var k int
		fmt.Sscan(n, &k)
		if k < 17 || k > 45 || !slices.Contains(sites, code) {
			t.Errorf("control-list program %s has %d sites in 2025, the README plants 17–45", code, k)
		}
	}
	got := queryStrings(t, db, `SELECT program_code FROM results.programs WHERE run_id = ? AND scope = 'province'
		AND list_contains(string_split(reasons, ';'), 'too_many_sites') ORDER BY 1`, r.RunID)
	if !slices.Equal(got, sites) {
		t.Errorf("province rows with too_many_sites %q, want the programs with > 15 sites %q", got, sites)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ?
		AND list_contains(string_split(reasons, ';'), 'too_many_sites') AND signal NOT IN ('yellow', 'red')`, r.RunID); n != 0 {
		t.Errorf("%d rows with too_many_sites are neither yellow nor red", n)
	}

	// no_intake_3_years: still has rows (2022–2025) but no intake 2023–2025.
	want := queryStrings(t, db, `SELECT school_code || '/' || program_code FROM enrollments WHERE year >= 2022
		GROUP BY ALL HAVING coalesce(sum(intake) FILTER (year >= 2023), 0) = 0 ORDER BY 1`)
	if len(want) != 27 {
		t.Errorf("%d school × program pairs have no intake 2023–2025, the README plants 27", len(want))
	}
	gotNI := queryStrings(t, db, `SELECT school_code || '/' || program_code FROM results.programs WHERE run_id = ? AND scope = 'school'
		AND list_contains(string_split(reasons, ';'), 'no_intake_3_years') ORDER BY 1`, r.RunID)
	if !slices.Equal(gotNI, want) {
		t.Errorf("rows with no_intake_3_years:\n%q\nwant the school pairs\n%q", gotNI, want)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.warnings WHERE run_id = ?
		AND list_contains(string_split(reasons, ';'), 'no_intake_3_years') AND signal = 'red' AND scope = 'school'`, r.RunID); n != int64(len(want)) {
		t.Errorf("%d red published rows for no_intake_3_years, want %d", n, len(want))
	}

	// Every preset is evaluated, and the ministry one agrees with the
	// ministry run of the same snapshot.
	presets := queryStrings(t, db, `SELECT DISTINCT preset FROM results.preset_signals WHERE run_id = ? ORDER BY 1`, r.RunID)
	var names []string
	for _, p := range rules.Presets() {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if !slices.Equal(presets, names) {
		t.Errorf("results.preset_signals presets %q, want %q", presets, names)
	}
	ministry := queryStrings(t, db, fmt.Sprintf(cmp, "results.preset_signals", "AND preset = 'ministry'"), r.RunID)
	diffLines(t, "ministry signals in the shanxi_2025 run vs the ministry run", ministry, baseSignals)
	shanxi := queryStrings(t, db, fmt.Sprintf(cmp, "results.preset_signals", "AND preset = 'shanxi_2025'"), r.RunID)
	own := queryStrings(t, db, fmt.Sprintf(cmp, "results.programs", "AND signal <> ''"), r.RunID)
	diffLines(t, "preset_signals shanxi_2025 vs results.programs of the shanxi_2025 run", shanxi, own)
}

// TestOptionalTablesAbsent runs without the optional tables that the
// dataset can do without (program_code_map is needed: enrollments up to
// 2020 use pre-2021 codes).
func TestOptionalTablesAbsent(t *testing.T) {
	dir := testkit.Shanxi(t, "job_postings.csv", "industry_priorities.csv", "program_lists.csv", "education_totals.csv")
	w := openIngest(t, dir)
	opts := testOptions(t)
	opts.Out = t.TempDir()
	r := mustRun(t, w, opts)
	for _, n := range []string{"no_job_postings", "no_industry_priorities"} {
		if !slices.Contains(r.Notes, n) {
			t.Errorf("Result.Notes %q lacks %q", r.Notes, n)
		}
	}
	if _, err := os.Stat(filepath.Join(opts.Out, testPeriod, "warnings.csv")); err != nil {
		t.Error(err)
	}
	// Without tiers no program feeds a shortage industry, and the plan
	// priority is unknown.
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.programs WHERE run_id = ?
		AND (list_contains(string_split(reasons, ';'), 'shortage_industry') OR plan_priority IS NOT NULL)`, r.RunID); n != 0 {
		t.Errorf("%d rows use industry priorities that are not there", n)
	}
	if n := queryInt(t, w.DB, `SELECT count(*) FROM results.programs WHERE run_id = ? AND (score IS NULL OR score < 0 OR score > 1)`, r.RunID); n != 0 {
		t.Errorf("%d scores NULL or outside [0,1]", n)
	}

	// With them all, no note.
	_, res := baseRun(t)
	if len(res.Notes) != 0 {
		t.Errorf("the full dataset's run has notes %q", res.Notes)
	}
}

func TestBadPeriod(t *testing.T) {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, p := range []string{"", "2025-13", "2025-00", "2025-1", "25-12", "2025/12", "2025-12-01", " 2025-12", "２０２５-12"} {
		opts := testOptions(t)
		opts.Period = p
		res, err := Run(ctx, w, opts)
		if err == nil || errors.Is(err, ErrNoData) {
			t.Errorf("period %q: err = %v, want a period error", p, err)
		}
		if res != nil {
			t.Errorf("period %q: result %+v", p, res)
		}
	}
}

func TestNoData(t *testing.T) {
	ctx := context.Background()
	w, err := warehouse.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"), warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = Run(ctx, w, testOptions(t))
	if !errors.Is(err, ErrNoData) {
		t.Fatalf("Run on an empty warehouse: err = %v, want ErrNoData", err)
	}
	var n int
	if err := w.DB.QueryRowContext(ctx, `SELECT count(*) FROM meta.runs WHERE status = 'failed'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("meta.runs: %d failed runs, err %v; want the run recorded as failed", n, err)
	}
	if err := w.DB.QueryRowContext(ctx, `SELECT count(*) FROM results.programs`).Scan(&n); err != nil || n != 0 {
		t.Errorf("results.programs: %d rows, err %v", n, err)
	}
}

// TestStructureTables checks the structure tables against the map and by
// hand: one location quotient per city, industry and year of the map; the
// province's 2023 structural deviation from its sector totals; the
// shift-share effects of Taiyuan's vehicle making (C36) from 2020 to 2025,
// worked by hand from the map's figures below; forecast shares that sum
// to 1.
//
// The Shanxi demo map (industry_map): Taiyuan 140100 employs 15,489 in
// C36 in 2020 and 21,440 in 2025; the province 140000 46,773 and 66,528,
// and 16,486,931 and 17,197,454 in all its 96 industries. So
//
//	G   = 17,197,454 / 16,486,931 − 1 = 710,523 / 16,486,931 = 0.0430961
//	G_i = 66,528 / 46,773 − 1         = 19,755 / 46,773       = 0.4223591
//	g_i = 21,440 / 15,489 − 1         = 5,951 / 15,489        = 0.3842082
//
//	growth      = 15,489 · G         = 11,005,290,747 / 16,486,931 =   667.51603
//	mix         = 15,489 · (G_i − G) = 6,541.91938 − 667.51603      = 5,874.40335
//	competitive = 15,489 · (g_i − G_i) = 5,951 − 305,985,195 / 46,773 = −590.91938
//
// (15,489 · 19,755 = 305,985,195; 305,985,195 / 46,773 = 6,541.91938), and
// growth + mix + competitive = 5,951, the change.
func TestStructureTables(t *testing.T) {
	w, res := baseRun(t)
	db := w.DB
	if got, want := queryInt(t, db, `SELECT count(*) FROM results.location_quotients WHERE run_id = ?`, res.RunID),
		queryInt(t, db, `SELECT count(*) FROM industry_map m JOIN regions r USING (region_code) WHERE r.level = 'city'`); got != want {
		t.Errorf("%d location quotients, want one per city row of the map (%d)", got, want)
	}
	// D_2 = (Y_2/Y)/(L_2/L) − 1 from the map's sector totals.
	var want, got float64
	if err := db.QueryRow(`WITH s AS (SELECT i.sector, sum(m.value_added) AS y, sum(m.employment) AS l
			FROM industry_map m JOIN industries i USING (industry_code) JOIN regions r USING (region_code)
			WHERE r.level = 'city' AND m.year = 2023 GROUP BY i.sector)
		SELECT (max(y) FILTER (sector = 2) / sum(y)) / (max(l) FILTER (sector = 2) / sum(l)) - 1 FROM s`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT deviation FROM results.structural_deviation WHERE run_id = ? AND year = 2023
		AND region_code = '140000' AND sector = '2'`, res.RunID).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("secondary-sector deviation 2023 = %v, want %v", got, want)
	}
	// The map's figures the shift-share below was worked from ("" is every
	// industry).
	for _, c := range []struct {
		region, industry string
		year             int
		want             float64
	}{
		{"140100", "C36", 2020, 15489}, {"140100", "C36", 2025, 21440},
		{"140000", "C36", 2020, 46773}, {"140000", "C36", 2025, 66528},
		{"140000", "", 2020, 16486931}, {"140000", "", 2025, 17197454},
	} {
		var v float64
		if err := db.QueryRow(`SELECT sum(employment) FROM industry_map WHERE region_code = $1 AND year = $2
			AND ($3 = '' OR industry_code = $3)`, c.region, c.year, c.industry).Scan(&v); err != nil || v != c.want {
			t.Fatalf("industry_map %s %q %d: employment %v (err %v), want %v: the demo map changed, work the shift-share below again",
				c.region, c.industry, c.year, v, err, c.want)
		}
	}
	var change, growth, mix, comp float64
	if err := db.QueryRow(`SELECT change, growth, mix, competitive FROM results.shift_share WHERE run_id = ?
		AND region_code = '140100' AND industry_code = 'C36' AND base_year = 2020 AND end_year = 2025`, res.RunID).Scan(&change, &growth, &mix, &comp); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"change", change, 5951},
		{"growth", growth, 15489.0 * 710523 / 16486931},
		{"mix", mix, 15489.0*19755/46773 - 15489.0*710523/16486931},
		{"competitive", comp, 5951 - 15489.0*19755/46773},
	} {
		if math.Abs(c.got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("Taiyuan C36 2020–2025: %s effect %v, want %v", c.name, c.got, c.want)
		}
	}
	if n := queryInt(t, db, `SELECT count(*) FROM (SELECT region_code, year, sum(share) AS s FROM results.sector_share_forecast
		WHERE run_id = ? GROUP BY ALL) WHERE abs(s - 1) > 1e-9`, res.RunID); n != 0 {
		t.Errorf("%d forecast years whose sector shares do not sum to 1", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.sector_share_forecast WHERE run_id = ? AND year IN (2030, 2035)
		AND region_code = '140000'`, res.RunID); n != 6 {
		t.Errorf("province share forecasts for 2030 and 2035: %d rows, want 6", n)
	}
}
