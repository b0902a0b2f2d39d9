package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"
)

// Modes of every file and folder vocmap writes, whatever the umask.
const (
	FileMode   fs.FileMode = 0o644
	FolderMode fs.FileMode = 0o755
)

// SafeText returns s so that a spreadsheet shows it as text and never
// runs it: text that starts with '=', '+', '-' or '@' (a formula to Excel,
// LibreOffice and Google Sheets), or with a tab or a carriage return
// (which some of them skip before looking for one), gets a leading
// apostrophe (OWASP, "CSV Injection"). It is the one formula guard of
// vocmap: every text cell of every CSV and XLSX file vocmap writes passes
// through it. Numbers are not text: a negative number written as a number
// is never touched.
func SafeText(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Guard returns a copy of r for a spreadsheet: the column names and every
// text cell through SafeText; numbers as float64 or int64 (NaN and
// infinities as NULL), booleans, times and NULL as they are; any other
// value as its Cell text, through SafeText.
func Guard(r Result) Result {
	g := Result{Columns: make([]string, len(r.Columns)), Rows: make([][]any, len(r.Rows))}
	for i, c := range r.Columns {
		g.Columns[i] = SafeText(c)
	}
	for i, row := range r.Rows {
		out := make([]any, len(row))
		for j, v := range row {
			out[j] = guardCell(v)
		}
		g.Rows[i] = out
	}
	return g
}

func guardCell(v any) any {
	switch x := v.(type) {
	case nil, bool, int, int32, int64, uint64, time.Time:
		return v
	case float32:
		return guardCell(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case string:
		return SafeText(x)
	}
	return SafeText(Cell(v))
}

// WriteFile writes a result for people as CSV (UTF-8 with a BOM) or XLSX
// (one sheet named sheet, header in bold, frozen and filterable, numbers
// as numbers), by path's extension, through Guard and WriteAtomic.
func WriteFile(path string, r Result, sheet string) error {
	g := Guard(r)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return WriteAtomic(path, func(w io.Writer) error {
			if _, err := io.WriteString(w, "\ufeff"); err != nil {
				return err
			}
			return WriteResult(w, g, FormatCSV)
		})
	case ".xlsx":
		return WriteAtomic(path, func(w io.Writer) error { return writeResultXLSX(w, g, sheet) })
	}
	return fmt.Errorf("export: %s: write .csv or .xlsx", path)
}

// writeResultXLSX writes a guarded result as one sheet.
func writeResultXLSX(w io.Writer, r Result, sheet string) error {
	f := excelize.NewFile()
	defer f.Close()
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	last, _ := excelize.CoordinatesToCellName(max(len(r.Columns), 1), len(r.Rows)+1)
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	head := make([]any, len(r.Columns))
	for i, c := range r.Columns {
		head[i] = excelize.Cell{Value: c, StyleID: bold}
		sw.SetColWidth(i+1, i+1, 16)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, row := range r.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// OutputError reports an output that vocmap refuses to write: the path
// names something other than a regular file (a symbolic link, a named
// pipe, a device, a socket, a folder), or, for an output folder,
// something other than a folder. Writing there would follow the link,
// block on the pipe, or replace the node; vocmap writes nothing.
type OutputError struct {
	Path string
	// Kind is what Path is: "symlink", "fifo", "device", "socket",
	// "folder", "file" or "special".
	Kind string
	// Folder is set when Path was to be an output folder.
	Folder bool
}

// Error formats the refusal in English.
func (e *OutputError) Error() string { return e.Format("en") }

// outputKinds names each Kind in Chinese and English.
var outputKinds = map[string][2]string{
	"symlink": {"符号链接", "symbolic link"},
	"fifo":    {"命名管道（FIFO）", "named pipe (FIFO)"},
	"device":  {"设备文件", "device"},
	"socket":  {"套接字", "socket"},
	"folder":  {"文件夹", "folder"},
	"file":    {"普通文件", "regular file"},
	"special": {"特殊文件", "special file"},
}

// Format formats the refusal in lang: "en" for English, anything else
// for Chinese.
func (e *OutputError) Format(lang string) string {
	k := outputKinds[e.Kind]
	if lang == "en" {
		if e.Folder {
			return fmt.Sprintf("refusing to write into %s: it is a %s, not a folder", e.Path, k[1])
		}
		return fmt.Sprintf("refusing to write %s: it is a %s, not a regular file; "+
			"an output file must be a regular file or not exist yet (name the real file instead)", e.Path, k[1])
	}
	if e.Folder {
		return fmt.Sprintf("拒绝写入 %s：它是%s，不是文件夹", e.Path, k[0])
	}
	return fmt.Sprintf("拒绝写入 %s：它是%s，不是普通文件；输出文件必须是普通文件或尚不存在（请直接给出真实的文件路径）", e.Path, k[0])
}

// kindOf names a file type for OutputError.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m.IsDir():
		return "folder"
	case m.IsRegular():
		return "file"
	}
	return "special"
}

// CheckOutput returns nil if path may be written as an output file: it
// does not exist, or it is a regular file. Otherwise it returns an
// *OutputError (path itself is a symbolic link, a named pipe, a device, a
// socket or a folder) or the error of looking. Only the last element of
// path is checked: the folder may be reached through a symbolic link.
func CheckOutput(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode().IsRegular() {
		return nil
	}
	return &OutputError{Path: path, Kind: kindOf(fi.Mode())}
}

// MkdirAll makes the output folder dir and any missing parents, each of
// mode 0755 whatever the umask. Folders that exist are left as they are,
// and dir may be, or be reached through, a symbolic link to a folder. If
// dir or a parent exists and is not a folder, the error is an
// *OutputError.
func MkdirAll(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return &OutputError{Path: dir, Kind: kindOf(fi.Mode()), Folder: true}
	case errors.Is(err, syscall.ENOTDIR):
		// a parent is not a folder: let the parent say which
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := MkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, FolderMode); err != nil {
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			return nil // made meanwhile
		}
		return err
	}
	return os.Chmod(dir, FolderMode)
}

// WriteAtomic writes the file path through write, the way vocmap writes
// every file: it refuses a path that CheckOutput refuses, before anything
// is written; the data goes to a temporary file in path's folder, which
// gets mode 0644 (whatever the umask), is synced, checked again and
// renamed to path only when complete. On any error no file is left behind
// and a file at path is unchanged.
func WriteAtomic(path string, write func(io.Writer) error) (err error) {
	if err := CheckOutput(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Chmod(FileMode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// path may have been replaced while the data was written
	if err = CheckOutput(path); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteAtomicPath is WriteAtomic for writers that need a file name rather
// than an io.Writer (DuckDB's COPY): write gets the name of a file to
// create in a new private folder (mode 0700) beside path, which nobody
// else can have prepared; the file is then given mode 0644, synced and
// renamed to path as WriteAtomic does. The private folder is removed.
func WriteAtomicPath(path string, write func(tmp string) error) (err error) {
	if err := CheckOutput(path); err != nil {
		return err
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, filepath.Base(path))
	if err := write(tmp); err != nil {
		return err
	}
	if fi, err := os.Lstat(tmp); err != nil {
		return err
	} else if !fi.Mode().IsRegular() {
		return fmt.Errorf("export: %s: the writer made a %s", tmp, outputKinds[kindOf(fi.Mode())][1])
	}
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Chmod(FileMode); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := CheckOutput(path); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
