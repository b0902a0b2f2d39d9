package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/internal/testkit"
)

// The hostile values planted in the input data: two formulas (one behind a
// tab, which some spreadsheets strip before looking for a formula) and
// HTML that a Markdown viewer would run.
const (
	hostileFormula = "=1+2+cmd|calc"
	hostileTab     = "\t=1"
	hostileHTML    = "<svg onload=alert(1)>"
)

// special is an output path made into something other than a regular
// file before a command runs.
type special struct {
	name string
	// make creates the special file at path; victim is a regular file
	// outside the output folder that a symlink points to.
	make func(t *testing.T, path, victim string)
}

var specials = []special{
	{"symlink to a file", func(t *testing.T, path, victim string) {
		if err := os.Symlink(victim, path); err != nil {
			t.Fatal(err)
		}
	}},
	{"symlink to /dev/null", func(t *testing.T, path, _ string) {
		if err := os.Symlink("/dev/null", path); err != nil {
			t.Fatal(err)
		}
	}},
	{"fifo", func(t *testing.T, path, _ string) {
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Fatal(err)
		}
		// Hold the pipe open for reading and drain it, so that a writer
		// that opens it (the bug) neither blocks nor fills the pipe.
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		go io.Copy(io.Discard, f)
		t.Cleanup(func() { f.Close() })
	}},
	{"device", func(t *testing.T, path, _ string) {
		if os.Geteuid() != 0 {
			t.Skip("a device node needs root")
		}
		// the null device, major 1 minor 3, as /dev/null is made
		if err := syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skipf("mknod: %v", err)
		}
	}},
}

// fileKind describes what path is, without following a symlink: its type
// bits and, for a symlink, its target.
func fileKind(t *testing.T, path string) string {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		return err.Error()
	}
	k := fi.Mode().Type().String()
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		k += " -> " + target
	}
	return k
}

// checkRefused runs args, which write to path after path was made special:
// the command must exit 2 with a Chinese message naming path, leave path
// and the victim as they were, and leave no temporary file beside path.
func checkRefused(t *testing.T, sp special, path string, args ...string) {
	t.Helper()
	victim := filepath.Join(t.TempDir(), "victim.txt")
	write(t, victim, []byte("keep me\n"))
	sp.make(t, path, victim)
	before := fileKind(t, path)
	code, _, stderr := run(t, args...)
	if code != exitUsage {
		t.Errorf("exit %d, want %d (usage)\n%s", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, "拒绝写入") || !strings.Contains(stderr, path) {
		t.Errorf("stderr does not refuse in Chinese naming %s:\n%s", path, stderr)
	}
	if after := fileKind(t, path); after != before {
		t.Errorf("%s was %s, is now %s", path, before, after)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep me\n" {
		t.Errorf("the symlink's target was written: %q", b)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestOutputNotRegularFile: every command that writes a named file, or
// a file of a fixed name in an output folder, refuses one that is a
// symlink, a FIFO or a device, with exit code 2, and changes nothing.
func TestOutputNotRegularFile(t *testing.T) {
	wh := demoWarehouse(t)
	for _, sp := range specials {
		t.Run(sp.name, func(t *testing.T) {
			cases := []struct {
				name string
				// args returns the command writing into dir, and the
				// path it writes that the case makes special
				args func(dir string) ([]string, string)
			}{
				{"export warnings csv", func(dir string) ([]string, string) {
					p := filepath.Join(dir, "w.csv")
					return []string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--out", p}, p
				}},
				{"export warnings parquet", func(dir string) ([]string, string) {
					p := filepath.Join(dir, "w.parquet")
					return []string{"--warehouse", wh, "export", "warnings", "--period", "2025-12", "--out", p}, p
				}},
				{"plan xlsx", func(dir string) ([]string, string) {
					p := filepath.Join(dir, "plan.xlsx")
					return []string{"--warehouse", wh, "plan", "--period", "2025-12", "--out", p}, p
				}},
				{"validate report xlsx", func(dir string) ([]string, string) {
					p := filepath.Join(dir, "errors.xlsx")
					return []string{"validate", "--data", "testdata/ok", "--report", p}, p
				}},
				{"validate report csv", func(dir string) ([]string, string) {
					p := filepath.Join(dir, "errors.csv")
					return []string{"validate", "--data", "testdata/ok", "--report", p}, p
				}},
				{"report folder", func(dir string) ([]string, string) {
					return []string{"--warehouse", wh, "report", "--period", "2025-12", "--out", dir}, filepath.Join(dir, "talent_demand.md")
				}},
				{"templates folder", func(dir string) ([]string, string) {
					os.Mkdir(filepath.Join(dir, "xlsx"), 0o755)
					return []string{"datasets", "template", "--out", dir}, filepath.Join(dir, "xlsx", "programs.xlsx")
				}},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					args, path := c.args(t.TempDir())
					checkRefused(t, sp, path, args...)
				})
			}
		})
	}
	// in English with --lang en
	p := filepath.Join(t.TempDir(), "w.csv")
	if err := os.Symlink("/dev/null", p); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "--lang", "en", "--warehouse", wh, "export", "warnings", "--period", "2025-12", "--out", p)
	if code != exitUsage || !strings.Contains(stderr, "refusing to write "+p+": it is a symbolic link") {
		t.Errorf("--lang en: exit %d, stderr %q", code, stderr)
	}
}

