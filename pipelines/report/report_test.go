//go:build duckdb_arrow

package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// runShanxi ingests the Shanxi dataset (without the files in drop) and
// runs period 2025-12.
func runShanxi(t *testing.T, drop ...string) *warehouse.Warehouse {
	t.Helper()
	w, err := runShanxiIn(t.TempDir(), drop...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// shanxiOptions are the options of the tests' run of period 2025-12.
func shanxiOptions() *job.Options {
	preset, _ := rules.Lookup("ministry")
	return &job.Options{Period: "2025-12", Horizon: 2035, DemandMethod: forecast.Auto, IntakeMethod: forecast.Naive,
		Draws: 50, Seed: 1, ReplacementRate: map[string]float64{"default": 0.03},
		VocationalShare:   map[string]map[string]float64{"default": {"secondary": 0.15, "higher": 0.15, "bachelor": 0.02}},
		DefaultCompletion: 0.9, DefaultFurtherStudy: 0.3, DefaultStay: 1, MinWeight: 0.2, Preset: preset, Presets: rules.Presets()}
}

// runShanxiIn is runShanxi in dir; the caller closes the warehouse.
func runShanxiIn(dir string, drop ...string) (*warehouse.Warehouse, error) {
	ctx := context.Background()
	data := filepath.Join(dir, "data")
	if _, err := shanxi.WriteTo(data); err != nil {
		return nil, err
	}
	for _, f := range drop {
		os.Remove(filepath.Join(data, f))
	}
	w, err := warehouse.Open(ctx, filepath.Join(dir, "w.duckdb"), warehouse.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := w.Ingest(ctx, data, warehouse.LoadOptions{}); err != nil {
		w.Close()
		return nil, err
	}
	if _, err = job.Run(ctx, w, *shanxiOptions()); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

func TestReports(t *testing.T) {
	_, outs := sharedReports(t)
	for _, lang := range []string{"zh", "en"} {
		out := outs[lang]
		if files, _ := filepath.Glob(filepath.Join(out, "*")); len(files) != 9 {
			t.Fatalf("%s: %d files, want 9: %v", lang, len(files), files)
		}
		for _, name := range []string{"industry_structure", "talent_demand", "policy_targets"} {
			html, err := os.ReadFile(filepath.Join(out, name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			checkOffline(t, name, html)
			checkSVG(t, name, html)
			if lang == "en" && !bytes.Contains(html, []byte(`lang="en"`)) {
				t.Errorf("%s: English report without lang=en", name)
			}
			if lang == "zh" && !bytes.Contains(html, []byte("图表")) && !bytes.Contains(html, []byte("本报告")) {
				t.Errorf("%s: Chinese report without Chinese text", name)
			}
			// the Shanxi data run to 2025: the reader sees how recent they are
			if asOf := map[string]string{"zh": "数据截至2025年", "en": "data as of 2025 "}[lang]; !bytes.Contains(html, []byte(asOf)) {
				t.Errorf("%s (%s): no %q line", name, lang, asOf)
			}
		}
	}
}

// checkOffline: a report loads nothing: no src or href to the network, no
// script, no @import.
func checkOffline(t *testing.T, name string, html []byte) {
	t.Helper()
	for _, re := range []string{`(?i)(src|href)\s*=\s*"(https?:)?//`, `(?i)<script`, `(?i)@import`, `(?i)url\(\s*['"]?https?:`} {
		if m := regexp.MustCompile(re).Find(html); m != nil {
			t.Errorf("%s: loads from the network or runs script: %q", name, m)
		}
	}
}

// checkSVG: every chart is well-formed XML.
func checkSVG(t *testing.T, name string, html []byte) {
	t.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAll(html, -1) {
		n++
		d := xml.NewDecoder(bytes.NewReader(m))
		for {
			if _, err := d.Token(); err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: chart %d is not well-formed: %v", name, n, err)
				}
				break
			}
		}
	}
	if n == 0 {
		t.Errorf("%s: no chart", name)
	}
}

// TestTargetsByHand: the policy-targets workbook holds the figures
// computed here from the tables: the 2025 vocational-bachelor intake as a
// share of higher-vocational intake, and the vocational share of
// upper-secondary intake.
func TestTargetsByHand(t *testing.T) {
	w, outs := sharedReports(t)
	out := outs["zh"]
	var bachelor, higher, voc, general float64
	err := w.DB.QueryRow(`SELECT sum(e.intake) FILTER (p.level = 'bachelor'), sum(e.intake) FILTER (p.level = 'higher'),
			sum(e.intake) FILTER (p.level = 'secondary')
		FROM enrollments e JOIN programs p USING (program_code) WHERE e.year = 2025`).Scan(&bachelor, &higher, &voc)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.DB.QueryRow(`SELECT general_upper_secondary_intake FROM education_totals WHERE year = 2025 AND region_code = '140000'`).Scan(&general); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "policy_targets.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]float64{
		"职业本科招生占比": bachelor / higher,
		"职普比":      voc / (voc + general),
	}
	for sheet, w := range want {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		found := false
		for _, r := range rows[1:] {
			if r[0] == "2025" && r[1] == "140000" {
				found = true
				if got := parse(r[3]); math.Abs(got-w) > 1e-9 {
					t.Errorf("%s 2025 province = %v, want %v", sheet, got, w)
				}
			}
		}
		if !found {
			t.Errorf("%s: no 2025 province row", sheet)
		}
	}
	// Golden: the Markdown of the targets page, without the line that
	// names the date.
	md, err := os.ReadFile(filepath.Join(out, "policy_targets.md"))
	if err != nil {
		t.Fatal(err)
	}
	md = regexp.MustCompile(`(?m)^期次 .*$`).ReplaceAll(md, []byte("期次 …"))
	golden := filepath.Join("testdata", "policy_targets.md")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(golden, md, 0o644)
	}
	want2, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(md, want2) {
		t.Errorf("policy_targets.md differs from %s (go test -tags duckdb_arrow ./pipelines/report/ -update rewrites it)", golden)
	}
}

func parse(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return x
}

// TestMissingOptionalInputs: without job postings, general intake and
// priorities the reports still render and say so in place.
func TestMissingOptionalInputs(t *testing.T) {
	w := runShanxi(t, "job_postings.csv", "education_totals.csv", "industry_priorities.csv", "program_lists.csv")
	out := t.TempDir()
	if _, err := Build(context.Background(), w, Options{Period: "2025-12", Lang: "en", Out: out}); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"talent_demand.md":      "no job_postings",
		"policy_targets.md":     "no education_totals",
		"industry_structure.md": "no industry_priorities",
	} {
		b, err := os.ReadFile(filepath.Join(out, file))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s does not say %q (%v)", file, want, err)
		}
	}
}

// TestMarkdownEscape: names from the data show as written in the Markdown
// reports and run nothing: HTML as entities, no code span or link, no
// line break, and in a table cell no | that splits the row.
func TestMarkdownEscape(t *testing.T) {
	for _, tc := range []struct{ in, text, cell string }{
		{"护理", "护理", "护理"},
		{"<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;", "&lt;svg onload=alert(1)&gt;"},
		{"A&B", "A&amp;B", "A&amp;B"},
		{"=1+2+cmd|calc", "=1+2+cmd|calc", `=1+2+cmd\|calc`},
		{`a\|b`, `a\\|b`, `a\\\|b`},
		{"[x](javascript:alert(1))", `\[x\](javascript:alert(1))`, `\[x\](javascript:alert(1))`},
		{"`code`", "\\`code\\`", "\\`code\\`"},
		{"line\n# heading\r\n| x |", "line # heading | x |", `line # heading \| x \|`},
	} {
		if got := mdText(tc.in); got != tc.text {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := mdCell(tc.in); got != tc.cell {
			t.Errorf("mdCell(%q) = %q, want %q", tc.in, got, tc.cell)
		}
	}
}
