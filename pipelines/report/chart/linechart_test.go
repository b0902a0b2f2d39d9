package chart

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

var nan = math.NaN()

// forecastChart is the report's main use: employment history, a dashed
// forecast inside its 80% band, and the 95% band as a band-only series.
func forecastChart() LineChart {
	years := func(from, to int) []float64 {
		var xs []float64
		for y := from; y <= to; y++ {
			xs = append(xs, float64(y))
		}
		return xs
	}
	hist := []float64{10250, 10480, 10730, 10910, 11240, 11460, 11320, 11690, 11980, 12210, 12430}
	fc := []float64{12430, 12650, 12860, 13050, 13230, 13400}
	lo80 := []float64{12430, 12310, 12260, 12230, 12210, 12190}
	hi80 := []float64{12430, 12990, 13460, 13870, 14250, 14610}
	lo95 := []float64{12430, 12130, 11940, 11800, 11670, 11550}
	hi95 := []float64{12430, 13170, 13780, 14300, 14790, 15250}
	return LineChart{
		Title:  "太原市护理 & <康养> 从业人员：历史与预测",
		XLabel: "年份",
		YLabel: "从业人员（人）",
		Series: []Series{
			{Name: "历史", X: years(2014, 2024), Y: hist},
			{Name: "预测（80% 区间）", X: years(2024, 2029), Y: fc, Lo: lo80, Hi: hi80, Dashed: true, Color: okabeVermillion},
			{Name: "95% 区间", X: years(2024, 2029), Lo: lo95, Hi: hi95, Color: okabeVermillion},
		},
		XTicksInt: true,
		VLine:     2024,
	}
}

func TestLineChartGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart LineChart
		want  []string // substrings the drawing must contain
	}{
		{"line_forecast", forecastChart(), []string{
			trickyEscaped, ">历史<", ">预测（80% 区间）<", ">95% 区间<", ">2024<", ">12,000<",
			`stroke-dasharray="6 4"`, `fill-opacity="0.2"`, `stroke-dasharray="4 3"`,
		}},
		{"line_single_point", LineChart{Title: "单点", Series: []Series{{Name: "2024", X: []float64{2024}, Y: []float64{5}}}, XTicksInt: true}, []string{
			"<circle", ">2023<", ">2025<",
		}},
		{"line_equal", LineChart{Title: "不变", Series: []Series{{Name: "持平", X: []float64{1, 2, 3, 4}, Y: []float64{7, 7, 7, 7}}}}, []string{
			">7.0<",
		}},
		{"line_gaps", LineChart{Title: "缺失年份", XTicksInt: true, Series: []Series{
			{Name: "断开", X: []float64{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022}, Y: []float64{3, 4, nan, 5, nan, 6, 7, math.Inf(1)}},
			{Name: "区间", X: []float64{2015, 2016, 2017, 2018, 2019}, Y: []float64{2, 2.5, 3, 3.5, 4},
				Lo: []float64{1, nan, 2, 2.5, 3}, Hi: []float64{3, nan, 4, 4.5, 5}, Dashed: true},
		}}, []string{"<circle"}},
		{"line_huge", LineChart{Title: "十亿级", Series: []Series{{Name: "大数", X: []float64{0, 1, 2}, Y: []float64{1e8, 5e8, 1.1e9}}}}, []string{
			">1,000,000,000<", ">1,200,000,000<",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := render(t, tc.chart)
			for _, want := range tc.want {
				if !strings.Contains(s, want) {
					t.Errorf("drawing lacks %q", want)
				}
			}
			checkGolden(t, tc.name, s)
		})
	}
}

// TestLineChartGapsBreakLines checks that a NaN point ends a subpath: the
// gappy series is drawn as two subpaths and one dot.
func TestLineChartGapsBreakLines(t *testing.T) {
	c := LineChart{Series: []Series{{X: []float64{1, 2, 3, 4, 5, 6}, Y: []float64{1, 2, nan, 3, nan, 4}}}}
	s := render(t, c)
	var d string
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line, `stroke-width="2"`) && strings.HasPrefix(line, "<path") {
			d = line
		}
	}
	if n := strings.Count(d, "M"); n != 1 {
		t.Errorf("line path has %d subpaths, want 1 (points 1-2): %s", n, d)
	}
	if n := strings.Count(s, "<circle"); n != 2 {
		t.Errorf("%d dots, want 2 (the lone points 4 and 6)", n)
	}
}

func TestLineChartErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chart  LineChart
		target error
		text   string
	}{
		{"no series", LineChart{}, ErrNoData, "no data"},
		{"empty series", LineChart{Series: []Series{{Name: "空"}}}, ErrNoData, "no finite point"},
		{"all NaN", LineChart{Series: []Series{{X: []float64{1, 2}, Y: []float64{nan, nan}}}}, ErrNoData, "no finite point"},
		{"x and y", LineChart{Series: []Series{{Name: "甲", X: []float64{1, 2, 3}, Y: []float64{1, 2}}}}, ErrShape, `series 0 "甲": 3 x values, 2 y values`},
		{"band", LineChart{Series: []Series{{X: []float64{1, 2}, Y: []float64{1, 2}, Lo: []float64{0, 1}}}}, ErrShape, "2 lo, 0 hi"},
		{"band only", LineChart{Series: []Series{{X: []float64{1, 2}, Lo: []float64{0}, Hi: []float64{1, 2}}}}, ErrShape, "1 lo, 2 hi"},
		{"colour", LineChart{Series: []Series{{X: []float64{1}, Y: []float64{1}, Color: `red"/><script>`}}}, ErrValue, "colour"},
		{"all reported", LineChart{Series: []Series{
			{Name: "a", X: []float64{1}, Y: []float64{}},
			{Name: "b", X: []float64{1}, Y: []float64{1, 2}},
		}}, ErrShape, `series 1 "b"`},
	} {
		t.Run(tc.name, func(t *testing.T) { checkErr(t, tc.chart, tc.target, tc.text) })
	}
}

// TestLineChartVLine checks the marker line: drawn for a year, not for
// NaN or the zero value, and the axis widens to include it.
func TestLineChartVLine(t *testing.T) {
	base := LineChart{XTicksInt: true, Series: []Series{{X: []float64{2020, 2021, 2022}, Y: []float64{1, 2, 3}}}}
	for _, tc := range []struct {
		vline float64
		want  bool
	}{{2021, true}, {nan, false}, {0, false}, {math.Inf(1), false}, {2030, true}} {
		c := base
		c.VLine = tc.vline
		s := render(t, c)
		if got := strings.Contains(s, `stroke-dasharray="4 3"`); got != tc.want {
			t.Errorf("VLine %v: line drawn %v, want %v", tc.vline, got, tc.want)
		}
		if tc.vline == 2030 && !strings.Contains(s, ">2030<") {
			t.Error("axis not widened to VLine 2030")
		}
	}
}

// FuzzLineChart builds a chart from arbitrary bytes (every float64 bit
// pattern, including NaN, ±Inf, subnormals and ±MaxFloat64) and text.
// Property: no panic; on success the drawing is well-formed, deterministic
// and free of non-finite numbers; on failure the error says why.
func FuzzLineChart(f *testing.F) {
	f.Add([]byte{0x13, 2, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40}, "就业 & <预测>")
	f.Add([]byte{0xff, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0x7f, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f}, "\xff\x00")
	f.Add(make([]byte, 64), "")
	f.Fuzz(func(t *testing.T, data []byte, title string) {
		if len(data) < 2 {
			return
		}
		flags, nSeries := data[0], int(data[1]%4)+1
		var vals []float64
		for b := data[2:]; len(b) >= 8; b = b[8:] {
			vals = append(vals, math.Float64frombits(binary.LittleEndian.Uint64(b)))
		}
		take := func(n int) []float64 {
			if n > len(vals) {
				n = len(vals)
			}
			out := vals[:n:n]
			vals = vals[n:]
			return out
		}
		c := LineChart{Title: title, XLabel: title, YLabel: title, XTicksInt: flags&1 != 0, VLine: nan}
		if flags&2 != 0 && len(vals) > 0 {
			c.VLine = take(1)[0]
		}
		for i := 0; i < nSeries; i++ {
			n := len(vals) / (nSeries - i) / 4
			if flags&4 != 0 {
				n = len(vals) / (nSeries - i) / 2 // mismatched lengths below
			}
			s := Series{Name: title, X: take(n), Y: take(n), Dashed: flags&8 != 0}
			if flags&16 != 0 {
				s.Lo, s.Hi = take(n), take(n)
			}
			if flags&32 != 0 && i == 0 {
				s.Y = nil
			}
			c.Series = append(c.Series, s)
		}
		s, err := c.SVG()
		if err != nil {
			if s != "" || err.Error() == "" {
				t.Fatalf("error %v with output %q", err, s)
			}
			return
		}
		checkWellFormed(t, s)
		checkInvariants(t, s)
		if again, _ := c.SVG(); again != s {
			t.Fatal("not deterministic")
		}
		if !utf8.ValidString(s) {
			t.Fatal("invalid UTF-8 in the drawing")
		}
	})
}