// TestOutputFolderThroughSymlink: an output folder reached through a
// symlink is fine; the files go into the folder it points to, mode 0644,
// and the folders vocmap makes are 0755.
func TestOutputFolderThroughSymlink(t *testing.T) {
	wh := demoWarehouse(t)
	real := filepath.Join(t.TempDir(), "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(link, "new", "reports")
	if code, _, stderr := run(t, "--warehouse", wh, "report", "--period", "2025-12", "--out", out); code != 0 {
		t.Fatalf("report into a symlinked folder: exit %d\n%s", code, stderr)
	}
	if n := checkModes(t, filepath.Join(real, "new")); n != 9 {
		t.Errorf("%d report files, want 9", n)
	}
}

// checkModes walks root (root included): every folder must be 0755 and
// every file a regular file of mode 0644. It returns the number of files.
func checkModes(t *testing.T, root string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case fi.IsDir():
			if fi.Mode().Perm() != 0o755 {
				t.Errorf("folder %s: mode %v, want 0755", p, fi.Mode().Perm())
			}
		case fi.Mode().IsRegular():
			n++
			if fi.Mode().Perm() != 0o644 {
				t.Errorf("%s: mode %v, want 0644", p, fi.Mode().Perm())
			}
		default:
			t.Errorf("%s: not a regular file (%v)", p, fi.Mode())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOutputModes: the files of the demo and of the templates are 0644,
// their folders 0755.
func TestOutputModes(t *testing.T) {
	demo := filepath.Dir(demoWarehouse(t))
	for _, sub := range []string{"data", "out"} {
		if n := checkModes(t, filepath.Join(demo, sub)); n == 0 {
			t.Errorf("demo %s: no files", sub)
		}
	}
	dir := filepath.Join(t.TempDir(), "templates")
	if code, _, stderr := run(t, "datasets", "template", "--out", dir); code != 0 {
		t.Fatal(stderr)
	}
	if n := checkModes(t, dir); n != 31 { // the templates with graduate_destinations, as TestTemplateRoundTrip counts them
		t.Errorf("%d template files, want 31", n)
	}
}

// hostileDataset is the Shanxi dataset with hostile program and city
// names: every program's name starts with one of the hostile values, and
// two cities are renamed.
func hostileDataset(t *testing.T) string {
	t.Helper()
	dir := testkit.Shanxi(t)
	rewrite := func(file string, f func(i int, rec []string)) {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range recs[1:] {
			f(i, rec)
		}
		var out bytes.Buffer
		w := csv.NewWriter(&out)
		w.WriteAll(recs)
		write(t, p, out.Bytes())
	}
	hostile := []string{hostileFormula, hostileTab, hostileHTML}
	rewrite("programs.csv", func(i int, rec []string) { rec[1] = hostile[i%3] + rec[1] })
	rewrite("regions.csv", func(_ int, rec []string) {
		switch rec[0] {
		case "140100":
			rec[1] = hostileHTML + rec[1]
		case "140200":
			rec[1] = hostileFormula + rec[1]
		}
	})
	return dir
}

// TestHostileValues: hostile names in the input data come out inert in
// every CSV and XLSX vocmap writes (a leading apostrophe before =, +, -,
// @, tab and CR; numbers still numbers, negative ones too) and escaped in
// the Markdown reports (HTML, and | inside table cells).
func TestHostileValues(t *testing.T) {
	data := hostileDataset(t)
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := run(t, "--warehouse", wh, "--quiet", "run", "--period", "2025-12", "--data", data, "--out", out); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	exports := filepath.Join(t.TempDir(), "exports")
	os.Mkdir(exports, 0o755)
	for _, args := range [][]string{
		{"export", "warnings", "--period", "2025-12", "--out", filepath.Join(exports, "w.csv")},
		{"export", "warnings", "--period", "2025-12", "--out", filepath.Join(exports, "w.xlsx")},
		{"plan", "--period", "2025-12", "--out", filepath.Join(exports, "plan.csv")},
		{"plan", "--period", "2025-12", "--out", filepath.Join(exports, "plan.xlsx")},
		{"plan", "--period", "2025-12", "--by", "school", "--out", filepath.Join(exports, "plan_school.xlsx")},
	} {
		if code, _, stderr := run(t, append([]string{"--warehouse", wh}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
	}
	checkModes(t, out)
	checkModes(t, exports)
	seen := map[string]bool{}
	for _, root := range []string{out, exports} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch filepath.Ext(p) {
			case ".csv":
				checkCSVInert(t, p, seen)
			case ".xlsx":
				checkXLSXInert(t, p, seen)
			case ".md":
				checkMarkdownEscaped(t, p, seen)
			}
			return nil
		})
	}
	// the hostile values did reach the outputs, made inert
	for _, w := range []string{"'" + hostileFormula, "'" + hostileTab, "md " + hostileHTML, "md " + hostileFormula, "negative number"} {
		if !seen[w] {
			t.Errorf("no output holds %q", w)
		}
	}
}

// risky reports whether a spreadsheet could take text s for a formula.
func risky(s string) bool {
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// note records which guarded forms a cell shows.
func note(seen map[string]bool, cell string) {
	for _, h := range []string{hostileFormula, hostileTab} {
		if strings.HasPrefix(cell, "'"+h) {
			seen["'"+h] = true
		}
	}
	if strings.HasPrefix(cell, "-") && isNumber(cell) {
		seen["negative number"] = true
	}
}

func checkCSVInert(t *testing.T, path string, seen map[string]bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for i, rec := range recs {
		for j, c := range rec {
			note(seen, c)
			if risky(c) && !isNumber(c) {
				t.Errorf("%s:%d:%d: a spreadsheet runs %q", path, i+1, j+1, c)
			}
		}
	}
}

func checkXLSXInert(t *testing.T, path string, seen map[string]bool) {
	t.Helper()
	// no formula anywhere
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s: %s holds a formula", path, zf.Name)
		}
	}
	z.Close()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, c := range row {
				note(seen, c)
				if !risky(c) {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if typ, _ := f.GetCellType(sheet, cell); (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset) && isNumber(c) {
					continue
				}
				t.Errorf("%s: %s!%s: text %q a spreadsheet would run", path, sheet, cell, c)
			}
		}
	}
}

