//go:build duckdb_arrow

package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/vocmap/vocmap/pipelines/export"
)

// pageSize is how many rows of the warning list a page shows.
const pageSize = 50

// listQuery is the warning-list page's state: the API's filters plus a
// reason code, a sort column and direction, and a page.
type listQuery struct {
	warningQuery
	Reason string
	Sort   string // severity (default), ratio, placement, score, probability, program, region
	Desc   bool
	Page   int
}

var sortKeys = []string{"severity", "ratio", "placement", "score", "probability", "program", "region"}

// parseListQuery reads a list request; an empty period means the latest.
func (s *Server) parseListQuery(r *http.Request, periods []periodInfo) (listQuery, string) {
	q := r.URL.Query()
	if q.Get("period") == "" && len(periods) > 0 {
		q.Set("period", periods[0].Period)
		r.URL.RawQuery = q.Encode()
	}
	wq, bad := parseWarningQuery(r)
	lq := listQuery{warningQuery: wq, Reason: q.Get("reason"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc"}
	if lq.Sort == "" {
		lq.Sort = "severity"
	}
	if !oneOf(lq.Sort, sortKeys...) {
		return lq, "bad_sort"
	}
	for _, c := range lq.Reason {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return lq, "bad_reason"
		}
	}
	lq.Page, _ = strconv.Atoi(q.Get("page"))
	if lq.Page < 1 {
		lq.Page = 1
	}
	return lq, bad
}

// values is the query string of lq with some fields replaced.
func (lq listQuery) values(set ...string) url.Values {
	v := url.Values{}
	put := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	put("period", lq.Period)
	put("region", lq.Filter.Region)
	put("level", lq.Filter.Level)
	put("signal", lq.Filter.Signal)
	put("scope", lq.Scope)
	put("reason", lq.Reason)
	if lq.Sort != "severity" {
		put("sort", lq.Sort)
	}
	if lq.Desc {
		v.Set("dir", "desc")
	}
	if lq.Page > 1 {
		v.Set("page", strconv.Itoa(lq.Page))
	}
	for i := 0; i+1 < len(set); i += 2 {
		if set[i+1] == "" {
			v.Del(set[i])
		} else {
			v.Set(set[i], set[i+1])
		}
	}
	return v
}

// listRows returns the rows of the list, filtered and sorted as asked:
// what the page shows, all pages together, and what the downloads hold.
func (s *Server) listRows(r *http.Request, lq listQuery, lang string) ([]export.Warning, error) {
	rows, err := s.warnings(r, lq.warningQuery, lang)
	if err != nil {
		return nil, err
	}
	if lq.Reason != "" {
		kept := rows[:0]
		for _, x := range rows {
			for _, c := range strings.Split(x.Reasons, ";") {
				if c == lq.Reason {
					kept = append(kept, x)
					break
				}
			}
		}
		rows = kept
	}
	if lq.Sort != "severity" { // the store's order is by severity, scope, region, school, program
		key := func(x export.Warning) float64 {
			switch lq.Sort {
			case "ratio":
				return x.SupplyDemandRatio
			case "placement":
				return x.PlacementRate
			case "score":
				return x.Score
			case "probability":
				return x.ProbabilityOversupplied
			}
			return 0
		}
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i], rows[j]
			switch lq.Sort {
			case "program":
				return a.ProgramCode < b.ProgramCode != lq.Desc && a.ProgramCode != b.ProgramCode
			case "region":
				return a.RegionCode < b.RegionCode != lq.Desc && a.RegionCode != b.RegionCode
			}
			ka, kb := key(a), key(b)
			if math.IsNaN(ka) || math.IsNaN(kb) { // empty cells last, either way
				return !math.IsNaN(ka) && math.IsNaN(kb)
			}
			if lq.Desc {
				return ka > kb
			}
			return ka < kb
		})
	} else if lq.Desc {
		for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
			rows[i], rows[j] = rows[j], rows[i]
		}
	}
	return rows, nil
}

// listView is what the warning-list template shows.
type listView struct {
	Q                     listQuery
	Periods               []periodInfo
	Regions               [][2]string // code, name (cities and the province)
	Reasons               []string
	Rows                  []rowView
	Total, Pages          int
	Red, Yellow, Green    int
	Prev, Next, CSV, XLSX string
	SortLinks             map[string]string
}

type rowView struct {
	Signal, SignalWord, Recommendation, Scope string
	Region, School, Program, ProgramCode      string
	Level, Ratio, Placement, Score, Prob      string
	Market, Reasons, ProgramLink              string
	Intake, SchoolLink                        string
}

