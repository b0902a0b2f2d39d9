package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// svgChart is what every chart type implements.
type svgChart interface {
	SVG() (string, error)
}

// checkWellFormed decodes the whole document with encoding/xml and checks
// that it is exactly one <svg> element in the SVG namespace.
func checkWellFormed(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element %v, want svg in the SVG namespace", tok.Name)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(tok)) > 0 {
				t.Fatalf("text outside the root element: %q", tok)
			}
		}
	}
	if roots != 1 || depth != 0 {
		t.Fatalf("%d root elements, depth %d at the end", roots, depth)
	}
}

// render draws c twice, checks that both drawings are byte-identical,
// well-formed, accessible and free of non-finite numbers, and returns the
// drawing.
func render(t *testing.T, c svgChart) string {
	t.Helper()
	a, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatal("two calls drew different SVG")
	}
	checkWellFormed(t, a)
	checkInvariants(t, a)
	return a
}

// checkInvariants checks what every drawing must have: the fixed width,
// an accessible name, the CJK font list, and no NaN, Inf or script.
func checkInvariants(t *testing.T, doc string) {
	t.Helper()
	head, _, _ := strings.Cut(doc, "\n")
	for _, want := range []string{`width="100%"`, `viewBox="0 0 720 `, `role="img"`, `aria-label="`, `font-family="'Noto Sans CJK SC',`} {
		if !strings.Contains(head, want) {
			t.Errorf("root element lacks %s: %s", want, head)
		}
	}
	if !strings.Contains(doc, "<title>") {
		t.Error("no <title>")
	}
	for _, bad := range []string{"NaN", "Inf", "<script", "<animate", "<image", "href", "@font-face", " id="} {
		if strings.Contains(doc, bad) {
			t.Errorf("drawing contains %q", bad)
		}
	}
}

// checkGolden compares doc with testdata/name.svg byte for byte, or
// rewrites the file under -update.
func checkGolden(t *testing.T, name, doc string) {
	t.Helper()
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) == doc {
		return
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(doc, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			t.Fatalf("%s differs at line %d (run go test -update if the change is intended)\nwant: %s\ngot:  %s", path, i+1, w, g)
		}
	}
}

// checkErr checks that c fails with an error matching target and
// containing text.
func checkErr(t *testing.T, c svgChart, target error, text string) {
	t.Helper()
	s, err := c.SVG()
	if err == nil {
		t.Fatalf("no error, drew %d bytes", len(s))
	}
	if s != "" {
		t.Errorf("returned SVG along with error %v", err)
	}
	if !errors.Is(err, target) {
		t.Errorf("error %q does not wrap %q", err, target)
	}
	if !strings.Contains(err.Error(), text) {
		t.Errorf("error %q lacks %q", err, text)
	}
}

// tricky is a label that must come out escaped and otherwise intact.
const (
	tricky        = "护理 & <康养>"
	trickyEscaped = "护理 &amp; &lt;康养&gt;"
)

func TestTrickyTextEscaped(t *testing.T) {
	for name, c := range map[string]svgChart{
		"line":    LineChart{Title: tricky, Series: []Series{{Name: tricky, X: []float64{1, 2}, Y: []float64{1, 2}}}, VLine: nanV()},
		"bar":     BarChart{Title: tricky, Bars: []Bar{{Label: tricky, Value: 1}}, Horizontal: true},
		"column":  BarChart{Title: tricky, Bars: []Bar{{Label: tricky, Value: 1}}},
		"stacked": StackedBar{Title: tricky, Categories: []string{tricky}, Groups: []string{tricky}, Values: [][]float64{{1}}},
		"heatmap": Heatmap{Title: tricky, Rows: []string{tricky}, Cols: []string{tricky}, Values: [][]float64{{1}}},
	} {
		t.Run(name, func(t *testing.T) {
			s := render(t, c)
			if n := strings.Count(s, trickyEscaped); n < 3 {
				t.Errorf("escaped text appears %d times, want title, aria-label and a label", n)
			}
			if strings.Contains(s, "<康养>") {
				t.Error("unescaped text in the drawing")
			}
			if !strings.Contains(s, `aria-label="`+trickyEscaped+`"`) {
				t.Error("aria-label is not the escaped title")
			}
		})
	}
}

// TestExtremeValues draws every chart type over combinations of the
// awkward float64 values. Property: no panic, and either an error or a
// well-formed drawing without NaN or Inf in it.
func TestExtremeValues(t *testing.T) {
	odd := []float64{0, math.Copysign(0, -1), 1, -1, nan, math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.MaxFloat64,
		math.SmallestNonzeroFloat64, 1e-300, 1e300, 2024, 1e9}
	check := func(t *testing.T, c svgChart) {
		t.Helper()
		s, err := c.SVG()
		if err != nil {
			return
		}
		checkWellFormed(t, s)
		checkInvariants(t, s)
	}
	for _, a := range odd {
		for _, b := range odd {
			pair := []float64{a, b}
			check(t, LineChart{Series: []Series{{X: pair, Y: []float64{b, a}, Lo: pair, Hi: []float64{b, b}}}, VLine: a})
			check(t, LineChart{XTicksInt: true, Series: []Series{{X: pair, Y: pair}}})
			for _, h := range []bool{false, true} {
				check(t, BarChart{Bars: []Bar{{Label: "a", Value: a}, {Label: "b", Value: b}}, Horizontal: h, RefLine: b})
			}
			check(t, StackedBar{Categories: []string{"a", "b"}, Groups: []string{"x", "y"}, Values: [][]float64{pair, {b, a}}, Percent: a > 0})
			check(t, Heatmap{Rows: []string{"a"}, Cols: []string{"x", "y"}, Values: [][]float64{pair}, Center: b})
		}
	}
}
