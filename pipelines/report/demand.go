//go:build duckdb_arrow

package report

import (
	"math"
	"sort"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/pipelines/report/chart"
)

var levelKeys = map[string]string{"secondary": "level_secondary", "higher": "level_higher", "bachelor": "level_bachelor"}

// demandReport is 行业人才需求预测报告.
func (d *data) demandReport() (*Report, error) {
	r := &Report{Name: "talent_demand", Title: d.tr("demand_title", d.provName), Lang: d.lang,
		Subtitle: d.subtitle()}
	add := func(s Section) { r.Sections = append(r.Sections, s) }

	// 1. Openings by year.
	ol, err := d.rows("009_openings_level.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	mi, err := d.rows("010_match_industry.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	s := Section{Heading: d.tr("h_openings", d.baseYear+1, d.horizon), Paragraphs: []string{d.tr("p_openings_def")}}
	t := Table{Sheet: d.tr("sheet_openings_year"), Title: d.tr("h_openings", d.baseYear+1, d.horizon),
		Columns: []string{d.tr("c_year"), d.tr("c_employment"), d.tr("c_lo80"), d.tr("c_hi80"), d.tr("c_openings")},
		Formats: []string{"", "int", "int", "int", "int"}}
	var x, emp, lo, hi []float64
	total := 0.0
	for _, row := range ol.Rows {
		t.Rows = append(t.Rows, []any{row[0], row[2], row[3], row[4], row[1]})
		x, emp, lo, hi = append(x, num(row[0])), append(emp, num(row[2])), append(lo, num(row[3])), append(hi, num(row[4]))
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
		Columns: []string{d.tr("c_level"), d.tr("c_openings"), d.tr("c_supply"), d.tr("c_ratio")}, Formats: []string{"", "int", "int", "num"}}
	for _, l := range []string{"secondary", "higher", "bachelor"} {
		v := byLevel[l]
		lt.Rows = append(lt.Rows, []any{d.tr(levelKeys[l]), v[1], v[0], ratio(v[0], v[1])})
	}
	s.Paragraphs = append(s.Paragraphs, d.tr("p_openings", formatCell(total, "int"), d.baseYear+1, d.horizon,
		formatCell(byLevel["secondary"][1], "int"), formatCell(byLevel["higher"][1], "int"), formatCell(byLevel["bachelor"][1], "int")))
	if len(x) > 0 {
		if svg, err := (chart.LineChart{Title: d.tr("chart_employment_total"), XLabel: d.tr("c_year"), YLabel: d.tr("c_employment"),
			Series: []chart.Series{{Name: d.tr("c_employment"), X: x, Y: emp, Lo: lo, Hi: hi}}, XTicksInt: true, VLine: math.NaN()}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t, lt)
	add(s)

	// 2. Openings by industry, with the employment forecasts of the largest.
	di, err := d.rows("011_demand_industry.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	type indSum struct {
		code, name string
		openings   float64
	}
	sums := map[string]*indSum{}
	var order []string
	for _, row := range di.Rows {
		c := str(row[0])
		if sums[c] == nil {
			sums[c] = &indSum{code: c, name: str(row[1])}
			order = append(order, c)
		}
		sums[c].openings += num(row[8])
	}
	sort.SliceStable(order, func(i, j int) bool { return sums[order[i]].openings > sums[order[j]].openings })
	s = Section{Heading: d.tr("h_openings_industry")}
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
	hist, err := d.rows("014_employment_history.sql", d.run, d.province)
	if err != nil {
		return nil, err
	}
	histBy := map[string][2][]float64{}
	for _, row := range hist.Rows {
		h := histBy[str(row[0])]
		h[0], h[1] = append(h[0], num(row[1])), append(h[1], num(row[2]))
		histBy[str(row[0])] = h
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
		if svg, err := (chart.LineChart{Title: d.tr("chart_industry_forecast", sums[c].name), XLabel: d.tr("c_year"), YLabel: d.tr("c_employment"),
			Series: series, XTicksInt: true, VLine: float64(d.baseYear)}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	t = Table{Sheet: d.tr("sheet_demand"), Title: d.tr("h_openings_industry"),
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_year"), d.tr("c_employment"), d.tr("c_lo80"), d.tr("c_hi80"), d.tr("c_lo95"), d.tr("c_hi95"), d.tr("c_openings")},
		Formats: []string{"", "", "", "int", "int", "int", "int", "int", "int"}}
	t.Rows = di.Rows
	s.Tables = append(s.Tables, t)
	add(s)

	// 3. Openings by city.
	oc, err := d.rows("012_openings_city.sql", d.run)
	if err != nil {
		return nil, err
	}
	s = Section{Heading: d.tr("h_openings_city")}
	t = Table{Sheet: d.tr("sheet_openings_city"), Title: d.tr("h_openings_city"),
		Columns: []string{d.tr("c_region_code"), d.tr("c_region"), d.tr("c_level"), d.tr("c_openings"), d.tr("c_supply"), d.tr("c_ratio")},
		Formats: []string{"", "", "", "int", "int", "num"}}
	for _, row := range oc.Rows {
		t.Rows = append(t.Rows, []any{row[0], row[1], d.tr(levelKeys[str(row[2])]), row[3], row[4], ratio(num(row[4]), num(row[3]))})
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 4. Supply against demand by industry.
	s = Section{Heading: d.tr("h_match"), Paragraphs: []string{d.tr("p_match_def")}}
	t = Table{Sheet: d.tr("sheet_match"), Title: d.tr("h_match"),
		Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_level"), d.tr("c_supply"), d.tr("c_openings"), d.tr("c_ratio"), d.tr("c_band")},
		Formats: []string{"", "", "", "int", "int", "num", ""}}
	bars = nil
	for _, row := range mi.Rows {
		t.Rows = append(t.Rows, []any{row[0], row[1], d.tr(levelKeys[str(row[2])]), row[3], row[4], capped(num(row[5])), d.tr("band_" + str(row[6]))})
		if str(row[2]) == "higher" && len(bars) < 15 && num(row[4]) > 0 {
			bars = append(bars, chart.Bar{Label: str(row[1]), Value: capped(num(row[5]))})
		}
	}
	if len(bars) > 0 {
		if svg, err := (chart.BarChart{Title: d.tr("chart_match_higher"), ValueLabel: d.tr("c_ratio"), Bars: bars, Horizontal: true, RefLine: 1}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, t)
	add(s)

	// 5. Programs to expand and to cut.
	pr, err := d.rows("013_program_list.sql", d.run)
	if err != nil {
		return nil, err
	}
	text := 7
	if d.lang == "en" {
		text = 8
	}
	for _, sig := range []string{"green", "red", "yellow"} {
		s = Section{Heading: d.tr("h_programs_" + sig)}
		t = Table{Sheet: d.tr("sheet_programs_" + sig), Title: d.tr("h_programs_" + sig),
			Columns: []string{d.tr("c_program_code"), d.tr("c_program"), d.tr("c_level"), d.tr("c_ratio"), d.tr("c_placement"), d.tr("c_score"), d.tr("c_reasons")},
			Formats: []string{"", "", "", "num", "pct", "num", ""}}
		for _, row := range pr.Rows {
			if str(row[0]) == sig {
				t.Rows = append(t.Rows, []any{row[1], row[2], d.tr(levelKeys[str(row[3])]), row[4], row[5], row[6], row[text]})
			}
		}
		s.Paragraphs = append(s.Paragraphs, d.tr("p_programs", len(t.Rows)))
		s.Tables = append(s.Tables, t)
		add(s)
	}

	// 6. Job postings.
	jp, err := d.rows("015_postings.sql")
	if err != nil {
		return nil, err
	}
	s = Section{Heading: d.tr("h_postings")}
	if len(jp.Rows) == 0 {
		s.Missing = d.tr("missing_postings")
	} else {
		t = Table{Sheet: d.tr("sheet_postings"), Title: d.tr("h_postings"),
			Columns: []string{d.tr("c_industry_code"), d.tr("c_industry"), d.tr("c_postings_12m"), d.tr("c_postings_prev"), d.tr("c_postings_growth"), d.tr("c_seekers_per_posting")},
			Formats: []string{"", "", "int", "int", "pct", "num"}}
		for _, row := range jp.Rows {
			t.Rows = append(t.Rows, []any{row[0], row[1], row[2], row[3], num(row[2])/num(row[3]) - 1, row[4]})
		}
		s.Paragraphs = append(s.Paragraphs, d.tr("p_postings_def"))
		s.Tables = append(s.Tables, t)
	}
	add(s)

	// 7. How far to trust the forecasts: rolling-origin backtests.
	s = Section{Heading: d.tr("h_reliability")}
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
	return r, nil
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
