package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/internal/testkit"
)

// The tests of this file cover the "data drops" issue end to end: the
// Shanxi demo dataset written into a temporary folder (shanxiData), broken
// the way a provincial office breaks it, and checked with the real
// commands.

// TestDataFolderNotThere checks that a --data folder that does not exist,
// or a path that is a file, is input rejected (exit 3) with one error that
// names the path, for validate, ingest and run --data; it used to exit 1
// with "warehouse: read dataset folder: open …: no such file or directory".
func TestDataFolderNotThere(t *testing.T) {
	tmp := t.TempDir()
	missing := filepath.Join(tmp, "2025-12")
	file := filepath.Join(tmp, "regions.csv")
	write(t, file, []byte("region_code,name,parent_code,level\n"))
	cases := []struct {
		dir    string
		en, zh string
	}{
		{missing, missing + ": the dataset folder does not exist: check the path\n", missing + ": 数据集文件夹不存在：请检查路径\n"},
		{file, file + ": not a folder: a dataset is a folder with one file per table\n", file + ": 不是文件夹：数据集是一个文件夹，每张表一个文件\n"},
	}
	for _, c := range cases {
		for _, cmd := range [][]string{{"validate"}, {"ingest"}, {"run", "--period", "2024-12"}} {
			for _, lang := range []string{"en", "zh"} {
				wh := filepath.Join(t.TempDir(), "w.duckdb")
				args := append([]string{"--warehouse", wh, "--lang", lang}, cmd...)
				code, out, errs := run(t, append(args, "--data", c.dir)...)
				if code != exitRejected {
					t.Errorf("%s --data %s (%s): exit %d, want 3\nstdout: %s\nstderr: %s", cmd[0], c.dir, lang, code, out, errs)
					continue
				}
				want := c.en
				if lang == "zh" {
					want = c.zh
				}
				if !strings.Contains(errs, want) {
					t.Errorf("%s --data %s (%s): stderr lacks %q:\n%s", cmd[0], c.dir, lang, want, errs)
				}
			}
		}
	}
}

