// Package testkit holds the test steps that the tests of several packages
// (cmd/vocmap, pipelines/warehouse, pipelines/job, pipelines/report)
// share: a fresh copy of the Shanxi demo dataset to break, edits of its
// CSV files that check what they change, and the pid of a process that
// has exited. Only tests import it; every function fails the test on an
// error instead of returning it.
package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/datasets/shanxi"
)

// Shanxi writes the Shanxi demo dataset (which has a program_code_map)
// into a new temporary folder and returns it, without the files named
// in drop (e.g. "job_postings.csv"), each of which must exist.
func Shanxi(t testing.TB, drop ...string) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := shanxi.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range drop {
		if err := os.Remove(filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// read returns the text of the file at path.
func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// write replaces the file at path by s.
func write(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Replace replaces the first old in the file at path by new; the file
// must contain old.
func Replace(t testing.TB, path, old, new string) {
	t.Helper()
	s := read(t, path)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	write(t, path, strings.Replace(s, old, new, 1))
}

// ReplaceAll replaces every old in the file at path by new, checking that
// it occurs n times.
func ReplaceAll(t testing.TB, path, old, new string, n int) {
	t.Helper()
	s := read(t, path)
	if got := strings.Count(s, old); got != n {
		t.Fatalf("%s holds %q %d times, want %d", path, old, got, n)
	}
	write(t, path, strings.ReplaceAll(s, old, new))
}

// InsertLine inserts line into the file at path (one CSV row a line) so
// that it becomes line n, 1-based: the header is line 1, and n may be one
// past the last line.
func InsertLine(t testing.TB, path string, n int, line string) {
	t.Helper()
	lines := strings.SplitAfter(read(t, path), "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("%s has no line %d", path, n)
	}
	lines = append(lines[:n-1], append([]string{line + "\n"}, lines[n-1:]...)...)
	write(t, path, strings.Join(lines, ""))
}

// ReplaceLine replaces line n (1-based, the header is line 1) of the file
// at path by line, checking that it held want.
func ReplaceLine(t testing.TB, path string, n int, want, line string) {
	t.Helper()
	lines := strings.SplitAfter(read(t, path), "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("%s has no line %d", path, n)
	}
	if got := strings.TrimRight(lines[n-1], "\r\n"); got != want {
		t.Fatalf("%s line %d is %q, want %q", path, n, got, want)
	}
	lines[n-1] = line + "\n"
	write(t, path, strings.Join(lines, ""))
}

// AppendLine appends line to the file at path.
func AppendLine(t testing.TB, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

// DeadPID returns the pid of a process that has exited.
func DeadPID(t testing.TB) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}
