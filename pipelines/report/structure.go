//go:build duckdb_arrow

package report

import (
	"math"
	"sort"
	"strings"

	"github.com/vocmap/vocmap/pipelines/report/chart"
)

var sectorKeys = map[string]string{"1": "sector_1", "2": "sector_2", "3": "sector_3", "total": "deviation_total", "theil": "theil"}

// structureReport is 产业结构动态调整报告.
func (d *data) structureReport() (*Report, error) {
	r := &Report{Name: "industry_structure", Title: d.title("structure_title"), Lang: d.lang,
		Subtitle: d.subtitle()}
	add := func(s Section) { r.Sections = append(r.Sections, s) }
	// what the summary repeats
	sumDev, sumChange, sumShare, planN := math.NaN(), "", "", 0
	var below []string

	// 1. Three-sector structure.
	ss, err := d.rows("001_sector_shares.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	s := Section{Part: PartBasic, Heading: d.tr("h_sectors")}
	var years []string
	byYear := map[string][]float64{}
	vaByYear := map[string][]float64{}
	t := Table{Sheet: d.tr("sheet_sectors"), Title: d.tr("h_sectors"),
		Columns: []string{d.tr("c_year"), d.tr("c_sector"), d.tr("c_employment"), d.tr("c_value_added"), d.tr("c_employment_share"), d.tr("c_va_share")},
		Formats: []string{"", "", "int", "num", "pct", "pct"}}
	hasVA := false
	for _, row := range ss.Rows {
		y := str(row[0])
		if len(byYear[y]) == 0 {
			years = append(years, y)
		}
		byYear[y] = append(byYear[y], num(row[4]))
		vaByYear[y] = append(vaByYear[y], num(row[5]))
		hasVA = hasVA || !math.IsNaN(num(row[5]))
		t.Rows = append(t.Rows, []any{row[0], d.tr(sectorKeys[str(row[1])]), row[2], row[3], row[4], row[5]})
	}
	if len(years) > 0 {
		last, first := years[len(years)-1], years[0]
		e := byYear[last]
		s.Paragraphs = append(s.Paragraphs, d.tr("p_sectors_emp", last, 100*e[0], 100*e[1], 100*e[2], first,
			100*byYear[first][0], 100*byYear[first][1], 100*byYear[first][2]))
		if hasVA {
			v := vaByYear[last]
			s.Paragraphs = append(s.Paragraphs, d.tr("p_sectors_va", last, 100*v[0], 100*v[1], 100*v[2]))
		}
		groups := []string{d.tr("sector_1"), d.tr("sector_2"), d.tr("sector_3")}
		vals := make([][]float64, len(years))
		for i, y := range years {
			vals[i] = byYear[y]
		}
		if svg, err := (chart.StackedBar{Title: d.tr("chart_emp_shares"), Categories: years, Groups: groups, Values: vals, Percent: true}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
		if hasVA {
			va := make([][]float64, len(years))
			for i, y := range years {
				va[i] = vaByYear[y]
			}
			if svg, err := (chart.StackedBar{Title: d.tr("chart_va_shares"), Categories: years, Groups: groups, Values: va, Percent: true}).SVG(); err == nil {
				s.Charts = append(s.Charts, svg)
			}
		} else {
			s.Missing = d.tr("missing_va")
		}
	}
	t.Rows = latestFirst(t.Rows, 0)
	s.Tables = append(s.Tables, t)
	add(s)

	// 2. Structural deviation.
	dev, err := d.rows("002_deviation.sql", d.run)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_deviation"), Paragraphs: []string{d.tr("p_deviation_def")}}
	if len(dev.Rows) == 0 {
		s.Missing = d.tr("missing_va")
	} else {
		t := Table{Sheet: d.tr("sheet_deviation"), Title: d.tr("h_deviation"),
			Columns: []string{d.tr("c_region_code"), d.tr("c_region"), d.tr("sector_1"), d.tr("sector_2"), d.tr("sector_3"), d.tr("deviation_total"), d.tr("theil")},
			Formats: []string{"", "", "num", "num", "num", "num", "num"}}
		idx := map[string]int{}
		for _, row := range dev.Rows {
			code := str(row[0])
			i, ok := idx[code]
			if !ok {
				i = len(t.Rows)
				idx[code] = i
				t.Rows = append(t.Rows, []any{code, str(row[1]), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()})
			}
			k := map[string]int{"1": 2, "2": 3, "3": 4, "total": 5, "theil": 6}[str(row[2])]
			if k > 0 {
				t.Rows[i][k] = num(row[3])
			}
		}
		if len(t.Rows) > 0 && t.Rows[0][0] == d.province {
			p := t.Rows[0]
			s.Paragraphs = append(s.Paragraphs, d.tr("p_deviation", num(p[2]), num(p[3]), num(p[4]), num(p[5])))
			if num(p[2]) < 0 {
				s.Paragraphs = append(s.Paragraphs, d.tr("p_deviation_surplus"))
			}
			sumDev = num(p[5])
		}
		var bars []chart.Bar
		for _, row := range t.Rows[1:] {
			bars = append(bars, chart.Bar{Label: str(row[1]), Value: num(row[5])})
		}
		if svg, err := (chart.BarChart{Title: d.tr("chart_deviation_total"), ValueLabel: d.tr("deviation_total"), Bars: bars, Horizontal: true, RefLine: math.NaN()}).SVG(); err == nil && len(bars) > 0 {
			s.Charts = append(s.Charts, svg)
		}
		s.Tables = append(s.Tables, t)
	}
	add(s)

	// 3. Growing and shrinking industries.
	ch, err := d.rows("003_industry_change.sql", d.run, d.province, 5)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_change", 5)}
	t = Table{Sheet: d.tr("sheet_change"), Title: d.tr("h_change", 5),
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_employment_before"), d.tr("c_employment_after"), d.tr("c_change"), d.tr("c_annual_growth")},
		Formats: []string{"", "", "int", "int", "int", "pct"}}
	var bars []chart.Bar
	for i, row := range ch.Rows {
		t.Rows = append(t.Rows, []any{row[0], row[1], row[2], row[3], row[4], row[5]})
		if i < 10 || i >= len(ch.Rows)-10 {
			bars = append(bars, chart.Bar{Label: str(row[1]), Value: num(row[4])})
		}
	}
	if n := len(t.Rows); n > 30 {
		full := t
		full.WorkbookOnly = true
		t.Sheet, t.Title = d.tr("sheet_change_top"), d.tr("h_change_top", 15)
		t.Rows = append(append([][]any{}, full.Rows[:15]...), full.Rows[n-15:]...)
		s.Tables = append(s.Tables, full)
	}
	if n := len(ch.Rows); n > 0 {
		s.Paragraphs = append(s.Paragraphs, d.tr("p_change", str(ch.Rows[0][1]), signedCount(num(ch.Rows[0][4])), str(ch.Rows[n-1][1]), signedCount(num(ch.Rows[n-1][4]))))
		sumChange = s.Paragraphs[len(s.Paragraphs)-1]
		if svg, err := (chart.BarChart{Title: d.tr("chart_change"), ValueLabel: d.tr("c_change"), Bars: bars, Horizontal: true, RefLine: math.NaN(), Format: "%.0f"}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 4. Where each city specialises.
	lq, err := d.rows("004_location_quotients.sql", d.run)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_lq"), Paragraphs: []string{d.tr("p_lq_def")}}
	t = Table{Sheet: d.tr("sheet_lq"), Title: d.tr("h_lq"), WorkbookOnly: true, // every city × industry: the heat map and the sentences show it

		Columns: []string{d.tr("c_region_code"), d.tr("c_region"), d.tr("c_industry_code"), d.tr("c_industry"), "LQ"},
		Formats: []string{"", "", "", "", "num"}}
	type cityTop struct {
		name string
		top  []string
	}
	var tops []cityTop
	cur := ""
	type lqv struct {
		ind string
		v   float64
	}
	var list []lqv
	flush := func() {
		if cur == "" {
			return
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].v > list[j].v })
		ct := cityTop{name: cur}
		for i := 0; i < len(list) && i < 3; i++ {
			ct.top = append(ct.top, list[i].ind)
		}
		tops = append(tops, ct)
		list = nil
	}
	// Heat map: the 12 industries of most employment in the province.
	indEmp := map[string]float64{}
	for _, row := range ch.Rows {
		indEmp[str(row[0])] = num(row[3])
	}
	var inds []string
	for k := range indEmp {
		inds = append(inds, k)
	}
	sort.Slice(inds, func(i, j int) bool {
		return indEmp[inds[i]] > indEmp[inds[j]] || indEmp[inds[i]] == indEmp[inds[j]] && inds[i] < inds[j]
	})
	if len(inds) > 12 {
		inds = inds[:12]
	}
	indName := map[string]string{}
	cells := map[[2]string]float64{}
	var cities, cityNames []string
	for _, row := range lq.Rows {
		city, cname, ind, iname, v := str(row[0]), str(row[1]), str(row[2]), str(row[3]), num(row[4])
		t.Rows = append(t.Rows, []any{city, cname, ind, iname, v})
		if cname != cur {
			flush()
			cur = cname
			cities = append(cities, city)
			cityNames = append(cityNames, cname)
		}
		list = append(list, lqv{iname, v})
		indName[ind] = iname
		cells[[2]string{city, ind}] = v
	}
	flush()
	for _, ct := range tops {
		s.Paragraphs = append(s.Paragraphs, d.tr("p_lq_city", ct.name, joinList(ct.top, d.lang)))
	}
	if len(cities) > 0 && len(inds) > 0 {
		vals := make([][]float64, len(cities))
		cols := make([]string, len(inds))
		for j, ind := range inds {
			cols[j] = indName[ind]
		}
		for i, c := range cities {
			vals[i] = make([]float64, len(inds))
			for j, ind := range inds {
				v, ok := cells[[2]string{c, ind}]
				if !ok {
					v = math.NaN()
				}
				vals[i][j] = v
			}
		}
		if svg, err := (chart.Heatmap{Title: d.tr("chart_lq"), Rows: cityNames, Cols: cols, Values: vals, Center: 1, Format: "%.2f"}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 5. Shift-share.
	sh, err := d.rows("005_shift_share.sql", d.run)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_shift"), Paragraphs: []string{d.tr("p_shift_def")}}
	t = Table{Sheet: d.tr("sheet_shift"), Title: d.tr("h_shift"),
		Columns: []string{d.tr("c_region_code"), d.tr("c_region"), d.tr("c_base_year"), d.tr("c_end_year"), d.tr("c_change"), d.tr("c_growth_effect"), d.tr("c_mix_effect"), d.tr("c_competitive_effect")},
		Formats: []string{"", "", "", "", "int", "int", "int", "int"}}
	var comp []chart.Bar
	for _, row := range latestFirst(sh.Rows, 2) {
		t.Rows = append(t.Rows, row)
		if num(row[3])-num(row[2]) == 5 {
			comp = append(comp, chart.Bar{Label: str(row[1]), Value: num(row[7])})
		}
	}
	if len(comp) > 0 {
		if svg, err := (chart.BarChart{Title: d.tr("chart_competitive"), ValueLabel: d.tr("c_competitive_effect"), Bars: comp, Horizontal: true, RefLine: math.NaN(), Format: "%.0f"}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 6. The plan's industries.
	pl, err := d.rows("006_plan_industries.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartProblems, Heading: d.tr("h_plan")}
	if len(pl.Rows) == 0 {
		s.Missing = d.tr("missing_priorities")
	} else {
		t = Table{Sheet: d.tr("sheet_plan"), Title: d.tr("h_plan"),
			Columns: []string{d.tr("c_tier"), d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_target_growth"), d.tr("c_employment_now"), "2030", "2035", d.tr("c_forecast_growth"), d.tr("c_note")},
			Formats: []string{"", "", "", "pct", "int", "int", "int", "pct", ""}}
		var unforecast []string
		for _, row := range pl.Rows {
			note := ""
			if math.IsNaN(num(row[6])) {
				note = d.tr("note_unforecast")
				unforecast = append(unforecast, str(row[2])+d.paren(str(row[1])))
			}
			t.Rows = append(t.Rows, []any{d.tr("tier_" + str(row[0])), row[1], row[2], row[3], row[4], row[5], row[6], row[7], note})
			if tg, fg := num(row[3]), num(row[7]); !math.IsNaN(tg) && !math.IsNaN(fg) && fg < tg {
				below = append(below, str(row[2]))
			}
		}
		planN = len(pl.Rows)
		s.Paragraphs = append(s.Paragraphs, d.tr("p_plan", len(pl.Rows), len(below), joinList(below, d.lang)))
		if len(unforecast) > 0 {
			s.Paragraphs = append(s.Paragraphs, d.tr("p_plan_unforecast", joinList(unforecast, d.lang)))
		}
		s.Tables = append(s.Tables, t)
	}
	add(s)

	// 7. Concentration and structural change.
	ix, err := d.rows("007_indices.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_indices"), Paragraphs: []string{d.tr("p_indices_def")}}
	t = Table{Sheet: d.tr("sheet_indices"), Title: d.tr("h_indices"), Columns: []string{d.tr("c_year"), d.tr("c_measure"), d.tr("c_value")},
		Formats: []string{"", "", "num"}}
	series := map[string]*chart.Series{}
	var names []string
	for _, row := range latestFirst(ix.Rows, 0) {
		t.Rows = append(t.Rows, []any{row[0], d.tr("m_" + str(row[1])), row[2]})
	}
	for _, row := range ix.Rows {
		if str(row[1]) == "moore_employment" {
			sr := series["moore"]
			if sr == nil {
				sr = &chart.Series{Name: d.tr("m_moore_employment")}
				series["moore"] = sr
				names = append(names, "moore")
			}
			sr.X = append(sr.X, num(row[0]))
			sr.Y = append(sr.Y, num(row[2]))
		}
	}
	for _, n := range names {
		if svg, err := (chart.LineChart{Title: d.tr("chart_moore"), XLabel: d.tr("c_year"), YLabel: "°", Series: []chart.Series{*series[n]}, XTicksInt: true, VLine: math.NaN()}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 8. Forecast shares.
	fc, err := d.rows("008_share_forecast.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_share_forecast", d.horizon)}
	t = Table{Sheet: d.tr("sheet_share_forecast"), Title: d.tr("h_share_forecast", d.horizon),
		Columns: []string{d.tr("c_year"), d.tr("sector_1"), d.tr("sector_2"), d.tr("sector_3")}, Formats: []string{"", "pct", "pct", "pct"}}
	rowOf := map[string]int{}
	for _, row := range fc.Rows {
		y := str(row[0])
		i, ok := rowOf[y]
		if !ok {
			i = len(t.Rows)
			rowOf[y] = i
			t.Rows = append(t.Rows, []any{y, math.NaN(), math.NaN(), math.NaN()})
		}
		k := map[string]int{"1": 1, "2": 2, "3": 3}[str(row[1])]
		t.Rows[i][k] = num(row[2])
	}
	for _, y := range []string{"2025", "2030", "2035"} {
		if i, ok := rowOf[y]; ok {
			p := t.Rows[i]
			s.Paragraphs = append(s.Paragraphs, d.tr("p_share_forecast", y, 100*num(p[1]), 100*num(p[2]), 100*num(p[3])))
			sumShare = s.Paragraphs[len(s.Paragraphs)-1]
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// Against the previous period or data year.
	yoy, err := d.yoySection()
	if err != nil {
		return nil, err
	}
	add(yoy)

	// Measures: what it means for program layout, every red entry.
	wl, err := d.entries()
	if err != nil {
		return nil, err
	}
	red, yellow, green := scopeCounts(wl, "red"), scopeCounts(wl, "yellow"), scopeCounts(wl, "green")
	add(Section{Part: PartMeasures, Heading: d.tr("h_layout"),
		Paragraphs: []string{d.tr("p_layout", red[3], yellow[3], green[3]), d.tr("p_programs_yellow_counts", yellow[3], yellow[0], yellow[1], yellow[2])},
		Tables:     []Table{d.countsTable(wl)}})
	add(Section{Part: PartMeasures, Heading: d.tr("h_programs_red"), Paragraphs: []string{d.redText(red)}, Tables: []Table{d.redTable(wl)}})

	// Summary: five findings and the decisions asked for.
	sum := Section{Part: PartSummary, Heading: d.tr("findings")}
	if len(years) > 0 {
		last, first := years[len(years)-1], years[0]
		e, f := byYear[last], byYear[first]
		sum.Items = append(sum.Items, d.tr("p_sectors_emp", last, 100*e[0], 100*e[1], 100*e[2], first, 100*f[0], 100*f[1], 100*f[2]))
	}
	if !math.IsNaN(sumDev) {
		sum.Items = append(sum.Items, d.tr("sum_deviation", sumDev))
	}
	if sumChange != "" {
		sum.Items = append(sum.Items, sumChange)
	}
	if planN > 0 {
		sum.Items = append(sum.Items, d.tr("p_plan", planN, len(below), joinList(below, d.lang)))
	}
	if sumShare != "" {
		sum.Items = append(sum.Items, sumShare)
	}
	if len(below) > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_plan", len(below)))
	}
	if red[3] > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_red", red[3], joinList(d.redNames(wl, 3), d.lang)))
	}
	if yellow[3] > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_yellow", yellow[3], yellow[0]))
	}
	add(sum)
	add(d.colophon(r.Name))
	return r, nil
}

// latestFirst orders rows by the year in column c, the latest first,
// keeping the order within a year: a table cut for the page drops the
// oldest years, never the latest.
func latestFirst(rows [][]any, c int) [][]any {
	out := append([][]any(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool { return num(out[i][c]) > num(out[j][c]) })
	return out
}

// joinList joins names for a sentence: with 、 in Chinese, or with ；
// when a name has a 、 of its own (铁路、船舶、航空航天和其他运输设备制造业
// is one industry, not three), so a list never breaks a name; with
// "; " in English when a name has a comma.
func joinList(items []string, lang string) string {
	if len(items) == 0 {
		if lang == "en" {
			return "none"
		}
		return "无"
	}
	sep := "、"
	if lang == "en" {
		sep = ", "
	}
	for _, it := range items {
		if lang != "en" && strings.Contains(it, "、") {
			sep = "；"
		} else if lang == "en" && strings.Contains(it, ",") {
			sep = "; "
		}
	}
	out := ""
	for i, s := range items {
		if i > 0 {
			out += sep
		}
		out += s
	}
	return out
}
