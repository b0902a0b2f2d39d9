//go:build duckdb_arrow

package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vocmap/vocmap/pipelines/job"
)

// fakeRunner stands in for cmd's runner: it records what it was asked to
// run; the real one is tested end to end in cmd/vocmap.
type fakeRunner struct {
	mu   sync.Mutex
	runs []string
	gate chan struct{} // closed to let a run finish
}

func (f *fakeRunner) CheckScenario(body []byte, _ string) (string, error) {
	s := string(body)
	if !strings.HasPrefix(s, "name: ") {
		return "", errors.New("情景.yaml:1: 缺少 name")
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.SplitN(s, "\n", 2)[0], "name: ")), nil
}

func (f *fakeRunner) RunScenario(ctx context.Context, body []byte, period, user string, stage func(string)) (string, error) {
	stage("demand")
	<-f.gate
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs = append(f.runs, period+"/"+user+"/"+strings.SplitN(string(body), "\n", 2)[0])
	return period + "-s1", nil
}

func (f *fakeRunner) PlanDefaults() job.PlanOptions {
	return job.PlanOptions{TotalChange: 0.05, CellChange: 0.3, BachelorShare: 0.15}
}

func (f *fakeRunner) Example() []byte { return []byte("name: example\n") }

func withRunner(t *testing.T, r Runner) *fixture {
	t.Helper()
	f := newFixture(t)
	f.srv.opts.Runner = r
	return f
}

func basic(t *testing.T, f *fixture, method, path, user, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	req.SetBasicAuth(user, "password-"+user)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m) //nolint:errcheck // some answers are arrays
	return resp.StatusCode, m
}

// waitState polls a task's state until it is want (a deadline, never a
// sleep that assumes speed).
func waitState(t *testing.T, f *fixture, path, want string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		code, m := basic(t, f, "GET", path, "v", "")
		if code == 200 && m["state"] == want {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %d %v, want state %s", path, code, m, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestScenarioQueue(t *testing.T) {
	r := &fakeRunner{gate: make(chan struct{})}
	f := withRunner(t, r)
	if code, m := basic(t, f, "POST", "/api/scenarios?period=2025-12", "v", "name: x\n"); code != 403 {
		t.Fatalf("viewer: %d %v", code, m)
	}
	code, m := basic(t, f, "POST", "/api/scenarios?period=2025-12", "p", "shocks: []\n")
	if code != 400 || m["error"] != "bad_scenario" || !strings.Contains(m["message"].(string), "情景.yaml:1") {
		t.Fatalf("a bad scenario: %d %v", code, m)
	}
	if code, m := basic(t, f, "POST", "/api/scenarios?period=2025-13", "p", "name: x\n"); code != 400 || m["error"] != "bad_period" {
		t.Fatalf("a bad period: %d %v", code, m)
	}
	code, m = basic(t, f, "POST", "/api/scenarios?period=2025-12", "p", "name: 护理\nshocks: []\n")
	if code != http.StatusAccepted || m["name"] != "护理" || m["state"] != "queued" {
		t.Fatalf("POST: %d %v", code, m)
	}
	status := m["status_url"].(string)
	running := waitState(t, f, status, "running")
	if running["stage"] != "demand" || running["user"] != "p" {
		t.Fatalf("running: %v", running)
	}
	// Not finished: no diff yet.
	if code, _ := basic(t, f, "GET", "/api/scenarios/护理/diff?period=2025-12", "v", ""); code != 404 {
		t.Fatalf("diff before the end: %d, want 404", code)
	}
	close(r.gate)
	done := waitState(t, f, status, "succeeded")
	if done["run_id"] != "2025-12-s1" {
		t.Fatalf("done: %v", done)
	}
	if len(r.runs) != 1 || r.runs[0] != "2025-12/p/name: 护理" {
		t.Fatalf("runs: %v", r.runs)
	}
	if code, _ := basic(t, f, "GET", "/api/scenarios/other?period=2025-12", "v", ""); code != 404 {
		t.Fatalf("unknown scenario: %d", code)
	}
}

func TestPlanQueue(t *testing.T) {
	f := withRunner(t, &fakeRunner{gate: make(chan struct{})})
	for _, q := range []string{"period=2025-12&total_change=2", "period=2025-12&by=county", "period=2025-12&year=1999", "period=x", "period=2025-12&cell_change=NaN"} {
		if code, m := basic(t, f, "POST", "/api/plans?"+q, "p", ""); code != 400 {
			t.Errorf("POST /api/plans?%s: %d %v, want 400", q, code, m)
		}
	}
	if code, _ := basic(t, f, "POST", "/api/plans?period=2025-12", "v", ""); code != 403 {
		t.Fatalf("viewer plan: %d", code)
	}
	code, m := basic(t, f, "POST", "/api/plans?period=2025-12&total_change=0", "p", "")
	if code != http.StatusAccepted {
		t.Fatalf("POST plan: %d %v", code, m)
	}
	// The empty warehouse has no run to plan from: the task fails and
	// says why.
	got := waitState(t, f, m["status_url"].(string), "failed")
	if !strings.Contains(got["error"].(string), "no run") {
		t.Fatalf("plan on an empty warehouse: %v", got)
	}
	if code, _ := basic(t, f, "GET", "/api/plans/plan-99", "v", ""); code != 404 {
		t.Fatalf("unknown plan: %d", code)
	}
}

func TestParsePlanKeepsZero(t *testing.T) {
	s := &Server{opts: Options{Runner: &fakeRunner{}}}
	get := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	o, bad := s.parsePlan(get(map[string]string{"period": "2025-12", "total_change": "0", "bachelor_share": "0"}))
	if bad != "" || o.TotalChange != 0 || o.BachelorShare != 0 || o.CellChange != 0.3 {
		t.Fatalf("parsePlan = %+v %q: 0 must stay 0, unset must keep the configured 0.3", o, bad)
	}
}
