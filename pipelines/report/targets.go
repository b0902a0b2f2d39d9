//go:build duckdb_arrow

package report

import (
	"math"
	"sort"

	"github.com/vocmap/vocmap/pipelines/report/chart"
)

// Policy targets that the data contract can measure (POLICY.md).
const (
	// TargetVocationalShare: 职普大体相当, vocational intake about half of
	// upper-secondary intake; the page counts 45 % or more as met.
	TargetVocationalShare = 0.45
	// TargetSecondaryEnrollment: average full-time enrollment of
	// secondary vocational schools in each city ≥ 1,300 by 2025.
	TargetSecondaryEnrollment = 1300
	// TargetBachelorShare: vocational-bachelor intake ≥ 15 % of
	// higher-vocational intake.
	TargetBachelorShare = 0.15
)

// targetsReport is the policy-targets page.
func (d *data) targetsReport() (*Report, error) {
	r := &Report{Name: "policy_targets", Title: d.title("targets_title"), Lang: d.lang,
		Subtitle: d.subtitle()}
	pt, err := d.rows("016_policy_targets.sql")
	if err != nil {
		return nil, err
	}
	year, code, name, level := col(pt, "year"), col(pt, "region_code"), col(pt, "region_name"), col(pt, "level")
	last := int64(0)
	for _, row := range pt.Rows {
		last = max(last, int64(num(row[year])))
	}
	type target struct {
		key, column, format string
		goal                float64
		missingKey          string
	}
	targets := []target{
		{"t_vocational_share", "vocational_share", "pct", TargetVocationalShare, "missing_education_totals"},
		{"t_secondary_enrollment", "avg_secondary_enrollment", "int", TargetSecondaryEnrollment, ""},
		{"t_bachelor_share", "bachelor_share", "pct", TargetBachelorShare, ""},
	}
	summary := Table{Sheet: d.tr("sheet_targets"), Title: d.tr("h_targets_summary", last),
		Columns: []string{d.tr("c_target"), d.tr("c_goal"), d.tr("c_province_value"), d.tr("c_status"), d.tr("c_cities_met")},
		Formats: []string{"", "", "", "", ""}}
	for _, tg := range targets {
		c := col(pt, tg.column)
		s := Section{Heading: d.tr(tg.key)}
		t := Table{Sheet: d.tr("sheet_" + tg.key), Title: d.tr(tg.key),
			Columns: []string{d.tr("c_year"), d.tr("c_region_code"), d.tr("c_region"), d.tr("c_value"), d.tr("c_status")},
			Formats: []string{"", "", "", tg.format, ""}}
		var provVal float64 = math.NaN()
		met, cities := 0, 0
		var bars []chart.Bar
		var tx, ty []float64
		for _, row := range pt.Rows {
			v := num(row[c])
			st := d.status(v, tg.goal)
			t.Rows = append(t.Rows, []any{row[year], row[code], row[name], v, st})
			if str(row[level]) == "province" && !math.IsNaN(v) {
				tx, ty = append(tx, num(row[year])), append(ty, v)
			}
			if int64(num(row[year])) != last {
				continue
			}
			if str(row[level]) == "province" {
				provVal = v
			} else if !math.IsNaN(v) {
				cities++
				if v >= tg.goal {
					met++
				}
				bars = append(bars, chart.Bar{Label: str(row[name]), Value: v})
			}
		}
		if math.IsNaN(provVal) && tg.missingKey != "" {
			s.Missing = d.tr(tg.missingKey)
		}
		goal := d.fmtValue(tg.goal, tg.format)
		s.Paragraphs = append(s.Paragraphs, d.tr(tg.key+"_p", last, d.fmtValue(provVal, tg.format), goal, met, cities))
		if len(bars) > 0 {
			f := "%.0f"
			if tg.format == "pct" {
				f = "%.3f"
			}
			if svg, err := (chart.BarChart{Title: d.tr(tg.key) + " (" + d.tr("c_cities") + ", " + str(last) + ")", ValueLabel: d.tr("c_value"),
				Bars: bars, Horizontal: true, RefLine: tg.goal, Format: f}).SVG(); err == nil {
				s.Charts = append(s.Charts, svg)
			}
		}
		if len(tx) > 1 {
			if svg, err := (chart.LineChart{Title: d.tr(tg.key) + " (" + d.provName + ")", XLabel: d.tr("c_year"), YLabel: d.tr("c_value"),
				Series: []chart.Series{{Name: d.provName, X: tx, Y: ty}}, XTicksInt: true, VLine: math.NaN()}).SVG(); err == nil {
				s.Charts = append(s.Charts, svg)
			}
		}
		sortStable(t.Rows) // the latest year first
		s.Tables = append(s.Tables, t)
		r.Sections = append(r.Sections, s)
		summary.Rows = append(summary.Rows, []any{d.tr(tg.key), fmtNum{tg.goal, tg.format}, fmtNum{provVal, tg.format}, d.status(provVal, tg.goal),
			d.tr("n_of_m", met, cities)})
	}
	r.Sections = append([]Section{{Heading: d.tr("h_targets_summary", last), Paragraphs: []string{d.tr("p_targets_intro")}, Tables: []Table{summary}}}, r.Sections...)
	// The targets the data contract cannot measure, and what they need.
	un := Table{Sheet: d.tr("sheet_unmeasured"), Title: d.tr("h_unmeasured"), Columns: []string{d.tr("c_target"), d.tr("c_needs")}, Formats: []string{"", ""}}
	for _, k := range []string{"u_high_level_schools", "u_county_school", "u_brand_programs", "u_pilot_cities", "u_pilot_enterprises"} {
		un.Rows = append(un.Rows, []any{d.tr(k), d.tr(k + "_needs")})
	}
	r.Sections = append(r.Sections, Section{Heading: d.tr("h_unmeasured"), Paragraphs: []string{d.tr("p_unmeasured")}, Tables: []Table{un}})
	r.Sections = append(r.Sections, d.colophon(r.Name))
	return r, nil
}

func (d *data) status(v, goal float64) string {
	switch {
	case math.IsNaN(v):
		return d.tr("status_unknown")
	case v >= goal:
		return d.tr("status_met")
	}
	return d.tr("status_not_met")
}

func (d *data) fmtValue(v float64, format string) string {
	if math.IsNaN(v) {
		return "—"
	}
	return formatCell(v, format)
}

// sortStable orders target rows by year (latest first), then region code.
func sortStable(rows [][]any) {
	sort.SliceStable(rows, func(i, j int) bool {
		if yi, yj := num(rows[i][0]), num(rows[j][0]); yi != yj {
			return yi > yj
		}
		return str(rows[i][1]) < str(rows[j][1])
	})
}
