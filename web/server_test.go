//go:build duckdb_arrow

package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vocmap/vocmap/pipelines/warehouse"
	"github.com/vocmap/vocmap/web/account"
)

// clock is a settable clock for session expiry and rate limits.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	srv   *Server
	ts    *httptest.Server
	clock *clock
	store *account.Store
	wh    string
}

// newFixture serves an empty warehouse (migrated, no runs) with three
// accounts: viewer v, planner p and admin a, password "password-<name>".
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := warehouse.Open(ctx, wh, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := warehouse.EnsureReadCopies(ctx, wh, warehouse.Options{}); err != nil {
		t.Fatal(err)
	}
	store := account.Open(wh)
	store.Params = account.Params{Time: 1, Memory: 64, Threads: 1}
	for _, u := range []struct {
		name string
		role account.Role
	}{{"v", account.Viewer}, {"p", account.Planner}, {"a", account.Admin}} {
		if err := store.Add(u.name, u.role, "password-"+u.name); err != nil {
			t.Fatal(err)
		}
	}
	c := &clock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	srv, err := New(ctx, Options{Warehouse: wh, Accounts: store, Now: c.now, Poll: time.Hour, MaxBody: 4096})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return &fixture{srv: srv, ts: ts, clock: c, store: store, wh: wh}
}

