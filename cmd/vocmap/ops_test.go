package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/vocmap/vocmap/datasets"
	"github.com/vocmap/vocmap/datasets/shanxi"
	"github.com/vocmap/vocmap/pipelines/job"
)

// TestHelperMain is not a test: the tests below run it in a child process
// as the vocmap command (runMain, with its signal handling), with the
// arguments in VOCMAP_TEST_ARGS (one per line). With VOCMAP_TEST_STOP_AT
// set to a point of job.Points, the run stops at that point (stopAt).
func TestHelperMain(t *testing.T) {
	args := os.Getenv("VOCMAP_TEST_ARGS")
	if args == "" {
		t.Skip("helper process")
	}
	ctx := context.Background()
	if at := os.Getenv("VOCMAP_TEST_STOP_AT"); at != "" {
		ctx = job.WithStageHook(ctx, stopAt(at, os.NewFile(3, "stopped"), os.NewFile(4, "resume")))
	}
	os.Exit(runMain(ctx, strings.Split(args, "\n")))
}

// stopAt returns the child's stage hook: at the point at, it writes the
// point's name on stopped and waits until the test closes resume or the
// run's context ends (a signal has been handled); the run then carries on
// from that point, with that context. So a signal sent while the child
// is stopped always arrives at the point, and a kill always finds the run
// there, however busy the machine is.
func stopAt(at string, stopped, resume *os.File) func(context.Context, string) {
	return func(ctx context.Context, point string) {
		if point != at {
			return
		}
		resumed := make(chan struct{})
		go func() {
			resume.Read(make([]byte, 1))
			close(resumed)
		}()
		fmt.Fprintln(stopped, point)
		select {
		case <-ctx.Done():
		case <-resumed:
		}
	}
}

// proc is vocmap running in a child process.
type proc struct {
	cmd     *exec.Cmd
	at      string
	stdout  bytes.Buffer // read it only after the process has ended
	stderr  watched
	exited  chan struct{} // closed when the process has ended
	code    int           // the exit code once exited; -1 after a kill
	stopped *bufio.Reader // the points the run stops at
	resume  *os.File      // closing it lets the run go on
}

// watched is a child's stderr as it grows.
type watched struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	grew chan struct{} // closed at the next write
}

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	close(w.grew)
	w.grew = make(chan struct{})
	return len(p), nil
}

func (w *watched) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// child starts vocmap with args in a child process. With at != "" (a
// point of job.Points), the run stops there: p.stop waits until it has,
// and then the test signals or kills the child, or resumes it.
func child(t *testing.T, at string, args ...string) *proc {
	t.Helper()
	p := &proc{at: at, exited: make(chan struct{})}
	p.stderr.grew = make(chan struct{})
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	cmd.Env = append(os.Environ(), "VOCMAP_TEST_ARGS="+strings.Join(args, "\n"))
	cmd.Stdout, cmd.Stderr = &p.stdout, &p.stderr
	var childEnds []*os.File
	if at != "" {
		sr, sw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		rr, rw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(cmd.Env, "VOCMAP_TEST_STOP_AT="+at)
		cmd.ExtraFiles = []*os.File{sw, rr} // fds 3 and 4
		childEnds = cmd.ExtraFiles
		p.stopped, p.resume = bufio.NewReader(sr), rw
		t.Cleanup(func() { sr.Close(); rw.Close() })
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for _, f := range childEnds {
		f.Close() // the child has its copies: its end of stopped closes when it ends
	}
	p.cmd = cmd
	go func() {
		p.code = exitCode(cmd)
		close(p.exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.exited
	})
	return p
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

// stop waits until the child's run has stopped at its point.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	line, err := p.stopped.ReadString('\n')
	if err != nil {
		<-p.exited
		t.Fatalf("the run ended before %s (exit %d):\n%s", p.at, p.code, p.stderr.String())
	}
	if got := strings.TrimSpace(line); got != p.at {
		t.Fatalf("the run stopped at %q, want %q", got, p.at)
	}
}

// signal sends sig to the child.
func (p *proc) signal(t *testing.T, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
}

// wait waits for the child to end and returns its exit code.
func (p *proc) wait() int {
	<-p.exited
	return p.code
}

// waitFor waits until the child has written text on stderr.
func (p *proc) waitFor(t *testing.T, text string) {
	t.Helper()
	for {
		p.stderr.mu.Lock()
		s, grew := p.stderr.buf.String(), p.stderr.grew
		p.stderr.mu.Unlock()
		if strings.Contains(s, text) {
			return
		}
		select {
		case <-grew:
		case <-p.exited:
			if s := p.stderr.String(); !strings.Contains(s, text) {
				t.Fatalf("the child ended (exit %d) without saying %q:\n%s", p.code, text, s)
			}
			return
		}
	}
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
	first := child(t, "read", "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--out", t.TempDir())
	first.stop(t)
	// The first run stays at its point until it is resumed, so a second
	// writer that waited for it (here up to an hour) would never return.
	code, _, errs := run(t, "--warehouse", wh, "--wait", "1h", "run", "--period", "2026-02", "--out", t.TempDir())
	if code != exitLocked || !strings.Contains(errs, fmt.Sprintf("进程 %d", first.cmd.Process.Pid)) || strings.Contains(errs, "等待") {
		t.Errorf("second run: exit %d, stderr %q; want 4 at once, naming pid %d", code, errs, first.cmd.Process.Pid)
	}
	first.resume.Close()
	if c := first.wait(); c != 0 {
		t.Fatalf("first run: exit %d\n%s", c, first.stderr.String())
	}
	// The lock left behind by a finished (or dead) process is taken over.
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-02", "--out", t.TempDir()); code != 0 {
		t.Errorf("run after the holder ended: exit %d %s", code, errs)
	}
}

