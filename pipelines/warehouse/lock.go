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
	Holder Holder // zero when the lock file could not be read
}

func (e *LockedError) Error() string {
	h := e.Holder
	if h.PID == 0 {
		return fmt.Sprintf("warehouse: %s is held by another vocmap process", e.File)
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
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}
