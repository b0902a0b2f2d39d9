package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/internal/testkit"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func TestDemoTwice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "demo")
	for i := 0; i < 2; i++ {
		code, stdout, stderr := run(t, "--quiet", "demo", "--out", out)
		if code != 0 {
			t.Fatalf("run %d: exit %d\n%s", i, code, stderr)
		}
		for _, w := range []string{"vocmap 演示完成（山西省示例数据，期次 2025-12）", "11 个地市", "快照 #1"} {
			if !strings.Contains(stdout, w) {
				t.Errorf("run %d: stdout lacks %q:\n%s", i, w, stdout)
			}
		}
		if i == 1 {
			checkREADMEDemo(t, stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "out", "2025-12", "dataset_summary.csv")); err != nil {
		t.Error(err)
	}
	// the run's employment forecasts: every crosswalk industry in the
	// province and each city, 2026..2035 (counted from the inputs: 51
	// industries × 12 regions × 10 years on today's demo)
	_, counts, _ := run(t, "--warehouse", filepath.Join(out, "vocmap.duckdb"), "sql", "--format", "csv",
		"SELECT count(DISTINCT industry_code) * (SELECT count(*) FROM regions WHERE level IN ('province', 'city')) * 10 AS n FROM program_industry")
	want, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(counts, "n\n")))
	b, err := os.ReadFile(filepath.Join(out, "out", "2025-12", "employment_forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || want == 0 || len(recs) != 1+want || recs[0][0] != "series_id" {
		t.Errorf("employment_forecast.csv: %d rows (want 1+%d), header %v, %v", len(recs), want, recs[0], err)
	}
	// the warehouse answers queries under the contract's names
	code, stdout, stderr := run(t, "--warehouse", filepath.Join(out, "vocmap.duckdb"), "sql", "--format", "csv",
		"SELECT count(*) AS cities FROM regions WHERE level = 'city'")
	if code != 0 || stdout != "cities\n11\n" {
		t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
}

// checkREADMEDemo compares the figures README.md quotes from the demo with
// what the demo printed, so that the README cannot drift from the demo.
func checkREADMEDemo(t *testing.T, stdout string) {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		re     string // in the demo's stdout: two numbers
		readme string // how README.md says them
	}{
		{`520201 护理: ratio ([0-9.]+) -> ([0-9.]+)`, "ratio from %s to %s"},
		{`520601 康复治疗技术: ratio ([0-9.]+) -> ([0-9.]+)`, "from %s to %s"},
		{`职业本科占高职比重 ([0-9.]+)% → ([0-9.]+)%`, "from %s %% to %s %%"},
	} {
		m := regexp.MustCompile(c.re).FindStringSubmatch(stdout)
		if m == nil {
			t.Errorf("the demo no longer prints %s:\n%s", c.re, stdout)
			continue
		}
		want := fmt.Sprintf(c.readme, m[1], m[2])
		if !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), want) {
			t.Errorf("README.md does not say %q, which the demo prints (%s)", want, m[0])
		}
	}
}

