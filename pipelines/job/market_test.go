//go:build duckdb_arrow

package job

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vocmap/vocmap/internal/testkit"
)

// TestMarketProperties checks issue 15's properties on the base run:
// every row carries its market; a city or school row of a province-market
// program (higher, bachelor) carries the province's ratio and
// probability, and its signal is the province's unless a rule of its own
// scope on quality or offering (placement, no intake, the control list,
// sites) gave it; no row cuts on demand grounds while its market is
// short of graduates; a city-market row's probability is its own city's.
func TestMarketProperties(t *testing.T) {
	w, res := baseRun(t)
	db := w.DB
	id := res.RunID
	zero := func(what, q string) {
		t.Helper()
		if n := queryInt(t, db, q, id); n != 0 {
			t.Errorf("%s: %d rows", what, n)
		}
	}
	zero("programs without a market, or a market that does not follow the level",
		`SELECT count(*) FROM results.programs WHERE run_id = ? AND NOT (
			market = 'province' AND (scope = 'province' OR level IN ('higher', 'bachelor'))
			OR market = 'city' AND scope <> 'province' AND level = 'secondary')`)
	zero("province-market city or school rows whose ratio or probability is not the province's",
		`SELECT count(*) FROM results.programs r JOIN results.programs p
			ON p.run_id = r.run_id AND p.scope = 'province' AND p.program_code = r.program_code
			WHERE r.run_id = ? AND r.scope <> 'province' AND r.market = 'province'
			AND (r.ratio IS DISTINCT FROM p.ratio OR r.prob_oversupply IS DISTINCT FROM p.prob_oversupply)`)
	zero("province-market city rows without their share of the province's supply",
		`SELECT count(*) FROM results.programs WHERE run_id = ? AND scope = 'city' AND market = 'province'
			AND NOT (market_share BETWEEN 0 AND 1)`)
	zero("province-market city rows whose signal differs from the province's without a rule of their own",
		`SELECT count(*) FROM results.programs r JOIN results.programs p
			ON p.run_id = r.run_id AND p.scope = 'province' AND p.program_code = r.program_code
			WHERE r.run_id = ? AND r.scope = 'city' AND r.market = 'province' AND r.signal <> p.signal
			AND NOT regexp_matches(r.reasons || ';' || p.reasons, 'placement|no_intake|control_list|too_many_sites')`)
	zero("rows that reduce or close on demand grounds alone while their market's ratio is below 0.9",
		`SELECT count(*) FROM results.warnings WHERE run_id = ? AND recommendation IN ('reduce', 'close')
			AND supply_demand_ratio < 0.9
			AND NOT regexp_matches(reasons, 'placement|no_intake|control_list|too_many_sites|override')`)
	zero("warning rows whose market or probability is not the program row's",
		`SELECT count(*) FROM results.warnings w JOIN results.programs r ON r.run_id = w.run_id AND r.scope = w.scope
			AND r.region_code = w.region_code AND r.school_code = w.school_code AND r.program_code = w.program_code
			WHERE w.run_id = ? AND (w.market IS DISTINCT FROM r.market OR w.probability_oversupplied IS DISTINCT FROM r.prob_oversupply
			OR w.supply_demand_ratio IS DISTINCT FROM r.ratio)`)
	zero("ratios shown as a sentinel (≥ 999) instead of no_demand",
		`SELECT count(*) FROM results.warnings WHERE run_id = ? AND supply_demand_ratio >= 999`)
	zero("rows without a ratio that do not say no_demand (or have no supply)",
		`SELECT count(*) FROM results.programs WHERE run_id = ? AND scope <> 'school' AND ratio IS NULL AND supply > 0
			AND NOT regexp_matches(reasons, 'no_demand')`)
	// City-market rows have probabilities of their own: at least one
	// city differs from its province (else they would still be copies).
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs r JOIN results.programs p
			ON p.run_id = r.run_id AND p.scope = 'province' AND p.program_code = r.program_code
			WHERE r.run_id = ? AND r.scope = 'city' AND r.market = 'city' AND r.prob_oversupply <> p.prob_oversupply`, id); n == 0 {
		t.Error("every city-market row has its province's probability: not its own")
	}
	// A row in the oversupply band whose probability is near 0 (or the
	// reverse) must be rare: they come only from draws that disagree
	// with the point forecast (docs/models.md, "Labour markets").
	total := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND scope <> 'school' AND ratio IS NOT NULL`, id)
	odd := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND scope <> 'school'
		AND (ratio >= 1.5 AND prob_oversupply < 0.05 OR ratio < 0.9 AND prob_oversupply > 0.5)`, id)
	if odd*50 > total {
		t.Errorf("%d of %d rows have a probability of oversupply that contradicts their ratio (more than 2%%)", odd, total)
	}
}

// TestFlowsMarket: where graduate_destinations says where a school's
// graduates work, the program's city and school rows are judged in the
// observed flows. 长治 (140400) teaches 煤矿智能开采技术 (420901) at one
// school, 4114012888: its employed 2024–2025 were 30 + 30 in 晋中 (140700)
// and 10 in the province with the city not known, so 60/70 = 6/7 of
// 长治's graduates work in 晋中 and 1/7 joins the province-wide pool.
func TestFlowsMarket(t *testing.T) {
	dir := testkit.Shanxi(t)
	if err := os.WriteFile(filepath.Join(dir, "graduate_destinations.csv"), []byte(
		"year,school_code,program_code,region_code,employed\n"+
			"2024,4114012888,420901,140700,30\n"+
			"2024,4114012888,420901,140000,10\n"+
			"2025,4114012888,420901,140700,30\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w := openIngest(t, dir)
	opts := testOptions(t)
	opts.Out = t.TempDir()
	r := mustRun(t, w, opts)
	db := w.DB
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND program_code = '420901'
		AND scope <> 'province' AND market IS DISTINCT FROM 'flows'`, r.RunID); n != 0 {
		t.Errorf("%d city or school rows of 420901 are not judged in the flows", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND program_code <> '420901'
		AND market = 'flows'`, r.RunID); n != 0 {
		t.Errorf("%d rows of other programs are judged in flows", n)
	}
	// 晋中's market holds at least the 6/7 of 长治's graduates entering
	// work that the flows send there (the pool adds its share on top).
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs j, (SELECT sum(entering) AS e FROM results.supply
			WHERE run_id = $1 AND region_code = '140400' AND program_code = '420901') c
		WHERE j.run_id = $1 AND j.scope = 'city' AND j.region_code = '140700' AND j.program_code = '420901'
		AND j.supply >= 6.0 / 7 * c.e - 1e-6 AND c.e > 0`, r.RunID); n != 1 {
		t.Error("晋中's market of 420901 does not hold the 6/7 of 长治's graduates the flows send there")
	}
	// The flows rows have probabilities of their own (the city's draws).
	if n := queryInt(t, db, `SELECT count(*) FROM results.programs WHERE run_id = ? AND program_code = '420901'
		AND scope = 'city' AND NOT (prob_oversupply BETWEEN 0 AND 1)`, r.RunID); n != 0 {
		t.Errorf("%d flows rows without a probability", n)
	}
}
