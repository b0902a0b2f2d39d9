//go:build duckdb_arrow

package web

import (
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// schoolView is a school's page: its rows of the warning list.
type schoolView struct {
	Code, Name, Region, Period string
	Rows                       []rowView
	Red, Yellow, Green         int
}

func (s *Server) schoolPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg := s.pageFor(w, r, "school_title")
	period, code := q.Get("period"), q.Get("school")
	if !validPeriod(period) || code == "" {
		s.fail(w, r, http.StatusBadRequest, "bad_school")
		return
	}
	rows, err := s.warnings(r, warningQuery{Period: period, Scope: "school"}, pg.Lang)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	v := schoolView{Code: code, Period: period}
	for _, x := range rows {
		if x.SchoolCode != code {
			continue
		}
		v.Name, v.Region = x.SchoolName, x.RegionName
		v.Rows = append(v.Rows, s.rowView(x, pg.Lang, period))
		switch x.Signal {
		case "red":
			v.Red++
		case "yellow":
			v.Yellow++
		case "green":
			v.Green++
		}
	}
	if v.Name == "" {
		v.Name = code
	}
	pg.Title = v.Name
	pg.Data = v
	s.render(w, "school.html", pg)
}

// reportsDir is where the period's reports are: OUT/P/reports.
func (s *Server) reportsDir(period string) string {
	return filepath.Join(s.opts.Reports, period, "reports")
}

// reportsPage lists the period's reports (the HTML and XLSX a run wrote).
func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	pg := s.pageFor(w, r, "reports_title")
	type periodReports struct {
		Period string
		Files  []string
	}
	var out []periodReports
	var periods []string
	if s.opts.Reports != "" {
		ents, _ := os.ReadDir(s.opts.Reports)
		for _, e := range ents {
			if e.IsDir() && validPeriod(e.Name()) {
				periods = append(periods, e.Name())
			}
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(periods)))
	for _, p := range periods {
		ents, err := os.ReadDir(s.reportsDir(p))
		if err != nil {
			continue
		}
		pr := periodReports{Period: p}
		for _, e := range ents {
			if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".xlsx")) {
				pr.Files = append(pr.Files, n)
			}
		}
		sort.Strings(pr.Files)
		if len(pr.Files) > 0 {
			out = append(out, pr)
		}
	}
	pg.Data = out
	s.render(w, "reports.html", pg)
}

// reportFile serves one report of a period from its folder, confined to
// it (os.Root: no path leaves the folder, symbolic links included). The
// reports are self-contained HTML with their own style sheet and SVG
// charts and no script: their policy allows inline styles, nothing else.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request) {
	period, name := r.PathValue("period"), r.PathValue("file")
	if s.opts.Reports == "" || !validPeriod(period) || name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") ||
		!(strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".xlsx")) {
		s.fail(w, r, http.StatusNotFound, "not_found")
		return
	}
	root, err := os.OpenRoot(s.reportsDir(period))
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found")
		return
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "not_found")
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		s.fail(w, r, http.StatusNotFound, "not_found")
		return
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	if strings.HasSuffix(name, ".xlsx") {
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