// client does not follow redirects, so tests see them.
func (f *fixture) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func do(t *testing.T, c *http.Client, method, url string, body io.Reader, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn signs c in through the form and returns the session's CSRF
// token, read from the page it lands on.
func (f *fixture) signIn(t *testing.T, c *http.Client, name, pw string) string {
	t.Helper()
	_, page := do(t, c, "GET", f.ts.URL+"/signin", nil, nil)
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in the sign-in form:\n%s", page)
	}
	form := url.Values{"csrf": {m[1]}, "name": {name}, "password": {pw}, "next": {"/"}}
	resp, body := do(t, c, "POST", f.ts.URL+"/signin", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign-in: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	_, home := do(t, c, "GET", f.ts.URL+"/", nil, nil)
	m = csrfRe.FindStringSubmatch(home)
	if m == nil {
		t.Fatalf("no CSRF token on the signed-in page:\n%s", home)
	}
	return m[1]
}

func TestUnauthenticated(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	if resp, body := do(t, c, "GET", f.ts.URL+"/healthz", nil, nil); resp.StatusCode != 200 || strings.TrimSpace(body) != "ok" {
		t.Fatalf("/healthz: %d %q", resp.StatusCode, body)
	}
	for _, p := range []string{"/api/periods", "/api/warnings?period=2025-12", "/api/me", "/api/nothing", "/api"} {
		resp, body := do(t, c, "GET", f.ts.URL+p, nil, nil)
		if resp.StatusCode != 401 || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") || !strings.Contains(body, `"signin_needed"`) {
			t.Errorf("GET %s without sign-in: %d %q %s", p, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), body)
		}
	}
	for _, p := range []string{"/", "/nothing", "/reports/2025-12/x.html"} {
		resp, _ := do(t, c, "GET", f.ts.URL+p, nil, nil)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin?next=") {
			t.Errorf("GET %s without sign-in: %d → %q, want a redirect to the sign-in form", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	resp, _ := do(t, c, "POST", f.ts.URL+"/api/scenarios?period=2025-12", strings.NewReader("name: x"), map[string]string{"Content-Type": "application/yaml"})
	if resp.StatusCode != 401 {
		t.Errorf("POST /api/scenarios without credentials: %d, want 401", resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/healthz", "/signin", "/api/periods", "/static/style.css"} {
		resp, _ := do(t, f.client(), "GET", f.ts.URL+p, nil, nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: CSP %q, nosniff %q", p, csp, resp.Header.Get("X-Content-Type-Options"))
		}
	}
}

func TestSignInFlow(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	tok := f.signIn(t, c, "v", "password-v")
	resp, body := do(t, c, "GET", f.ts.URL+"/api/me", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"role":"viewer"`) {
		t.Fatalf("/api/me: %d %s", resp.StatusCode, body)
	}
	for _, ck := range c.Jar.Cookies(mustURL(t, f.ts.URL)) {
		if ck.Name == sessionCookie {
			goto found
		}
	}
	t.Fatal("no session cookie")
found:
	// An empty warehouse has no period.
	if resp, body := do(t, c, "GET", f.ts.URL+"/api/periods", nil, nil); resp.StatusCode != 200 || strings.TrimSpace(body) != "[]" {
		t.Errorf("/api/periods on an empty warehouse: %d %s", resp.StatusCode, body)
	}
	if resp, body := do(t, c, "GET", f.ts.URL+"/api/warnings?period=2025-12", nil, nil); resp.StatusCode != 404 || !strings.Contains(body, `"no_run"`) {
		t.Errorf("/api/warnings without a run: %d %s", resp.StatusCode, body)
	}
	// A viewer may not run a scenario: 403, whatever the token.
	resp, _ = do(t, c, "POST", f.ts.URL+"/api/scenarios?period=2025-12", strings.NewReader("name: x"), map[string]string{"Content-Type": "application/yaml", csrfHeader: tok})
	if resp.StatusCode != 403 {
		t.Errorf("viewer POST /api/scenarios: %d, want 403", resp.StatusCode)
	}
	// Sign out without the token is refused; with it, the session ends.
	if resp, _ := do(t, c, "POST", f.ts.URL+"/signout", nil, nil); resp.StatusCode != 403 {
		t.Errorf("sign-out without CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, _ = do(t, c, "POST", f.ts.URL+"/signout", strings.NewReader(url.Values{"csrf": {tok}}.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", resp.StatusCode)
	}
	if resp, _ := do(t, c, "GET", f.ts.URL+"/api/me", nil, nil); resp.StatusCode != 401 {
		t.Errorf("after sign-out: %d, want 401", resp.StatusCode)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSessionCookieAndCSRF(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	// The sign-in form refuses a post without its token (login CSRF).
	form := url.Values{"name": {"p"}, "password": {"password-p"}}
	resp, _ := do(t, c, "POST", f.ts.URL+"/signin", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode != 403 {
		t.Fatalf("sign-in without the form's token: %d, want 403", resp.StatusCode)
	}
	_, page := do(t, c, "GET", f.ts.URL+"/signin", nil, nil)
	form.Set("csrf", csrfRe.FindStringSubmatch(page)[1])
	resp, _ = do(t, c, "POST", f.ts.URL+"/signin", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	var sc string
	for _, h := range resp.Header.Values("Set-Cookie") {
		if strings.HasPrefix(h, sessionCookie+"=") {
			sc = h
		}
	}
	if !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") || strings.Contains(sc, "Secure") {
		t.Fatalf("session cookie over plain HTTP: %q (want HttpOnly, SameSite=Strict, not Secure)", sc)
	}
	// A planner's POST with a session needs the token.
	resp, _ = do(t, c, "POST", f.ts.URL+"/api/plans?period=2025-12", nil, nil)
	if resp.StatusCode != 403 {
		t.Errorf("planner POST without CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, _ = do(t, c, "POST", f.ts.URL+"/api/plans?period=2025-12", nil, map[string]string{csrfHeader: "forged"})
	if resp.StatusCode != 403 {
		t.Errorf("planner POST with a forged token: %d, want 403", resp.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	f.signIn(t, c, "v", "password-v")
	f.clock.add(29 * time.Minute)
	if resp, _ := do(t, c, "GET", f.ts.URL+"/api/me", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("after 29 idle minutes: %d", resp.StatusCode)
	}
	f.clock.add(31 * time.Minute)
	if resp, _ := do(t, c, "GET", f.ts.URL+"/api/me", nil, nil); resp.StatusCode != 401 {
		t.Fatalf("after 31 idle minutes: %d, want 401", resp.StatusCode)
	}
	// However busy, a session ends after 12 hours.
	f.signIn(t, c, "v", "password-v")
	for range 25 {
		f.clock.add(29 * time.Minute)
		do(t, c, "GET", f.ts.URL+"/api/me", nil, nil)
	}
	if resp, _ := do(t, c, "GET", f.ts.URL+"/api/me", nil, nil); resp.StatusCode != 401 {
		t.Fatalf("after 12 h 05 min of use: %d, want 401", resp.StatusCode)
	}
}

func TestBasicAuth(t *testing.T) {
	f := newFixture(t)
	c := &http.Client{}
	get := func(name, pw string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", f.ts.URL+"/api/me", nil)
		req.SetBasicAuth(name, pw)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, body := get("p", "password-p")
	if resp.StatusCode != 200 || !strings.Contains(body, `"planner"`) || len(resp.Header.Values("Set-Cookie")) != 0 {
		t.Fatalf("Basic: %d %s cookies %v", resp.StatusCode, body, resp.Header.Values("Set-Cookie"))
	}
	// Basic needs no CSRF token; the planner reaches the (not yet built)
	// scenario endpoint, a viewer gets 403.
	for _, c2 := range []struct {
		name string
		want int
	}{{"p", http.StatusNotImplemented}, {"v", 403}} {
		req, _ := http.NewRequest("POST", f.ts.URL+"/api/scenarios?period=2025-12", strings.NewReader("name: x\n"))
		req.SetBasicAuth(c2.name, "password-"+c2.name)
		req.Header.Set("Content-Type", "application/yaml")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c2.want {
			t.Errorf("POST /api/scenarios as %s: %d, want %d", c2.name, resp.StatusCode, c2.want)
		}
	}
	if resp, _ := get("p", "wrong-password"); resp.StatusCode != 401 {
		t.Errorf("wrong Basic password: %d", resp.StatusCode)
	}
	// The cache never outlives a change of the accounts file.
	if err := f.store.SetPassword("p", "a new password"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := get("p", "password-p"); resp.StatusCode != 401 {
		t.Errorf("old password after passwd: %d, want 401", resp.StatusCode)
	}
	if resp, _ := get("p", "a new password"); resp.StatusCode != 200 {
		t.Errorf("new password: %d", resp.StatusCode)
	}
	if err := f.store.Remove("p"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := get("p", "a new password"); resp.StatusCode != 401 {
		t.Errorf("removed account: %d, want 401", resp.StatusCode)
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	try := func(pw string) int {
		_, page := do(t, c, "GET", f.ts.URL+"/signin", nil, nil)
		form := url.Values{"csrf": {csrfRe.FindStringSubmatch(page)[1]}, "name": {"v"}, "password": {pw}}
		resp, _ := do(t, c, "POST", f.ts.URL+"/signin", strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		return resp.StatusCode
	}
	for i := range maxFailsPerName {
		if code := try("nope-nope"); code != 401 {
			t.Fatalf("failure %d: %d, want 401", i+1, code)
		}
	}
	// The sixth attempt is refused before the password is checked, even
	// the right one.
	if code := try("password-v"); code != http.StatusTooManyRequests {
		t.Fatalf("after %d failures: %d, want 429", maxFailsPerName, code)
	}
	f.clock.add(15*time.Minute + time.Second)
	if code := try("password-v"); code != http.StatusSeeOther {
		t.Fatalf("after the window: %d, want 303", code)
	}
}

func TestPathsAndBodies(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	f.signIn(t, c, "a", "password-a")
	if resp, body := do(t, c, "GET", f.ts.URL+"/static/style.css", nil, nil); resp.StatusCode != 200 || !strings.Contains(body, "font") {
		t.Fatalf("style sheet: %d", resp.StatusCode)
	}
	for _, p := range []string{"/static/../server.go", "/static/..%2fserver.go", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/../../../../etc/passwd", "/..%2f..%2fetc/passwd", "/static/templates/index.html"} {
		req, _ := http.NewRequest("GET", f.ts.URL+"/", nil)
		req.URL.Opaque = p // sent as written, not cleaned by the client
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && (strings.Contains(string(b), "package web") || strings.Contains(string(b), "root:")) {
			t.Errorf("%s served a file outside the embedded assets", p)
		}
		if resp.StatusCode == 200 && strings.HasPrefix(p, "/static/") && !strings.Contains(resp.Header.Get("Content-Type"), "css") {
			t.Errorf("%s: 200 %s", p, resp.Header.Get("Content-Type"))
		}
	}
	// Bodies are bounded (4 KiB in this fixture).
	req, _ := http.NewRequest("POST", f.ts.URL+"/api/scenarios?period=2025-12", strings.NewReader(strings.Repeat("x", 10000)))
	req.SetBasicAuth("a", "password-a")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized scenario body: %d, want 413", resp.StatusCode)
	}
	_, page := do(t, c, "GET", f.ts.URL+"/signin", nil, nil)
	big := url.Values{"csrf": {csrfRe.FindStringSubmatch(page)[1]}, "name": {"a"}, "password": {strings.Repeat("y", 10000)}}
	if resp, _ := do(t, c, "POST", f.ts.URL+"/signin", strings.NewReader(big.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized sign-in form: %d, want 413", resp.StatusCode)
	}
}

func TestNextStaysOnServer(t *testing.T) {
	for in, want := range map[string]string{"": "/", "/api/me": "/api/me", "//evil.example/": "/", "https://evil.example/": "/", "/\\evil": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLanguageAndIndex(t *testing.T) {
	f := newFixture(t)
	c := f.client()
	f.signIn(t, c, "v", "password-v")
	_, zh := do(t, c, "GET", f.ts.URL+"/", nil, nil)
	if !strings.Contains(zh, "期次与运行") || !strings.Contains(zh, "还没有成功的运行") {
		t.Fatalf("Chinese index:\n%s", zh)
	}
	_, en := do(t, c, "GET", f.ts.URL+"/?lang=en", nil, nil)
	if !strings.Contains(en, "Periods and runs") {
		t.Fatalf("English index:\n%s", en)
	}
	_, again := do(t, c, "GET", f.ts.URL+"/", nil, nil) // the choice is remembered
	if !strings.Contains(again, "Periods and runs") {
		t.Fatal("the language choice was not kept")
	}
	var msg map[string]string
	_, body := do(t, c, "GET", f.ts.URL+"/api/warnings?period=2025-13", nil, nil)
	if json.Unmarshal([]byte(body), &msg) != nil || msg["error"] != "bad_period" {
		t.Fatalf("bad period: %s", body)
	}
}

// Reports are served from OUT/P/reports only: no traversal, no symbolic
// link out of the folder, no other file type; inline styles only.
func TestReportFiles(t *testing.T) {
	f := newFixture(t)
	out := t.TempDir()
	dir := filepath.Join(out, "2025-12", "reports")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "talent_demand.html"), []byte("<html><style>p{}</style><p>报告</p></html>"), 0o644)
	secret := filepath.Join(out, "secret.html")
	os.WriteFile(secret, []byte("secret"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "link.html"))
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	f.srv.opts.Reports = out
	c := f.client()
	f.signIn(t, c, "v", "password-v")
	resp, body := do(t, c, "GET", f.ts.URL+"/reports/2025-12/talent_demand.html", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "报告") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "style-src 'unsafe-inline'") ||
		strings.Contains(resp.Header.Get("Content-Security-Policy"), "script") {
		t.Fatalf("report: %d %q %s", resp.StatusCode, resp.Header.Get("Content-Security-Policy"), body)
	}
	_, list := do(t, c, "GET", f.ts.URL+"/reports", nil, nil)
	if !strings.Contains(list, "talent_demand.html") || strings.Contains(list, "notes.txt") {
		t.Fatalf("reports page:\n%s", list)
	}
	for _, p := range []string{"/reports/2025-12/link.html", "/reports/2025-12/notes.txt", "/reports/2025-12/..%2f..%2fsecret.html",
		"/reports/2025-12/.hidden.html", "/reports/..%2f2025-12/talent_demand.html", "/reports/2025-12/%2e%2e"} {
		resp, body := do(t, c, "GET", f.ts.URL+p, nil, nil)
		if resp.StatusCode == 200 || strings.Contains(body, "secret") {
			t.Errorf("%s: %d %q", p, resp.StatusCode, body)
		}
	}
}
