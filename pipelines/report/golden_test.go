//go:build duckdb_arrow

package report

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	reDrop   = regexp.MustCompile(`(?s)<svg.*?</svg>|<style>.*?</style>|<head>.*?</head>|<nav>.*?</nav>`)
	reBreak  = regexp.MustCompile(`(?i)</?(h[1-6]|p|li|tr|caption|div|table|ol|section)\b[^>]*>`)
	reCellEd = regexp.MustCompile(`(?i)</t[dh]>`)
	reTag    = regexp.MustCompile(`<[^>]+>`)
	reDate   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
)

// pageText is the text a reader sees on a report's page, without its
// charts: one line per heading, paragraph, list item and table row (cells
// separated by " | "), the dates of the day replaced by YYYY-MM-DD.
func pageText(page string) string {
	s := reDrop.ReplaceAllString(page, "")
	s = reCellEd.ReplaceAllString(s, " | ")
	s = reBreak.ReplaceAllString(s, "\n")
	s = html.UnescapeString(reTag.ReplaceAllString(s, ""))
	s = reDate.ReplaceAllString(s, "YYYY-MM-DD")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// TestGolden: the text of both main reports, in Chinese and English, as
// testdata/golden/NAME.LANG.txt. The figures move when the models do:
// `make golden` (go test -tags duckdb_arrow ./pipelines/report -run
// TestGolden -update) rewrites the files, and the diff is reviewed.
func TestGolden(t *testing.T) {
	_, outs := sharedReports(t)
	for _, lang := range []string{"zh", "en"} {
		for _, name := range []string{"industry_structure", "talent_demand"} {
			b, err := os.ReadFile(filepath.Join(outs[lang], name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			got := pageText(string(b))
			golden := filepath.Join("testdata", "golden", name+"."+lang+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (make golden writes it)", err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Errorf("%s differs from the report at line %d:\n  golden: %s\n  report: %s\n(make golden rewrites it; review the diff)", golden, i+1, clip(w), clip(g))
						break
					}
				}
			}
		}
	}
}