func checkMarkdownEscaped(t *testing.T, path string, seen map[string]bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	if strings.Contains(md, "<svg") {
		t.Errorf("%s: raw HTML from the data", path)
	}
	if strings.Contains(md, "&lt;svg onload=alert(1)&gt;") {
		seen["md "+hostileHTML] = true
	}
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if strings.Contains(line, "=1+2+cmd\\|calc") {
			seen["md "+hostileFormula] = true
		}
		if strings.Contains(strings.ReplaceAll(line, "cmd\\|calc", ""), "cmd|calc") {
			t.Errorf("%s: a | from the data splits a table row: %s", path, line)
		}
	}
}

// TestValidateReportHostile: the validate error report, CSV and XLSX,
// neutralises a hostile column header of the data (it is echoed in the
// unknown_column warning).
func TestValidateReportHostile(t *testing.T) {
	dir := copyDir(t, "testdata/ok")
	// one more column, named by a formula, empty in every row
	p := filepath.Join(dir, "regions.csv")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	lines[0] += ",\"" + hostileFormula + "\""
	for i := range lines[1:] {
		lines[i+1] += ","
	}
	write(t, p, []byte(strings.Join(lines, "\n")+"\n"))
	for _, ext := range []string{".csv", ".xlsx"} {
		rep := filepath.Join(t.TempDir(), "report"+ext)
		code, _, stderr := run(t, "validate", "--data", dir, "--report", rep)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", ext, code, stderr)
		}
		seen := map[string]bool{}
		if ext == ".csv" {
			checkCSVInert(t, rep, seen)
		} else {
			checkXLSXInert(t, rep, seen)
		}
		if !seen["'"+hostileFormula] {
			t.Errorf("%s: the header %q is not in the report, guarded", ext, hostileFormula)
		}
		if fi, err := os.Stat(rep); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v (%v), want 0644", rep, fi.Mode().Perm(), err)
		}
	}
}

