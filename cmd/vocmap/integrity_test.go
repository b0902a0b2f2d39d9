package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/internal/testkit"
	"github.com/vocmap/vocmap/pipelines/job"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// okWarehouse ingests the small fixture dataset into a new warehouse.
func okWarehouse(t *testing.T) string {
	t.Helper()
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "ingest", "--data", "testdata/ok"); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	return wh
}

// TestCorruptWarehouse: a truncated or garbled warehouse file is named as
// damaged, with the way to recover, and exits 1; nothing writes to it.
func TestCorruptWarehouse(t *testing.T) {
	wh := okWarehouse(t)
	b, err := os.ReadFile(wh)
	if err != nil {
		t.Fatal(err)
	}
	garbled := append([]byte(nil), b...)
	for i := 4096; i < 3*4096 && i < len(garbled); i++ {
		garbled[i] ^= 0x5a
	}
	for name, bad := range map[string][]byte{"truncated": b[:len(b)/2], "garbled": garbled, "not duckdb": []byte("hello, not a database\n")} {
		if err := os.WriteFile(wh, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"sql", "SELECT 1"}, {"runs", "list"}, {"--quiet", "run", "--period", "2025-12"}} {
			code, _, errs := run(t, append([]string{"--warehouse", wh}, args...)...)
			if code != exitFailure || !strings.Contains(errs, "已损坏") || !strings.Contains(errs, "备份") || !strings.Contains(errs, "vocmap snapshots") {
				t.Errorf("%s, %v: exit %d\n%s", name, args, code, errs)
			}
		}
		if after, _ := os.ReadFile(wh); string(after) != string(bad) {
			t.Errorf("%s: the damaged file was written to", name)
		}
	}
	code, _, errs := run(t, "--lang", "en", "--warehouse", wh, "sql", "SELECT 1")
	if code != exitFailure || !strings.Contains(errs, "restore the file from a backup") {
		t.Errorf("en: exit %d\n%s", code, errs)
	}
}

// TestLockHeldByBackup: a vocmap killed with -9 left its pid and run id
// in the lock file; a backup (flock on the lock file) now holds the lock.
// A writer exits 4 without naming the dead run.
func TestLockHeldByBackup(t *testing.T) {
	wh := okWarehouse(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	stale, _ := json.Marshal(warehouse.Holder{PID: dead.Process.Pid, Host: host, Started: time.Now().UTC(), What: "run 2025-12-r7"})
	if err := os.WriteFile(warehouse.LockPath(wh), stale, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(warehouse.LockPath(wh))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "--warehouse", wh, "ingest", "--data", "testdata/ok")
	if code != exitLocked || strings.Contains(errs, "2025-12-r7") || strings.Contains(errs, "进程 ") || !strings.Contains(errs, "备份") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

// TestPeriodsValidated: a period must be a real month within the data's
// years (the fixture's industry map covers 2023–2024: 2023-01 to
// 2026-12), so that a typo cannot become a period that `runs prune`
// then keeps in place of the real months.
func TestPeriodsValidated(t *testing.T) {
	wh := okWarehouse(t)
	out := t.TempDir()
	for _, p := range []string{"2024-12", "2025-12"} {
		if code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", p, "--out", out); code != 0 {
			t.Fatalf("%s: exit %d\n%s", p, code, errs)
		}
	}
	for _, p := range []string{"9999-12", "0000-01", "1900-01", "2022-12", "2027-01"} {
		code, _, errs := run(t, "--warehouse", wh, "--quiet", "run", "--period", p, "--out", out)
		if code != exitUsage || !strings.Contains(errs, "2023-01 至 2026-12") {
			t.Errorf("%s: exit %d, want 2\n%s", p, code, errs)
		}
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s: wrote an output folder", p)
		}
	}
	code, _, errs := run(t, "--lang", "en", "--warehouse", wh, "--quiet", "run", "--period", "9999-12")
	if code != exitUsage || !strings.Contains(errs, "between 2023-01 and 2026-12") {
		t.Errorf("en: exit %d\n%s", code, errs)
	}
	for _, s := range []string{"0", "-1"} {
		if code, _, errs := run(t, "--warehouse", wh, "run", "--period", "2025-12", "--snapshot", s); code != exitUsage || !strings.Contains(errs, "从 1 开始") {
			t.Errorf("--snapshot %s: exit %d\n%s", s, code, errs)
		}
	}
	code, stdout, errs := run(t, "--lang", "en", "--warehouse", wh, "runs", "prune", "--keep", "2")
	if code != 0 || !strings.Contains(stdout, "kept periods [2025-12 2024-12]") {
		t.Errorf("prune: exit %d\n%s%s", code, stdout, errs)
	}
}

