//go:build duckdb_arrow

package web

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r)
	writeJSON(w, http.StatusOK, map[string]string{"name": p.user.Name, "role": string(p.user.Role)})
}

// periodInfo is a period with its runs, newest first.
type periodInfo struct {
	Period    string    `json:"period"`
	LatestRun string    `json:"latest_run"`
	Finished  string    `json:"finished_at"`
	Scenarios []string  `json:"scenarios"`
	Runs      []runInfo `json:"runs"`
}

type runInfo struct {
	RunID    string `json:"run_id"`
	Scenario string `json:"scenario"`
	Status   string `json:"status"`
	Started  string `json:"started_at"`
	Finished string `json:"finished_at"`
	Snapshot any    `json:"snapshot_id"`
	Error    string `json:"error"`
}

// periods reads the ledger: the periods with a successful baseline run,
// newest first, each with all its runs.
func (s *Server) periods(r *http.Request) ([]periodInfo, error) {
	var res export.Result
	err := s.db.with(func(wh *warehouse.Warehouse) error {
		var err error
		res, err = job.Runs(r.Context(), wh)
		return err
	})
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, c := range res.Columns {
		col[c] = i
	}
	str := func(row []any, c string) string { return export.Cell(row[col[c]]) }
	var out []periodInfo
	index := map[string]int{}
	for _, row := range res.Rows { // newest first
		p := str(row, "period")
		i, ok := index[p]
		if !ok {
			i = len(out)
			index[p] = i
			out = append(out, periodInfo{Period: p, Scenarios: []string{}})
		}
		ri := runInfo{RunID: str(row, "run_id"), Scenario: str(row, "scenario"), Status: str(row, "status"),
			Started: str(row, "started_at"), Finished: str(row, "finished_at"), Snapshot: row[col["snapshot_id"]], Error: str(row, "error")}
		pi := &out[i]
		pi.Runs = append(pi.Runs, ri)
		if ri.Status != "succeeded" {
			continue
		}
		if ri.Scenario == "" && pi.LatestRun == "" {
			pi.LatestRun, pi.Finished = ri.RunID, ri.Finished
		}
		if ri.Scenario != "" && !contains(pi.Scenarios, ri.Scenario) {
			pi.Scenarios = append(pi.Scenarios, ri.Scenario)
		}
	}
	kept := make([]periodInfo, 0, len(out))
	for _, p := range out {
		if p.LatestRun != "" {
			kept = append(kept, p)
		}
	}
	sortPeriods(kept)
	return kept, nil
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func sortPeriods(ps []periodInfo) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Period > ps[j-1].Period; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func (s *Server) apiPeriods(w http.ResponseWriter, r *http.Request) {
	ps, err := s.periods(r)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ps)
}

// warningQuery is a warning-list request's filters, checked.
type warningQuery struct {
	Period string
	Scope  string
	Filter job.Filter
}

// parseWarningQuery reads period, region, level, signal and scope; the
// message key names the first bad one.
func parseWarningQuery(r *http.Request) (warningQuery, string) {
	q := r.URL.Query()
	wq := warningQuery{Period: q.Get("period"), Scope: q.Get("scope")}
	wq.Filter.Region, wq.Filter.Level, wq.Filter.Signal = q.Get("region"), q.Get("level"), q.Get("signal")
	if !validPeriod(wq.Period) {
		return wq, "bad_period"
	}
	if !oneOf(wq.Filter.Level, "", "secondary", "higher", "bachelor") {
		return wq, "bad_level"
	}
	if !oneOf(wq.Filter.Signal, "", "red", "yellow", "green") {
		return wq, "bad_signal"
	}
	if !oneOf(wq.Scope, "", "province", "city", "school") {
		return wq, "bad_scope"
	}
	for _, c := range wq.Filter.Region {
		if c < '0' || c > '9' {
			return wq, "bad_region"
		}
	}
	return wq, ""
}

func validPeriod(p string) bool {
	if len(p) != 7 || p[4] != '-' {
		return false
	}
	for i, c := range p {
		if i != 4 && (c < '0' || c > '9') {
			return false
		}
	}
	return p[5:] >= "01" && p[5:] <= "12"
}

func oneOf(v string, options ...string) bool {
	for _, o := range options {
		if v == o {
			return true
		}
	}
	return false
}

// warnings returns the rows `vocmap export warnings` writes for the same
// filters (job.Warnings), scope applied after.
func (s *Server) warnings(r *http.Request, wq warningQuery, lang string) ([]export.Warning, error) {
	var rows []export.Warning
	err := s.db.with(func(wh *warehouse.Warehouse) error {
		var err error
		rows, _, err = job.Warnings(r.Context(), wh, wq.Period, wq.Filter, lang)
		return err
	})
	if err != nil || wq.Scope == "" {
		return rows, err
	}
	kept := rows[:0]
	for _, x := range rows {
		if x.Scope == wq.Scope {
			kept = append(kept, x)
		}
	}
	return kept, nil
}

func (s *Server) apiWarnings(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(w, r)
	wq, bad := parseWarningQuery(r)
	if bad != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": bad, "message": text(lang, "err_"+bad)})
		return
	}
	rows, err := s.warnings(r, wq, lang)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := export.EncodeWarnings(&buf, export.WarningJSON, rows); err != nil {
		s.dataError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
}

// dataError answers a failed read of the warehouse.
func (s *Server) dataError(w http.ResponseWriter, r *http.Request, err error) {
	lang := s.lang(w, r)
	status, key := http.StatusInternalServerError, "internal"
	switch {
	case errors.Is(err, job.ErrNoRun):
		status, key = http.StatusNotFound, "no_run"
	case errors.Is(err, job.ErrNoRegion):
		status, key = http.StatusBadRequest, "bad_region"
	case errors.Is(err, errNoCopy):
		status, key = http.StatusServiceUnavailable, "no_copy"
	default:
		s.opts.Log.Error("web: reading the warehouse", "path", r.URL.Path, "err", err)
	}
	if isAPI(r.URL.Path) || r.Header.Get("Authorization") != "" {
		writeJSON(w, status, map[string]string{"error": key, "message": text(lang, "err_"+key)})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	p := s.pageFor(w, r, "err_title")
	p.Message = text(lang, "err_"+key)
	s.render(w, "error.html", p)
}