// TestDataDropSymlinks: a data drop whose file is a symlink to outside
// the drop folder is rejected (exit 3) by validate, ingest and run, and
// nothing of the file's contents shows in any message or report; a
// symlink to a file inside the drop is fine.
func TestDataDropSymlinks(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	write(t, secret, []byte("root:x:0:0:SECRET-FIRST-LINE:/root:/bin/bash\n"))
	drop := copyDir(t, "testdata/ok")
	os.Remove(filepath.Join(drop, "regions.csv"))
	if err := os.Symlink(secret, filepath.Join(drop, "regions.csv")); err != nil {
		t.Fatal(err)
	}
	wh := filepath.Join(t.TempDir(), "w.duckdb")
	rep := filepath.Join(t.TempDir(), "errors.csv")
	for _, args := range [][]string{
		{"validate", "--data", drop, "--report", rep},
		{"--warehouse", wh, "ingest", "--data", drop},
		{"--warehouse", wh, "run", "--period", "2025-12", "--data", drop, "--out", t.TempDir()},
	} {
		code, stdout, stderr := run(t, args...)
		if code != exitRejected {
			t.Errorf("%v: exit %d, want %d\n%s", args, code, exitRejected, stderr)
		}
		if !strings.Contains(stderr, filepath.Join(drop, "regions.csv")) || !strings.Contains(stderr, "符号链接") {
			t.Errorf("%v: stderr does not name the symlink:\n%s", args, stderr)
		}
		if strings.Contains(stdout+stderr, "SECRET") {
			t.Errorf("%v: the linked file's contents are shown:\n%s%s", args, stdout, stderr)
		}
	}
	if b, _ := os.ReadFile(rep); bytes.Contains(b, []byte("SECRET")) || len(b) == 0 {
		t.Errorf("error report: %q", b)
	}
	// a symlink inside the drop is followed
	inside := copyDir(t, "testdata/ok")
	os.Mkdir(filepath.Join(inside, "archive"), 0o755)
	if err := os.Rename(filepath.Join(inside, "regions.csv"), filepath.Join(inside, "archive", "regions.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("archive", "regions.csv"), filepath.Join(inside, "regions.csv")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "validate", "--data", inside); code != 0 {
		t.Errorf("a symlink inside the drop: exit %d\n%s", code, stderr)
	}
}
