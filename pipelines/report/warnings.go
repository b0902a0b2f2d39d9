//go:build duckdb_arrow

package report

import "math"

// entry is one entry of the run's warning list, with the names of its
// city and school.
type entry struct {
	signal, scope, cityCode, cityName, schoolCode, schoolName string
	programCode, programName, level, recommendation, reasons  string
	ratio, placement, score                                   float64
}

// entries reads the run's warning list (sql/013_program_list.sql): red
// first, then yellow and green; within each the province, the cities and
// the schools.
func (d *data) entries() ([]entry, error) {
	if d.list != nil {
		return d.list, nil
	}
	pr, err := d.rows("013_program_list.sql", d.run)
	if err != nil {
		return nil, err
	}
	c := func(name string) int { return col(pr, name) }
	reasons := c("reasons_text_zh")
	if d.lang == "en" {
		reasons = c("reasons_text_en")
	}
	out := make([]entry, 0, len(pr.Rows))
	for _, row := range pr.Rows {
		e := entry{signal: str(row[c("signal")]), scope: str(row[c("scope")]), cityCode: str(row[c("city_code")]),
			cityName: str(row[c("city_name")]), schoolCode: str(row[c("school_code")]), schoolName: str(row[c("school_name")]),
			programCode: str(row[c("program_code")]), programName: str(row[c("program_name")]), level: str(row[c("level")]),
			recommendation: str(row[c("recommendation")]), reasons: str(row[reasons]),
			ratio: num(row[c("supply_demand_ratio")]), placement: num(row[c("placement_rate")]), score: num(row[c("score")])}
		if d.lang != "en" {
			e.reasons = zhPunct(e.reasons)
		}
		out = append(out, e)
	}
	d.list = out
	return out, nil
}

// scopeCounts counts the entries of a signal by scope: province, city,
// school, and their total.
func scopeCounts(list []entry, signal string) [4]int {
	var n [4]int
	for _, e := range list {
		if e.signal != signal {
			continue
		}
		switch e.scope {
		case "province":
			n[0]++
		case "city":
			n[1]++
		default:
			n[2]++
		}
		n[3]++
	}
	return n
}

// countsTable is the warning list by scope and signal.
func (d *data) countsTable(list []entry) Table {
	t := Table{Sheet: d.tr("sheet_warning_counts"), Title: d.tr("h_warning_counts"),
		Columns: []string{d.tr("c_scope"), d.tr("c_red"), d.tr("c_yellow"), d.tr("c_green")},
		Formats: []string{"", "int", "int", "int"}}
	r, y, g := scopeCounts(list, "red"), scopeCounts(list, "yellow"), scopeCounts(list, "green")
	for i, k := range []string{"scope_province", "scope_city", "scope_school", "c_total"} {
		t.Rows = append(t.Rows, []any{d.tr(k), int64(r[i]), int64(y[i]), int64(g[i])})
	}
	return t
}

// redTable lists every red entry at the scope where it was raised, with
// its city and school by name; it is never cut.
func (d *data) redTable(list []entry) Table {
	t := Table{Sheet: d.tr("sheet_programs_red"), Title: d.tr("h_programs_red"), Limit: -1,
		Columns: []string{d.tr("c_scope"), d.tr("c_city"), d.tr("c_school"), d.tr("c_program_code"), d.tr("c_program"),
			d.tr("c_level"), d.tr("c_ratio"), d.tr("c_placement"), d.tr("c_recommendation"), d.tr("c_reasons")},
		Formats: []string{"", "", "", "", "", "", "ratio", "pct", "", ""}}
	for _, e := range list {
		if e.signal != "red" {
			continue
		}
		city, school := e.cityName, e.schoolName
		if e.scope == "province" {
			city = d.provName
		}
		if e.scope != "school" {
			school = "—"
		}
		var placement any = e.placement
		if math.IsNaN(e.placement) { // a school whose graduates' outcomes are not reported
			placement = d.tr("no_data")
		}
		t.Rows = append(t.Rows, []any{d.tr("scope_" + e.scope), city, school, e.programCode, e.programName,
			d.tr(levelKeys[e.level]), e.ratio, placement, d.tr("rec_" + e.recommendation), e.reasons})
	}
	return t
}

// provinceTable lists the province-scope entries of a signal.
func (d *data) provinceTable(list []entry, signal string) Table {
	t := Table{Sheet: d.tr("sheet_programs_" + signal), Title: d.tr("h_programs_" + signal), Limit: -1,
		Columns: []string{d.tr("c_program_code"), d.tr("c_program"), d.tr("c_level"), d.tr("c_ratio"), d.tr("c_placement"),
			d.tr("c_score"), d.tr("c_recommendation"), d.tr("c_reasons")},
		Formats: []string{"", "", "", "ratio", "pct", "num", "", ""}}
	for _, e := range list {
		if e.signal == signal && e.scope == "province" {
			t.Rows = append(t.Rows, []any{e.programCode, e.programName, d.tr(levelKeys[e.level]), e.ratio, e.placement,
				e.score, d.tr("rec_" + e.recommendation), e.reasons})
		}
	}
	return t
}

// redNames lists the first n red entries as "program（school or city）".
func (d *data) redNames(list []entry, n int) []string {
	var out []string
	for _, e := range list {
		if e.signal != "red" || len(out) == n {
			continue
		}
		where := e.cityName
		if e.scope == "school" {
			where = e.schoolName
		} else if e.scope == "province" {
			where = d.provName
		}
		if d.lang == "en" {
			out = append(out, e.programName+" "+e.programCode+" ("+where+")")
		} else {
			out = append(out, e.programName+"（"+where+"）")
		}
	}
	return out
}
