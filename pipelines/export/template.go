package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/datasets"
)

// WriteTemplates writes, for every contract table, a template for data
// providers into two subfolders of dir (made with MkdirAll), so that a
// filled folder holds one file per table: csv/NAME.csv (UTF-8 with BOM,
// the Chinese header aliases, then an example row whose first cell starts
// with 示例 — skipped on load — and says whether the table is optional)
// with csv/说明.csv listing every table and column (required or
// optional, allowed values, rule); and xlsx/NAME.xlsx (first sheet: the
// header, a drop-down of the allowed values in each enumerated column;
// sheet 示例: the example row; sheet 说明: the table's columns and rules).
// A filled template is a valid input file. Every file is written with
// WriteAtomic, text through SafeText. It returns the files written.
func WriteTemplates(dir string) ([]string, error) {
	csvDir, xlsxDir := filepath.Join(dir, "csv"), filepath.Join(dir, "xlsx")
	for _, d := range []string{csvDir, xlsxDir} {
		if err := MkdirAll(d); err != nil {
			return nil, err
		}
	}
	var written []string
	notes := [][]string{{"表 table", "表名", "必需或可选", "列 column", "中文表头 alias", "类型 type", "可填的值 allowed values", "规则", "rule"}}
	for _, t := range datasets.Contract {
		hdr := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			hdr[i] = c.Alias
			notes = append(notes, []string{t.Name, t.Title, tableNeed(t), c.Name, c.Alias, datasets.KindName(c.Kind, datasets.Chinese),
				datasets.AllowedValues(c, datasets.Chinese), datasets.ColumnRule(c, datasets.Chinese), datasets.ColumnRule(c, datasets.English)})
		}
		p := filepath.Join(csvDir, t.Name+".csv")
		if err := writeTextCSV(p, [][]string{hdr, exampleRow(t)}); err != nil {
			return written, err
		}
		written = append(written, p)
		p = filepath.Join(xlsxDir, t.Name+".xlsx")
		if err := WriteAtomic(p, func(w io.Writer) error { return writeTemplateXLSX(w, t, hdr) }); err != nil {
			return written, fmt.Errorf("export: write %s: %w", p, err)
		}
		written = append(written, p)
	}
	p := filepath.Join(csvDir, "说明.csv")
	if err := writeTextCSV(p, notes); err != nil {
		return written, err
	}
	return append(written, p), nil
}

// tableNeed says whether a table is required or optional, in both
// languages.
func tableNeed(t *datasets.Table) string {
	if t.Required {
		return "必需 required"
	}
	return "可选 optional（没有可删除此文件 / delete the file if you have none）"
}

// exampleRow is table t's example row in a CSV template: its first cell
// carries the example mark, which also says whether the table is
// optional.
func exampleRow(t *datasets.Table) []string {
	row := append([]string(nil), datasets.Example(t)...)
	mark := datasets.ExampleMark + "（本行载入时跳过）："
	if !t.Required {
		mark = datasets.ExampleMark + "（可选表；本行载入时跳过）："
	}
	row[0] = mark + row[0]
	return row
}

// writeTextCSV writes rows of text as CSV for Excel (UTF-8 with a BOM),
// every cell through SafeText, with WriteAtomic.
func writeTextCSV(path string, rows [][]string) error {
	err := WriteAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		for _, r := range rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = SafeText(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return nil
}

func writeTemplateXLSX(w io.Writer, t *datasets.Table, hdr []string) error {
	f := excelize.NewFile()
	defer f.Close()
	data := t.Title
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	for i, h := range hdr {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(data, cell, SafeText(h))
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(data, col, col, 16)
		// codes are text: keep leading zeros when typed in
		if c := t.Columns[i]; c.Kind == datasets.Code || c.Kind == datasets.Code6 || c.Kind == datasets.Code2 {
			style, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
			f.SetColStyle(data, col, style)
		}
	}
	f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	// allowed values as a drop-down, codes and Chinese names alike
	for i, c := range t.Columns {
		if len(c.Enum) == 0 {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = col + "2:" + col + "1048576"
		if err := dv.SetDropList(append(c.EnumNames(), c.Enum...)); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleWarning, "取值 / value", "可填 / allowed: "+datasets.AllowedValues(c, datasets.Chinese))
		if err := f.AddDataValidation(data, dv); err != nil {
			return err
		}
	}
	example := "示例"
	if _, err := f.NewSheet(example); err != nil {
		return err
	}
	for r, row := range [][]string{hdr, datasets.Example(t)} {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr(example, cell, SafeText(v))
		}
	}
	notes := "说明"
	if _, err := f.NewSheet(notes); err != nil {
		return err
	}
	rows := [][]string{
		{t.Name, t.Title, tableNeed(t), "填写第一页（表头在第 1 行）；“示例”页只作参考，不会载入", "fill in the first sheet (header in row 1); the 示例 sheet is an example and is not loaded"},
		{"列 column", "中文表头 alias", "类型 type", "可填的值 allowed values", "规则", "rule"}}
	for _, c := range t.Columns {
		rows = append(rows, []string{c.Name, c.Alias, datasets.KindName(c.Kind, datasets.Chinese),
			datasets.AllowedValues(c, datasets.Chinese), datasets.ColumnRule(c, datasets.Chinese), datasets.ColumnRule(c, datasets.English)})
	}
	if len(t.Key) > 0 {
		rows = append(rows, []string{"", "", "", "", "主键：" + strings.Join(t.Key, ", "), "key: " + strings.Join(t.Key, ", ")})
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr(notes, cell, SafeText(v))
		}
	}
	f.SetColWidth(notes, "A", "C", 18)
	f.SetColWidth(notes, "D", "D", 30)
	f.SetColWidth(notes, "E", "F", 60)
	// printed, the rules are read on paper: wrapped, landscape, one page wide
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.SetColStyle(notes, "A:F", wrap); err != nil {
		return err
	}
	landscape, one, tall := "landscape", 1, 0
	if err := f.SetPageLayout(notes, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(notes, &excelize.SheetPropsOptions{FitToPage: boolPtr(true)}); err != nil {
		return err
	}
	return f.Write(w)
}

func boolPtr(b bool) *bool { return &b }
