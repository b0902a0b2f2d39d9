//go:build duckdb_arrow

package report

import (
	"math"
	"sort"
	"strconv"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/pipelines/report/chart"
)

var levelKeys = map[string]string{"secondary": "level_secondary", "higher": "level_higher", "bachelor": "level_bachelor"}

// demandReport is 行业人才就业状况和需求预测报告: a one-page summary, then
// 基本情况 (openings, forecasts, cities, postings, reliability, the year
// before), 主要问题 (supply against openings, the warning list by scope),
// 对策建议 (the red entries at every scope, the province's yellow and
// green programs) and the colophon. Every forecast is the run's own
// (results.demand), the figures of employment_forecast.csv.
func (d *data) demandReport() (*Report, error) {
	r := &Report{Name: "talent_demand", Title: d.title("demand_title"), Lang: d.lang, Subtitle: d.subtitle()}
	add := func(s Section) { r.Sections = append(r.Sections, s) }

	ol, err := d.rows("009_openings_level.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	mi, err := d.rows("010_match_industry.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	di, err := d.rows("011_demand_industry.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	hist, err := d.rows("014_employment_history.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	list, err := d.entries()
	if err != nil {
		return nil, err
	}
	histBy := map[string][2][]float64{}
	for _, row := range hist.Rows {
		h := histBy[str(row[0])]
		h[0], h[1] = append(h[0], num(row[1])), append(h[1], num(row[2]))
		histBy[str(row[0])] = h
	}

	// 0. Graduates' employment (就业状况).
	outcomes, sumOutcomes, err := d.outcomesSection()
	if err != nil {
		return nil, err
	}
	add(outcomes)

	// 1. Openings by year: the total of the run's industry forecasts.
	s := Section{Part: PartBasic, Heading: d.tr("h_openings", d.baseYear+1, d.horizon), Paragraphs: []string{d.tr("p_openings_def")}}
	t := Table{Sheet: d.tr("sheet_openings_year"), Title: d.tr("h_openings", d.baseYear+1, d.horizon),
		Columns: []string{d.tr("c_year"), d.tr("c_employment"), d.tr("c_openings")}, Formats: []string{"", "int", "int"}}
	var fx, femp []float64
	total := 0.0
	for _, row := range ol.Rows {
		t.Rows = append(t.Rows, []any{row[0], row[2], row[1]})
		fx, femp = append(fx, num(row[0])), append(femp, num(row[2]))
		total += num(row[1])
	}
	byLevel := map[string][2]float64{}
	for _, row := range mi.Rows {
		v := byLevel[str(row[2])]
		v[0] += num(row[3])
		v[1] += num(row[4])
		byLevel[str(row[2])] = v
	}
	lt := Table{Sheet: d.tr("sheet_openings_level"), Title: d.tr("h_openings_level"),
		Columns: []string{d.tr("c_level"), d.tr("c_openings"), d.tr("c_supply"), d.tr("c_ratio")}, Formats: []string{"", "int", "int", "ratio"}}
	for _, l := range []string{"secondary", "higher", "bachelor"} {
		v := byLevel[l]
		lt.Rows = append(lt.Rows, []any{d.tr(levelKeys[l]), v[1], v[0], d.ratioCell(v[0], v[1])})
	}
	s.Paragraphs = append(s.Paragraphs, d.tr("p_openings", d.baseYear+1, d.horizon, count(total, d.lang),
		count(byLevel["secondary"][1], d.lang), count(byLevel["higher"][1], d.lang), count(byLevel["bachelor"][1], d.lang)))
	// history of the same industries, summed over the years all of them report
	inDemand := map[string]bool{}
	for _, row := range di.Rows {
		inDemand[str(row[0])] = true
	}
	hsum, hn := map[float64]float64{}, map[float64]int{}
	for c := range inDemand {
		h := histBy[c]
		for i, y := range h[0] {
			if !math.IsNaN(h[1][i]) {
				hsum[y] += h[1][i]
				hn[y]++
			}
		}
	}
	var hx, hy []float64
	for y, n := range hn {
		if n == len(inDemand) {
			hx = append(hx, y)
		}
	}
	sort.Float64s(hx)
	for _, y := range hx {
		hy = append(hy, hsum[y])
	}
	if len(fx) > 0 {
		series := []chart.Series{}
		if len(hx) > 0 {
			series = append(series, chart.Series{Name: d.tr("s_history"), X: hx, Y: hy})
		}
		series = append(series, chart.Series{Name: d.tr("s_forecast"), X: fx, Y: femp, Dashed: true, Color: chart.Palette()[1]})
		if svg, err := (chart.LineChart{Title: d.tr("chart_employment_total"), XLabel: d.tr("c_year"), YLabel: d.tr("c_employment_persons"),
			Series: series, XTicksInt: true, VLine: float64(d.baseYear)}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	t.Rows = reverse(t.Rows) // the latest year first
	s.Tables = append(s.Tables, t, lt)
	add(s)

	// 2. Openings and employment forecasts by industry.
	type indSum struct {
		code, name                   string
		openings, now                float64
		last, lo80, hi80, lo95, hi95 float64
	}
	sums := map[string]*indSum{}
	var order []string
	for _, row := range di.Rows {
		c := str(row[0])
		if sums[c] == nil {
			sums[c] = &indSum{code: c, name: str(row[1]), now: math.NaN()}
			if h, ok := histBy[c]; ok && len(h[1]) > 0 {
				sums[c].now = h[1][len(h[1])-1]
			}
			order = append(order, c)
		}
		x := sums[c]
		x.openings += num(row[8])
		if int64(num(row[2])) == d.horizon {
			x.last, x.lo80, x.hi80, x.lo95, x.hi95 = num(row[3]), num(row[4]), num(row[5]), num(row[6]), num(row[7])
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return sums[order[i]].openings > sums[order[j]].openings })
	s = Section{Part: PartBasic, Heading: d.tr("h_openings_industry")}
	var bars []chart.Bar
	for i, c := range order {
		if i < 15 {
			bars = append(bars, chart.Bar{Label: sums[c].name, Value: sums[c].openings})
		}
	}
	if len(bars) > 0 {
		if svg, err := (chart.BarChart{Title: d.tr("chart_openings_industry"), ValueLabel: d.tr("c_openings"), Bars: bars, Horizontal: true, RefLine: math.NaN(), Format: "%.0f"}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	for i := 0; i < len(order) && i < 3; i++ {
		c := order[i]
		var fx, fy, flo, fhi, f95lo, f95hi []float64
		for _, row := range di.Rows {
			if str(row[0]) == c {
				fx, fy = append(fx, num(row[2])), append(fy, num(row[3]))
				flo, fhi = append(flo, num(row[4])), append(fhi, num(row[5]))
				f95lo, f95hi = append(f95lo, num(row[6])), append(f95hi, num(row[7]))
			}
		}
		series := []chart.Series{}
		if h, ok := histBy[c]; ok {
			series = append(series, chart.Series{Name: d.tr("s_history"), X: h[0], Y: h[1]})
		}
		color := chart.Palette()[1]
		series = append(series, chart.Series{Name: d.tr("s_forecast95"), X: fx, Lo: f95lo, Hi: f95hi, Color: color},
			chart.Series{Name: d.tr("s_forecast80"), X: fx, Y: fy, Lo: flo, Hi: fhi, Dashed: true, Color: color})
		if svg, err := (chart.LineChart{Title: d.tr("chart_industry_forecast", sums[c].name), XLabel: d.tr("c_year"), YLabel: d.tr("c_employment_persons"),
			Series: series, XTicksInt: true, VLine: float64(d.baseYear)}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	t = Table{Sheet: d.tr("sheet_demand"), Title: d.tr("h_openings_industry"),
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_employment_year", d.baseYear), d.tr("c_employment_year", d.horizon),
			d.tr("c_lo80"), d.tr("c_hi80"), d.tr("c_lo95"), d.tr("c_hi95"), d.tr("c_openings_total")},
		Formats: []string{"", "", "int", "int", "int", "int", "int", "int", "int"}}
	for _, c := range order {
		x := sums[c]
		t.Rows = append(t.Rows, []any{x.code, x.name, x.now, x.last, x.lo80, x.hi80, x.lo95, x.hi95, x.openings})
	}
	years := Table{Sheet: d.tr("sheet_demand_years"), Title: d.tr("h_demand_years"), WorkbookOnly: true,
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_year"), d.tr("c_employment"), d.tr("c_lo80"), d.tr("c_hi80"), d.tr("c_lo95"), d.tr("c_hi95"), d.tr("c_openings")},
		Formats: []string{"", "", "", "int", "int", "int", "int", "int", "int"}, Rows: di.Rows}
	s.Tables = append(s.Tables, t, years)
	add(s)

	// 3. Openings by city.
	oc, err := d.rows("012_openings_city.sql", d.run)
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_openings_city")}
	t = Table{Sheet: d.tr("sheet_openings_city"), Title: d.tr("h_openings_city"),
		Columns: []string{d.tr("c_region_code"), d.tr("c_region"), d.tr("c_level"), d.tr("c_openings"), d.tr("c_supply"), d.tr("c_ratio")},
		Formats: []string{"", "", "", "int", "int", "ratio"}}
	cityBars := map[string][]chart.Bar{}
	for _, row := range oc.Rows {
		rc := d.ratioCell(num(row[4]), num(row[3]))
		t.Rows = append(t.Rows, []any{row[0], row[1], d.tr(levelKeys[str(row[2])]), row[3], row[4], rc})
		if v, ok := rc.(float64); ok && !math.IsNaN(v) {
			cityBars[str(row[2])] = append(cityBars[str(row[2])], chart.Bar{Label: str(row[1]), Value: cutRatio(v)})
		}
	}
	// one chart a level: each city's graduates against its openings
	for _, l := range []string{"secondary", "higher"} {
		if len(cityBars[l]) > 1 {
			if svg, err := (chart.BarChart{Title: d.tr("chart_city_ratio", d.tr(levelKeys[l])), ValueLabel: d.tr("c_ratio"), Bars: cityBars[l],
				Horizontal: true, RefLine: 1}).SVG(); err == nil {
				s.Charts = append(s.Charts, svg)
			}
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 4. Job postings.
	jp, err := d.rows("015_postings.sql")
	if err != nil {
		return nil, err
	}
	s = Section{Part: PartBasic, Heading: d.tr("h_postings")}
	if len(jp.Rows) == 0 {
		s.Missing = d.tr("missing_postings")
	} else {
		t = Table{Sheet: d.tr("sheet_postings"), Title: d.tr("h_postings"),
			Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_postings_12m"), d.tr("c_postings_prev"), d.tr("c_postings_growth"), d.tr("c_seekers_per_posting")},
			Formats: []string{"", "", "int", "int", "pct", "num"}}
		var none []string
		for _, row := range jp.Rows {
			g := math.NaN()
			if prev := num(row[3]); prev > 0 {
				g = num(row[2])/prev - 1
			} else {
				none = append(none, str(row[1]))
			}
			t.Rows = append(t.Rows, []any{row[0], row[1], row[2], row[3], g, row[4]})
		}
		s.Paragraphs = append(s.Paragraphs, d.tr("p_postings_def"))
		if len(none) > 0 {
			s.Paragraphs = append(s.Paragraphs, d.tr("p_postings_none", joinList(none, d.lang)))
		}
		s.Tables = append(s.Tables, t)
	}
	add(s)

	// 5. How far to trust the forecasts: rolling-origin backtests.
	s = Section{Part: PartBasic, Heading: d.tr("h_reliability")}
	var series []forecast.Series
	var names []string
	for _, c := range order {
		if h, ok := histBy[c]; ok && len(h[1]) >= 8 {
			series = append(series, forecast.Series{ID: c, Values: h[1], Frequency: 1})
			names = append(names, sums[c].name)
		}
	}
	if len(series) == 0 {
		s.Missing = d.tr("missing_history")
	} else {
		res, _, err := forecast.BacktestAll(d.ctx, series, forecast.Options{Method: forecast.DOTM, Horizon: 3, PointOnly: true}, 4)
		if err != nil {
			return nil, err
		}
		t = Table{Sheet: d.tr("sheet_reliability"), Title: d.tr("h_reliability"),
			Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_origins"), "sMAPE", "MASE"}, Formats: []string{"", "", "", "num", "num"}}
		var sm, ms float64
		n := 0
		for i, b := range res {
			if len(b.Origins) == 0 {
				continue
			}
			t.Rows = append(t.Rows, []any{series[i].ID, names[i], int64(len(b.Origins)), b.SMAPE, b.MASE})
			if !math.IsNaN(b.SMAPE) && !math.IsNaN(b.MASE) && !math.IsInf(b.MASE, 0) {
				sm, ms, n = sm+b.SMAPE, ms+b.MASE, n+1
			}
		}
		if n > 0 {
			s.Paragraphs = append(s.Paragraphs, d.tr("p_reliability", n, sm/float64(n), ms/float64(n)))
		}
		s.Tables = append(s.Tables, t)
	}
	add(s)

	// 6. Against the previous period or data year.
	yoy, err := d.yoySection()
	if err != nil {
		return nil, err
	}
	add(yoy)

	// Problems: supply against openings; the warning list by scope.
	s = Section{Part: PartProblems, Heading: d.tr("h_match"), Paragraphs: []string{d.matchDef()}}
	t = Table{Sheet: d.tr("sheet_match"), Title: d.tr("h_match"),
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_level"), d.tr("c_supply"), d.tr("c_openings"), d.tr("c_ratio"), d.tr("c_band")},
		Formats: []string{"", "", "", "int", "int", "ratio", ""}}
	bars = nil
	type gap struct {
		name string
		gap  float64
	}
	var short, over []gap
	for _, row := range mi.Rows {
		rt := d.ratioCell(num(row[3]), num(row[4]))
		t.Rows = append(t.Rows, []any{row[0], row[1], d.tr(levelKeys[str(row[2])]), row[3], row[4], rt, d.tr("band_" + str(row[6]))})
		label := str(row[1]) + "（" + d.tr(levelKeys[str(row[2])]) + "）"
		if d.lang == "en" {
			label = str(row[1]) + " " + str(row[0]) + " (" + d.tr(levelKeys[str(row[2])]) + ")" // the name in Chinese with its code
		}
		switch str(row[6]) {
		case "shortage":
			short = append(short, gap{label, num(row[4]) - num(row[3])})
		case "oversupply":
			over = append(over, gap{label, num(row[3]) - num(row[4])})
		}
		if str(row[2]) == "higher" && len(bars) < 15 && num(row[4]) > 0 {
			bars = append(bars, chart.Bar{Label: str(row[1]), Value: cutRatio(capped(num(row[5])))}) // as the table shows it
		}
	}
	sort.SliceStable(short, func(i, j int) bool { return short[i].gap > short[j].gap })
	sort.SliceStable(over, func(i, j int) bool { return over[i].gap > over[j].gap })
	top := func(g []gap, n int) []string {
		var out []string
		for i := 0; i < len(g) && i < n; i++ {
			out = append(out, g[i].name)
		}
		return out
	}
	s.Paragraphs = append(s.Paragraphs, d.tr("p_match", len(short), d.band("shortage"), joinList(top(short, 3), d.lang),
		len(over), d.band("slight_oversupply"), joinList(top(over, 3), d.lang)))
	if len(bars) > 0 {
		if svg, err := (chart.BarChart{Title: d.tr("chart_match_higher"), ValueLabel: d.tr("c_ratio"), Bars: bars, Horizontal: true, RefLine: 1}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)
	red, yellow, green := scopeCounts(list, "red"), scopeCounts(list, "yellow"), scopeCounts(list, "green")
	add(Section{Part: PartProblems, Heading: d.tr("h_warning_counts"), Tables: []Table{d.countsTable(list)},
		Paragraphs: []string{d.tr("p_counts", red[3], red[0], red[1], red[2]), d.tr("p_programs_yellow", yellow[3], yellow[0], yellow[1], yellow[2])}})

	// Measures: every red entry, the province's yellow and green programs.
	rt := d.redTable(list)
	add(Section{Part: PartMeasures, Heading: d.tr("h_programs_red"), Paragraphs: []string{d.redText(red)}, Tables: []Table{rt}})
	yt := d.provinceTable(list, "yellow")
	add(Section{Part: PartMeasures, Heading: d.tr("h_programs_yellow"), Paragraphs: []string{d.tr("p_programs", len(yt.Rows))}, Tables: []Table{yt}})
	gt := d.provinceTable(list, "green")
	add(Section{Part: PartMeasures, Heading: d.tr("h_programs_green"), Paragraphs: []string{d.tr("p_programs", len(gt.Rows))}, Tables: []Table{gt}})

	// Summary: five findings and the decisions asked for.
	sum := Section{Part: PartSummary, Heading: d.tr("findings")}
	var first, lastEmp float64 = math.NaN(), math.NaN()
	if len(hy) > 0 {
		first = hy[len(hy)-1]
	}
	if len(femp) > 0 {
		lastEmp = femp[len(femp)-1]
	}
	var topNames []string
	for i := 0; i < len(order) && i < 3; i++ {
		name := sums[order[i]].name
		if d.lang == "en" {
			name += " " + sums[order[i]].code
		}
		topNames = append(topNames, name+d.paren(count(sums[order[i]].openings, d.lang)))
	}
	if sumOutcomes != "" {
		sum.Items = append(sum.Items, sumOutcomes)
	}
	sum.Items = append(sum.Items,
		d.tr("sum_openings", d.baseYear+1, d.horizon, count(total, d.lang), count(byLevel["secondary"][1], d.lang), count(byLevel["higher"][1], d.lang),
			count(byLevel["bachelor"][1], d.lang), joinList(topNames, d.lang)),
		d.tr("sum_employment", d.baseYear, count(first, d.lang), d.horizon, count(lastEmp, d.lang), signedPct(lastEmp/first-1)),
		d.tr("sum_match", len(short), joinList(top(short, 3), d.lang), len(over), joinList(top(over, 3), d.lang)),
		d.tr("sum_list", red[3], red[0], red[1], red[2], yellow[3], green[3]))
	if red[3] > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_red", red[3], joinList(d.redNames(list, 3), d.lang)))
	}
	if yellow[3] > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_yellow", yellow[3], yellow[0]))
	}
	if len(short) > 0 {
		sum.Decisions = append(sum.Decisions, d.tr("dec_expand", joinList(top(short, 3), d.lang), green[0]))
	}
	add(sum)
	add(d.colophon(r.Name, d.tr("colophon_forecast", d.method()), d.tr("colophon_postings")))
	return r, nil
}

// ratioCell is a supply–demand ratio for a table: "无供给" where nothing
// is supplied (a city without a bachelor school), empty where nothing is
// demanded.
func (d *data) ratioCell(supply, openings float64) any {
	switch {
	case supply == 0 && openings > 0:
		return d.tr("no_supply")
	case openings <= 0 || math.IsNaN(openings) || math.IsNaN(supply):
		return math.NaN()
	}
	return supply / openings
}

// paren puts a figure in parentheses after a name, in the language's
// style.
func (d *data) paren(s string) string {
	if d.lang == "en" {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

// redText says how many red entries the list has, by scope.
func (d *data) redText(red [4]int) string {
	if red[3] == 0 {
		return d.tr("p_programs_red_none")
	}
	return d.tr("p_programs_red", red[3], red[0], red[1], red[2])
}

// method is the run's demand method as the ledger records it.
func (d *data) method() string {
	if d.demandMethod == "" {
		return "—"
	}
	return d.demandMethod
}

// band is the lower end of a band ("shortage": its upper end, 0.60;
// "slight_oversupply": 1.50, where oversupply starts), two decimals.
func (d *data) band(name string) string {
	v := map[string]float64{"shortage": d.bands.Shortage, "slight_undersupply": d.bands.Slight,
		"balanced": d.bands.BalancedHigh, "slight_oversupply": d.bands.SlightHigh}[name]
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// matchDef defines the ratio and its bands with the run's thresholds.
func (d *data) matchDef() string {
	a, b, c, e := d.band("shortage"), d.band("slight_undersupply"), d.band("balanced"), d.band("slight_oversupply")
	return d.tr("p_match_def", a, a, b, b, c, c, e, e)
}

func reverse(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		out[len(rows)-1-i] = r
	}
	return out
}

func ratio(supply, openings float64) float64 {
	if openings <= 0 {
		return math.NaN()
	}
	return supply / openings
}

// capped keeps an infinite ratio out of tables and charts.
func capped(r float64) float64 {
	if math.IsInf(r, 1) {
		return math.NaN()
	}
	return r
}
