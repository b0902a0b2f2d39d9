package chart

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestStackedBarGolden(t *testing.T) {
	var years []string
	var shares [][]float64
	for y := 2015; y <= 2024; y++ {
		k := float64(y - 2015)
		years = append(years, fmt.Sprint(y))
		shares = append(shares, []float64{0.22 - 0.01*k, 0.38 - 0.006*k, 0.40 + 0.016*k})
	}
	for _, tc := range []struct {
		name  string
		chart StackedBar
		want  []string
	}{
		{"stacked_percent", StackedBar{Title: "三次产业就业结构：" + tricky, Categories: years, Groups: []string{"第一产业", "第二产业", "第三产业"}, Values: shares, Percent: true}, []string{
			trickyEscaped, ">100%<", ">第三产业<", ">2024<", ">22%<",
		}},
		{"stacked_counts", StackedBar{Title: "招生人数", Categories: []string{"中职", "高职专科", "职业本科"}, Groups: []string{"公办", "民办", "其他"},
			Values: [][]float64{{12000, 3500, nan}, {8600, 4200, 300}, {900, 0, 0}}}, []string{">12,000<", ">20,000<"}},
		{"stacked_zero", StackedBar{Title: "全零", Categories: []string{"甲", "乙"}, Groups: []string{"一"}, Values: [][]float64{{0}, {0}}}, []string{">1.0<"}},
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

// TestStackedBarPercentFills checks that in percent mode every category's
// stack reaches exactly the top of the axis (100%).
func TestStackedBarPercentFills(t *testing.T) {
	s := render(t, StackedBar{Categories: []string{"a", "b"}, Groups: []string{"x", "y"}, Values: [][]float64{{1, 3}, {50, 50}}, Percent: true})
	top := math.Inf(1)
	var tops []float64
	for _, line := range strings.Split(s, "\n") {
		var x, y, w, h float64
		if _, err := fmt.Sscanf(line, `<rect x="%g" y="%g" width="%g" height="%g"`, &x, &y, &w, &h); err == nil && strings.Contains(line, "<title>") {
			tops = append(tops, y)
			top = math.Min(top, y)
		}
	}
	if len(tops) != 4 || tops[1] != top || tops[3] != top {
		t.Errorf("segment tops %v: both stacks should reach %v", tops, top)
	}
}

func TestStackedBarErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chart  StackedBar
		target error
		text   string
	}{
		{"empty", StackedBar{}, ErrNoData, "no data"},
		{"no groups", StackedBar{Categories: []string{"a"}, Values: [][]float64{{}}}, ErrNoData, "no data"},
		{"rows", StackedBar{Categories: []string{"a", "b"}, Groups: []string{"x"}, Values: [][]float64{{1}}}, ErrShape, "2 categories, 1 rows"},
		{"cells", StackedBar{Categories: []string{"a"}, Groups: []string{"x", "y"}, Values: [][]float64{{1}}}, ErrShape, `category 0 "a": 2 groups, 1 values`},
		{"negative", StackedBar{Categories: []string{"a"}, Groups: []string{"x"}, Values: [][]float64{{-1}}}, ErrValue, `group "x": -1`},
		{"infinite", StackedBar{Categories: []string{"a"}, Groups: []string{"x"}, Values: [][]float64{{math.Inf(1)}}}, ErrValue, "+Inf"},
		{"overflow", StackedBar{Categories: []string{"a"}, Groups: []string{"x", "y"}, Values: [][]float64{{math.MaxFloat64, math.MaxFloat64}}}, ErrValue, "overflows"},
		{"all NaN", StackedBar{Categories: []string{"a"}, Groups: []string{"x"}, Values: [][]float64{{nan}}}, ErrNoData, "no finite value"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkErr(t, tc.chart, tc.target, tc.text) })
	}
}