// TestRegionCodesEndToEnd: a city whose parent is not in regions, and a
// region code written short in regions.csv, are rejected by validate and
// ingest (exit 3) with one error each, the root cause first; the warehouse
// is left as it was.
func TestRegionCodesEndToEnd(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", testkit.Shanxi(t)); code != 0 {
		t.Fatalf("baseline ingest: exit %d\n%s", code, errs)
	}
	before := fingerprint(t, wh)
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		want   string // the one error (English), the folder dropped
	}{
		// regions.csv has 13 lines; the run used to make 630000 a second
		// province
		{"city under 630000", func(t *testing.T, d string) {
			testkit.InsertLine(t, filepath.Join(d, "regions.csv"), 14, "630100,西宁市,630000,city")
		}, `regions.csv:14:parent_code: parent "630000" is not in regions: a city row's parent must be a province in regions`},
		// 140100 is named by 1536 industry_map rows, 1 industry_priorities
		// row, 56 schools, 4284 job_postings rows and 13 education_totals
		// rows; 1401 used to be padded to 001401 and each of them was a
		// "not in regions" error
		{"1401 for 140100", func(t *testing.T, d string) {
			testkit.Replace(t, filepath.Join(d, "regions.csv"), "\n140100,太原市,140000,city\n", "\n1401,太原市,140000,city\n")
		}, `regions.csv:3:region_code: a region code (GB/T 2260) has 6 digits, never starts with 0 and is never padded; this is "1401": did you mean 140100? The 5890 rows that depend on it (industry_map 1536, industry_priorities 1, schools 56, job_postings 4284, education_totals 13) cannot be checked until it is fixed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testkit.Shanxi(t)
			tt.break_(t, dir)
			for cmd, got := range rejectedStderr(t, wh, dir) {
				if !strings.Contains(got, "input rejected: 1 error(s)") || !strings.Contains(got, tt.want+"\n") {
					t.Errorf("%s: stderr lacks one error %q:\n%s", cmd, tt.want, got)
				}
			}
			if after := fingerprint(t, wh); after != before {
				t.Errorf("the warehouse changed")
			}
		})
	}
}

// reportRows reads an error report written by validate --report: the
// first sheet of an XLSX (and its name), or a CSV.
func reportRows(t *testing.T, path string) (sheet string, rows [][]string) {
	t.Helper()
	if strings.HasSuffix(path, ".csv") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return "", rows
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet = f.GetSheetList()[0]
	rows, err = f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return sheet, rows
}

// TestErrorReportInWords: the error report of validate --report names its
// sheet, its columns and each row's rule in words, in Chinese by default
// and in English with --lang en (the rule column used to hold codes:
// enum, region_code), one row per cause: 11 cities misspelt "cty" are one
// row counting the other 10 and the rows that depend on them.
func TestErrorReportInWords(t *testing.T) {
	dir := testkit.Shanxi(t)
	b, err := os.ReadFile(filepath.Join(dir, "regions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), ",city\n"); n != 11 {
		t.Fatalf("regions.csv has %d cities, want 11", n)
	}
	write(t, filepath.Join(dir, "regions.csv"), []byte(strings.ReplaceAll(string(b), ",city\n", ",cty\n")))
	// 16896 industry_map rows and the 460 schools are in cities
	cases := []struct {
		lang, sheet string
		want        []string
	}{
		{"zh", "数据问题", []string{"级别|文件|行|列|规则|说明",
			`错误|regions.csv|3|level|取值不在允许范围|取值 "cty" 不在允许值 province/city/county（省/市/区县） 中（另有 10 行取同一值，未逐行列出）；依赖它的 17356 行（industry_map 16896, schools 460）在改正之前无法核对`}},
		{"en", "data problems", []string{"severity|file|row|column|rule|message",
			`error|regions.csv|3|level|value not allowed|value "cty" is not one of province/city/county (and 10 more rows with the same value, not listed); the 17356 rows that depend on it (industry_map 16896, schools 460) cannot be checked until it is fixed`}},
	}
	for _, c := range cases {
		for _, ext := range []string{".xlsx", ".csv"} {
			rep := filepath.Join(t.TempDir(), "问题"+ext)
			code, _, errs := run(t, "--lang", c.lang, "validate", "--data", dir, "--report", rep)
			if code != exitRejected {
				t.Fatalf("exit %d\n%s", code, errs)
			}
			sheet, rows := reportRows(t, rep)
			if ext == ".xlsx" && sheet != c.sheet {
				t.Errorf("%s %s: sheet %q, want %q", c.lang, ext, sheet, c.sheet)
			}
			var got []string
			for _, r := range rows {
				if len(r) > 1 {
					r[1] = filepath.Base(r[1])
				}
				got = append(got, strings.Join(r, "|"))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%s %s:\n%s\nwant\n%s", c.lang, ext, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		}
	}
}

// TestTemplatesFilled: datasets template writes csv/ and xlsx/ apart (a
// folder used to hold NAME.csv beside NAME.xlsx: two files per table);
// each CSV template has an example row, marked and skipped on load, that
// says whether the table is optional; the XLSX templates give the example
// on a sheet of its own and list the allowed values. Filled with the
// Shanxi demo's rows, the CSV folder loads as the demo does; and an XLSX
// template filled with Chinese allowed values (市, 中职, 公办) loads the
// same rows.
func TestTemplatesFilled(t *testing.T) {
	tpl := t.TempDir()
	if code, _, errs := run(t, "--quiet", "datasets", "template", "--out", tpl); code != 0 {
		t.Fatalf("template: exit %d\n%s", code, errs)
	}
	top, _ := os.ReadDir(tpl)
	var names []string
	for _, e := range top {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "csv xlsx" {
		t.Errorf("template folder holds %q, want csv and xlsx", names)
	}
	b, err := os.ReadFile(filepath.Join(tpl, "csv", "regions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "\uFEFF区划代码,名称,上级代码,层级\n示例（本行载入时跳过）：140100,太原市,140000,市\n"; string(b) != want {
		t.Errorf("csv/regions.csv:\n%q\nwant\n%q", b, want)
	}
	b, err = os.ReadFile(filepath.Join(tpl, "csv", "job_postings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\n示例（可选表；本行载入时跳过）：2024-01,") {
		t.Errorf("csv/job_postings.csv does not say it is optional:\n%s", b)
	}
	notes, err := os.ReadFile(filepath.Join(tpl, "csv", "说明.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"regions,行政区划,必需 required,level,层级,枚举,province/city/county 或 省/市/区县,",
		"schools,学校,必需 required,ownership,举办性质,枚举,public/private 或 公办/民办,",
		"overrides,人工调整,可选 optional"} {
		if !strings.Contains(string(notes), w) {
			t.Errorf("csv/说明.csv lacks %q", w)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(tpl, "xlsx", "schools.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), " "); got != "学校 示例 说明" {
		t.Errorf("xlsx/schools.xlsx sheets %q", got)
	}
	ex, _ := f.GetRows("示例")
	if len(ex) != 2 || strings.Join(ex[1], ",") != "14010010001,太原市第一职业中学,140100,中职,公办,1560" {
		t.Errorf("xlsx/schools.xlsx 示例 sheet: %q", ex)
	}
	dvs, _ := f.GetDataValidations("学校")
	var lists []string
	for _, dv := range dvs {
		lists = append(lists, dv.Sqref+"="+dv.Formula1)
	}
	if got := strings.Join(lists, " "); !strings.Contains(got, `D2:D1048576="中职,技工,高职,职业本科,secondary,technician,higher,bachelor"`) ||
		!strings.Contains(got, `E2:E1048576="公办,民办,public,private"`) {
		t.Errorf("xlsx/schools.xlsx drop-downs: %s", got)
	}
	f.Close()

	demo := testkit.Shanxi(t)
	wh := filepath.Join(t.TempDir(), "demo.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", demo); code != 0 {
		t.Fatalf("demo ingest: exit %d\n%s", code, errs)
	}
	want := contentPrint(t, wh)

	// csv/: the demo's rows below each template's example row; overrides
	// (optional, not in the demo) deleted
	filled := filepath.Join(tpl, "csv")
	os.Remove(filepath.Join(filled, "overrides.csv"))
	entries, _ := os.ReadDir(demo)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(demo, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		_, rows, _ := strings.Cut(string(b), "\n")
		p := filepath.Join(filled, e.Name())
		tb, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		write(t, p, append(tb, rows...))
	}
	wh = filepath.Join(t.TempDir(), "csv.duckdb")
	code, _, errs := run(t, "--warehouse", wh, "--lang", "en", "ingest", "--data", filled)
	if code != 0 {
		t.Fatalf("filled csv templates: exit %d\n%s", code, errs)
	}
	if !strings.Contains(errs, "regions.csv:2: the template's example row (its first cell starts with 示例 or example), skipped") {
		t.Errorf("no warning of the skipped example row:\n%s", errs)
	}
	if got := contentPrint(t, wh); got != want {
		t.Errorf("filled csv templates:\n%s\nwant\n%s", got, want)
	}

	// xlsx/regions.xlsx and xlsx/schools.xlsx filled in Chinese on their
	// first sheet, the other tables the demo's CSV files
	xdir := t.TempDir()
	for _, e := range entries {
		if e.Name() == "regions.csv" || e.Name() == "schools.csv" {
			continue
		}
		b, _ := os.ReadFile(filepath.Join(demo, e.Name()))
		write(t, filepath.Join(xdir, e.Name()), b)
	}
	zh := map[string]string{"province": "省", "city": "市", "secondary": "中职", "technician": "技工", "higher": "高职", "bachelor": "职业本科", "public": "公办", "private": "民办"}
	for _, tb := range []struct {
		name, sheet string
		enums       []int // the columns of allowed values
	}{{"regions", "行政区划", []int{3}}, {"schools", "学校", []int{3, 4}}} {
		f, err := excelize.OpenFile(filepath.Join(tpl, "xlsx", tb.name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(demo, tb.name+".csv"))
		rows, _ := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		for r, row := range rows[1:] {
			for c, v := range row {
				if slices.Contains(tb.enums, c) {
					v = zh[v]
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				f.SetCellStr(tb.sheet, cell, v)
			}
		}
		if err := f.SaveAs(filepath.Join(xdir, tb.name+".xlsx")); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	wh = filepath.Join(t.TempDir(), "xlsx.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", xdir); code != 0 {
		t.Fatalf("filled xlsx templates: exit %d\n%s", code, errs)
	}
	if got := contentPrint(t, wh); got != want {
		t.Errorf("filled xlsx templates:\n%s\nwant\n%s", got, want)
	}
}
