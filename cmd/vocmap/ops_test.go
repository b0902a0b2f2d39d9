package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// TestHelperMain is not a test: the tests below run it in a child process
// as the vocmap command (runMain, with its signal handling), with the
// arguments in VOCMAP_TEST_ARGS (one per line).
func TestHelperMain(t *testing.T) {
	args := os.Getenv("VOCMAP_TEST_ARGS")
	if args == "" {
		t.Skip("helper process")
	}
	os.Exit(runMain(strings.Split(args, "\n")))
}

// child starts vocmap with args in a child process.
func child(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	cmd.Env = append(os.Environ(), "VOCMAP_TEST_ARGS="+strings.Join(args, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// exitCode waits for a child and returns its exit code (-1 if killed).
func exitCode(cmd *exec.Cmd) int {
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -2
	}
	return 0
}

// waitForHolder waits until the warehouse's lock file names pid.
func waitForHolder(t *testing.T, wh string, pid int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var h warehouse.Holder
		if b, err := os.ReadFile(warehouse.LockPath(wh)); err == nil && json.Unmarshal(b, &h) == nil && h.PID == pid {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("pid %d never took the lock of %s", pid, wh)
}

// opsWarehouse builds a warehouse with the Shanxi data and one
// successful run of 2025-12; it returns the warehouse and the data folder.
func opsWarehouse(t *testing.T) (wh, data string) {
	t.Helper()
	dir := t.TempDir()
	data = filepath.Join(dir, "data")
	if _, err := shanxi.WriteTo(data); err != nil {
		t.Fatal(err)
	}
	wh = filepath.Join(dir, "w.duckdb")
	if code, _, stderr := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--data", data, "--out", filepath.Join(dir, "out")); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	return wh, data
}

// ledger returns the statuses of the runs, by run id.
func ledger(t *testing.T, wh string) map[string]string {
	t.Helper()
	code, stdout, stderr := run(t, "--warehouse", wh, "runs", "list", "--format", "json")
	if code != 0 {
		t.Fatalf("runs list: exit %d %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r["run_id"].(string)] = r["status"].(string)
	}
	return out
}

// warningsOf exports the period's warning list as CSV.
func warningsOf(t *testing.T, wh, period string) string {
	t.Helper()
	code, stdout, stderr := run(t, "--warehouse", wh, "export", "warnings", "--period", period, "--out", "-")
	if code != 0 {
		t.Fatalf("export: exit %d %s", code, stderr)
	}
	return stdout
}

// withoutRunID drops the run_id column of a warning-list CSV.
func withoutRunID(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if _, rest, ok := strings.Cut(line, ","); ok {
			b.WriteString(rest)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSecondRunExitsAtOnce: while one run holds the warehouse, a second
// run exits 4 at once, naming the holder's pid.
func TestSecondRunExitsAtOnce(t *testing.T) {
	wh, _ := opsWarehouse(t)
	first, stderr := child(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--out", t.TempDir())
	waitForHolder(t, wh, first.Process.Pid)
	start := time.Now()
	code, _, errs := run(t, "--warehouse", wh, "run", "--period", "2026-02", "--out", t.TempDir())
	if code != exitLocked || !strings.Contains(errs, fmt.Sprintf("进程 %d", first.Process.Pid)) {
		t.Errorf("second run: exit %d, stderr %q; want 4 naming pid %d", code, errs, first.Process.Pid)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the second run waited %s", d)
	}
	if c := exitCode(first); c != 0 {
		t.Fatalf("first run: exit %d\n%s", c, stderr)
	}
	// The lock left behind by a finished (or dead) process is taken over.
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-02", "--out", t.TempDir()); code != 0 {
		t.Errorf("run after the holder ended: exit %d %s", code, errs)
	}
}

// TestKillNine kills re-runs of a period at many moments: the period's
// results stay readable and are either the old ones or the new ones, and
// the next run marks the dead ones interrupted and succeeds.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes for ~30 s")
	}
	wh, data := opsWarehouse(t)
	before := withoutRunID(warningsOf(t, wh, "2025-12"))
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 8 {
		args := []string{"--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", t.TempDir()}
		if i%2 == 1 {
			args = append(args, "--data", data) // an ingest too
		}
		c, _ := child(t, args...)
		waitForHolder(t, wh, c.Process.Pid)
		time.Sleep(time.Duration(r.IntN(2500)) * time.Millisecond)
		c.Process.Signal(syscall.SIGKILL)
		exitCode(c)
		if got := withoutRunID(warningsOf(t, wh, "2025-12")); got != before {
			t.Fatalf("kill %d: the period's warning list changed", i)
		}
	}
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", t.TempDir()); code != 0 {
		t.Fatalf("run after the kills: exit %d %s", code, errs)
	}
	l := ledger(t, wh)
	counts := map[string]int{}
	for _, s := range l {
		counts[s]++
	}
	if counts["running"] != 0 || counts["succeeded"] != 1 || counts["interrupted"]+counts["superseded"] != len(l)-1 {
		t.Errorf("ledger statuses %v", counts)
	}
	if got := withoutRunID(warningsOf(t, wh, "2025-12")); got != before {
		t.Error("the re-run changed the period's warning list")
	}
}

// TestSIGTERM: a run stopped by SIGTERM exits 143 and is marked
// interrupted; the period's earlier results stay.
func TestSIGTERM(t *testing.T) {
	wh, data := opsWarehouse(t)
	before := warningsOf(t, wh, "2025-12")
	c, stderr := child(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--data", data, "--out", t.TempDir())
	waitForHolder(t, wh, c.Process.Pid)
	time.Sleep(300 * time.Millisecond)
	c.Process.Signal(syscall.SIGTERM)
	if code := exitCode(c); code != exitTerminated {
		t.Fatalf("exit %d, want 143\n%s", code, stderr)
	}
	l := ledger(t, wh)
	if l["2025-12-r2"] != "interrupted" || l["2025-12-r1"] != "succeeded" {
		t.Errorf("ledger %v", l)
	}
	if warningsOf(t, wh, "2025-12") != before {
		t.Error("the interrupted run changed the period's results")
	}
}

// TestOutputUnwritable: an output location that cannot be written fails
// the run with a clear error; nothing is lost.
func TestOutputUnwritable(t *testing.T) {
	wh, _ := opsWarehouse(t)
	before := warningsOf(t, wh, "2025-12")
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	code, _, errs := run(t, "--warehouse", wh, "run", "--period", "2025-12", "--out", blocker)
	if code != exitFailure || !strings.Contains(errs, "output folder") || !strings.Contains(errs, blocker) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if l := ledger(t, wh); l["2025-12-r2"] != "failed" || l["2025-12-r1"] != "succeeded" {
		t.Errorf("ledger %v", l)
	}
	if warningsOf(t, wh, "2025-12") != before {
		t.Error("a failed run changed the period's results")
	}
}

// TestChangesShowADrop: a data drop in which one program's placement
// falls below 60% two years running shows up in changes, in changes.csv
// and in the manifest.
func TestChangesShowADrop(t *testing.T) {
	wh, data := opsWarehouse(t)
	// A school × program with no signal in 2025-12.
	db := openRO(t, wh)
	var school, program string
	err := db.QueryRow(`SELECT p.school_code, p.program_code FROM results.programs p
		JOIN outcomes o ON o.school_code = p.school_code AND o.program_code = p.program_code AND o.grad_year = 2025
		WHERE p.scope = 'school' AND p.signal = '' ORDER BY p.school_code, p.program_code LIMIT 1`).Scan(&school, &program)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	drop := filepath.Join(t.TempDir(), "drop")
	if err := os.CopyFS(drop, os.DirFS(data)); err != nil {
		t.Fatal(err)
	}
	setOutcomes(t, filepath.Join(drop, "outcomes.csv"), school, program)
	out := t.TempDir()
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--data", drop, "--out", out); code != 0 {
		t.Fatalf("run: exit %d %s", code, errs)
	}
	code, stdout, errs := run(t, "--warehouse", wh, "changes", "--period", "2026-01", "--format", "csv")
	if code != 0 {
		t.Fatalf("changes: exit %d %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || strings.Join(recs[0], ",") != "scope,region_code,school_code,program_code,program_name,before_signal,after_signal,before_score,after_score,before_ratio,after_ratio,change" {
		t.Fatalf("changes header: %v %v", recs[0], err)
	}
	found := false
	for _, r := range recs[1:] {
		if r[0] == "school" && r[2] == school && r[3] == program {
			found = r[5] == "" && r[6] == "red" && strings.Contains(r[11], "signal_appeared")
			if !found {
				t.Errorf("row %v", r)
			}
		}
	}
	if !found {
		t.Errorf("changes lack %s %s:\n%s", school, program, stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "2026-01", "changes.csv"))
	if err != nil || !bytes.Contains(b, []byte(school+","+program)) {
		t.Errorf("changes.csv lacks the change: %v", err)
	}
	var man struct {
		RunID string `json:"run_id"`
		Files []struct{ File, SHA256 string }
	}
	mb, _ := os.ReadFile(filepath.Join(out, "2026-01", "manifest.json"))
	if err := json.Unmarshal(mb, &man); err != nil || man.RunID != "2026-01-r1" || len(man.Files) != 4 {
		t.Errorf("manifest %s: %v", mb, err)
	}
	// Rolling the bad drop back: the period re-run on the first snapshot
	// has no such change.
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--snapshot", "1", "--out", t.TempDir()); code != 0 {
		t.Fatalf("run --snapshot 1: exit %d %s", code, errs)
	}
	if _, stdout, _ := run(t, "--warehouse", wh, "changes", "--period", "2026-01", "--format", "csv"); strings.Contains(stdout, school+","+program) {
		t.Error("the rolled-back period still shows the change")
	}
}

func openRO(t *testing.T, wh string) *sql.DB {
	t.Helper()
	c, err := duckdb.NewConnector(wh+"?access_mode=read_only", nil)
	if err != nil {
		t.Fatal(err)
	}
	return sql.OpenDB(c)
}

// setOutcomes sets the 2024 and 2025 outcomes of one school × program to
// nobody placed.
func setOutcomes(t *testing.T, path, school, program string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	n := 0
	for _, r := range recs[1:] {
		y, _ := strconv.Atoi(r[col["grad_year"]])
		if r[col["school_code"]] == school && r[col["program_code"]] == program && y >= 2024 {
			for _, c := range []string{"employed", "further_study", "matched", "employed_in_province"} {
				if r[col[c]] != "" {
					r[col[c]] = "0"
				}
			}
			n++
		}
	}
	if n != 2 {
		t.Fatalf("changed %d outcome rows, want 2", n)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.WriteAll(recs)
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReaderWaitsPruneShowLogs: a reader started during a run waits for
// it (--wait) with a message, or exits 4 when the wait is 0; runs show
// tells everything of a run; prune keeps the latest periods; JSON logs
// carry the run id on every line.
func TestReaderWaitsPruneShowLogs(t *testing.T) {
	wh, data := opsWarehouse(t)
	c, stderr := child(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--data", data, "--out", t.TempDir())
	waitForHolder(t, wh, c.Process.Pid)
	time.Sleep(200 * time.Millisecond) // DuckDB's file is open now
	code, _, errs := run(t, "--warehouse", wh, "--wait", "0s", "sql", "SELECT 1")
	if code != exitLocked {
		t.Errorf("reader with --wait 0: exit %d, want 4 (%s)", code, errs)
	}
	code, stdout, errs := run(t, "--warehouse", wh, "--wait", "60s", "sql", "--format", "csv", "SELECT count(*) AS n FROM meta.runs WHERE status = 'succeeded'")
	if code != 0 || !strings.Contains(errs, "最多等待 1m0s") {
		t.Errorf("reader with --wait: exit %d, stderr %q", code, errs)
	}
	if c := exitCode(c); c != 0 {
		t.Fatalf("run: exit %d %s", c, stderr)
	}
	if stdout != "n\n2\n" {
		t.Errorf("the reader saw %q: it should have waited for the run to finish", stdout)
	}

	code, stdout, _ = run(t, "--warehouse", wh, "runs", "show", "2026-01-r1", "--format", "json")
	var fields []map[string]any
	json.Unmarshal([]byte(stdout), &fields)
	got := map[string]any{}
	for _, f := range fields {
		got[f["field"].(string)] = f["value"]
	}
	for _, k := range []string{"stages", "row_counts", "input_files", "config_hash", "version", "snapshot_id"} {
		if v, ok := got[k]; code != 0 || !ok || v == nil || v == "" {
			t.Errorf("runs show: %s = %v (exit %d)", k, v, code)
		}
	}
	if s, _ := got["input_files"].(string); !strings.Contains(s, "outcomes.csv") || !strings.Contains(s, "sha256") {
		t.Errorf("input_files %q", s)
	}
	if code, _, _ := run(t, "--warehouse", wh, "runs", "show", "nope"); code != exitFailure {
		t.Errorf("runs show nope: exit %d", code)
	}

	// JSON logs: every line of a run carries its id.
	code, _, errs = run(t, "--warehouse", wh, "--log-format", "json", "run", "--period", "2026-02", "--out", t.TempDir())
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 0 || len(lines) < 5 {
		t.Fatalf("run: exit %d, %d log lines", code, len(lines))
	}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil || m["run_id"] != "2026-02-r1" {
			t.Errorf("log line without the run id: %s", l)
		}
	}

	// Prune: keep the latest period; the snapshot that only pruned runs
	// used goes, the current one stays, the ledger keeps every run.
	code, stdout, errs = run(t, "--warehouse", wh, "runs", "prune", "--keep", "1")
	if code != 0 {
		t.Fatalf("prune: exit %d %s", code, errs)
	}
	if _, _, errs := run(t, "--warehouse", wh, "export", "warnings", "--period", "2025-12", "--out", "-"); !strings.Contains(errs, "2025-12") {
		t.Errorf("the pruned period is still exported: %s", errs)
	}
	if s := warningsOf(t, wh, "2026-02"); !strings.Contains(s, "2026-02-r1") {
		t.Error("the kept period lost its results")
	}
	_, stdout, _ = run(t, "--warehouse", wh, "snapshots", "list", "--format", "csv")
	if strings.Count(strings.TrimSpace(stdout), "\n") != 1 || !strings.Contains(stdout, "true") {
		t.Errorf("snapshots after prune:\n%s", stdout)
	}
	if l := ledger(t, wh); len(l) != 3 || l["2025-12-r1"] != "pruned" || l["2026-01-r1"] != "pruned" || l["2026-02-r1"] != "succeeded" {
		t.Errorf("ledger after prune %v", l)
	}
}
