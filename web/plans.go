//go:build duckdb_arrow

package web

import (
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
)

// planFields are the plan's options a planner may set in the form or
// the API's query, in [0,1] except the penalties (≥ 0).
var planFields = []string{"total_change", "cell_change", "change_penalty", "bachelor_share", "bachelor_penalty"}

func planValue(o *job.PlanOptions, k string) *float64 {
	switch k {
	case "total_change":
		return &o.TotalChange
	case "cell_change":
		return &o.CellChange
	case "change_penalty":
		return &o.ChangePenalty
	case "bachelor_share":
		return &o.BachelorShare
	case "bachelor_penalty":
		return &o.BachelorPenalty
	}
	return nil
}

// parsePlan reads a plan request over the configured defaults; the key
// names the first bad value.
func (s *Server) parsePlan(get func(string) string) (job.PlanOptions, string) {
	o := job.PlanOptions{}
	if s.opts.Runner != nil {
		o = s.opts.Runner.PlanDefaults()
	}
	o.Period = get("period")
	if !validPeriod(o.Period) {
		return o, "bad_period"
	}
	if y := get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			return o, "bad_plan"
		}
		o.Year = n
	}
	switch get("by") {
	case "", "city":
	case "school":
		o.BySchool = true
	default:
		return o, "bad_plan"
	}
	for _, k := range planFields {
		v := get(k)
		if v == "" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || f < 0 || (k != "change_penalty" && k != "bachelor_penalty" && f > 1) || f > 1e6 {
			return o, "bad_plan"
		}
		*planValue(&o, k) = f
	}
	return o, ""
}

func (s *Server) queuePlan(r *http.Request, o job.PlanOptions) *task {
	t := &task{Kind: "plan", Period: o.Period, User: principalOf(r).user.Name, Created: s.opts.Now(), plan: o}
	if !s.tasks.add(t) {
		return nil
	}
	return t
}

func (s *Server) apiPlanPost(w http.ResponseWriter, r *http.Request) {
	o, bad := s.parsePlan(r.URL.Query().Get)
	if bad != "" {
		s.fail(w, r, http.StatusBadRequest, bad)
		return
	}
	t := s.queuePlan(r, o)
	if t == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "queue_full")
		return
	}
	w.Header().Set("Location", "/api/plans/"+t.ID)
	writeJSON(w, http.StatusAccepted, map[string]string{"id": t.ID, "state": t.State, "status_url": "/api/plans/" + t.ID})
}

// planJSON is a plan task with, once done, its summary and cells.
type planJSON struct {
	task
	Year              int                `json:"year,omitempty"`
	CurrentTotal      *float64           `json:"current_total,omitempty"`
	PlanTotal         *float64           `json:"plan_total,omitempty"`
	BachelorBefore    *float64           `json:"bachelor_share_before,omitempty"`
	BachelorAfter     *float64           `json:"bachelor_share_after,omitempty"`
	BachelorShortfall *float64           `json:"bachelor_shortfall,omitempty"`
	Binding           []string           `json:"binding,omitempty"`
	Shadow            map[string]float64 `json:"shadow_prices,omitempty"`
	Cells             []map[string]any   `json:"cells,omitempty"`
}

func planOf(t task) planJSON {
	p := planJSON{task: t}
	if res := t.res; res != nil {
		p.Year = res.Year
		p.CurrentTotal, p.PlanTotal = &res.CurrentTotal, &res.PlanTotal
		p.BachelorBefore, p.BachelorAfter, p.BachelorShortfall = &res.BachelorBefore, &res.BachelorAfter, &res.BachelorShortfall
		p.Binding, p.Shadow = res.Binding, res.Shadow
		p.Cells = resultObjects(res.Table)
	}
	return p
}

func (s *Server) apiPlanGet(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tasks.get(r.PathValue("id"))
	if !ok || t.Kind != "plan" {
		s.fail(w, r, http.StatusNotFound, "no_plan")
		return
	}
	writeJSON(w, http.StatusOK, planOf(t))
}

