//go:build duckdb_arrow

package web

import "net/http"

// index lists the periods and their runs (the ledger).
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	ps, err := s.periods(r)
	if err != nil {
		s.dataError(w, r, err)
		return
	}
	p := s.pageFor(w, r, "index_title")
	p.Data = ps
	s.render(w, "index.html", p)
}
