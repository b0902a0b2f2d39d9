// Package wide reads the forecasting competitions' wide layout (M1, M4):
// a gzipped CSV with a header row, then one series a row, its ID first,
// padded with empty cells.
package wide

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Series is one row: an ID and its values, oldest first.
type Series struct {
	ID     string
	Values []float64
}

// Read reads every series of the gzipped wide CSV at path.
func Read(path string) ([]Series, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := csv.NewReader(gz)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var out []Series
	for line := 1; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if line == 1 {
			continue
		}
		s := Series{ID: rec[0]}
		for j, cell := range rec[1:] {
			if cell == "" {
				break
			}
			v, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d:%d: %w", path, line, j+2, err)
			}
			s.Values = append(s.Values, v)
		}
		out = append(out, s)
	}
	return out, nil
}
