package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

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
