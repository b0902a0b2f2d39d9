//go:build duckdb_arrow

package web

import (
	"errors"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// scenarioName is what a scenario's name may be (config checks it too;
// the server checks again before it puts one in a URL).
var scenarioName = regexp.MustCompile(`^[\p{L}\p{N}_.-]{1,64}$`)

// queueScenario checks a scenario file and queues it; the status and
// message key say why not.
func (s *Server) queueScenario(r *http.Request, body []byte, period string) (*task, int, string, string) {
	if s.opts.Runner == nil {
		return nil, http.StatusNotImplemented, "not_implemented", ""
	}
	if !validPeriod(period) {
		return nil, http.StatusBadRequest, "bad_period", ""
	}
	name, err := s.opts.Runner.CheckScenario(body, s.langOf(r))
	if err != nil {
		return nil, http.StatusBadRequest, "bad_scenario", err.Error()
	}
	if !scenarioName.MatchString(name) {
		return nil, http.StatusBadRequest, "bad_scenario", name
	}
	t := &task{Kind: "scenario", Name: name, Period: period, User: principalOf(r).user.Name, Created: s.opts.Now(), body: body}
	if !s.tasks.add(t) {
		return nil, http.StatusServiceUnavailable, "queue_full", ""
	}
	return t, 0, "", ""
}

func (s *Server) apiScenarioPost(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(w, r)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "too_large", "message": text(lang, "err_too_large")})
		return
	}
	period := r.URL.Query().Get("period")
	t, status, key, detail := s.queueScenario(r, body, period)
	if t == nil {
		msg := text(lang, "err_"+key)
		if detail != "" {
			msg += "\n" + detail
		}
		writeJSON(w, status, map[string]string{"error": key, "message": msg})
		return
	}
	state := "/api/scenarios/" + url.PathEscape(t.Name) + "?period=" + period
	w.Header().Set("Location", state)
	writeJSON(w, http.StatusAccepted, map[string]string{"id": t.ID, "name": t.Name, "period": t.Period, "state": t.State,
		"status_url": state, "diff_url": "/api/scenarios/" + url.PathEscape(t.Name) + "/diff?period=" + period})
}

// scenarioState is a scenario's state: the server's task when it ran one
// since it started, else the ledger's latest successful run of it.
func (s *Server) scenarioState(r *http.Request, period, name string) (task, bool, error) {
	if t, ok := s.tasks.latest("scenario", period, name); ok {
		return t, true, nil
	}
	var id string
	err := s.db.with(func(wh *warehouse.Warehouse) error {
		var err error
		id, err = job.LatestRunOf(r.Context(), wh, period, name)
		return err
	})
	if errors.Is(err, job.ErrNoRun) {
		return task{}, false, nil
	}
	if err != nil {
		return task{}, false, err
	}
	return task{Kind: "scenario", Name: name, Period: period, State: stateSucceeded, RunID: id}, true, nil
}

// scenarioAsked returns the state of the scenario a request names (its
// path's name, its period), or answers 400, 404 or the read error itself
// and returns false.
func (s *Server) scenarioAsked(w http.ResponseWriter, r *http.Request) (task, bool) {
	period, name := r.URL.Query().Get("period"), r.PathValue("name")
	if !validPeriod(period) {
		s.fail(w, r, http.StatusBadRequest, "bad_period")
		return task{}, false
	}
	t, ok, err := s.scenarioState(r, period, name)
	if err != nil {
		s.dataError(w, r, err)
		return task{}, false
	}
	if !ok {
		s.fail(w, r, http.StatusNotFound, "no_scenario")
		return task{}, false
	}
	return t, true
}

func (s *Server) apiScenarioState(w http.ResponseWriter, r *http.Request) {
	if t, ok := s.scenarioAsked(w, r); ok {
		writeJSON(w, http.StatusOK, t)
	}
}

// scenarioDiff returns what the scenario changes (`vocmap scenario diff`).
func (s *Server) scenarioDiff(r *http.Request, period, name string) (export.Result, error) {
	var res export.Result
	err := s.db.with(func(wh *warehouse.Warehouse) error {
		var err error
		res, _, _, err = job.ScenarioDiff(r.Context(), wh, period, name)
		return err
	})
	return res, err
}

func (s *Server) apiScenarioDiff(w http.ResponseWriter, r *http.Request) {
	period, name := r.URL.Query().Get("period"), r.PathValue("name")
	if !validPeriod(period) {
		s.fail(w, r, http.StatusBadRequest, "bad_period")
		return
	}
	res, err := s.scenarioDiff(r, period, name)
	if errors.Is(err, job.ErrNoRun) {
		s.fail(w, r, http.StatusNotFound, "no_scenario")
		return
	}
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resultObjects(res))
}

