//go:build duckdb_arrow

package report

import (
	"math"

	"github.com/vocmap/vocmap/pipelines/report/chart"
)

// outcome is one row of sql/021_outcomes.sql.
type outcome struct {
	year                                              int64
	dim, code, level, name                            string
	graduates, placement, further, match, salary, inP float64
}

// outcomesSection is the 就业状况 half of the talent-demand report (issue
// 17.3): the graduates' placement, further study, match, salary and
// in-province employment, for the province, by level (three years), by
// city and by program category (the latest year), and the placement
// trend by level. The second return is the summary's sentence.
func (d *data) outcomesSection() (Section, string, error) {
	s := Section{Part: PartBasic, Heading: d.tr("h_outcomes")}
	res, err := d.rows("021_outcomes.sql", d.province)
	if err != nil {
		return s, "", err
	}
	var rows []outcome
	for _, r := range res.Rows {
		rows = append(rows, outcome{year: int64(num(r[0])), dim: str(r[1]), code: str(r[2]), level: str(r[3]), name: str(r[4]),
			graduates: num(r[5]), placement: num(r[6]), further: num(r[7]), match: num(r[8]), salary: num(r[9]), inP: num(r[10])})
	}
	if len(rows) == 0 {
		s.Missing = d.tr("missing_outcomes")
		return s, "", nil
	}
	last := rows[0].year
	var prov, prev *outcome
	for i := range rows {
		if rows[i].dim == "province" && rows[i].year == last {
			prov = &rows[i]
		}
		if rows[i].dim == "province" && rows[i].year == last-1 {
			prev = &rows[i]
		}
	}
	money := func(x float64) string { return formatCell(x, "int") }
	sum := ""
	if prov != nil {
		before := "—"
		if prev != nil {
			before = pctText(prev.placement)
		}
		sum = d.tr("p_outcomes", last, count(prov.graduates, d.lang), pctText(prov.placement), last-1, before, pctText(prov.further),
			pctText(prov.match), money(prov.salary), pctText(prov.inP))
		s.Paragraphs = append(s.Paragraphs, sum)
	}
	var lv []string
	for _, r := range rows {
		if r.dim == "level" && r.year == last {
			lv = append(lv, d.tr("p_outcomes_level_item", d.tr(levelKeys[r.level]), pctText(r.placement), pctText(r.further), pctText(r.match), money(r.salary)))
		}
	}
	if len(lv) > 0 {
		s.Paragraphs = append(s.Paragraphs, d.tr("p_outcomes_level", joinParts(lv, d.lang)))
	}
	cols := []string{d.tr("c_graduates"), d.tr("c_placement"), d.tr("c_further"), d.tr("c_match"), d.tr("c_salary"), d.tr("c_in_province")}
	fm := []string{"int", "pct", "pct", "pct", "int", "pct"}
	vals := func(r outcome) []any { return []any{r.graduates, r.placement, r.further, r.match, r.salary, r.inP} }
	byLevel := Table{Sheet: d.tr("sheet_outcomes_level"), Title: d.tr("h_outcomes_level"),
		Columns: append([]string{d.tr("c_grad_year"), d.tr("c_level")}, cols...), Formats: append([]string{"", ""}, fm...)}
	byCity := Table{Sheet: d.tr("sheet_outcomes_city"), Title: d.tr("h_outcomes_city", last),
		Columns: append([]string{d.tr("c_region_code"), d.tr("c_region")}, cols...), Formats: append([]string{"", ""}, fm...)}
	byCat := Table{Sheet: d.tr("sheet_outcomes_category"), Title: d.tr("h_outcomes_category", last),
		Columns: append([]string{d.tr("c_level"), d.tr("c_category_code"), d.tr("c_category")}, cols...), Formats: append([]string{"", "", ""}, fm...)}
	trend := map[string]*chart.Series{}
	var order []string
	for _, r := range rows {
		switch {
		case r.dim == "province" && r.year > last-3:
			byLevel.Rows = append(byLevel.Rows, append([]any{r.year, d.tr("c_total")}, vals(r)...))
		case r.dim == "level":
			if r.year > last-3 {
				byLevel.Rows = append(byLevel.Rows, append([]any{r.year, d.tr(levelKeys[r.level])}, vals(r)...))
			}
			sr := trend[r.level]
			if sr == nil {
				sr = &chart.Series{Name: d.tr(levelKeys[r.level])}
				trend[r.level] = sr
				order = append(order, r.level)
			}
			sr.X, sr.Y = append([]float64{float64(r.year)}, sr.X...), append([]float64{100 * r.placement}, sr.Y...)
		case r.dim == "city" && r.year == last:
			byCity.Rows = append(byCity.Rows, append([]any{r.code, r.name}, vals(r)...))
		case r.dim == "category" && r.year == last:
			byCat.Rows = append(byCat.Rows, append([]any{d.tr(levelKeys[r.level]), r.code, r.name}, vals(r)...))
		}
	}
	var series []chart.Series
	for _, l := range order {
		if len(trend[l].X) > 1 {
			series = append(series, *trend[l])
		}
	}
	if len(series) > 0 {
		if svg, err := (chart.LineChart{Title: d.tr("chart_placement"), XLabel: d.tr("c_grad_year"), YLabel: d.tr("c_placement_pct"),
			Series: series, XTicksInt: true, VLine: math.NaN()}).SVG(); err == nil {
			s.Charts = append(s.Charts, svg)
		}
	}
	s.Tables = append(s.Tables, byLevel, byCity, byCat)
	return s, sum, nil
}

// joinParts joins clauses of a sentence: ；in Chinese, "; " in English.
func joinParts(items []string, lang string) string {
	sep := "；"
	if lang == "en" {
		sep = "; "
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
