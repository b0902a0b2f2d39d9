//go:build duckdb_arrow

package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vocmap/vocmap/web/account"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Warehouse is the warehouse file; the server reads its read copies.
	Warehouse string
	// Accounts is the accounts store (account.Open(Warehouse) when nil).
	Accounts *account.Store
	// Lang is the default language, zh or en.
	Lang string
	// Log receives the server's notices.
	Log *slog.Logger
	// Poll is how often the server looks for a newer read copy (2 s).
	Poll time.Duration
	// SessionIdle and SessionMax end browser sessions (30 min unused, 12 h).
	SessionIdle, SessionMax time.Duration
	// BasicTTL is how long verified HTTP Basic credentials are trusted
	// without hashing the password again (5 min).
	BasicTTL time.Duration
	// FailWindow is the window of the sign-in rate limit (15 min).
	FailWindow time.Duration
	// MaxBody bounds a request body (1 MiB).
	MaxBody int64
	// Now is the clock (tests).
	Now func() time.Time
	// Reports is the runs' output folder (run.out): the period's reports
	// are served from Reports/P/reports; "" serves none.
	Reports string
	// Runner runs the scenarios planners ask for (nil: those endpoints
	// answer 501).
	Runner Runner
}

// Server is the workbench.
type Server struct {
	opts     Options
	db       *readDB
	acc      *accounts
	sess     *sessions
	lim      *limiter
	tmpl     *template.Template
	mux      *http.ServeMux
	tasks    *tasks
	stopPoll context.CancelFunc
}

// New opens the newest read copy and returns the server; it watches for
// newer copies until Close.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Accounts == nil {
		o.Accounts = account.Open(o.Warehouse)
	}
	if o.Lang != "en" {
		o.Lang = "zh"
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Poll, 2*time.Second)
	def(&o.SessionIdle, 30*time.Minute)
	def(&o.SessionMax, 12*time.Hour)
	def(&o.BasicTTL, 5*time.Minute)
	def(&o.FailWindow, 15*time.Minute)
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	tmpl, err := template.New("").Funcs(template.FuncMap{
		"t":     func(lang, key string) string { return text(lang, key) },
		"deref": func(p *float64) float64 { return *p },
		"pct":   func(p *float64) float64 { return 100 * *p },
	}).
		ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:  o,
		db:    &readDB{file: o.Warehouse, log: o.Log},
		acc:   &accounts{store: o.Accounts, ttl: o.BasicTTL, now: o.Now},
		sess:  &sessions{m: map[string]*session{}, idle: o.SessionIdle, max: o.SessionMax, now: o.Now},
		lim:   &limiter{fails: map[string][]time.Time{}, window: o.FailWindow, now: o.Now},
		tmpl:  tmpl,
		tasks: newTasks(),
	}
	if err := s.db.refresh(ctx); err != nil {
		return nil, err
	}
	pollCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.stopPoll = cancel
	go s.db.watch(pollCtx, o.Poll)
	go s.work(pollCtx)
	s.routes()
	return s, nil
}

// Close stops watching and closes the copy.
func (s *Server) Close() {
	s.stopPoll()
	s.db.close()
}

