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

// WriteTemplates writes, for every contract table, an empty template for
// data providers into dir (made with MkdirAll): NAME.csv (UTF-8 with BOM,
// the Chinese header aliases) and NAME.xlsx (first sheet: the header;
// second sheet 说明: each column's name, alias, type and rule), plus
// 说明.csv listing every column's rule. A filled template is a valid input
// file. Every file is written with WriteAtomic, text through SafeText. It
// returns the files written.
func WriteTemplates(dir string) ([]string, error) {
	if err := MkdirAll(dir); err != nil {
		return nil, err
	}
	var written []string
	notes := [][]string{{"表 table", "列 column", "中文表头 alias", "类型 type", "规则", "rule"}}
	for _, t := range datasets.Contract {
		hdr := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			hdr[i] = c.Alias
			notes = append(notes, []string{t.Name, c.Name, c.Alias, datasets.KindName(c.Kind, datasets.Chinese),
				datasets.ColumnRule(c, datasets.Chinese), datasets.ColumnRule(c, datasets.English)})
		}
		p := filepath.Join(dir, t.Name+".csv")
		if err := writeTextCSV(p, [][]string{hdr}); err != nil {
			return written, err
		}
		written = append(written, p)
		p = filepath.Join(dir, t.Name+".xlsx")
		if err := WriteAtomic(p, func(w io.Writer) error { return writeTemplateXLSX(w, t, hdr) }); err != nil {
			return written, fmt.Errorf("export: write %s: %w", p, err)
		}
		written = append(written, p)
	}
	p := filepath.Join(dir, "说明.csv")
	if err := writeTextCSV(p, notes); err != nil {
		return written, err
	}
	return append(written, p), nil
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
	notes := "说明"
	if _, err := f.NewSheet(notes); err != nil {
		return err
	}
	rows := [][]string{{"列 column", "中文表头 alias", "类型 type", "规则", "rule"}}
	for _, c := range t.Columns {
		rows = append(rows, []string{c.Name, c.Alias, datasets.KindName(c.Kind, datasets.Chinese),
			datasets.ColumnRule(c, datasets.Chinese), datasets.ColumnRule(c, datasets.English)})
	}
	if len(t.Key) > 0 {
		rows = append(rows, []string{"", "", "", "主键：" + strings.Join(t.Key, ", "), "key: " + strings.Join(t.Key, ", ")})
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr(notes, cell, SafeText(v))
		}
	}
	f.SetColWidth(notes, "A", "C", 18)
	f.SetColWidth(notes, "D", "E", 60)
	return f.Write(w)
}
