package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEdits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(path, []byte("h\na,1\nb,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Replace(t, path, ",1", ",2")          // the first only: a,2 b,1
	ReplaceAll(t, path, "b", "c", 1)      // h a,2 c,1
	InsertLine(t, path, 2, "z,9")         // h z,9 a,2 c,1
	InsertLine(t, path, 5, "end,0")       // one past the last line: appended
	ReplaceLine(t, path, 4, "c,1", "d,4") // h z,9 a,2 d,4 end,0
	AppendLine(t, path, "tail,5")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "h\nz,9\na,2\nd,4\nend,0\ntail,5\n"; string(b) != want {
		t.Errorf("file %q, want %q", b, want)
	}
}

func TestShanxi(t *testing.T) {
	dir := Shanxi(t, "job_postings.csv")
	if _, err := os.Stat(filepath.Join(dir, "job_postings.csv")); !os.IsNotExist(err) {
		t.Errorf("job_postings.csv was not dropped: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "enrollments.csv")); err != nil {
		t.Error(err)
	}
}