// TestKillNine kills re-runs of a period at points of a run (job.Points)
// where it has left different things behind: the run recorded as running
// (ingest), a snapshot just ingested (read), nothing more but memory
// (score, a model in Go), the results' transaction written but not
// committed and the output files half written (outputs), the results
// committed and the files not moved into place (committed). The period's
// results stay readable and are either the old ones or the new ones, and
// the next run marks the dead ones interrupted and succeeds.
func TestKillNine(t *testing.T) {
	if testing.Short() {
		t.Skip("kills runs at five of their points")
	}
	wh, data := opsWarehouse(t)
	before := withoutRunID(warningsOf(t, wh, "2025-12"))
	want := map[string]string{"2025-12-r1": "superseded"}
	points := []string{"ingest", "read", "score", job.PointOutputs, job.PointCommitted}
	for i, at := range points {
		id := fmt.Sprintf("2025-12-r%d", i+2)
		args := []string{"--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", t.TempDir()}
		if i < 2 {
			args = append(args, "--data", data) // an ingest first
		}
		c := child(t, at, args...)
		c.stop(t)
		c.signal(t, syscall.SIGKILL)
		if code := c.wait(); code != -1 {
			t.Fatalf("kill at %s: exit %d\n%s", at, code, c.stderr.String())
		}
		if got := withoutRunID(warningsOf(t, wh, "2025-12")); got != before {
			t.Fatalf("kill at %s: the period's warning list changed", at)
		}
		want[id] = "interrupted"
		if at == job.PointCommitted { // its results stand, until the next run
			want[id] = "superseded"
		}
	}
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", t.TempDir()); code != 0 {
		t.Fatalf("run after the kills: exit %d %s", code, errs)
	}
	want[fmt.Sprintf("2025-12-r%d", len(points)+2)] = "succeeded"
	if got := ledger(t, wh); !maps.Equal(got, want) {
		t.Errorf("ledger %v\nwant %v", got, want)
	}
	if got := withoutRunID(warningsOf(t, wh, "2025-12")); got != before {
		t.Error("the re-run changed the period's warning list")
	}
}