func (s *Server) warningsPage(w http.ResponseWriter, r *http.Request) {
	periods, err := s.periods(r)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	pg := s.pageFor(w, r, "list_title")
	lang := pg.Lang
	lq, bad := s.parseListQuery(r, periods)
	if bad != "" {
		w.WriteHeader(http.StatusBadRequest)
		pg.Message = text(lang, "err_"+bad)
		s.render(w, "error.html", pg)
		return
	}
	v := listView{Q: lq, Periods: periods, SortLinks: map[string]string{}}
	if len(periods) == 0 {
		pg.Data = v
		s.render(w, "warnings.html", pg)
		return
	}
	// The filter choices come from the period's whole list.
	all, err := s.warnings(r, warningQuery{Period: lq.Period}, lang)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	regions, reasons := map[string]string{}, map[string]bool{}
	for _, x := range all {
		if x.Scope != "school" {
			regions[x.RegionCode] = x.RegionName
		}
		for _, c := range strings.Split(x.Reasons, ";") {
			if c != "" {
				reasons[c] = true
			}
		}
	}
	for c, n := range regions {
		v.Regions = append(v.Regions, [2]string{c, n})
	}
	sort.Slice(v.Regions, func(i, j int) bool { return v.Regions[i][0] < v.Regions[j][0] })
	for c := range reasons {
		v.Reasons = append(v.Reasons, c)
	}
	sort.Strings(v.Reasons)
	rows, err := s.listRows(r, lq, lang)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	v.Total = len(rows)
	for _, x := range rows {
		switch x.Signal {
		case "red":
			v.Red++
		case "yellow":
			v.Yellow++
		case "green":
			v.Green++
		}
	}
	v.Pages = max(1, (len(rows)+pageSize-1)/pageSize)
	if lq.Page > v.Pages {
		lq.Page = v.Pages
		v.Q = lq
	}
	lo, hi := (lq.Page-1)*pageSize, min(lq.Page*pageSize, len(rows))
	for _, x := range rows[lo:hi] {
		v.Rows = append(v.Rows, s.rowView(x, lang, lq.Period))
	}
	if lq.Page > 1 {
		v.Prev = "/warnings?" + lq.values("page", strconv.Itoa(lq.Page-1)).Encode()
	}
	if lq.Page < v.Pages {
		v.Next = "/warnings?" + lq.values("page", strconv.Itoa(lq.Page+1)).Encode()
	}
	v.CSV = "/warnings/download?" + lq.values("page", "", "format", "csv").Encode()
	v.XLSX = "/warnings/download?" + lq.values("page", "", "format", "xlsx").Encode()
	for _, k := range sortKeys {
		dir := ""
		if k == lq.Sort && !lq.Desc {
			dir = "desc"
		}
		v.SortLinks[k] = "/warnings?" + lq.values("sort", k, "dir", dir, "page", "").Encode()
	}
	pg.Data = v
	s.render(w, "warnings.html", pg)
}

func (s *Server) rowView(x export.Warning, lang, period string) rowView {
	num := func(f float64, digits int) string {
		if math.IsNaN(f) {
			return "—"
		}
		return strconv.FormatFloat(f, 'f', digits, 64)
	}
	pct := func(f float64) string {
		if math.IsNaN(f) {
			return "—"
		}
		return strconv.FormatFloat(100*f, 'f', 1, 64) + "%"
	}
	region := x.RegionName
	if region == "" {
		region = x.RegionCode
	}
	intake := "—"
	if !math.IsNaN(x.CurrentIntake) {
		intake = export.GroupDigits(strconv.FormatInt(int64(math.Round(x.CurrentIntake)), 10))
	}
	q := url.Values{"period": {period}, "program": {x.ProgramCode}}
	if x.Scope != "province" {
		q.Set("region", x.RegionCode)
	}
	if x.SchoolCode != "" {
		q.Set("school", x.SchoolCode)
	}
	school := x.SchoolName
	if school == "" {
		school = x.SchoolCode
	}
	schoolLink := ""
	if x.SchoolCode != "" {
		schoolLink = "/school?" + url.Values{"period": {period}, "school": {x.SchoolCode}}.Encode()
	}
	return rowView{SchoolLink: schoolLink, Signal: x.Signal, SignalWord: export.WarningWord("signal", x.Signal, lang),
		Recommendation: export.WarningWord("recommendation", x.Recommendation, lang), Scope: export.WarningWord("scope", x.Scope, lang),
		Region: region, School: school, Program: x.ProgramName, ProgramCode: x.ProgramCode,
		Level: export.WarningWord("level", x.Level, lang), Ratio: num(x.SupplyDemandRatio, 2), Placement: pct(x.PlacementRate),
		Score: num(x.Score, 3), Prob: num(x.ProbabilityOversupplied, 2), Market: export.WarningWord("market", x.Market, lang),
		Reasons: x.ReasonsText, ProgramLink: "/program?" + q.Encode(), Intake: intake}
}

// warningsDownload writes exactly the list the page shows (every page of
// it, in its order) as CSV or XLSX, through the export's writers.
func (s *Server) warningsDownload(w http.ResponseWriter, r *http.Request) {
	periods, err := s.periods(r)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	lang := s.lang(w, r)
	lq, bad := s.parseListQuery(r, periods)
	format := r.URL.Query().Get("format")
	if bad == "" && format != export.WarningCSV && format != export.WarningXLSX {
		bad = "bad_format"
	}
	if bad != "" {
		s.fail(w, r, http.StatusBadRequest, bad)
		return
	}
	rows, err := s.listRows(r, lq, lang)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	dir, err := os.MkdirTemp("", "vocmap-serve-*")
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	name := fmt.Sprintf("warnings_%s.%s", lq.Period, format)
	path := filepath.Join(dir, name)
	if err := export.WriteWarnings(path, format, lang, rows); err != nil {
		s.dataError(w, r, err)
		return
	}
	ctype := "text/csv; charset=utf-8"
	if format == export.WarningXLSX {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	http.ServeFile(w, r, path)
}