func TestSQLFormats(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", "testdata/ok"); code != 0 {
		t.Fatal(errs)
	}
	q := "SELECT program_code, weight, weight / 3 AS third, NULL AS nothing FROM program_industry WHERE program_code = '520201' ORDER BY weight DESC"
	tests := []struct{ format, want string }{
		{"csv", "program_code,weight,third,nothing\n520201,0.8,0.26666666666666666,\n520201,0.2,0.06666666666666667,\n"},
		{"json", `[
  {
    "program_code": "520201",
    "weight": 0.8,
    "third": 0.26666666666666666,
    "nothing": null
  },
  {
    "program_code": "520201",
    "weight": 0.2,
    "third": 0.06666666666666667,
    "nothing": null
  }
]
`},
	}
	for _, tt := range tests {
		code, out, errs := run(t, "--warehouse", wh, "sql", "--format", tt.format, q)
		if code != 0 || out != tt.want {
			t.Errorf("%s: exit %d\n%s\nwant\n%s\n%s", tt.format, code, out, tt.want, errs)
		}
	}
	code, out, _ := run(t, "--warehouse", wh, "sql", "SELECT name FROM programs ORDER BY program_code LIMIT 1")
	if code != 0 || !strings.Contains(out, "煤矿智能开采技术") || !strings.Contains(out, "(1)") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	// one read-only query only: other statements are refused (exit 2)
	// before they run, and the warehouse's bytes stay as they were
	whBytes, err := os.ReadFile(wh)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"DELETE FROM snap.programs", "CREATE TABLE x (a INT)", "COPY programs TO '/tmp/x.csv'",
		"COPY (SELECT 1) TO '" + wh + "' (USE_TMP_FILE false)", "SELECT 1; SELECT 2", "ATTACH '" + wh + ".2' AS o"} {
		code, _, errs := run(t, "--warehouse", wh, "sql", bad)
		if code != exitUsage || !strings.Contains(errs, "仓库") && !strings.Contains(errs, "一条") {
			t.Errorf("%q: exit %d, want 2\n%s", bad, code, errs)
		}
	}
	if code, _, errs := run(t, "--lang", "en", "--warehouse", wh, "sql", "COPY (SELECT 1) TO '"+wh+"' (USE_TMP_FILE false)"); code != exitUsage || !strings.Contains(errs, "refuses a COPY statement") {
		t.Errorf("COPY in English: exit %d\n%s", code, errs)
	}
	// a SELECT that reads a file outside the warehouse or a table that
	// does not exist cannot run (DuckDB refuses to prepare it): exit 2
	for _, bad := range []string{"SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM no_such_table"} {
		if code, _, errs := run(t, "--warehouse", wh, "sql", bad); code != exitUsage || !strings.Contains(errs, "查询无法执行") {
			t.Errorf("%q: exit %d, want 2\n%s", bad, code, errs)
		}
	}
	if after, _ := os.ReadFile(wh); !bytes.Equal(after, whBytes) {
		t.Error("a refused statement changed the warehouse file")
	}
	// "-" reads the query from stdin
	var sout, serr bytes.Buffer
	if code := Main(context.Background(), []string{"--warehouse", wh, "sql", "--format", "csv", "-"},
		strings.NewReader("SELECT count(*) AS n FROM (VALUES (1), (2)) v(a)\n"), &sout, &serr); code != 0 || sout.String() != "n\n2\n" {
		t.Errorf("sql -: exit %d %q %s", code, sout.String(), serr.String())
	}
	if code, _, errs := run(t, "--warehouse", filepath.Join(t.TempDir(), "none.duckdb"), "sql", "SELECT 1"); code != exitFailure || !strings.Contains(errs, "找不到仓库") {
		t.Errorf("missing warehouse: exit %d %s", code, errs)
	}
}

func TestConfigShow(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfg, []byte("lang: en\ningest:\n  max_errors: 9\n"), 0o644)
	t.Setenv("VOCMAP_DEMO_PERIOD", "2024-06")
	code, out, errs := run(t, "--config", cfg, "--warehouse", "x.duckdb", "config", "show", "--format", "csv")
	if code != 0 {
		t.Fatal(errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[1] + " <- " + r[2]
	}
	want := map[string]string{
		"warehouse":         "x.duckdb <- flag (--warehouse)",
		"lang":              "en <- file (" + cfg + ")",
		"ingest.max_errors": "9 <- file (" + cfg + ")",
		"demo.period":       "2024-06 <- env (VOCMAP_DEMO_PERIOD)",
		"log_format":        "text <- default (defaults.yaml)",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	os.WriteFile(cfg, []byte("lang: en\nwarehose: x\n"), 0o644)
	if code, _, errs := run(t, "--config", cfg, "config", "show"); code != exitUsage || !strings.Contains(errs, `warehose：未知的配置项（是否想写 "warehouse"？）`) {
		t.Errorf("unknown key: exit %d\n%s", code, errs)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"version"}, exitOK},
		{[]string{"nosuchcommand"}, exitUsage},
		{[]string{"ingest"}, exitUsage},
		{[]string{"sql"}, exitUsage},
		{[]string{"--nosuchflag", "version"}, exitUsage},
		{[]string{"--lang", "fr", "version"}, exitUsage},
		{[]string{"sql", "--format", "xml", "SELECT 1"}, exitUsage},
		{[]string{"ingest", "--data", "testdata/does-not-exist", "--warehouse", filepath.Join(t.TempDir(), "w.duckdb")}, exitRejected},
	}
	for _, tt := range tests {
		if code, _, errs := run(t, tt.args...); code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s", tt.args, code, tt.code, errs)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	if code := Main(ctx, []string{"--warehouse", filepath.Join(t.TempDir(), "w.duckdb"), "ingest", "--data", "testdata/ok"}, nil, &out, &errb); code != exitInterrupted {
		t.Errorf("cancelled ingest: exit %d, want 130\n%s", code, errb.String())
	}
}

func TestTemplateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "datasets", "template", "--out", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(out, "已写入 31 个模板文件") { // 15 tables × (CSV, XLSX) + 说明.csv
		t.Errorf("stdout: %s", out)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "xlsx", "programs.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 3 || sheets[1] != "示例" || sheets[2] != "说明" {
		t.Errorf("sheets = %v", sheets)
	}
	hdr, _ := f.GetRows(sheets[0])
	if strings.Join(hdr[0], ",") != "专业代码,专业名称,层次,专业大类代码,专业大类,学制" {
		t.Errorf("header = %v", hdr[0])
	}
	notes, _ := f.GetRows("说明")
	if len(notes) < 8 || notes[7][0] != "duration_years" || !strings.Contains(notes[7][4], "整数 2..5") {
		t.Errorf("notes = %v", notes)
	}
	f.Close()
	// a template filled in is a valid dataset: fill the CSV templates
	// with the fixture's rows under the Chinese headers
	dir = filepath.Join(dir, "csv")
	for _, e := range mustReadDir(t, "testdata/ok") {
		tmpl, _ := os.ReadFile(filepath.Join(dir, e))
		data, _ := os.ReadFile(filepath.Join("testdata/ok", e))
		hdrT, _, _ := strings.Cut(string(tmpl), "\n")
		_, rows, _ := strings.Cut(string(data), "\n")
		hdrD, _, _ := strings.Cut(string(data), "\n")
		if strings.Count(hdrT, ",") != strings.Count(hdrD, ",") {
			continue // the fixture leaves out optional columns: keep its own header
		}
		os.WriteFile(filepath.Join(dir, e), []byte(hdrT+"\n"+rows), 0o644)
	}
	for _, e := range []string{"industry_priorities", "education_totals", "program_code_map", "overrides"} {
		os.Remove(filepath.Join(dir, e+".csv"))
	}
	if code, out, errs := run(t, "validate", "--data", dir); code != 0 {
		t.Errorf("filled template: exit %d\n%s%s", code, out, errs)
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestValidateReport(t *testing.T) {
	dir := copyDir(t, "testdata/ok")
	testkit.Replace(t, filepath.Join(dir, "outcomes.csv"), "2023,4114010001,460702,250,200,30", "2023,4114010001,460702,250,240,30")
	testkit.Replace(t, filepath.Join(dir, "programs.csv"), "420901,煤矿智能开采技术,higher", "=420901,煤矿智能开采技术,higher")
	testkit.Replace(t, filepath.Join(dir, "regions.csv"), "level\n", "level,=HYPERLINK(1)\n")
	for _, ext := range []string{".csv", ".xlsx"} {
		rep := filepath.Join(t.TempDir(), "report"+ext)
		code, _, errs := run(t, "--lang", "en", "validate", "--data", dir, "--report", rep)
		if code != exitRejected {
			t.Fatalf("exit %d\n%s", code, errs)
		}
		var rows [][]string
		if ext == ".csv" {
			b, _ := os.ReadFile(rep)
			if !strings.HasPrefix(string(b), "\uFEFF") {
				t.Error("the CSV report has no BOM for Excel")
			}
			rows, _ = csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
		} else {
			f, err := excelize.OpenFile(rep)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ = f.GetRows("data problems")
			f.Close()
		}
		joined := ""
		for _, r := range rows {
			joined += strings.Join(r, "|") + "\n"
		}
		for _, w := range []string{"severity|file|row|column|rule|message",
			"|4|program_code|code must have 6 digits|must be a 6-digit code, is \"=420901\"",
			"|3|employed, further_study, graduates|employed + further study above graduates|"} {
			if !strings.Contains(joined, w) {
				t.Errorf("%s report lacks %q:\n%s", ext, w, joined)
			}
		}
		if ext == ".csv" && !strings.Contains(joined, `|'=HYPERLINK(1)|unknown column|`) {
			t.Errorf("a cell starting with = is not neutralised:\n%s", joined)
		}
	}
}

func TestGenerateValidates(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run(t, "--quiet", "datasets", "generate", "--out", dir, "--scale", "province", "--seed", "3"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "--lang", "en", "validate", "--data", dir)
	if code != 0 || !strings.Contains(out, "meets data contract") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}

// TestHelperHoldLock is not a test: TestLocked runs it in a child process
// to hold the warehouse's write lock.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("VOCMAP_TEST_HOLD")
	if path == "" {
		t.Skip("helper process")
	}
	w, err := warehouse.Open(context.Background(), path, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	os.Stdout.WriteString("ready\n")
	time.Sleep(30 * time.Second)
}

func TestLocked(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "VOCMAP_TEST_HOLD="+wh)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "ready" {
	}
	code, _, errs := run(t, "--warehouse", wh, "ingest", "--data", "testdata/ok")
	if code != exitLocked || !strings.Contains(errs, "正被另一个 vocmap 进程占用") {
		t.Errorf("exit %d, want 4\n%s", code, errs)
	}
}
