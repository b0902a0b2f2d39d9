//go:build duckdb_arrow && unix

package warehouse

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vocmap/vocmap/internal/testkit"
)

// TestLockHeldByAnotherProgram: a vocmap killed with -9 left its pid and
// run id in the lock file; a backup then holds flock on the file. The
// second writer must not name the dead vocmap as the holder.
func TestLockHeldByAnotherProgram(t *testing.T) {
	file := filepath.Join(t.TempDir(), "w.duckdb")
	host, _ := os.Hostname()
	stale, _ := json.Marshal(Holder{PID: testkit.DeadPID(t), Host: host, Started: time.Now().UTC(), What: "run 2025-12-r7"})
	if err := os.WriteFile(LockPath(file), stale, 0o644); err != nil {
		t.Fatal(err)
	}
	backup, err := os.Open(LockPath(file)) // what `flock WAREHOUSE.lock cp …` does
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	if err := syscall.Flock(int(backup.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(file, "ingest")
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("err %v, want a LockedError", err)
	}
	if le.Holder.PID != 0 || strings.Contains(err.Error(), "r7") || strings.Contains(err.Error(), "pid") {
		t.Errorf("names the dead holder: %v (%+v)", err, le.Holder)
	}
	syscall.Flock(int(backup.Fd()), syscall.LOCK_UN)

	// A live holder is named; once it lets go the file names nobody.
	l, err := AcquireLock(file, "run 2025-12-r8")
	if err != nil {
		t.Fatal(err)
	}
	_, err = AcquireLock(file, "ingest")
	if !errors.As(err, &le) || le.Holder.PID != os.Getpid() || le.Holder.What != "run 2025-12-r8" {
		t.Errorf("live holder: %v (%+v)", err, le.Holder)
	}
	l.Release()
	if b, _ := os.ReadFile(LockPath(file)); len(b) != 0 {
		t.Errorf("released lock file still says %q", b)
	}
}