// Refresh opens the newest read copy now (the server also does it every
// Poll).
func (s *Server) Refresh(ctx context.Context) error { return s.db.refresh(ctx) }

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	m.HandleFunc("GET /signin", s.signinForm)
	m.HandleFunc("POST /signin", s.signin)
	m.HandleFunc("POST /signout", s.need(account.Viewer, s.signout))
	m.HandleFunc("GET /{$}", s.need(account.Viewer, s.index))
	m.HandleFunc("GET /warnings", s.need(account.Viewer, s.warningsPage))
	m.HandleFunc("GET /warnings/download", s.need(account.Viewer, s.warningsDownload))
	m.HandleFunc("GET /program", s.need(account.Viewer, s.programPage))
	m.HandleFunc("GET /school", s.need(account.Viewer, s.schoolPage))
	m.HandleFunc("GET /reports", s.need(account.Viewer, s.reportsPage))
	m.HandleFunc("GET /reports/{period}/{file}", s.need(account.Viewer, s.reportFile))
	m.HandleFunc("GET /api/me", s.need(account.Viewer, s.apiMe))
	m.HandleFunc("GET /api/periods", s.need(account.Viewer, s.apiPeriods))
	m.HandleFunc("GET /api/warnings", s.need(account.Viewer, s.apiWarnings))
	m.HandleFunc("POST /api/scenarios", s.need(account.Planner, s.apiScenarioPost))
	m.HandleFunc("GET /api/scenarios/{name}", s.need(account.Viewer, s.apiScenarioState))
	m.HandleFunc("GET /api/scenarios/{name}/diff", s.need(account.Viewer, s.apiScenarioDiff))
	m.HandleFunc("POST /api/plans", s.need(account.Planner, s.apiPlanPost))
	m.HandleFunc("GET /api/plans/{id}", s.need(account.Viewer, s.apiPlanGet))
	m.HandleFunc("GET /scenarios", s.need(account.Viewer, s.scenariosPage))
	m.HandleFunc("POST /scenarios", s.need(account.Planner, s.scenarioSubmit))
	m.HandleFunc("GET /scenarios/example.yaml", s.need(account.Viewer, s.scenarioExample))
	m.HandleFunc("GET /scenarios/{name}", s.need(account.Viewer, s.scenarioPage))
	m.HandleFunc("GET /plan", s.need(account.Viewer, s.planPage))
	m.HandleFunc("POST /plan", s.need(account.Planner, s.planSubmit))
	m.HandleFunc("GET /plans/{id}", s.need(account.Viewer, s.planResultPage))
	m.HandleFunc("GET /plans/{id}/download", s.need(account.Viewer, s.planDownload))
	s.mux = m
}

// public paths need no sign-in: the health check, the sign-in form and
// the embedded style sheet and scripts it uses (they hold no data).
func public(path string) bool {
	return path == "/healthz" || path == "/signin" || strings.HasPrefix(path, "/static/")
}

func isAPI(path string) bool { return path == "/api" || strings.HasPrefix(path, "/api/") }

// Handler is the server's HTTP handler: security headers, body limit,
// sign-in, then the routes.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
		if public(r.URL.Path) {
			s.mux.ServeHTTP(w, r)
			return
		}
		p, status, wait := s.authenticate(r)
		switch {
		case status == http.StatusTooManyRequests:
			w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds())+1))
			s.fail(w, r, status, "too_many")
			return
		case p == nil && isAPI(r.URL.Path), p == nil && status == http.StatusUnauthorized:
			w.Header().Set("WWW-Authenticate", `Basic realm="vocmap", charset="UTF-8"`)
			s.fail(w, r, http.StatusUnauthorized, "signin_needed")
			return
		case p == nil:
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !p.isBasic && !csrfOK(r, p.sess) {
			s.fail(w, r, http.StatusForbidden, "csrf")
			return
		}
		s.mux.ServeHTTP(w, r.WithContext(withPrincipal(r.Context(), p)))
	})
}

// authenticate finds who sent r: HTTP Basic credentials (checked, rate
// limited) or a browser session. A nil principal with status 401 means
// Basic credentials were refused; with 0, none were given.
func (s *Server) authenticate(r *http.Request) (*principal, int, time.Duration) {
	if name, pw, ok := r.BasicAuth(); ok {
		addr := clientAddr(r)
		if d := max(s.lim.wait("name:"+name, maxFailsPerName), s.lim.wait("addr:"+addr, maxFailsPerAddr)); d > 0 {
			return nil, http.StatusTooManyRequests, d
		}
		u, ok := s.acc.verifyBasic(name, pw)
		if !ok {
			s.lim.fail("name:" + name)
			s.lim.fail("addr:" + addr)
			s.opts.Log.Warn("web: refused HTTP Basic credentials", "user", name, "addr", addr)
			return nil, http.StatusUnauthorized, 0
		}
		s.lim.clear("name:" + name)
		return &principal{user: u, isBasic: true}, 0, 0
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, 0, 0
	}
	sess := s.sess.get(c.Value)
	if sess == nil {
		return nil, 0, 0
	}
	u, ok := s.acc.current(sess.user)
	if !ok { // removed since it signed in
		s.sess.endUser(sess.user)
		return nil, 0, 0
	}
	return &principal{user: u, sess: sess, sessID: c.Value}, 0, 0
}

