package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/datasets"
)

// WriteFile writes a result for people as CSV (UTF-8 with a BOM, text
// guarded against formulas) or XLSX (one sheet named sheet, header in
// bold, frozen and filterable, numbers as numbers), by path's extension,
// atomically.
func WriteFile(path string, r Result, sheet string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return writeFileAtomic(path, func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			bw.WriteString("\ufeff")
			guarded := Result{Columns: r.Columns, Rows: make([][]any, len(r.Rows))}
			for i, row := range r.Rows {
				g := make([]any, len(row))
				for j, v := range row {
					switch x := v.(type) {
					case string:
						v = datasets.SafeText(x)
					case float64:
						if math.IsNaN(x) || math.IsInf(x, 0) {
							v = nil
						}
					}
					g[j] = v
				}
				guarded.Rows[i] = g
			}
			if err := WriteResult(bw, guarded, FormatCSV); err != nil {
				return err
			}
			return bw.Flush()
		})
	case ".xlsx":
		return writeFileAtomic(path, func(w io.Writer) error { return writeResultXLSX(w, r, sheet) })
	}
	return fmt.Errorf("export: %s: write .csv or .xlsx", path)
}

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
		head[i] = excelize.Cell{Value: datasets.SafeText(c), StyleID: bold}
		sw.SetColWidth(i+1, i+1, 16)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, row := range r.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case float64:
				if !math.IsNaN(x) && !math.IsInf(x, 0) {
					cells[i] = x
				}
			case string:
				cells[i] = datasets.SafeText(x)
			case nil:
			default:
				cells[i] = x
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
