//go:build duckdb_arrow

package job

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/forecast"
)

// employment_forecast.csv is the run's stored forecasts (results.demand)
// with the v1 columns first, then year and the names: every row of
// results.demand once, the province first, and coal (B06) in 2035 the
// same figures as results.demand's row.
func TestEmploymentForecastCSV(t *testing.T) {
	w, res := baseRun(t)
	b, err := os.ReadFile(filepath.Join(base.out, testPeriod, "employment_forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := "series_id,h,forecast,lo80,hi80,lo95,hi95,method,year,region_code,region_name,industry_code,industry_name"
	if got := strings.Join(recs[0], ","); got != want {
		t.Fatalf("header\n%s\nwant\n%s", got, want)
	}
	n := queryStrings(t, w.DB, `SELECT CAST(count(*) AS VARCHAR) FROM results.demand WHERE run_id = ?`, res.RunID)
	if strconv.Itoa(len(recs)-1) != n[0] {
		t.Errorf("%d rows, results.demand has %s", len(recs)-1, n[0])
	}
	if !strings.HasPrefix(recs[1][0], "140000/") || recs[1][10] != "山西省" {
		t.Errorf("first row %v: want the province (140000, 山西省) first", recs[1])
	}
	var coal, taiyuan []string
	for _, r := range recs[1:] {
		if r[0] == "140000/B06" && r[8] == "2035" {
			coal = r
		}
		if r[9] == "140100" && taiyuan == nil {
			taiyuan = r
		}
	}
	if coal == nil {
		t.Fatal("no row 140000/B06 2035")
	}
	// the demo's map ends in 2025: 2035 is 10 years after the base year
	if coal[1] != "10" || coal[9] != "140000" || coal[11] != "B06" || coal[12] != "煤炭开采和洗选业" {
		t.Errorf("coal row %v: want h 10, region 140000, industry B06 煤炭开采和洗选业", coal)
	}
	if taiyuan == nil || taiyuan[10] != "太原市" {
		t.Errorf("Taiyuan's rows: %v, want region_name 太原市", taiyuan)
	}
	var v [5]float64
	if err := w.DB.QueryRowContext(context.Background(), `SELECT employment, lo80, hi80, lo95, hi95 FROM results.demand
		WHERE run_id = ? AND region_code = '140000' AND industry_code = 'B06' AND year = 2035`, res.RunID).Scan(&v[0], &v[1], &v[2], &v[3], &v[4]); err != nil {
		t.Fatal(err)
	}
	for i, x := range v {
		got, err := strconv.ParseFloat(coal[2+i], 64)
		if err != nil || math.Abs(got-x) > 1e-9*math.Abs(x) {
			t.Errorf("column %s: %s, results.demand %v", recs[0][2+i], coal[2+i], x)
		}
	}
	if !(v[3] < v[1] && v[1] < v[0] && v[0] < v[2] && v[2] < v[4]) {
		t.Errorf("coal 2035: forecast %v, 80%% [%v, %v], 95%% [%v, %v]: want the 95%% interval around the 80%% around the forecast", v[0], v[1], v[2], v[3], v[4])
	}
}

// The run refuses a demand method whose intervals and draws are not
// calibrated: every probability it publishes comes from the draws.
func TestDemandRefusesUncalibratedMethod(t *testing.T) {
	m := &model{opts: &Options{DemandMethod: forecast.DOTM}}
	err := m.demand(context.Background())
	if err == nil || !strings.Contains(err.Error(), "not calibrated") {
		t.Fatalf("demand with dotm: %v, want a refusal naming calibration", err)
	}
}

// Reconciliation scales a city's Monte Carlo draws as it scales its mean:
// a province forecast 300 over two cities forecast 100 each gives each
// city 150 (forecast proportions), a factor 1.5, so a city draw of 90
// becomes 135 and one of 110 becomes 165; the province's draws are left
// alone.
func TestReconcileScalesCityDraws(t *testing.T) {
	city := func(region string) *empForecast {
		return &empForecast{level: "city", province: "P", region: region, industry: "C36", last: 100,
			mean: []float64{100}, lo80: []float64{90}, hi80: []float64{110}, lo95: []float64{80}, hi95: []float64{120},
			paths: [][]float64{{90}, {110}}}
	}
	prov := &empForecast{level: "province", province: "P", region: "P", industry: "C36", last: 200,
		mean: []float64{300}, lo80: []float64{280}, hi80: []float64{320}, lo95: []float64{260}, hi95: []float64{340},
		paths: [][]float64{{290}, {310}}}
	a, b := city("A"), city("B")
	m := &model{emp: map[key2]*empForecast{{"P", "C36"}: prov, {"A", "C36"}: a, {"B", "C36"}: b}}
	if err := m.reconcile(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*empForecast{a, b} {
		if c.mean[0] != 150 || c.paths[0][0] != 135 || c.paths[1][0] != 165 || c.lo80[0] != 135 {
			t.Errorf("city %s: mean %v, draws %v, lo80 %v; want 150, [135 165], 135", c.region, c.mean[0], c.paths, c.lo80[0])
		}
	}
	if prov.paths[0][0] != 290 || prov.paths[1][0] != 310 {
		t.Errorf("province draws %v, want [290 310] unchanged", prov.paths)
	}
}