// TestSignals: a run stopped by SIGTERM exits 143, by SIGINT 130, at
// whatever point the signal arrives (opening and ingesting, the DuckDB
// queries, the Go models, writing the output files); it is marked
// interrupted and the period's earlier results stay. After the commit
// the run stands (succeeded, its files in place) and still exits 143:
// the reports it had still to build were cut short.
func TestSignals(t *testing.T) {
	wh, data := opsWarehouse(t)
	before := warningsOf(t, wh, "2025-12")
	want := map[string]string{"2025-12-r1": "succeeded"}
	for i, c := range []struct {
		at   string
		sig  syscall.Signal
		data bool // the run ingests --data first
		code int
	}{
		{"ingest", syscall.SIGTERM, true, exitTerminated},
		{"read", syscall.SIGINT, false, exitInterrupted},
		{"demand", syscall.SIGTERM, false, exitTerminated},
		{"score", syscall.SIGTERM, false, exitTerminated}, // Go, no context
		{job.PointOutputs, syscall.SIGINT, false, exitInterrupted},
		{job.PointCommitted, syscall.SIGTERM, false, exitTerminated}, // last: it replaces r1
	} {
		id := fmt.Sprintf("2025-12-r%d", i+2)
		out := t.TempDir()
		args := []string{"--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", out}
		if c.data {
			args = append(args, "--data", data)
		}
		p := child(t, c.at, args...)
		p.stop(t)
		p.signal(t, c.sig)
		if code := p.wait(); code != c.code || !strings.Contains(p.stderr.String(), "已中断") {
			t.Fatalf("%s at %s: exit %d, want %d\n%s", c.sig, c.at, code, c.code, p.stderr.String())
		}
		want[id] = "interrupted"
		if c.at == job.PointCommitted {
			want[id], want["2025-12-r1"] = "succeeded", "superseded"
			if _, err := os.Stat(filepath.Join(out, "2025-12", "manifest.json")); err != nil {
				t.Errorf("%s after the commit: the period's files are not in place: %v", c.sig, err)
			}
			if got := withoutRunID(warningsOf(t, wh, "2025-12")); got != withoutRunID(before) {
				t.Errorf("%s after the commit: the period's warning list changed", c.sig)
			}
		} else if warningsOf(t, wh, "2025-12") != before {
			t.Errorf("%s at %s: the interrupted run changed the period's results", c.sig, c.at)
		}
		if got := ledger(t, wh); !maps.Equal(got, want) {
			t.Errorf("%s at %s: ledger %v\nwant %v", c.sig, c.at, got, want)
		}
	}
}

// TestSignalWhileOpening: a run waiting for the warehouse file (here
// held open by a reader) exits 143 on SIGTERM; no run begins and the
// writer lock is given up.
func TestSignalWhileOpening(t *testing.T) {
	wh, _ := opsWarehouse(t)
	reader := openRO(t, wh)
	defer reader.Close()
	if err := reader.Ping(); err != nil {
		t.Fatal(err)
	}
	p := child(t, "", "--warehouse", wh, "--wait", "1h", "run", "--period", "2026-01", "--out", t.TempDir())
	p.waitFor(t, "最多等待 1h0m0s")
	p.signal(t, syscall.SIGTERM)
	if code := p.wait(); code != exitTerminated {
		t.Fatalf("exit %d, want 143\n%s", code, p.stderr.String())
	}
	reader.Close()
	if l := ledger(t, wh); len(l) != 1 || l["2025-12-r1"] != "succeeded" {
		t.Errorf("ledger %v", l)
	}
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--out", t.TempDir()); code != 0 {
		t.Errorf("run after the signal: exit %d %s", code, errs)
	}
}