// planFormView is the plan page's data.
type planFormView struct {
	Periods []periodInfo
	Period  string
	Fields  []planField
	Error   string
	Recent  []task
	CanRun  bool
}

type planField struct{ Key, Label, Value string }

func (s *Server) planFormData(r *http.Request, o job.PlanOptions, lang string) planFormView {
	periods, _ := s.periods(r)
	v := planFormView{Periods: periods, Period: o.Period, CanRun: principalOf(r).user.Role.Allows("planner"), Recent: s.tasks.recent(20)}
	if v.Period == "" && len(periods) > 0 {
		v.Period = periods[0].Period
	}
	for _, k := range planFields {
		v.Fields = append(v.Fields, planField{Key: k, Label: text(lang, "plan_"+k), Value: strconv.FormatFloat(*planValue(&o, k), 'g', -1, 64)})
	}
	return v
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	pg := s.pageFor(w, r, "plan_title")
	o := job.PlanOptions{}
	if s.opts.Runner != nil {
		o = s.opts.Runner.PlanDefaults()
	}
	pg.Data = s.planFormData(r, o, pg.Lang)
	s.render(w, "plan.html", pg)
}

func (s *Server) planSubmit(w http.ResponseWriter, r *http.Request) {
	pg := s.pageFor(w, r, "plan_title")
	o, bad := s.parsePlan(r.PostFormValue)
	var t *task
	if bad == "" {
		if t = s.queuePlan(r, o); t == nil {
			bad = "queue_full"
		}
	}
	if bad != "" {
		w.WriteHeader(http.StatusBadRequest)
		v := s.planFormData(r, o, pg.Lang)
		v.Error = text(pg.Lang, "err_"+bad)
		pg.Data = v
		s.render(w, "plan.html", pg)
		return
	}
	http.Redirect(w, r, "/plans/"+t.ID, http.StatusSeeOther)
}

// planView is a plan's page.
type planView struct {
	P       planJSON
	Running bool
	Columns []string
	Rows    [][]string
	More    int
}

const planRowsShown = 300

func (s *Server) planResultPage(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tasks.get(r.PathValue("id"))
	if !ok || t.Kind != "plan" {
		s.fail(w, r, http.StatusNotFound, "no_plan")
		return
	}
	pg := s.pageFor(w, r, "plan_title")
	v := planView{P: planOf(t), Running: t.State == stateQueued || t.State == stateRunning}
	if t.res != nil {
		v.Columns = t.res.Table.Columns
		for i, row := range t.res.Table.Rows {
			if i == planRowsShown {
				v.More = len(t.res.Table.Rows) - planRowsShown
				break
			}
			cells := make([]string, len(row))
			for j, c := range row {
				cells[j] = diffCell(v.Columns[j], c, pg.Lang)
				if f, ok := c.(float64); ok && !math.IsNaN(f) && (v.Columns[j] == "current_intake" || v.Columns[j] == "proposed_intake" || v.Columns[j] == "change") {
					cells[j] = export.GroupDigits(strconv.FormatFloat(math.Round(f), 'f', 0, 64))
				}
			}
			v.Rows = append(v.Rows, cells)
		}
	}
	pg.Data = v
	s.render(w, "planresult.html", pg)
}

// planDownload writes the plan's table as the CLI would (`vocmap plan
// --out`): CSV for scripts, XLSX for people.
func (s *Server) planDownload(w http.ResponseWriter, r *http.Request) {
	t, ok := s.tasks.get(r.PathValue("id"))
	if !ok || t.Kind != "plan" || t.res == nil {
		s.fail(w, r, http.StatusNotFound, "no_plan")
		return
	}
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" {
		s.fail(w, r, http.StatusBadRequest, "bad_format")
		return
	}
	dir, err := os.MkdirTemp("", "vocmap-serve-*")
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	name := "plan_" + strconv.Itoa(t.res.Year) + "." + format
	path := filepath.Join(dir, name)
	if err := export.WriteFile(path, t.res.Table, text(s.lang(w, r), "plan_title")); err != nil {
		s.dataError(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	http.ServeFile(w, r, path)
}
