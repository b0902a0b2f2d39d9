package main

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seriesCSV = `series_id,t,value
b,2012,5
a,2010,100
a,2011,110
a,2012,118
a,2013,131
a,2014,140
a,2015,152
b,2010,3
b,2011,4
b,2013,6
b,2014,6.5
b,2015,7
c,2014,9
`

func TestForecastCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "s.csv")
	os.WriteFile(in, []byte(seriesCSV), 0o644)
	var outs []string
	for _, workers := range []string{"1", "2"} {
		out := filepath.Join(dir, "f"+workers+".csv")
		if code, _, errs := run(t, "--quiet", "forecast", "--in", in, "--horizon", "4", "--workers", workers, "--out", out); code != 0 {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		b, _ := os.ReadFile(out)
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Error("the output depends on the number of workers")
	}
	recs, err := csv.NewReader(strings.NewReader(outs[0])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "series_id,h,forecast,lo80,hi80,lo95,hi95,method" {
		t.Errorf("header = %v", recs[0])
	}
	if len(recs) != 1+3*4 {
		t.Fatalf("%d rows, want 12", len(recs)-1)
	}
	// series in id order, h = 1..4; c has one value: a constant forecast
	if recs[1][0] != "a" || recs[1][1] != "1" || recs[12][0] != "c" || recs[12][1] != "4" || recs[12][2] != "9" {
		t.Errorf("rows: %v ... %v", recs[1], recs[12])
	}
	// parquet: the same numbers, typed
	pq := filepath.Join(dir, "f.parquet")
	if code, _, errs := run(t, "--quiet", "forecast", "--in", in, "--horizon", "4", "--level", "90", "--out", pq); code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	db, _ := sql.Open("duckdb", "")
	defer db.Close()
	var n int
	var typ string
	if err := db.QueryRow("SELECT count(*), any_value(typeof(lo90)) FROM read_parquet(?)", pq).Scan(&n, &typ); err != nil || n != 12 || typ != "DOUBLE" {
		t.Errorf("parquet: %d rows, lo90 %s, %v", n, typ, err)
	}
}

func TestForecastRejects(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "bad.csv")
	os.WriteFile(in, []byte("series_id,t,value\na,1,1\na,2,NaN\na,3,3\nb,1,2\nb,1,4\n"), 0o644)
	code, _, errs := run(t, "--lang", "en", "forecast", "--in", in, "--horizon", "2", "--out", filepath.Join(dir, "o.csv"))
	if code != exitRejected {
		t.Fatalf("exit %d, want 3\n%s", code, errs)
	}
	for _, w := range []string{`bad.csv:3:value: series "a" has a missing or non-finite value at t=2: "nan"`, `bad.csv:6:t: series "b" repeats t=1`} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o.csv")); err == nil {
		t.Error("a rejected input wrote output")
	}
	os.WriteFile(in, []byte("id,t,value\na,1,1\n"), 0o644)
	if code, _, errs := run(t, "--lang", "en", "forecast", "--in", in, "--horizon", "2", "--out", filepath.Join(dir, "o.csv")); code != exitRejected || !strings.Contains(errs, "bad.csv:1:series_id: required column series_id") {
		t.Errorf("missing column: exit %d\n%s", code, errs)
	}
	if code, _, _ := run(t, "forecast", "--in", in, "--horizon", "0", "--out", "x.csv"); code != exitUsage {
		t.Errorf("horizon 0: exit %d, want 2", code)
	}
}

func TestBacktestCommand(t *testing.T) {
	in := filepath.Join(t.TempDir(), "s.csv")
	os.WriteFile(in, []byte(seriesCSV), 0o644)
	code, out, errs := run(t, "forecast", "backtest", "--in", in, "--horizon", "2", "--origins", "2", "--method", "naive", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	recs, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	// naive on a = 100 110 118 131 140 152, horizon 2, origins after 3
	// and 4 values (by hand):
	//   after 3 (118): actual 131 140, sMAPE 100(13/249 + 22/258) = 13.74801,
	//     MASE mean(13, 22) / mean(10, 8) = 1.944444
	//   after 4 (131): actual 140 152, sMAPE 100(9/271 + 21/283) = 10.74152,
	//     MASE mean(9, 21) / mean(10, 8, 13) = 1.451613
	if recs[1][0] != "a" || recs[1][1] != "2" {
		t.Fatalf("rows = %v", recs)
	}
	var sm, ms float64
	fmt.Sscan(recs[1][2], &sm)
	fmt.Sscan(recs[1][3], &ms)
	if math.Abs(sm-(13.74801+10.74152)/2) > 1e-4 || math.Abs(ms-(1.944444+1.451613)/2) > 1e-5 {
		t.Errorf("a: sMAPE %v MASE %v", sm, ms)
	}
	if recs[len(recs)-1][0] != "(mean)" {
		t.Errorf("no mean row: %v", recs)
	}
	if !strings.Contains(out, "c,0,,,") {
		t.Errorf("the one-value series should carry its error:\n%s", out)
	}
}
