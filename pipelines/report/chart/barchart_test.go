package chart

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// ratioBars are supply–demand ratios by programme group, one with a label
// far longer than 14 CJK characters.
func ratioBars() []Bar {
	return []Bar{
		{Label: tricky, Value: 1.42},
		{Label: "智能制造", Value: 0.86},
		{Label: "老年服务与管理及智慧健康养老服务专业群（中高职贯通）", Value: 1.05},
		{Label: "电子商务", Value: 0.61},
		{Label: "新能源汽车技术", Value: 1.18, Color: okabeBluishGreen},
	}
}

func TestBarChartGolden(t *testing.T) {
	var many []Bar
	for i := 0; i < 30; i++ {
		many = append(many, Bar{Label: fmt.Sprintf("第%d个县区职业学校", i+1), Value: float64((i*37)%23) - 5})
	}
	for _, tc := range []struct {
		name  string
		chart BarChart
		want  []string
	}{
		{"bar_ratio", BarChart{Title: "供需比：" + tricky, ValueLabel: "供给/需求", Bars: ratioBars(), Horizontal: true, RefLine: 1}, []string{
			">" + trickyEscaped + "<", ">老年服务与管理及智慧健康养…<", "<title>老年服务与管理及智慧健康养老服务专业群（中高职贯通）</title>",
			">1.42<", ">1.00<", okabeBluishGreen, `stroke-dasharray="5 3"`,
		}},
		{"bar_negative", BarChart{Title: "就业人数变化", Horizontal: true, Format: "%+.0f", Bars: []Bar{
			{Label: "太原", Value: 1200}, {Label: "大同", Value: -850}, {Label: "阳泉", Value: -2300}, {Label: "长治", Value: 40}, {Label: "晋城", Value: nan},
		}}, []string{">+1200<", ">-2300<", ">" + missing + "<", okabeVermillion}},
		{"bar_zero", BarChart{Title: "全零", Horizontal: true, Bars: []Bar{{Label: "甲", Value: 0}, {Label: "乙", Value: 0}}}, []string{">0.00<"}},
		{"bar_vertical", BarChart{Title: "专业对口率", ValueLabel: "比例", Bars: ratioBars()[:4], RefLine: 0.15, Format: "%.2f"}, []string{
			">0.15<", ">老年服务与管理及智慧健…<",
		}},
		{"bar_vertical_many", BarChart{Title: "各县区", Bars: many}, []string{"rotate(-45)"}},
		{"bar_huge", BarChart{Title: "十亿", Horizontal: true, Format: "%.0f", Bars: []Bar{{Label: "甲", Value: 1e9}, {Label: "乙", Value: 2.5e8}}}, []string{
			">1,000,000,000<", ">1000000000<",
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

// TestBarChartNegativeLeftOfZero checks that a negative bar ends at zero
// and its value label sits left of it.
func TestBarChartNegativeLeftOfZero(t *testing.T) {
	s := render(t, BarChart{Horizontal: true, Bars: []Bar{{Label: "负", Value: -2}, {Label: "正", Value: 3}}})
	var negX, negW, posX float64
	for _, line := range strings.Split(s, "\n") {
		var x, y, w, h float64
		var fill string
		if _, err := fmt.Sscanf(line, `<rect x="%g" y="%g" width="%g" height="%g" fill="%7s"`, &x, &y, &w, &h, &fill); err != nil {
			continue
		}
		switch fill {
		case okabeVermillion:
			negX, negW = x, w
		case okabeBlue:
			posX = x
		}
	}
	if negW == 0 || math.Abs(negX+negW-posX) > 0.11 {
		t.Errorf("negative bar spans [%v, %v], positive bar starts at %v: they should meet at zero", negX, negX+negW, posX)
	}
}

// TestBarChartTallGrows checks that many horizontal bars make the drawing
// taller instead of squeezing the rows.
func TestBarChartTallGrows(t *testing.T) {
	var bars []Bar
	for i := 0; i < 40; i++ {
		bars = append(bars, Bar{Label: fmt.Sprint(i), Value: float64(i)})
	}
	s := render(t, BarChart{Horizontal: true, Bars: bars})
	if strings.Contains(s, `viewBox="0 0 720 360"`) {
		t.Error("40 rows squeezed into 360 units")
	}
}

func TestBarChartErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chart  BarChart
		target error
		text   string
	}{
		{"no bars", BarChart{}, ErrNoData, "no data"},
		{"all NaN", BarChart{Bars: []Bar{{Value: nan}, {Value: math.Inf(-1)}}}, ErrNoData, "no finite value"},
		{"colour", BarChart{Bars: []Bar{{Label: "甲", Value: 1, Color: "url(#x)"}}}, ErrValue, `bar 0 "甲": colour "url(#x)"`},
		{"format verb", BarChart{Bars: []Bar{{Value: 1}}, Format: "%d"}, ErrValue, `format "%d"`},
		{"format no verb", BarChart{Bars: []Bar{{Value: 1}}, Format: "{:.2f}"}, ErrValue, "format"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkErr(t, tc.chart, tc.target, tc.text) })
	}
}
