//go:build duckdb_arrow

package export

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// readFixture is a warehouse with two snapshots (the second renames the
// school) and these baseline runs, each the latest of its month unless
// said:
//
//	2025-08 r8   2025-09 r9   2025-10 (none; a scenario run only)
//	2025-11 r11a (superseded), r11b (the latest)   2025-12 r12 (snapshot 1)
//
// and these rows (R red, Y yellow, G green, - no row):
//
//	key                              r8 r9 r10s r11a r11b r12
//	A school 4101 program 510101     Y  Y  Y    -    Y    Y
//	B province 140000 program 520201 -  G  -    -    R    R
//	C city 140100 program 530302     -  -  -    -    -    G
//	D city 140200 program 540101     -  -  -    -    G    Y
//	E city 140100 program 550101     -  -  -    Y    -    Y
func readFixture(t *testing.T) *warehouse.Warehouse {
	t.Helper()
	ctx := context.Background()
	w, err := warehouse.Open(ctx, ":memory:", warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := w.DB.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, snap := range []int{1, 2} {
		exec(`INSERT INTO snap.regions VALUES (?, '140000', '山西省', NULL, 'province'), (?, '140100', '太原市', '140000', 'city'),
			(?, '140200', '大同市', '140000', 'city'), (?, '140202', '城区', '140200', 'county')`, snap, snap, snap, snap)
	}
	exec(`INSERT INTO snap.schools VALUES (1, '4101', '太原职业学院', '140100', 'higher', 'public', NULL),
		(2, '4101', '太原新学院', '140100', 'higher', 'public', NULL)`)
	run := func(id, period, scenario, status string, finished int) {
		exec(`INSERT INTO meta.runs (run_id, period, scenario, snapshot_id, status, started_at, finished_at)
			VALUES (?, ?, ?, 1, ?, TIMESTAMP '2026-01-01' + to_minutes(?), TIMESTAMP '2026-01-01' + to_minutes(?))`,
			id, period, scenario, status, finished, finished)
	}
	run("r8", "2025-08", "", "succeeded", 1)
	run("r9", "2025-09", "", "succeeded", 2)
	run("r10s", "2025-10", "more-nurses", "succeeded", 3)
	run("r11a", "2025-11", "", "superseded", 4)
	run("r11b", "2025-11", "", "succeeded", 5)
	run("r12", "2025-12", "", "succeeded", 6)
	row := func(id, key, signal string) {
		period := map[string]string{"r8": "2025-08", "r9": "2025-09", "r10s": "2025-10", "r11a": "2025-11", "r11b": "2025-11", "r12": "2025-12"}[id]
		k := map[string][5]string{ // scope, region, school, program, city
			"A": {"school", "140100", "4101", "510101", "140100"},
			"B": {"province", "140000", "", "520201", ""},
			"C": {"city", "140100", "", "530302", "140100"},
			"D": {"city", "140200", "", "540101", "140200"},
			"E": {"city", "140100", "", "550101", "140100"},
		}[key]
		rec := map[string]string{"red": "close", "yellow": "reduce", "green": "expand"}[signal]
		intake, market, prob := any(nil), any(nil), any(nil)
		if key == "A" {
			intake, market, prob = 0.0, "city", 0.7
		}
		exec(`INSERT INTO results.warnings (run_id, period, scope, region_code, school_code, program_code, program_name, level,
			signal, recommendation, supply_demand_ratio, placement_rate, score, reasons, reasons_text_zh, reasons_text_en,
			computed_signal, override_reason, city_code, market, probability_oversupplied, current_intake)
			VALUES (?, ?, ?, ?, ?, ?, '专业' || ?, 'higher', ?, ?, NULL, 0.5, 0.25, 'r', '原因', 'reason', ?, '', ?, ?, ?, ?)`,
			id, period, k[0], k[1], k[2], k[3], key, signal, rec, signal, k[4], market, prob, intake)
	}
	for _, r := range [][3]string{
		{"r8", "A", "yellow"}, {"r9", "A", "yellow"}, {"r10s", "A", "yellow"}, {"r11b", "A", "yellow"}, {"r12", "A", "yellow"},
		{"r9", "B", "green"}, {"r11b", "B", "red"}, {"r12", "B", "red"},
		{"r12", "C", "green"},
		{"r11b", "D", "green"}, {"r12", "D", "yellow"},
		{"r11a", "E", "yellow"}, {"r12", "E", "yellow"},
	} {
		row(r[0], r[1], r[2])
	}
	return w
}

// key names a row as the fixture does: scope/region/school/program.
func key(r Warning) string {
	return fmt.Sprintf("%s/%s/%s/%s", r.Scope, r.RegionCode, r.SchoolCode, r.ProgramCode)
}

func TestReadWarningsPeriodsFlagged(t *testing.T) {
	w := readFixture(t)
	ctx := context.Background()
	got, err := ReadWarnings(ctx, w.DB, "r12", WarningFilter{}, "zh")
	if err != nil {
		t.Fatal(err)
	}
	// r12 in the order red, yellow, green; province, city, school; codes:
	//   B red:    r12, r11b red; r10 has no baseline run: 2
	//   D yellow: r12; r11b green: 1
	//   E yellow: r12; r11a flagged it but r11b is 2025-11's latest run: 1
	//   A yellow: r12, r11b; no baseline run in 2025-10 (the scenario's
	//             does not count), so r9 and r8 are cut off: 2
	//   C green:  0
	want := []struct {
		key    string
		n      int
		region string
		school string
	}{
		{"province/140000//520201", 2, "山西省", ""},
		{"city/140100//550101", 1, "太原市", ""},
		{"city/140200//540101", 1, "大同市", ""},
		{"school/140100/4101/510101", 2, "太原市", "太原职业学院"},
		{"city/140100//530302", 0, "太原市", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, r := range got {
		if key(r) != want[i].key || r.PeriodsFlagged != want[i].n || r.RegionName != want[i].region || r.SchoolName != want[i].school {
			t.Errorf("row %d = %s flagged %d, %q %q; want %s flagged %d, %q %q", i+1, key(r), r.PeriodsFlagged,
				r.RegionName, r.SchoolName, want[i].key, want[i].n, want[i].region, want[i].school)
		}
	}
	// the v1.2 numbers: 0 is an intake of zero, NULL is NaN
	a := got[3]
	if a.CurrentIntake != 0 || a.Market != "city" || a.ProbabilityOversupplied != 0.7 || !math.IsNaN(a.SupplyDemandRatio) {
		t.Errorf("A: intake %v market %q probability %v ratio %v; want 0, city, 0.7, NaN", a.CurrentIntake, a.Market, a.ProbabilityOversupplied, a.SupplyDemandRatio)
	}
	if b := got[0]; !math.IsNaN(b.CurrentIntake) || b.Market != "" || !math.IsNaN(b.ProbabilityOversupplied) {
		t.Errorf("B: intake %v market %q probability %v; want NULL (NaN, \"\", NaN)", b.CurrentIntake, b.Market, b.ProbabilityOversupplied)
	}
	if got[0].ReasonsText != "原因" {
		t.Errorf("reasons_text %q, want the Chinese text", got[0].ReasonsText)
	}
	// An earlier period counts back from itself: r9's A follows r8 (2).
	r9, err := ReadWarnings(ctx, w.DB, "r9", WarningFilter{Scope: "school"}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(r9) != 1 || r9[0].PeriodsFlagged != 2 || r9[0].ReasonsText != "reason" {
		t.Errorf("r9 school rows %+v, want A flagged 2 with the English text", r9)
	}
}

func TestReadWarningsFilter(t *testing.T) {
	w := readFixture(t)
	for _, tc := range []struct {
		f    WarningFilter
		want []string
	}{
		// a province: its own rows and every city's and school's
		{WarningFilter{Region: "140000"}, []string{"province/140000//520201", "city/140100//550101", "city/140200//540101",
			"school/140100/4101/510101", "city/140100//530302"}},
		// a city: its rows and its schools', not the province's
		{WarningFilter{Region: "140100"}, []string{"city/140100//550101", "school/140100/4101/510101", "city/140100//530302"}},
		{WarningFilter{Region: "140200"}, []string{"city/140200//540101"}},
		{WarningFilter{Region: "140100", Scope: "city", Signal: "yellow"}, []string{"city/140100//550101"}},
		{WarningFilter{Scope: "province"}, []string{"province/140000//520201"}},
		{WarningFilter{Level: "bachelor"}, nil},
		{WarningFilter{Region: "149900"}, nil},
	} {
		got, err := ReadWarnings(context.Background(), w.DB, "r12", tc.f, "zh")
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, r := range got {
			keys = append(keys, key(r))
		}
		if !slices.Equal(keys, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.f, keys, tc.want)
		}
	}
}

// TestReadWarningsSnapshotNames: the names are those of the run's
// snapshot, not of a later one.
func TestReadWarningsSnapshotNames(t *testing.T) {
	w := readFixture(t)
	ctx := context.Background()
	if _, err := w.DB.ExecContext(ctx, `UPDATE meta.runs SET snapshot_id = 2 WHERE run_id = 'r12'`); err != nil {
		t.Fatal(err)
	}
	got, err := ReadWarnings(ctx, w.DB, "r12", WarningFilter{Scope: "school"}, "zh")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].SchoolName != "太原新学院" {
		t.Errorf("school rows %+v, want the school named as snapshot 2 names it", got)
	}
}
