//go:build duckdb_arrow

package report

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// The Shanxi run and its reports, made once for the tests of this file
// (the run takes most of a test's time).
var shared struct {
	once sync.Once
	w    *warehouse.Warehouse
	out  map[string]string // language -> folder of the reports
	err  error
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.w != nil {
		shared.w.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// sharedReports runs period 2025-12 on the Shanxi data once and writes
// the reports in Chinese and English.
func sharedReports(t *testing.T) (*warehouse.Warehouse, map[string]string) {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "report-test-")
		if shared.err != nil {
			return
		}
		shared.w, shared.err = runShanxiIn(shared.dir)
		if shared.err != nil {
			return
		}
		shared.out = map[string]string{}
		for _, lang := range []string{"zh", "en"} {
			out := filepath.Join(shared.dir, "reports-"+lang)
			if _, err := Build(context.Background(), shared.w, Options{Period: "2025-12", Lang: lang, Out: out}); err != nil {
				shared.err = err
				return
			}
			shared.out[lang] = out
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.w, shared.out
}

// artefact matches what a broken format or a missing value leaves in
// text: Go's %!verb(…) and (MISSING), NaN, ±Inf, <nil>.
var artefact = regexp.MustCompile(`%!|\(MISSING\)|\bNaN\b|[+-]Inf\b|\bInf\b|<nil>|\bundefined\b`)

// TestNoBrokenOutput: no output of the reports (HTML, Markdown, every
// cell of every workbook) carries a format artefact; no table shows a
// column that is empty in every row; numbers in numeric columns are
// stored as numbers in the workbooks.
func TestNoBrokenOutput(t *testing.T) {
	_, outs := sharedReports(t)
	for lang, out := range outs {
		files, _ := filepath.Glob(filepath.Join(out, "*"))
		if len(files) != 9 {
			t.Fatalf("%s: %d files, want 9", lang, len(files))
		}
		for _, f := range files {
			switch filepath.Ext(f) {
			case ".html", ".md":
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				text := string(b)
				if filepath.Ext(f) == ".html" {
					text = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(text, "")
				}
				for _, line := range strings.Split(text, "\n") {
					if m := artefact.FindString(line); m != "" {
						t.Errorf("%s: %q in %q", f, m, clip(line))
					}
				}
				if filepath.Ext(f) == ".html" {
					checkEmptyColumns(t, f, string(b))
				}
			case ".xlsx":
				checkWorkbook(t, f)
			}
		}
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

var (
	reTable = regexp.MustCompile(`(?s)<table>.*?</table>`)
	reRow   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	reCell  = regexp.MustCompile(`(?s)<t[dh][^>]*>(.*?)</t[dh]>`)
	reCap   = regexp.MustCompile(`(?s)<caption>(.*?)</caption>`)
)

// htmlTables returns each table of a page as its caption and rows of
// cells (the header row first).
func htmlTables(page string) (caps []string, tables [][][]string) {
	for _, tb := range reTable.FindAllString(page, -1) {
		c := ""
		if m := reCap.FindStringSubmatch(tb); m != nil {
			c = m[1]
		}
		var rows [][]string
		for _, r := range reRow.FindAllStringSubmatch(tb, -1) {
			var cells []string
			for _, m := range reCell.FindAllStringSubmatch(r[1], -1) {
				cells = append(cells, strings.TrimSpace(m[1]))
			}
			rows = append(rows, cells)
		}
		caps, tables = append(caps, c), append(tables, rows)
	}
	return caps, tables
}

// checkEmptyColumns: every column of every HTML table has a value in at
// least one row.
func checkEmptyColumns(t *testing.T, file, page string) {
	t.Helper()
	caps, tables := htmlTables(page)
	for k, rows := range tables {
		if len(rows) < 2 {
			continue
		}
		for j, head := range rows[0] {
			filled := false
			for _, r := range rows[1:] {
				if j < len(r) && r[j] != "" {
					filled = true
					break
				}
			}
			if !filled {
				t.Errorf("%s: table %q: column %q is empty in all %d rows", file, caps[k], head, len(rows)-1)
			}
		}
	}
}

// checkWorkbook: no cell carries an artefact; no column is empty in
// every row; a cell that reads as a number is stored as one, except in
// the columns of codes and years (text by design).
func checkWorkbook(t *testing.T, file string) {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	codeCol := regexp.MustCompile(`代码|code|年份|year|基期|末期|base year|end year|^\d{4}$`)
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 {
			continue
		}
		head := rows[0]
		filled := make([]bool, len(head))
		for i, r := range rows[1:] {
			for j, v := range r {
				if m := artefact.FindString(v); m != "" {
					t.Errorf("%s!%s row %d: %q in %q", file, sheet, i+2, m, v)
				}
				if v != "" && j < len(filled) {
					filled[j] = true
				}
				if v == "" || j >= len(head) || codeCol.MatchString(head[j]) {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				typ, _ := f.GetCellType(sheet, cell)
				raw := strings.ReplaceAll(strings.TrimSuffix(v, "%"), ",", "")
				if _, err := strconv.ParseFloat(raw, 64); err == nil && (typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString) {
					t.Errorf("%s!%s %s (%s): the number %q is stored as text", file, sheet, cell, head[j], v)
				}
			}
		}
		for j, ok := range filled {
			if !ok {
				t.Errorf("%s!%s: column %q is empty in all %d rows", file, sheet, head[j], len(rows)-1)
			}
		}
	}
}

// TestLatestYearShown: a table over years shows its latest year in HTML
// and Markdown, however many rows it has (the old cut at 40 rows hid
// 2024 and 2025 of the sector table).
func TestLatestYearShown(t *testing.T) {
	w, _ := sharedReports(t)
	for _, lang := range []string{"zh", "en"} {
		reports := buildAll(t, w, lang)
		tx := texts(lang)
		for _, r := range reports {
			for _, s := range r.Sections {
				for _, tb := range s.Tables {
					if tb.WorkbookOnly {
						continue
					}
					for j, c := range tb.Columns {
						if c != tx["c_year"] && c != tx["c_base_year"] {
							continue
						}
						latest, shown := math.Inf(-1), math.Inf(-1)
						for i, row := range tb.Rows {
							y := num(row[j])
							if s, ok := row[j].(string); ok {
								y, _ = strconv.ParseFloat(s, 64)
							}
							latest = math.Max(latest, y)
							if i < tb.shown() {
								shown = math.Max(shown, y)
							}
						}
						if shown != latest {
							t.Errorf("%s %s: table %q shows up to %v of %d rows, the latest year %v is cut", lang, r.Name, tb.Title, shown, len(tb.Rows), latest)
						}
					}
				}
			}
		}
	}
}

// buildAll builds the three reports in memory.
func buildAll(t *testing.T, w *warehouse.Warehouse, lang string) []*Report {
	t.Helper()
	d := &data{ctx: context.Background(), w: w, db: w.DB, run: "2025-12-r1", t: texts(lang), lang: lang}
	if err := d.meta(); err != nil {
		t.Fatal(err)
	}
	var out []*Report
	for _, b := range []func() (*Report, error){d.structureReport, d.demandReport, d.targetsReport} {
		r, err := b()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// TestRedEntriesInReports: every red entry of the run's warning list is
// a row of a table in both main reports, naming its program and its
// school (school scope) or city (city scope) by name; the yellow count
// is given by scope.
func TestRedEntriesInReports(t *testing.T) {
	w, outs := sharedReports(t)
	rows, err := w.DB.Query(`SELECT w.scope, w.program_code, w.program_name, coalesce(s.name, ''), coalesce(c.name, '')
		FROM results.warnings w LEFT JOIN schools s USING (school_code) LEFT JOIN regions c ON c.region_code = coalesce(w.city_code, w.region_code)
		WHERE w.run_id = '2025-12-r1' AND w.signal = 'red'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type red struct{ scope, code, program, school, city string }
	var reds []red
	for rows.Next() {
		var r red
		if err := rows.Scan(&r.scope, &r.code, &r.program, &r.school, &r.city); err != nil {
			t.Fatal(err)
		}
		reds = append(reds, r)
	}
	if len(reds) == 0 {
		t.Fatal("the Shanxi run has no red entry: the test would prove nothing")
	}
	var yellow [3]int
	if err := w.DB.QueryRow(`SELECT count(*) FILTER (scope = 'province'), count(*) FILTER (scope = 'city'), count(*) FILTER (scope = 'school')
		FROM results.warnings WHERE run_id = '2025-12-r1' AND signal = 'yellow'`).Scan(&yellow[0], &yellow[1], &yellow[2]); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"talent_demand", "industry_structure"} {
		b, err := os.ReadFile(filepath.Join(outs["zh"], name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		var trs []string
		for _, m := range reRow.FindAllStringSubmatch(string(b), -1) {
			trs = append(trs, m[1])
		}
		// each red entry is its own row: count the rows that match, with multiplicity
		used := make([]bool, len(trs))
		for _, r := range reds {
			where := r.city
			if r.scope == "school" {
				where = r.school
			}
			found := false
			for i, tr := range trs {
				if !used[i] && strings.Contains(tr, ">"+r.code+"<") && strings.Contains(tr, ">"+r.program+"<") && strings.Contains(tr, ">"+where+"<") {
					used[i], found = true, true
					break
				}
			}
			if !found {
				t.Errorf("%s: red entry %s %s %s (%s) is not a row of the report", name, r.scope, r.code, r.program, where)
			}
		}
		n := yellow[0] + yellow[1] + yellow[2]
		want := fmt.Sprintf("黄色预警共%s条：省级%s条、市级%s条、学校%s条", formatCell(float64(n), "int"), formatCell(float64(yellow[0]), "int"),
			formatCell(float64(yellow[1]), "int"), formatCell(float64(yellow[2]), "int"))
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s: no %q", name, want)
		}
	}
}

var reCJK = `\p{Han}`

// TestOfficialStructure: each main report opens with the one-page
// summary (five findings, the decisions asked for), then 基本情况,
// 主要问题, 对策建议, and ends with the colophon; developer references
// appear only in the colophon; Chinese text has no space next to a Han
// character and no half-width parenthesis; English titles are English.
func TestOfficialStructure(t *testing.T) {
	_, outs := sharedReports(t)
	h2 := regexp.MustCompile(`<h2>(.*?)</h2>`)
	for lang, out := range outs {
		tx := texts(lang)
		for _, name := range []string{"talent_demand", "industry_structure"} {
			b, err := os.ReadFile(filepath.Join(out, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			page := string(b)
			var heads []string
			for _, m := range h2.FindAllStringSubmatch(page, -1) {
				heads = append(heads, m[1])
			}
			want := []string{tx["part_summary"], numeral(1, lang, false) + tx["part_basic"], numeral(2, lang, false) + tx["part_problems"],
				numeral(3, lang, false) + tx["part_measures"], tx["part_colophon"]}
			if strings.Join(heads, "|") != strings.Join(want, "|") {
				t.Errorf("%s %s: parts %q, want %q", lang, name, heads, want)
			}
			sum := page[strings.Index(page, `id="p-summary"`):strings.Index(page, `id="p-basic"`)]
			if n := strings.Count(sum, "<li>"); n < 6 || !strings.Contains(sum, tx["decisions"]) {
				t.Errorf("%s %s: the summary has %d items (want 5 findings and decisions) or no %q", lang, name, n, tx["decisions"])
			}
			colophon := strings.Index(page, `id="p-colophon"`)
			for _, dev := range []string{"docs/models.md", "warnings.xlsx", ".xlsx", "2025-12-r1", "results.", "vocmap"} {
				if i := strings.Index(page, dev); i >= 0 && i < colophon {
					t.Errorf("%s %s: %q in the body, before the colophon: %q", lang, name, dev, clip(page[max(0, i-80):i+20]))
				}
			}
			body := regexp.MustCompile(`(?s)<svg.*?</svg>|<style>.*?</style>`).ReplaceAllString(page, "")
			text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(body, "\n")
			if lang == "zh" {
				for _, re := range []string{reCJK + ` +\S`, `\S +` + reCJK, reCJK + `[(),:;]`, `[(),:;]` + reCJK} {
					for _, m := range regexp.MustCompile(re).FindAllString(text, 5) {
						t.Errorf("zh %s: stray space or half-width punctuation: %q", name, m)
					}
				}
			} else {
				title := regexp.MustCompile(`<h1>(.*?)</h1>`).FindStringSubmatch(page)[1]
				if !strings.HasPrefix(title, "Shanxi Province: ") {
					t.Errorf("en %s: title %q", name, title)
				}
				for _, h := range heads {
					if regexp.MustCompile(reCJK).MatchString(h) {
						t.Errorf("en %s: part heading %q is not English", name, h)
					}
				}
			}
		}
	}
}

// TestTargetsPageStyle: the targets page's Chinese has no stray space or
// half-width punctuation next to a Han character either.
func TestTargetsPageStyle(t *testing.T) {
	_, outs := sharedReports(t)
	b, err := os.ReadFile(filepath.Join(outs["zh"], "policy_targets.html"))
	if err != nil {
		t.Fatal(err)
	}
	body := regexp.MustCompile(`(?s)<svg.*?</svg>|<style>.*?</style>`).ReplaceAllString(string(b), "")
	text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(body, "\n")
	for _, re := range []string{reCJK + ` +\S`, `\S +` + reCJK, reCJK + `[(),:;]`, `[(),:;]` + reCJK} {
		for _, m := range regexp.MustCompile(re).FindAllString(text, 5) {
			t.Errorf("policy_targets: stray space or half-width punctuation: %q", m)
		}
	}
}

// TestForecastIsTheRuns: the report's forecasts are the run's stored
// forecasts (results.demand), the numbers of employment_forecast.csv: the
// talent-demand workbook's horizon-year employment and bounds of every
// industry equal results.demand's for the province.
func TestForecastIsTheRuns(t *testing.T) {
	w, outs := sharedReports(t)
	q, err := w.DB.Query(`SELECT industry_code, employment, lo80, hi80 FROM results.demand
		WHERE run_id = '2025-12-r1' AND region_code = '140000' AND year = 2035`)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	want := map[string][3]float64{}
	for q.Next() {
		var c string
		var v [3]float64
		if err := q.Scan(&c, &v[0], &v[1], &v[2]); err != nil {
			t.Fatal(err)
		}
		want[c] = v
	}
	f, err := excelize.OpenFile(filepath.Join(outs["zh"], "talent_demand.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheetName(texts("zh")["sheet_demand"]), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != len(want) || len(want) == 0 {
		t.Fatalf("%d industries in the workbook, %d in results.demand", len(rows)-1, len(want))
	}
	for _, r := range rows[1:] {
		v, ok := want[r[0]]
		if !ok {
			t.Errorf("%s: not in results.demand", r[0])
			continue
		}
		for k, c := range []int{3, 4, 5} {
			if got := parse(r[c]); math.Abs(got-v[k]) > 1e-6*math.Abs(v[k]) {
				t.Errorf("%s column %d: %v in the report, %v in results.demand", r[0], c, got, v[k])
			}
		}
	}
}

// TestHelpers: the text helpers on hand-picked cases.
func TestHelpers(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0.5973, "0.59"}, // E47 higher: in the shortage band (< 0.60), not "0.60"
		{0.6, "0.60"},    // 0.6 is stored as 0.59999…: still 0.60
		{1.4999, "1.49"},
		{1.5, "1.50"},
		{36.048, "36.04"},
	} {
		if got := formatCell(c.x, "ratio"); got != c.want {
			t.Errorf("ratio %v = %q, want %q", c.x, got, c.want)
		}
	}
	for _, c := range []struct {
		x        float64
		lang     string
		want     string
		whyWrite string
	}{
		{5651000, "zh", "565.1万", "5,651,000 / 10,000 = 565.1"},
		{15320000, "zh", "1,532.0万", "grouped: 1532.0 -> 1,532.0"},
		{93295, "zh", "93,295", "below 100,000: grouped digits"},
		{15786097, "en", "15.79 million", "15,786,097 / 1e6 = 15.786 -> 15.79"},
		{math.NaN(), "zh", "—", "missing"},
	} {
		if got := count(c.x, c.lang); got != c.want {
			t.Errorf("count(%v, %s) = %q, want %q (%s)", c.x, c.lang, got, c.want, c.whyWrite)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"Vocational share of upper-secondary intake (roughly equal)", "Vocational share of upper"},
		{"Average enrollment of secondary vocational schools (≥ 1,300 per city)", "Average enrollment of secondary"},
		{"职普比：中职招生占高中阶段招生比重（职普大体相当）", "职普比-中职招生占高中阶段招生比重（职普大体相当）"},          // 25 characters: kept whole
		{"职业本科招生占高职招生比重这一目标的各市与全省逐年数值（按年份）", "职业本科招生占高职招生比重这一目标的各市与全省逐年数值"}, // 34: cut before its bracket
		{"分行业岗位与预测", "分行业岗位与预测"},
	} {
		if got := sheetName(c.in); got != c.want || len([]rune(got)) > 31 {
			t.Errorf("sheetName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		n    int
		sub  bool
		want string
	}{{1, false, "一、"}, {3, true, "（三）"}, {10, true, "（十）"}, {11, false, "十一、"}, {23, true, "（二十三）"}} {
		if got := numeral(c.n, "zh", c.sub); got != c.want {
			t.Errorf("numeral(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	if got, want := zhPunct("预测供给超过需求(供需比≥1.5); 对口行业 下降"), "预测供给超过需求（供需比≥1.5）；对口行业下降"; got != want {
		t.Errorf("zhPunct = %q, want %q", got, want)
	}
	if got := signedCount(-53089); got != "−53,089" {
		t.Errorf("signedCount = %q", got)
	}
}

// TestYearOnYearAgainstPreviousRun: with a run of 2025-11 before 2025-12,
// the reports compare with it (not with the previous data year): the
// warning list's counts then and now, as the two runs stored them.
func TestYearOnYearAgainstPreviousRun(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs")
	}
	ctx := context.Background()
	dir := t.TempDir()
	w, err := runShanxiIn(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// A run of the period before, on the same snapshot: its list is the
	// same as 2025-12's, so no entry changes signal.
	prev := *shanxiOptions()
	prev.Period = "2025-11"
	if _, err := job.Run(ctx, w, prev); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Build(ctx, w, Options{Period: "2025-12", Lang: "zh", Out: out}); err != nil {
		t.Fatal(err)
	}
	var before, now [3]int
	for _, x := range []struct {
		period string
		n      *[3]int
	}{{"2025-11", &before}, {"2025-12", &now}} {
		if err := w.DB.QueryRow(`SELECT count(*) FILTER (signal = 'red'), count(*) FILTER (signal = 'yellow'), count(*) FILTER (signal = 'green')
			FROM results.warnings WHERE run_id = (SELECT max(run_id) FROM meta.runs WHERE period = ?)`, x.period).Scan(&x.n[0], &x.n[1], &x.n[2]); err != nil {
			t.Fatal(err)
		}
	}
	g := func(n int) string { return formatCell(float64(n), "int") }
	for _, name := range []string{"talent_demand", "industry_structure"} {
		b, err := os.ReadFile(filepath.Join(out, name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"与上期（2025-11）相比",
			fmt.Sprintf("红色预警由%s条变为%s条，黄色由%s条变为%s条，绿色由%s条变为%s条；", g(before[0]), g(now[0]), g(before[1]), g(now[1]), g(before[2]), g(now[2])),
		} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("%s: no %q", name, want)
			}
		}
		if bytes.Contains(b, []byte("本期是第一期")) {
			t.Errorf("%s: says it is the first period", name)
		}
	}
}
