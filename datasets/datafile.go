package datasets

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckDataFile returns nil if the file name in the dataset folder dir
// may be read as a table, else the *RowError that refuses it:
//   - a symbolic link whose target, every link followed, lies outside
//     dir (rule link_outside): a data drop must not make vocmap read, and
//     echo in its messages, a file elsewhere on the machine;
//   - anything that is not a regular file, links followed (rule
//     not_regular): a folder, a named pipe or a device, which a reader
//     would block on or misread.
//
// A symbolic link to a regular file inside dir is fine.
func CheckDataFile(dir, name string) *RowError {
	path := filepath.Join(dir, name)
	bad := func(err error) *RowError { return &RowError{File: path, Rule: "bad_file", Args: []any{err.Error()}} }
	fi, err := os.Lstat(path)
	if err != nil {
		return bad(err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return bad(err)
		}
		root, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return bad(err)
		}
		if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			link, _ := os.Readlink(path)
			return &RowError{File: path, Rule: "link_outside", Args: []any{link}}
		}
		if fi, err = os.Stat(target); err != nil {
			return bad(err)
		}
	}
	if !fi.Mode().IsRegular() {
		return &RowError{File: path, Rule: "not_regular"}
	}
	return nil
}
