//go:build duckdb_arrow

package report

import (
	"database/sql"
	"errors"
	"math"

	"github.com/vocmap/vocmap/pipelines/job"
)

// yoySection compares the run with the previous period's run, or, on a
// first period, the last data year with the one before (issue 17.7):
// employment of the mapped industries and its largest moves, intake by
// level and the placement rate; against a previous run also the warning
// list's counts, the entries whose signal changed and the openings.
func (d *data) yoySection() (Section, error) {
	var prevRun, prevPeriod string
	err := d.db.QueryRowContext(d.ctx, stmt("019_previous_run.sql"), d.period, d.scenario).Scan(&prevRun, &prevPeriod)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Section{}, err
	}
	s := Section{Part: PartBasic}
	em, err := d.rows("017_yoy_employment.sql", d.run, d.province)
	if err != nil {
		return s, err
	}
	var y0, y1 int64
	var e0, e1 float64
	var up, down []string
	for _, row := range em.Rows {
		y0, y1 = int64(num(row[2])), int64(num(row[3]))
		a, b := num(row[4]), num(row[5])
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		e0, e1 = e0+a, e1+b
	}
	for i := 0; i < len(em.Rows) && len(up) < 3; i++ {
		if ch := num(em.Rows[i][5]) - num(em.Rows[i][4]); ch > 0 {
			up = append(up, str(em.Rows[i][1])+"（"+signedCount(ch)+"）")
		}
	}
	for i := len(em.Rows) - 1; i >= 0 && len(down) < 3; i-- {
		if ch := num(em.Rows[i][5]) - num(em.Rows[i][4]); ch < 0 {
			down = append(down, str(em.Rows[i][1])+"（"+signedCount(ch)+"）")
		}
	}
	if d.lang == "en" {
		for i := range up {
			up[i] = enParens(up[i])
		}
		for i := range down {
			down[i] = enParens(down[i])
		}
	}
	if prevRun == "" {
		s.Heading = d.tr("h_yoy_year", y0)
		s.Paragraphs = append(s.Paragraphs, d.tr("p_yoy_first", y0, y1))
	} else {
		s.Heading = d.tr("h_yoy_run", prevPeriod)
	}
	if len(em.Rows) > 0 && e0 > 0 {
		s.Paragraphs = append(s.Paragraphs, d.yoyEmployment(y1, e1, y0, e0),
			d.tr("p_yoy_movers", joinList(up, d.lang), joinList(down, d.lang)))
		d.yoyEmp = [2]float64{e0, e1}
	}
	in, err := d.rows("018_yoy_intake.sql")
	if err != nil {
		return s, err
	}
	if n := len(in.Rows); n >= 2 {
		a, b := in.Rows[n-2], in.Rows[n-1]
		tot := func(r []any) float64 {
			t := 0.0
			for _, v := range r[1:4] {
				if x := num(v); !math.IsNaN(x) {
					t += x
				}
			}
			return t
		}
		t0, t1 := tot(a), tot(b)
		dir := "more"
		if t1 < t0 {
			dir = "less"
		}
		s.Paragraphs = append(s.Paragraphs, d.tr("p_yoy_intake", int64(num(b[0])), count(t1, d.lang), int64(num(a[0])), d.tr(dir),
			formatCell(math.Abs(t1-t0), "int"), signedPct(t1/t0-1), count(num(b[1]), d.lang), count(num(b[2]), d.lang), count(num(b[3]), d.lang)))
		// the latest two graduation years with outcomes
		var p [][]any
		for _, r := range in.Rows {
			if !math.IsNaN(num(r[4])) {
				p = append(p, r)
			}
		}
		if m := len(p); m >= 2 {
			s.Paragraphs = append(s.Paragraphs, d.tr("p_yoy_placement", int64(num(p[m-1][0])), pctText(num(p[m-1][4])), int64(num(p[m-2][0])), pctText(num(p[m-2][4]))))
		}
	}
	if prevRun != "" {
		var now, before [4]sql.NullFloat64
		for _, x := range []struct {
			run string
			v   *[4]sql.NullFloat64
		}{{d.run, &now}, {prevRun, &before}} {
			if err := d.db.QueryRowContext(d.ctx, stmt("020_signal_counts.sql"), x.run, d.province).Scan(&x.v[0], &x.v[1], &x.v[2], &x.v[3]); err != nil {
				return s, err
			}
		}
		ch, err := job.ChangesBetween(d.ctx, d.db, d.run, prevRun, math.Inf(1), math.Inf(1))
		if err != nil {
			return s, err
		}
		var appeared, gone, changed int
		t := Table{Sheet: d.tr("sheet_yoy"), Title: s.Heading, Columns: []string{d.tr("c_scope"), d.tr("c_region_code"), d.tr("c_school"),
			d.tr("c_program_code"), d.tr("c_program"), d.tr("c_before_signal"), d.tr("c_after_signal")}}
		for _, r := range ch.Rows {
			b, a := str(r[5]), str(r[6])
			switch {
			case b == a:
				continue
			case b == "":
				appeared++
			case a == "":
				gone++
			default:
				changed++
			}
			t.Rows = append(t.Rows, []any{d.tr("scope_" + str(r[0])), r[1], r[2], r[3], r[4], d.tr("signal_" + b), d.tr("signal_" + a)})
		}
		s.Paragraphs = append(s.Paragraphs, d.tr("p_yoy_warnings", int(before[0].Float64), int(now[0].Float64), int(before[1].Float64), int(now[1].Float64),
			int(before[2].Float64), int(now[2].Float64), appeared+gone+changed, appeared, gone, changed))
		if before[3].Valid && now[3].Valid && before[3].Float64 > 0 {
			s.Paragraphs = append(s.Paragraphs, d.tr("p_yoy_openings", count(before[3].Float64, d.lang), count(now[3].Float64, d.lang),
				signedPct(now[3].Float64/before[3].Float64-1)))
		}
		if len(t.Rows) > 0 {
			s.Tables = append(s.Tables, t)
		}
	}
	return s, nil
}

// yoyEmployment says how employment moved between two years.
func (d *data) yoyEmployment(y1 int64, e1 float64, y0 int64, e0 float64) string {
	dir := "more"
	if e1 < e0 {
		dir = "less"
	}
	return d.tr("p_yoy_emp", y1, count(e1, d.lang), y0, d.tr(dir), formatCell(math.Abs(e1-e0), "int"), signedPct(e1/e0-1))
}

// enParens writes "name（+1,234）" as "name (+1,234)".
func enParens(s string) string {
	r := []rune(s)
	out := make([]rune, 0, len(r)+1)
	for _, c := range r {
		switch c {
		case '（':
			out = append(out, ' ', '(')
		case '）':
			out = append(out, ')')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
