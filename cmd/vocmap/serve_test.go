package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyFile copies the demo's warehouse so that a test may write to it.
func copyWarehouse(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "w.duckdb")
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestServe runs `vocmap serve` as a process on a copy of the demo
// warehouse: it answers the API with exactly what `export warnings`
// writes, a run of another period succeeds while it serves and the new
// period appears without a restart, and SIGTERM stops it with exit 0.
func TestServe(t *testing.T) {
	wh := copyWarehouse(t, demoWarehouse(t))
	if code, _, stderr := users(t, "password-p\n", "--warehouse", wh, "users", "add", "p", "--role", "planner", "--password-stdin"); code != 0 {
		t.Fatalf("users add: %d %s", code, stderr)
	}
	p := child(t, "", "--warehouse", wh, "serve", "--addr", "127.0.0.1:0")
	p.waitFor(t, "http://127.0.0.1:")
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(p.stderr.String())
	get := func(path string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		req.SetBasicAuth("p", "password-p")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	if resp, err := http.Get(base + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v %v", resp, err)
	}
	if resp, err := http.Get(base + "/api/periods"); err != nil || resp.StatusCode != 401 {
		t.Fatalf("/api/periods without credentials: %v %v", resp, err)
	}
	// The API's warning list is the export's, filter for filter.
	city, _ := redCity(t, base, "p", "password-p")
	for _, q := range []struct{ api, region, signal string }{
		{"/api/warnings?period=2025-12&region=" + city + "&signal=red", city, "red"},
		{"/api/warnings?period=2025-12&level=bachelor", "", ""},
	} {
		code, body := get(q.api)
		if code != 200 {
			t.Fatalf("%s: %d %s", q.api, code, body)
		}
		args := []string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--format", "json", "--out", "-"}
		if q.region != "" {
			args = append(args, "--region", q.region, "--signal", q.signal)
		} else {
			args = append(args, "--level", "bachelor")
		}
		ecode, out, stderr := run(t, args...)
		if ecode != 0 {
			t.Fatalf("export: %d %s", ecode, stderr)
		}
		var fromAPI, fromExport []map[string]any
		if err := json.Unmarshal(body, &fromAPI); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(out), &fromExport); err != nil {
			t.Fatal(err)
		}
		if len(fromAPI) == 0 || !reflect.DeepEqual(fromAPI, fromExport) {
			t.Fatalf("%s: %d rows from the API, %d from the export, or they differ", q.api, len(fromAPI), len(fromExport))
		}
	}
	// The monthly job runs while the server serves; the new period shows.
	out := t.TempDir()
	if code, _, stderr := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--out", out); code != 0 {
		t.Fatalf("a run while the server serves: exit %d\n%s", code, stderr)
	}
	deadline := time.Now().Add(2 * time.Minute) // the server polls every 2 s; a loaded machine may be slow
	for {
		_, body := get("/api/periods")
		if strings.Contains(string(body), `"period":"2026-01"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("2026-01 did not appear: %s", body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.signal(t, syscall.SIGTERM)
	if code := p.wait(); code != 0 {
		t.Fatalf("serve after SIGTERM: exit %d\n%s", code, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), "工作台已停止") {
		t.Errorf("no stop message:\n%s", p.stderr.String())
	}
}

// redCity asks the API for the warning list's red rows at city scope and
// returns the first one's city and name.
func redCity(t *testing.T, base, user, pw string) (string, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/warnings?period=2025-12&signal=red&scope=city", nil)
	req.SetBasicAuth(user, pw)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rows []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&rows); err != nil || len(rows) == 0 {
		t.Fatalf("no red city row in the demo (%v)", err)
	}
	code, _ := rows[0]["region_code"].(string)
	name, _ := rows[0]["region_name"].(string)
	return code, name
}
