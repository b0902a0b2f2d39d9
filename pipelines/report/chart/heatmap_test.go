package chart

import (
	"math"
	"strings"
	"testing"
)

// lqHeatmap holds location quotients of employment, city × industry.
func lqHeatmap() Heatmap {
	return Heatmap{
		Title: "区位熵：城市 × 行业（" + tricky + "）",
		Rows:  []string{"太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市"},
		Cols:  []string{"采矿业", "制造业", "建筑业", "批发和零售业", "交通运输", "信息技术服务", tricky, "教育"},
		Values: [][]float64{
			{0.42, 1.18, 1.05, 1.31, 1.12, 2.46, 1.22, 1.08},
			{1.35, 0.88, 0.97, 0.91, 1.20, 0.64, 0.93, 1.02},
			{2.10, 0.74, 0.81, 0.85, 0.95, 0.48, 0.87, 0.99},
			{1.88, 1.02, 0.92, 0.79, 0.90, 0.52, 0.95, 0.96},
			{2.31, 0.96, 0.88, 0.76, 0.86, 0.41, 0.90, 0.94},
			{2.64, 0.69, 0.85, 0.72, 1.05, 0.38, nan, 0.91},
			{0.95, 1.21, 1.10, 1.02, 1.01, 0.73, 1.05, 1.10},
			{0.37, 1.07, 1.15, 1.14, 0.99, 0.66, 1.12, 1.13},
			{1.42, 0.83, 1.08, 0.87, 0.93, 0.45, 0.98, 1.05},
			{1.51, 0.92, 0.99, 0.93, 0.97, 0.55, 1.01, 1.01},
			{2.02, 0.79, 0.94, 0.81, 0.94, 0.43, math.Inf(1), 0.97},
		},
		Center: 1,
	}
}

func TestHeatmapGolden(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart Heatmap
		want  []string
	}{
		{"heatmap_lq", lqHeatmap(), []string{
			trickyEscaped, ">太原市<", ">2.46<", ">无数据<", missingColor,
			"<title>太原市 × 信息技术服务：2.46</title>", okabeOrange, okabeBlue,
		}},
		{"heatmap_equal", Heatmap{Title: "相同", Rows: []string{"甲", "乙"}, Cols: []string{"一", "二"}, Values: [][]float64{{1, 1}, {1, 1}}, Center: 1, Format: "%.1f"}, []string{
			">1.0<", `fill="#FFFFFF"><title>甲 × 一`,
		}},
		{"heatmap_wide", Heatmap{Title: "长列名", Rows: []string{"甲"},
			Cols:   []string{"农、林、牧、渔业", "电力、热力、燃气及水生产和供应业", "信息传输、软件和信息技术服务业", "租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织"},
			Values: [][]float64{{-0.2, 0.1, 0.3, 0, -0.05, 0.12, 0.4, -0.3, 0.2, 0.01}}, Format: "%+.2f"}, []string{"rotate(-45)", "<title>电力、热力、燃气及水生产和供应业</title>"}},
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

// TestHeatmapScale checks the two-slope diverging colours: each side of
// Center is scaled to its own extreme.
func TestHeatmapScale(t *testing.T) {
	s := render(t, Heatmap{Rows: []string{"r"}, Cols: []string{"a", "b", "c", "d", "e"}, Values: [][]float64{{3, 2, 1, 0.5, 0}}, Center: 1})
	// Above: 3 is the extreme (full orange), 2 is halfway to it:
	// (255+0.5*(230-255), 255+0.5*(159-255), 255+0.5*(0-255)) = (242.5, 207, 127.5).
	// Below: 0 is the extreme (full blue), 0.5 is halfway to it:
	// (255+0.5*(0-255), 255+0.5*(114-255), 255+0.5*(178-255)) = (127.5, 184.5, 216.5).
	// Halves round away from zero.
	for _, want := range []string{
		`fill="` + okabeOrange + `"><title>r × a`, `fill="#F3CF80"><title>r × b`, `fill="#FFFFFF"><title>r × c`,
		`fill="#80B9D9"><title>r × d`, `fill="` + okabeBlue + `"><title>r × e`,
		">0.00<", ">1.00<", ">3.00<", // the key
	} {
		if !strings.Contains(s, want) {
			t.Errorf("drawing lacks %s", want)
		}
	}
}

func TestHeatmapErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chart  Heatmap
		target error
		text   string
	}{
		{"empty", Heatmap{}, ErrNoData, "no data"},
		{"rows", Heatmap{Rows: []string{"a", "b"}, Cols: []string{"x"}, Values: [][]float64{{1}}}, ErrShape, "2 rows, 1 rows of values"},
		{"cells", Heatmap{Rows: []string{"a"}, Cols: []string{"x", "y"}, Values: [][]float64{{1, 2, 3}}}, ErrShape, `row 0 "a": 2 columns, 3 values`},
		{"center", Heatmap{Rows: []string{"a"}, Cols: []string{"x"}, Values: [][]float64{{1}}, Center: nan}, ErrValue, "center NaN"},
		{"format", Heatmap{Rows: []string{"a"}, Cols: []string{"x"}, Values: [][]float64{{1}}, Format: "%s%s"}, ErrValue, "format"},
		{"all missing", Heatmap{Rows: []string{"a"}, Cols: []string{"x"}, Values: [][]float64{{nan}}}, ErrNoData, "no finite value"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkErr(t, tc.chart, tc.target, tc.text) })
	}
}