// checkFolder reads dir's manifest and checks that it lists exactly the
// files in dir (reports included), each with its SHA-256; it returns the
// manifest's run id and the files' names.
func checkFolder(t *testing.T, dir string) (string, []string) {
	t.Helper()
	m, err := job.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{}
	for _, f := range m.Files {
		listed[f.Name] = f.SHA256
	}
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == job.ManifestName {
			return nil
		}
		names = append(names, rel)
		b, _ := os.ReadFile(p)
		sum := sha256.Sum256(b)
		if listed[rel] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: not in the manifest of run %s, or not as listed", rel, m.RunID)
		}
		delete(listed, rel)
		return nil
	})
	for name := range listed {
		t.Errorf("the manifest of run %s lists %s, which is not there", m.RunID, name)
	}
	return m.RunID, names
}

// TestOutputFolderIsOneRun: a run killed after its commit, before its
// folder is put in place, leaves the previous run's folder whole (its
// reports too); the next run replaces the folder whole, its manifest
// lists every file with the reports, and the killed run's staging folder
// is cleaned up.
func TestOutputFolderIsOneRun(t *testing.T) {
	wh, _ := opsWarehouse(t)
	out := t.TempDir()
	args := []string{"--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--out", out}
	if code, _, errs := run(t, args...); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	dir := filepath.Join(out, "2025-12")
	id, names := checkFolder(t, dir)
	if id != "2025-12-r2" || !slices.Contains(names, "reports/talent_demand.html") || !slices.Contains(names, "warnings.csv") {
		t.Fatalf("first folder: run %s, files %v", id, names)
	}
	p := child(t, job.PointCommitted, args...)
	p.stop(t)
	p.signal(t, syscall.SIGKILL)
	if code := p.wait(); code != -1 {
		t.Fatalf("kill: exit %d", code)
	}
	if id, names2 := checkFolder(t, dir); id != "2025-12-r2" || !slices.Equal(names, names2) {
		t.Errorf("after the kill: run %s, files %v", id, names2)
	}
	stale, _ := filepath.Glob(filepath.Join(out, ".2025-12.tmp-*"))
	if len(stale) != 1 {
		t.Errorf("the killed run's staging folder: %v", stale)
	}

	if code, _, errs := run(t, args...); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if id, names3 := checkFolder(t, dir); id != "2025-12-r4" || !slices.Equal(names, names3) {
		t.Errorf("after the next run: run %s, files %v", id, names3)
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) != 0 {
		t.Errorf("left beside the folder: %v", left)
	}

	// vocmap report writes the reports again into the published folder,
	// which is republished whole with a manifest that lists them.
	os.Remove(filepath.Join(dir, "reports", "talent_demand.md"))
	if code, _, errs := run(t, "--warehouse", wh, "--quiet", "--config", writeConfig(t, "run:\n  out: "+out+"\n"), "report", "--period", "2025-12"); code != 0 {
		t.Fatalf("report: exit %d %s", code, errs)
	}
	if id, names4 := checkFolder(t, dir); id != "2025-12-r4" || !slices.Equal(names, names4) {
		t.Errorf("after vocmap report: run %s, files %v", id, names4)
	}
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "vocmap.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRequireNewData: a month whose drop has not arrived exits 5 with
// --require-new-data (no --data and a snapshot an earlier period used, or
// a --data folder with the current snapshot's files) and leaves no run
// and no snapshot behind; without the flag the run goes ahead and says
// its data are not new, in its output and its manifest.
func TestRequireNewData(t *testing.T) {
	wh := okWarehouse(t)
	out := t.TempDir()
	runP := func(args ...string) (int, string, string) {
		return run(t, append([]string{"--warehouse", wh, "--quiet", "run", "--out", out}, args...)...)
	}
	manifest := func(period string) *job.Manifest {
		m, err := job.ReadManifest(filepath.Join(out, period))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if code, stdout, errs := runP("--period", "2024-12", "--require-new-data"); code != 0 || !strings.Contains(stdout, "数据截至 2024 年（快照 #1") {
		t.Fatalf("first period: exit %d\n%s%s", code, stdout, errs)
	}
	if m := manifest("2024-12"); m.NewData == nil || !*m.NewData || m.DataAsOf != 2024 || m.SnapshotLoadedAt == "" {
		t.Errorf("first manifest: %+v", m)
	}
	code, _, errs := runP("--period", "2025-01", "--require-new-data")
	if code != exitNoNewData || !strings.Contains(errs, "快照 #1 已被期次 2024-12 使用过") {
		t.Errorf("no drop: exit %d\n%s", code, errs)
	}
	code, _, errs = runP("--period", "2025-01", "--require-new-data", "--data", "testdata/ok")
	if code != exitNoNewData || !strings.Contains(errs, "完全相同") {
		t.Errorf("the same drop again: exit %d\n%s", code, errs)
	}
	_, stdout, _ := run(t, "--warehouse", wh, "sql", "--format", "csv", "SELECT (SELECT count(*) FROM meta.snapshots) || '/' || (SELECT count(*) FROM meta.runs)")
	if !strings.HasSuffix(stdout, "\n1/1\n") {
		t.Errorf("snapshots/runs after exit 5: %q, want 1/1", stdout)
	}
	// Without the flag the month runs on the same data and says so.
	if code, _, errs := runP("--period", "2025-01"); code != 0 || !strings.Contains(errs, "没有新数据") {
		t.Errorf("without the flag: exit %d\n%s", code, errs)
	}
	if m := manifest("2025-01"); m.NewData == nil || *m.NewData {
		t.Errorf("stale manifest: %+v", m)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "2025-01", "warnings.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	a1, _ := x.GetCellValue("说明", "A1")
	a3, _ := x.GetCellValue("说明", "A3")
	if !strings.HasPrefix(a1, "数据截至 2024 年") || !strings.Contains(a3, "没有新数据") {
		t.Errorf("warnings.xlsx 说明: %q %q", a1, a3)
	}
	// A drop with one changed file is new data.
	drop := copyDir(t, "testdata/ok")
	b, err := os.ReadFile(filepath.Join(drop, "industry_map.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(drop, "industry_map.csv"), []byte(strings.Replace(string(b), "52000", "52001", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runP("--period", "2025-02", "--require-new-data", "--data", drop); code != 0 {
		t.Fatalf("new drop: exit %d\n%s", code, errs)
	}
	if m := manifest("2025-02"); m.NewData == nil || !*m.NewData || m.Snapshot != 2 {
		t.Errorf("new manifest: %+v", m)
	}
}

// TestStdoutCSVGuarded: CSV printed on stdout is often redirected into a
// file that Excel opens: its text cells are guarded against formulas like
// every CSV file vocmap writes; numbers stay numbers.
func TestStdoutCSVGuarded(t *testing.T) {
	wh := okWarehouse(t)
	code, stdout, errs := run(t, "--warehouse", wh, "sql", "--format", "csv",
		`SELECT '=1+2+cmd|calc' AS a, '-3' AS b, -3 AS c, chr(9) || '=x' AS d, 'ok' AS e`)
	if want := "a,b,c,d,e\n'=1+2+cmd|calc,'-3,-3,'\t=x,ok\n"; code != 0 || stdout != want {
		t.Errorf("exit %d\n%q\nwant\n%q\n%s", code, stdout, want, errs)
	}
	// json is for programs: as stored
	if _, stdout, _ := run(t, "--warehouse", wh, "sql", "--format", "json", `SELECT '=1+2' AS a`); !strings.Contains(stdout, `"a": "=1+2"`) {
		t.Errorf("json: %s", stdout)
	}
}

// TestRejectedScreenShowsErrorsFirst: a provider fixes a drop from the
// first screen: the error comes first, and the warnings (here 1,000
// follow-ons of the broken city) are only counted after it.
func TestRejectedScreenShowsErrorsFirst(t *testing.T) {
	dir := testkit.Shanxi(t)
	testkit.Replace(t, filepath.Join(dir, "regions.csv"), "\n140100,太原市,140000,city\n", "\n1401,太原市,140000,city\n")
	code, _, errs := run(t, "validate", "--data", dir)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != exitRejected || len(lines) != 3 || !strings.HasPrefix(lines[0], "输入被拒绝：1 个错误") ||
		!strings.Contains(lines[1], "regions.csv:3:region_code") || !strings.HasPrefix(lines[2], "另有 1000 条警告") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
}
