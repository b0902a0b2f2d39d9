package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	runOnce sync.Once
	runWH   string
	runErr  string
)

// demoWarehouse runs the demo once (a full monthly run on the Shanxi
// dataset) and returns its warehouse.
func demoWarehouse(t *testing.T) string {
	t.Helper()
	runOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vocmap-run-test-*")
		if err != nil {
			runErr = err.Error()
			return
		}
		code, _, stderr := run(t, "--quiet", "demo", "--out", dir)
		if code != 0 {
			runErr = stderr
		}
		runWH = filepath.Join(dir, "vocmap.duckdb")
	})
	if runErr != "" {
		t.Fatal(runErr)
	}
	return runWH
}

const contractHeader = "run_id,period,scope,region_code,school_code,program_code,program_name,level,signal,recommendation,supply_demand_ratio,placement_rate,score,reasons,reasons_text," +
	"region_name,school_name,current_intake,market,probability_oversupplied,periods_flagged"

func TestRunAgainAndExportFormats(t *testing.T) {
	wh := demoWarehouse(t)
	out := t.TempDir()
	code, stdout, stderr := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", out)
	if code != 0 || !strings.Contains(stdout, "2025-12-r2") {
		t.Fatalf("second run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "2025-12", "warnings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff"+contractHeader+"\n")) {
		t.Fatalf("warnings.csv header: %q", b[:min(len(b), 200)])
	}
	all, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil || len(all) < 10 {
		t.Fatalf("warnings.csv: %d rows, %v", len(all), err)
	}
	// data_quality.csv: each check's text in Chinese beside its code
	dq, err := os.ReadFile(filepath.Join(out, "2025-12", "data_quality.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dqs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(dq, []byte("\ufeff")))).ReadAll()
	if err != nil || len(dqs) == 0 || strings.Join(dqs[0], ",") != "school_code,program_code,grad_year,check_code,check_text,detail" {
		t.Fatalf("data_quality.csv: %v %v", dqs[:min(len(dqs), 2)], err)
	}
	texts := map[string]string{"placement_high_match_low": "去向落实率接近 100%，但专业对口率低于 30%", "placement_jump": "去向落实率在相邻两年间变动 20 个百分点以上",
		"identical_rates": "该校同一年所有专业（3 个以上）的去向落实率完全相同", "in_province_above_employed": "省内就业人数多于就业人数"}
	for _, r := range dqs[1:] {
		if texts[r[3]] != r[4] {
			t.Errorf("data_quality.csv: %s has text %q, want %q", r[3], r[4], texts[r[3]])
		}
	}
	// Exports of the latest run, filtered: 晋中 has red rows (太原 has
	// none in today's demo).
	dir := t.TempDir()
	for _, f := range []string{"csv", "xlsx", "parquet", "json"} {
		p := filepath.Join(dir, "w."+f)
		if code, _, stderr := run(t, "--warehouse", wh, "export", "warnings", "--period", "2025-12", "--region", "140700", "--signal", "red", "--out", p); code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, stderr)
		}
	}
	var js []map[string]any
	jb, _ := os.ReadFile(filepath.Join(dir, "w.json"))
	if err := json.Unmarshal(jb, &js); err != nil || len(js) == 0 {
		t.Fatalf("json: %v, %d rows", err, len(js))
	}
	for _, r := range js {
		if r["signal"] != "red" || r["region_code"] != "140700" || r["region_name"] != "晋中市" || r["run_id"] != "2025-12-r2" {
			t.Errorf("filtered row %v", r)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "w.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("全部清单") // after the short list and the city's sheet
	x.Close()
	if len(rows) != len(js)+1 || rows[0][0] != "运行编号" {
		t.Errorf("xlsx: %d rows (json %d), titles %v", len(rows), len(js), rows[0])
	}
	if pq, err := os.ReadFile(filepath.Join(dir, "w.parquet")); err != nil || !bytes.HasPrefix(pq, []byte("PAR1")) || !bytes.HasSuffix(pq, []byte("PAR1")) {
		t.Errorf("w.parquet is not a Parquet file: %v", err) // its columns are tested in pipelines/export
	}
	// stdout in English
	code, stdout, _ = run(t, "--warehouse", wh, "--lang", "en", "export", "warnings", "--period", "2025-12", "--level", "bachelor", "--out", "-")
	if code != 0 || !strings.HasPrefix(stdout, "\ufeff"+contractHeader) || strings.Contains(stdout, ",secondary,") {
		t.Errorf("stdout export: exit %d %q", code, stdout[:min(len(stdout), 300)])
	}
}

func TestExplainAndCompare(t *testing.T) {
	wh := demoWarehouse(t)
	code, stdout, stderr := run(t, "--warehouse", wh, "--lang", "en", "explain", "--period", "2025-12", "--program", "420901")
	if code != 0 {
		t.Fatalf("explain: exit %d %s", code, stderr)
	}
	for _, w := range []string{"煤矿智能开采技术", "demand growth", "placement rate", "demand_declining", "signal: yellow"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("explain lacks %q:\n%s", w, stdout)
		}
	}
	code, stdout, stderr = run(t, "--warehouse", wh, "rules", "compare", "--period", "2025-12", "--disagree", "--format", "csv")
	if code != 0 {
		t.Fatalf("compare: exit %d %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("compare: %v %d", err, len(recs))
	}
	if strings.Join(recs[0], ",") != "scope,region_code,school_code,program_code,program_name,ministry,shanxi_2025,tianjin,anhui,bottom_10,agree" {
		t.Errorf("compare header %v", recs[0])
	}
	for _, r := range recs[1:] {
		if r[len(r)-1] != "no" {
			t.Errorf("--disagree kept an agreeing row %v", r)
		}
	}
}

func TestRunExitCodes(t *testing.T) {
	wh := demoWarehouse(t)
	empty := filepath.Join(t.TempDir(), "empty.duckdb")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--warehouse", empty, "run", "--period", "2025-12", "--out", t.TempDir()}, 1, "ingest"},
		{[]string{"--warehouse", wh, "run", "--period", "2025-13"}, 2, "YYYY-MM"},
		{[]string{"--warehouse", wh, "run"}, 2, "--period"},
		{[]string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--out", "x.txt"}, 2, ".csv"},
		{[]string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--signal", "blue", "--out", "x.csv"}, 2, "--signal"},
		{[]string{"--warehouse", wh, "export", "warnings", "--period", "2020-01", "--out", filepath.Join(t.TempDir(), "x.csv")}, 2, "2020-01"},
		{[]string{"--warehouse", wh, "explain", "--period", "2025-12", "--program", "999999"}, 2, "999999"},
		{[]string{"--warehouse", wh, "run", "--period", "2025-12", "--data", badDataset(t)}, 3, "enrollments.csv"},
	} {
		code, _, stderr := run(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d (want %d), stderr %q", tc.args, code, tc.code, stderr)
		}
	}
}

// badDataset copies the fixture dataset with one broken cell.
func badDataset(t *testing.T) string {
	dir := t.TempDir()
	ents, err := os.ReadDir("testdata/ok")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("testdata/ok", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "enrollments.csv" {
			lines := strings.SplitN(string(b), "\n", 3)
			cells := strings.Split(lines[1], ",")
			cells[len(cells)-1] = "-5"
			lines[1] = strings.Join(cells, ",")
			b = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
