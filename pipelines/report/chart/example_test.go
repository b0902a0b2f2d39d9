package chart_test

import (
	"fmt"
	"html/template"
	"math"
	"os"
	"strings"

	"github.com/vocmap/vocmap/pipelines/report/chart"
)

// A forecast of employment: history solid, the forecast dashed inside its
// 80% interval, and the 95% interval as a band-only series in the same
// colour. VLine marks the last observed year.
func ExampleLineChart() {
	orange := chart.Palette()[1]
	c := chart.LineChart{
		Title:  "护理从业人员预测",
		XLabel: "年份",
		YLabel: "人数",
		Series: []chart.Series{
			{Name: "历史", X: []float64{2020, 2021, 2022, 2023, 2024}, Y: []float64{9800, 10100, math.NaN(), 10900, 11300}},
			{Name: "预测（80% 区间）", X: []float64{2024, 2025, 2026}, Y: []float64{11300, 11700, 12050},
				Lo: []float64{11300, 11300, 11400}, Hi: []float64{11300, 12100, 12700}, Dashed: true, Color: orange},
			{Name: "95% 区间", X: []float64{2024, 2025, 2026},
				Lo: []float64{11300, 11050, 11000}, Hi: []float64{11300, 12350, 13100}, Color: orange},
		},
		XTicksInt: true,
		VLine:     2024,
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	head, _, _ := strings.Cut(svg, "\n")
	fmt.Println(head)
	fmt.Println(strings.Contains(svg, ">12,000<"), strings.Contains(svg, ">2026<"))
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 720 360" role="img" aria-label="护理从业人员预测" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif" font-size="12">
	// true true
}

// Supply–demand ratios as horizontal bars against the balance line at 1.0.
func ExampleBarChart() {
	c := chart.BarChart{
		Title:      "专业群供需比",
		ValueLabel: "毕业生 / 岗位需求",
		Bars: []chart.Bar{
			{Label: "护理", Value: 1.42},
			{Label: "老年服务与管理及智慧健康养老服务专业群", Value: 0.86},
			{Label: "电子商务", Value: math.NaN()}, // no data: printed as "—"
		},
		Horizontal: true,
		RefLine:    1,
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(svg, ">老年服务与管理及智慧健康养…<"), strings.Contains(svg, ">—<"))
	// Output:
	// true true
}

// Shape errors are reported together and wrap the package's sentinels.
func ExampleStackedBar_errors() {
	c := chart.StackedBar{
		Categories: []string{"2023", "2024"},
		Groups:     []string{"第一产业", "第二产业", "第三产业"},
		Values:     [][]float64{{0.2, 0.3}, {0.2, -0.1, 0.9}},
		Percent:    true,
	}
	_, err := c.SVG()
	fmt.Println(err)
	// Output:
	// stacked bar chart: category 0 "2023": 3 groups, 2 values: chart: mismatched lengths
	// category 1 "2024", group "第二产业": -0.1: chart: invalid value
}

// Charts go into an html/template page as template.HTML: the SVG is
// already escaped.
func ExampleHeatmap() {
	c := chart.Heatmap{
		Title:  "区位熵",
		Rows:   []string{"太原市", "大同市"},
		Cols:   []string{"采矿业", "制造业"},
		Values: [][]float64{{0.42, 1.18}, {1.35, math.NaN()}},
		Center: 1,
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	page := template.Must(template.New("report").Parse("<figure>{{.}}</figure>\n"))
	var b strings.Builder
	if err := page.Execute(&b, template.HTML(svg)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Fprintln(os.Stdout, strings.HasPrefix(b.String(), "<figure><svg "), strings.Contains(b.String(), "无数据"))
	// Output:
	// true true
}
