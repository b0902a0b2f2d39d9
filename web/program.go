//go:build duckdb_arrow

package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// programView is what the program page shows: `vocmap explain`'s
// explanation of the row.
type programView struct {
	E                        *job.Explanation
	Period                   string
	Scope, Level, Band       string
	Signal, SignalWord       string
	Ratio, Prob, Score       string
	Supply, Openings         string
	DPlus, DMinus, Closeness string
	Indicators               []indicatorView
}

type indicatorView struct {
	Name                                string
	Value, Weight, Normalized, Weighted string
	SqIdeal, SqAntiIdeal                string
}

func fmtNum(f float64, digits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "—"
	}
	return strconv.FormatFloat(f, 'f', digits, 64)
}

func (s *Server) programPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := s.pageFor(w, r, "program_title")
	lang := pg.Lang
	period, program := q.Get("period"), q.Get("program")
	if !validPeriod(period) || program == "" {
		w.WriteHeader(http.StatusBadRequest)
		pg.Message = text(lang, "err_bad_program")
		s.render(w, "error.html", pg)
		return
	}
	var e *job.Explanation
	err := s.db.with(func(wh *warehouse.Warehouse) error {
		var err error
		e, err = job.Explain(r.Context(), wh, period, program, q.Get("region"), q.Get("school"))
		return err
	})
	if errors.Is(err, job.ErrNoProgram) {
		w.WriteHeader(http.StatusNotFound)
		pg.Message = text(lang, "err_no_program")
		s.render(w, "error.html", pg)
		return
	}
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	v := programView{E: e, Period: period, Scope: export.WarningWord("scope", e.Scope, lang), Level: export.WarningWord("level", e.Level, lang),
		Band: e.Band, Signal: e.Signal, SignalWord: export.WarningWord("signal", e.Signal, lang),
		Ratio: fmtNum(e.Ratio, 2), Prob: fmtNum(e.Prob, 2), Score: fmtNum(e.Score, 3),
		Supply: fmtNum(e.Supply, 0), Openings: fmtNum(e.Openings, 0),
		DPlus: fmtNum(e.DPlus, 4), DMinus: fmtNum(e.DMinus, 4), Closeness: fmtNum(e.Closeness, 4)}
	if !math.IsNaN(e.Supply) {
		v.Supply = export.GroupDigits(fmtNum(e.Supply, 0))
	}
	if !math.IsNaN(e.Openings) {
		v.Openings = export.GroupDigits(fmtNum(e.Openings, 0))
	}
	for _, iv := range e.Indicators {
		v.Indicators = append(v.Indicators, indicatorView{Name: text(lang, "ind_"+iv.Name), Value: fmtNum(iv.Value, 3), Weight: fmtNum(iv.Weight, 3),
			Normalized: fmtNum(iv.Normalized, 4), Weighted: fmtNum(iv.Weighted, 4), SqIdeal: fmtNum(iv.SqIdeal, 6), SqAntiIdeal: fmtNum(iv.SqAntiIdeal, 6)})
	}
	pg.Title = e.Name + "（" + e.Program + "）"
	pg.Data = v
	s.render(w, "program.html", pg)
}
