//go:build duckdb_arrow && unix

package warehouse

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Holder says who holds a warehouse's writer lock.
type Holder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	// What the holder is doing, e.g. "run 2025-12-r3" or "ingest".
	What string `json:"what,omitempty"`
}

// LockedError is returned when another process holds the writer lock.
type LockedError struct {
	File   string
	Holder Holder // zero when the lock file names no running process
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("warehouse: %s is held by another process (no running vocmap names itself in the lock file: a backup's flock, say)", e.File)
	}
	return fmt.Sprintf("warehouse: %s is held by pid %d on %s since %s (%s)", e.File, h.PID, h.Host,
		h.Started.Local().Format(time.DateTime), h.What)
}

// Unwrap makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Unwrap() error { return ErrLocked }

// Lock is a warehouse's writer lock: an flock(2) on FILE.lock, held for
// as long as the process keeps it. The kernel releases it when the process
// dies, however it dies, so a lock file left by a dead process is simply
// taken over; the file holds the holder's pid, host and start time for
// the message a second writer prints.
type Lock struct {
	f *os.File
}

// LockPath returns the lock file of a warehouse file.
func LockPath(file string) string { return file + ".lock" }

// AcquireLock takes the writer lock of a warehouse file without waiting:
// a *LockedError names the holder when another process has it.
func AcquireLock(file, what string) (*Lock, error) {
	path := LockPath(file)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("warehouse: lock file %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			le := &LockedError{File: file}
			if b, rerr := os.ReadFile(path); rerr == nil {
				json.Unmarshal(b, &le.Holder)
			}
			if !le.Holder.live() {
				// The file names a process that no longer runs: a vocmap
				// killed with -9 left it, and whoever holds the lock now
				// (a backup's flock, say) wrote nothing. Name nobody.
				le.Holder = Holder{}
			}
			return nil, le
		}
		return nil, fmt.Errorf("warehouse: lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	b, _ := json.Marshal(Holder{PID: os.Getpid(), Host: host, Started: time.Now().UTC(), What: what})
	if err := f.Truncate(0); err == nil {
		f.WriteAt(append(b, '\n'), 0)
	}
	return &Lock{f: f}, nil
}

// live reports whether h names a process that is running now on this
// host. On another host (a shared file system) it cannot tell and trusts
// the file.
func (h Holder) live() bool {
	if h.PID <= 0 {
		return false
	}
	if host, _ := os.Hostname(); h.Host != host {
		return true
	}
	err := syscall.Kill(h.PID, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// Note replaces what the holder says it is doing.
func (l *Lock) Note(what string) {
	if l == nil {
		return
	}
	var h Holder
	b := make([]byte, 4096)
	n, _ := l.f.ReadAt(b, 0)
	json.Unmarshal(b[:n], &h)
	h.What = what
	nb, _ := json.Marshal(h)
	if err := l.f.Truncate(0); err == nil {
		l.f.WriteAt(append(nb, '\n'), 0)
	}
}

// Release gives the lock up (the file stays for the next holder).
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Say nobody holds it before letting go, so that a later holder that
	// is not vocmap (a backup's flock) is not taken for this process.
	l.f.Truncate(0)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}
