// Package shanxi embeds vocmap's demo dataset: Shanxi province, its 11
// cities, GB/T 4754-2017 industries, the industry map 2010–2025, programs
// of the 2021 vocational catalogue, schools, enrollments 2013–2025,
// outcomes 2016–2025, monthly job postings and general upper-secondary
// intake, as contract CSVs. README.md says what is real and what is
// synthetic; gen/ regenerates the files.
package shanxi

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed *.csv
var files embed.FS

// FS returns the dataset's files.
func FS() fs.FS { return files }

// WriteTo copies the dataset's CSV files into dir (created if needed) and
// returns their names.
func WriteTo(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		b, err := files.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return nil, err
		}
		names = append(names, e.Name())
	}
	return names, nil
}