// TestOutputUnwritable: an output folder that is a file is a usage
// mistake (exit 2), found before the run begins; nothing is lost.
func TestOutputUnwritable(t *testing.T) {
	wh, _ := opsWarehouse(t)
	before := warningsOf(t, wh, "2025-12")
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	code, _, errs := run(t, "--warehouse", wh, "run", "--period", "2025-12", "--out", blocker)
	if code != exitUsage || !strings.Contains(errs, "不是文件夹") || !strings.Contains(errs, blocker) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	// found before the run began: no run in the ledger
	if l := ledger(t, wh); len(l) != 1 || l["2025-12-r1"] != "succeeded" {
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
	if err := json.Unmarshal(mb, &man); err != nil || man.RunID != "2026-01-r1" || len(man.Files) != 5+9 { // changes, data_quality, employment_forecast, warnings.csv/.xlsx; the reports: 3 × html, md, xlsx
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
	c := child(t, "read", "--warehouse", wh, "--quiet", "run", "--period", "2026-01", "--data", data, "--out", t.TempDir())
	c.stop(t) // DuckDB's file is open, and stays open until c is resumed
	code, _, errs := run(t, "--warehouse", wh, "--wait", "0s", "sql", "SELECT 1")
	if code != exitLocked {
		t.Errorf("reader with --wait 0: exit %d, want 4 (%s)", code, errs)
	}
	r := child(t, "", "--warehouse", wh, "--wait", "1h", "sql", "--format", "csv", "SELECT count(*) AS n FROM meta.runs WHERE status = 'succeeded'")
	r.waitFor(t, "最多等待 1h0m0s")
	c.resume.Close()
	if code := c.wait(); code != 0 {
		t.Fatalf("run: exit %d %s", code, c.stderr.String())
	}
	if code := r.wait(); code != 0 {
		t.Errorf("reader with --wait: exit %d, stderr %q", code, r.stderr.String())
	}
	if stdout := r.stdout.String(); stdout != "n\n2\n" {
		t.Errorf("the reader saw %q: it should have waited for the run to finish", stdout)
	}

	code, stdout, _ := run(t, "--warehouse", wh, "runs", "show", "2026-01-r1", "--format", "json")
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
	if code, _, _ := run(t, "--warehouse", wh, "runs", "show", "nope"); code != exitUsage { // an unknown run id is a usage error
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

// TestInterruptExitCodes: after a signal the exit code is the signal's,
// whatever error the command ended with: the context's, DuckDB's
// interrupt (duckdb-go returns it without the context's error when the
// cancellation reaches a statement being prepared, as in a run stopped
// under load), or what the step it cut short made of it. Without a
// signal, a cancellation or an interrupt exits 130.
func TestInterruptExitCodes(t *testing.T) {
	interrupt := &duckdb.Error{Type: duckdb.ErrorTypeInterrupt, Msg: "INTERRUPT Error: Interrupted!"}
	rejected := &datasets.RejectedError{Errors: []*datasets.RowError{{File: "outcomes.csv", Rule: "bad_file", Args: []any{"read"}}}}
	for _, c := range []struct {
		name string
		sig  os.Signal // nil: no signal, the context is not cancelled
		err  error
		want int
	}{
		{"SIGTERM, context", syscall.SIGTERM, fmt.Errorf("stage demand: %w", context.Canceled), exitTerminated},
		{"SIGTERM, DuckDB interrupt", syscall.SIGTERM, interrupt, exitTerminated},
		{"SIGTERM, wrapped DuckDB interrupt", syscall.SIGTERM, fmt.Errorf("job: ledger: %w", interrupt), exitTerminated},
		{"SIGINT, DuckDB interrupt", syscall.SIGINT, interrupt, exitInterrupted},
		{"SIGTERM, a file cut short", syscall.SIGTERM, rejected, exitTerminated},
		{"SIGINT, another failure", syscall.SIGINT, errors.New("job: output folder: no space left on device"), exitInterrupted},
		{"DuckDB interrupt", nil, interrupt, exitInterrupted},
		{"context", nil, context.Canceled, exitInterrupted},
		{"another DuckDB error", nil, &duckdb.Error{Type: duckdb.ErrorTypeCatalog, Msg: "Catalog Error: no table"}, exitFailure},
		{"rejected", nil, rejected, exitRejected},
	} {
		ctx, cancel := context.WithCancelCause(context.Background())
		if c.sig != nil {
			cancel(signalCause{c.sig})
		}
		var stderr bytes.Buffer
		a := &app{ctx: ctx, stdout: io.Discard, stderr: &stderr, lang: "en"}
		if got := a.fail(a.rootCmd(), c.err); got != c.want {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, got, c.want, stderr.String())
		}
		if interrupted := strings.HasPrefix(stderr.String(), "interrupted."); interrupted != (c.want >= exitInterrupted) {
			t.Errorf("%s: stderr %q", c.name, stderr.String())
		}
		cancel(nil)
	}
}
