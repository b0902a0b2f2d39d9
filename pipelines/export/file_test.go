package export

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"护理":            "护理",
		"=1+2+cmd|calc": "'=1+2+cmd|calc",
		"+86":           "'+86",
		"-数控技术":         "'-数控技术",
		"-12.5":         "'-12.5", // text that looks like a number is still text
		"@SUM(A1)":      "'@SUM(A1)",
		"\t=1":          "'\t=1",
		"\r=1":          "'\r=1",
		" =1":           " =1",
		"a=1":           "a=1",
		"'=1":           "'=1",
		"<svg>":         "<svg>", // HTML is for the Markdown writer to escape
	} {
		if got := SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGuard: text is guarded, numbers (negative ones too) stay numbers,
// NaN and infinities become NULL.
func TestGuard(t *testing.T) {
	r := Result{Columns: []string{"=name", "x"}, Rows: [][]any{
		{"\t=1", -3.5}, {[]byte("-x"), int64(-2)}, {nil, math.Inf(-1)}, {true, float32(-0.5)},
	}}
	g := Guard(r)
	want := Result{Columns: []string{"'=name", "x"}, Rows: [][]any{
		{"'\t=1", -3.5}, {"'-x", int64(-2)}, {nil, nil}, {true, -0.5},
	}}
	for i, c := range want.Columns {
		if g.Columns[i] != c {
			t.Errorf("column %d = %q, want %q", i, g.Columns[i], c)
		}
	}
	for i, row := range want.Rows {
		for j, v := range row {
			if g.Rows[i][j] != v {
				t.Errorf("row %d col %d = %#v, want %#v", i, j, g.Rows[i][j], v)
			}
		}
	}
	if r.Rows[0][0] != "\t=1" || r.Columns[0] != "=name" {
		t.Error("Guard changed its argument")
	}
}

// specialFiles makes, in dir, one of each kind of path an output must not
// be, and returns them by the Kind CheckOutput gives them.
func specialFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{
		"symlink": filepath.Join(dir, "link.csv"),
		"fifo":    filepath.Join(dir, "fifo.csv"),
		"folder":  filepath.Join(dir, "folder.csv"),
	}
	if err := os.Symlink(victim, out["symlink"]); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(out["fifo"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(out["folder"], 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		p := filepath.Join(dir, "null.csv")
		if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err == nil {
			out["device"] = p
		}
	}
	return out
}

// TestWriteAtomicRefuses: WriteAtomic and WriteAtomicPath refuse a path
// that is a symlink, a FIFO, a device or a folder, with an *OutputError
// naming it, before calling the writer; the path stays as it was.
func TestWriteAtomicRefuses(t *testing.T) {
	dir := t.TempDir()
	for kind, p := range specialFiles(t, dir) {
		before, _ := os.Lstat(p)
		called := false
		for _, err := range []error{
			WriteAtomic(p, func(io.Writer) error { called = true; return nil }),
			WriteAtomicPath(p, func(string) error { called = true; return nil }),
			CheckOutput(p),
		} {
			var oe *OutputError
			if !errors.As(err, &oe) || oe.Kind != kind || oe.Path != p || oe.Folder {
				t.Errorf("%s: error %v, want an *OutputError of kind %s", p, err, kind)
			}
		}
		if called {
			t.Errorf("%s: the writer was called", p)
		}
		if after, err := os.Lstat(p); err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s: was %v, is %v (%v)", p, before.Mode(), after.Mode(), err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "link.csv")); string(b) != "keep" {
		t.Errorf("the symlink's target holds %q", b)
	}
	// nothing left behind but the special files themselves
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary %s left behind", e.Name())
		}
	}
}

// TestWriteAtomicMode: a new file and a replaced one get mode 0644
// whatever the umask and the old file's mode; WriteAtomicPath likewise.
func TestWriteAtomicMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	p := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, write := range []func(string) error{
		func(p string) error {
			return WriteAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err })
		},
		func(p string) error {
			return WriteAtomicPath(p, func(tmp string) error { return os.WriteFile(tmp, []byte("new"), 0o600) })
		},
	} {
		for _, name := range []string{"a.csv", "b.csv"} {
			p := filepath.Join(dir, name)
			os.Remove(filepath.Join(dir, "b.csv"))
			if err := write(p); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(p)
			if err != nil || fi.Mode() != 0o644 {
				t.Errorf("%s: mode %v (%v), want 0644", name, fi.Mode(), err)
			}
			if b, _ := os.ReadFile(p); string(b) != "new" {
				t.Errorf("%s holds %q", name, b)
			}
		}
	}
	assertDir(t, dir, "a.csv", "b.csv")
}

// TestMkdirAll: new folders are 0755 whatever the umask; a folder reached
// through a symlink is fine; a path through a file, a FIFO or a symlink
// to a file is an *OutputError for a folder.
func TestMkdirAll(t *testing.T) {
	root := t.TempDir()
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	if err := MkdirAll(filepath.Join(root, "a", "b")); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"a", "a/b"} {
		if fi, err := os.Stat(filepath.Join(root, d)); err != nil || fi.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v (%v), want 0755", d, fi.Mode().Perm(), err)
		}
	}
	// an existing folder keeps its mode
	os.Mkdir(filepath.Join(root, "mine"), 0o700)
	if err := MkdirAll(filepath.Join(root, "mine")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(root, "mine")); fi.Mode().Perm() != 0o700 {
		t.Errorf("an existing folder's mode changed to %v", fi.Mode().Perm())
	}
	// through a symlink to a folder
	os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "link"))
	if err := MkdirAll(filepath.Join(root, "link", "c")); err != nil {
		t.Errorf("through a symlink: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(root, "a", "c")); err != nil || !fi.IsDir() {
		t.Errorf("a/c: %v", err)
	}
	os.WriteFile(filepath.Join(root, "file"), nil, 0o644)
	syscall.Mkfifo(filepath.Join(root, "fifo"), 0o644)
	os.Symlink(filepath.Join(root, "file"), filepath.Join(root, "filelink"))
	for p, kind := range map[string]string{"file": "file", "file/x/y": "file", "fifo": "fifo", "filelink": "file"} {
		var oe *OutputError
		err := MkdirAll(filepath.Join(root, p))
		if !errors.As(err, &oe) || oe.Kind != kind || !oe.Folder {
			t.Errorf("MkdirAll(%s): %v, want an *OutputError for a folder of kind %s", p, err, kind)
		}
	}
}

func TestOutputErrorFormat(t *testing.T) {
	e := &OutputError{Path: "/out/w.csv", Kind: "symlink"}
	for lang, want := range map[string]string{
		"zh": "拒绝写入 /out/w.csv：它是符号链接，不是普通文件；输出文件必须是普通文件或尚不存在（请直接给出真实的文件路径）",
		"en": "refusing to write /out/w.csv: it is a symbolic link, not a regular file; an output file must be a regular file or not exist yet (name the real file instead)",
	} {
		if got := e.Format(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if e.Error() != e.Format("en") {
		t.Error("Error is not the English text")
	}
	f := &OutputError{Path: "/out", Kind: "fifo", Folder: true}
	if got := f.Format("zh"); got != "拒绝写入 /out：它是命名管道（FIFO），不是文件夹" {
		t.Errorf("folder: %q", got)
	}
}
