package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/datasets"
)

// WriteErrorReport writes every error and warning as a row, for the data
// provider to fix: an .xlsx (one sheet, 数据问题 or "data problems",
// header frozen and filterable) or a .csv (UTF-8 with BOM), chosen by
// path's extension. Columns, titled in lang: severity, file, row, column,
// rule (in words: 取值不在允许范围, not enum) and message. Every text cell
// passes through SafeText (a column header of the data, echoed in an
// unknown_column warning, may be a formula), and the file is written with
// WriteAtomic.
func WriteErrorReport(path string, errs, warns []*datasets.RowError, lang datasets.Lang) error {
	hdr := []string{"级别", "文件", "行", "列", "规则", "说明"}
	sev := [2]string{"错误", "警告"}
	sheet := "数据问题"
	if lang == datasets.English {
		hdr = []string{"severity", "file", "row", "column", "rule", "message"}
		sev = [2]string{"error", "warning"}
		sheet = "data problems"
	}
	rows := [][]string{hdr}
	add := func(es []*datasets.RowError, s string) {
		for _, e := range es {
			row := ""
			if e.Row > 0 {
				row = fmt.Sprint(e.Row)
			}
			rows = append(rows, []string{s, e.File, row, e.Column, datasets.RuleTitle(e.Rule, lang), e.Message(lang)})
		}
	}
	add(errs, sev[0])
	add(warns, sev[1])
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return writeTextCSV(path, rows)
	case ".xlsx":
		if err := WriteAtomic(path, func(w io.Writer) error { return writeErrorReportXLSX(w, sheet, rows) }); err != nil {
			return fmt.Errorf("export: write %s: %w", path, err)
		}
		return nil
	}
	return fmt.Errorf("export: report %s: the file must end in .xlsx or .csv", path)
}

// writeErrorReportXLSX writes rows, the first the header, as the
// workbook's one sheet, named sheet.
func writeErrorReportXLSX(w io.Writer, sheet string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	// The filter goes in before Flush: set afterwards, excelize only
	// records the hidden name and the sheet gets no filter buttons.
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), len(rows))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	sw.SetColWidth(2, 2, 30)
	sw.SetColWidth(5, 5, 20)
	sw.SetColWidth(6, 6, 80)
	for i, r := range rows {
		out := make([]any, len(r))
		for j, v := range r {
			out[j] = SafeText(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, out); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