// need wraps a handler with the role it requires.
func (s *Server) need(role account.Role, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := principalOf(r)
		if p == nil {
			s.fail(w, r, http.StatusUnauthorized, "signin_needed")
			return
		}
		if !p.user.Role.Allows(role) {
			s.fail(w, r, http.StatusForbidden, "forbidden")
			return
		}
		h(w, r)
	}
}

// lang is the request's language: ?lang=, then the lang cookie, then the
// server's default.
func (s *Server) lang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: "vocmap_lang", Value: l, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 365 * 24 * 3600})
	}
	return s.langOf(r)
}

// langOf is the request's language without remembering it.
func (s *Server) langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "zh" || l == "en" {
		return l
	}
	if c, err := r.Cookie("vocmap_lang"); err == nil && (c.Value == "zh" || c.Value == "en") {
		return c.Value
	}
	return s.opts.Lang
}

// fail answers an error: JSON for the API and scripts, a page otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := s.lang(w, r)
	if isAPI(r.URL.Path) || r.Header.Get("Authorization") != "" {
		writeJSON(w, status, map[string]string{"error": key, "message": text(lang, "err_"+key)})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	s.render(w, "error.html", page{Lang: lang, Title: text(lang, "err_title"), Message: text(lang, "err_"+key)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v) //nolint:errcheck // the client went away
}

// page is what every template gets.
type page struct {
	Lang, Title, Message string
	User                 string
	Role                 string
	CSRF                 string
	Next                 string
	Data                 any
}

func (s *Server) render(w http.ResponseWriter, name string, p page) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	if err := s.tmpl.ExecuteTemplate(w, name, p); err != nil {
		s.opts.Log.Error("web: render", "template", name, "err", err)
	}
}

// pageFor fills the signed-in part of a page.
func (s *Server) pageFor(w http.ResponseWriter, r *http.Request, titleKey string) page {
	lang := s.lang(w, r)
	p := page{Lang: lang, Title: text(lang, titleKey)}
	if pr := principalOf(r); pr != nil {
		p.User, p.Role = pr.user.Name, string(pr.user.Role)
		if pr.sess != nil {
			p.CSRF = pr.sess.csrf
		}
	}
	return p
}

func (s *Server) notYet(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotImplemented, map[string]string{"error": "not_implemented", "message": text(s.lang(w, r), "err_not_implemented")})
}

// safeNext keeps a redirect after sign-in on this server.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) {
	tok := newToken()
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: tok, Path: "/signin", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 3600})
	lang := s.lang(w, r)
	s.render(w, "signin.html", page{Lang: lang, Title: text(lang, "signin_title"), CSRF: tok, Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	lang := s.lang(w, r)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusRequestEntityTooLarge, "too_large")
		return
	}
	c, err := r.Cookie(signinCookie)
	if err != nil || r.PostFormValue(csrfField) == "" || r.PostFormValue(csrfField) != c.Value {
		s.fail(w, r, http.StatusForbidden, "csrf")
		return
	}
	name, pw, next := r.PostFormValue("name"), r.PostFormValue("password"), safeNext(r.PostFormValue("next"))
	addr := clientAddr(r)
	again := func(status int, msgKey string) {
		tok := newToken()
		http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: tok, Path: "/signin", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 3600})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		s.render(w, "signin.html", page{Lang: lang, Title: text(lang, "signin_title"), CSRF: tok, Next: next, Message: text(lang, msgKey)})
	}
	if d := max(s.lim.wait("name:"+name, maxFailsPerName), s.lim.wait("addr:"+addr, maxFailsPerAddr)); d > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(int(d.Seconds())+1))
		again(http.StatusTooManyRequests, "err_too_many")
		return
	}
	u, err := s.opts.Accounts.Verify(name, pw)
	if errors.Is(err, account.ErrBadPassword) {
		s.lim.fail("name:" + name)
		s.lim.fail("addr:" + addr)
		s.opts.Log.Warn("web: failed sign-in", "user", name, "addr", addr)
		again(http.StatusUnauthorized, "signin_wrong")
		return
	}
	if err != nil {
		s.opts.Log.Error("web: accounts", "err", err)
		again(http.StatusInternalServerError, "err_accounts")
		return
	}
	s.lim.clear("name:" + name)
	id, _ := s.sess.create(u.Name)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: "", Path: "/signin", MaxAge: -1})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	if p := principalOf(r); p != nil && p.sessID != "" {
		s.sess.end(p.sessID)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}