// resultObjects turns a result into an array of objects keyed by column,
// NaN as null.
func resultObjects(res export.Result) []map[string]any {
	out := make([]map[string]any, 0, len(res.Rows))
	for _, row := range res.Rows {
		m := make(map[string]any, len(res.Columns))
		for i, c := range res.Columns {
			v := row[i]
			if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				v = nil
			}
			m[c] = v
		}
		out = append(out, m)
	}
	return out
}

// scenarioForm is the scenarios page's data.
type scenarioForm struct {
	Periods []periodInfo
	Period  string
	YAML    string
	Error   string
	Recent  []task
	CanRun  bool
}

func (s *Server) scenariosPage(w http.ResponseWriter, r *http.Request) {
	periods, err := s.periods(r)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	pg := s.pageFor(w, r, "scenarios_title")
	f := scenarioForm{Periods: periods, Recent: s.tasks.recent(20), CanRun: s.opts.Runner != nil && principalOf(r).user.Role.Allows("planner")}
	if len(periods) > 0 {
		f.Period = periods[0].Period
	}
	if s.opts.Runner != nil {
		f.YAML = string(s.opts.Runner.Example())
	}
	pg.Data = f
	s.render(w, "scenarios.html", pg)
}

// scenarioSubmit takes the form: the YAML typed or pasted, or an
// uploaded file.
func (s *Server) scenarioSubmit(w http.ResponseWriter, r *http.Request) {
	pg := s.pageFor(w, r, "scenarios_title")
	body := []byte(r.PostFormValue("yaml"))
	if f, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "too_large")
			return
		}
		if len(b) > 0 {
			body = b
		}
	}
	period := r.PostFormValue("period")
	t, status, key, detail := s.queueScenario(r, body, period)
	if t == nil {
		periods, _ := s.periods(r)
		w.WriteHeader(status)
		msg := text(pg.Lang, "err_"+key)
		if detail != "" {
			msg += "\n" + detail
		}
		pg.Data = scenarioForm{Periods: periods, Period: period, YAML: string(body), Error: msg, Recent: s.tasks.recent(20), CanRun: true}
		s.render(w, "scenarios.html", pg)
		return
	}
	http.Redirect(w, r, "/scenarios/"+url.PathEscape(t.Name)+"?period="+url.QueryEscape(period), http.StatusSeeOther)
}

func (s *Server) scenarioExample(w http.ResponseWriter, r *http.Request) {
	if s.opts.Runner == nil {
		s.notYet(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="scenario.yaml"`)
	w.Write(s.opts.Runner.Example()) //nolint:errcheck // the client went away
}

// scenarioView is the scenario page's data.
type scenarioView struct {
	T       task
	Running bool
	Columns []string
	Rows    [][]string
	Changed int
}

func (s *Server) scenarioPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.scenarioAsked(w, r)
	if !ok {
		return
	}
	period, name := t.Period, t.Name
	pg := s.pageFor(w, r, "scenario_title")
	v := scenarioView{T: t, Running: t.State == stateQueued || t.State == stateRunning}
	if t.State == stateSucceeded {
		res, err := s.scenarioDiff(r, period, name)
		if err != nil {
			s.dataError(w, r, err)
			return
		}
		v.Columns = res.Columns
		si, bi := indexOf(res.Columns, "scenario_signal"), indexOf(res.Columns, "baseline_signal")
		for _, row := range res.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = diffCell(res.Columns[i], c, pg.Lang)
			}
			if si >= 0 && bi >= 0 && export.Cell(row[si]) != export.Cell(row[bi]) {
				v.Changed++
			}
			v.Rows = append(v.Rows, cells)
		}
	}
	pg.Title = text(pg.Lang, "scenario_title") + " " + name + " · " + period
	pg.Data = v
	s.render(w, "scenario.html", pg)
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// diffCell shows one cell of the diff: signals in words, numbers rounded.
func diffCell(col string, v any, lang string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case float64:
		if math.IsNaN(x) {
			return "—"
		}
		if strings.HasPrefix(col, "probability") {
			return fmtNum(x, 2)
		}
		return fmtNum(x, 3)
	}
	s := export.Cell(v)
	if strings.HasSuffix(col, "_signal") {
		if s == "" {
			return "—"
		}
		return export.WarningWord("signal", s, lang)
	}
	if col == "scope" {
		return export.WarningWord("scope", s, lang)
	}
	return s
}
