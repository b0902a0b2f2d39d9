package datasets

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCheckDataFile: a drop's file may be a regular file or a symlink to
// one inside the drop (the drop itself may be reached through a symlink);
// a symlink out of the drop, a FIFO, a folder and a dangling link are
// refused with their rule.
func TestCheckDataFile(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(outside, []byte("root:x:0:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	drop := filepath.Join(base, "drop")
	os.MkdirAll(filepath.Join(drop, "archive"), 0o755)
	os.WriteFile(filepath.Join(drop, "regions.csv"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(drop, "archive", "old.csv"), []byte("x\n"), 0o644)
	os.WriteFile(filepath.Join(base, "beside.csv"), []byte("x\n"), 0o644)
	for name, target := range map[string]string{
		"inside.csv":     filepath.Join("archive", "old.csv"),
		"roundabout.csv": filepath.Join("..", "drop", "regions.csv"),
		"outside.csv":    outside,
		"beside.csv":     filepath.Join("..", "beside.csv"),
		"absolute.csv":   "/etc/passwd",
		"dangling.csv":   "nowhere.csv",
		"folder.csv":     "archive",
	} {
		if err := os.Symlink(target, filepath.Join(drop, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(drop, "fifo.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "droplink")
	if err := os.Symlink(drop, link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{drop, link} {
		for name, rule := range map[string]string{
			"regions.csv": "", "inside.csv": "", "roundabout.csv": "",
			"outside.csv": "link_outside", "beside.csv": "link_outside", "absolute.csv": "link_outside",
			"dangling.csv": "bad_file", "folder.csv": "not_regular", "fifo.csv": "not_regular",
		} {
			re := CheckDataFile(dir, name)
			switch {
			case rule == "" && re != nil:
				t.Errorf("%s/%s: %v, want no error", dir, name, re)
			case rule != "" && (re == nil || re.Rule != rule || re.File != filepath.Join(dir, name)):
				t.Errorf("%s/%s: %v, want rule %s", dir, name, re, rule)
			}
		}
	}
	re := CheckDataFile(drop, "outside.csv")
	if got := re.Format(Chinese); got != filepath.Join(drop, "outside.csv")+": 是指向数据集文件夹之外的符号链接（→ "+outside+"），拒绝读取；请把文件本身放进文件夹" {
		t.Errorf("message %q", got)
	}
}
