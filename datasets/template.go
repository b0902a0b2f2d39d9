package datasets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// KindName returns a column kind in words, in lang.
func KindName(k Kind, lang Lang) string {
	names := map[Kind][2]string{
		String:   {"文本", "text"},
		Code:     {"代码（原样保留）", "code (kept as given)"},
		Code6:    {"6位数字代码", "6-digit code"},
		Code2:    {"2位数字代码", "2-digit code"},
		Industry: {"行业代码", "industry code"},
		Int:      {"整数", "integer"},
		Number:   {"数字", "number"},
		Enum:     {"枚举", "one of a list"},
		Month:    {"月份 YYYY-MM", "month YYYY-MM"},
		Date:     {"日期 YYYY-MM-DD", "date YYYY-MM-DD"},
	}
	n := names[k]
	if lang == English {
		return n[1]
	}
	return n[0]
}

// ColumnRule describes a column's rule in words, in lang.
func ColumnRule(c Column, lang Lang) string {
	var parts []string
	if lang == English {
		if c.RuleEN != "" {
			parts = append(parts, c.RuleEN)
		} else if len(c.Enum) > 0 {
			parts = append(parts, strings.Join(c.Enum, "/"))
		}
		if c.Ref != "" {
			parts = append(parts, "must exist in "+c.Ref)
		}
		if c.Optional {
			parts = append(parts, "optional column")
		} else if !c.Nullable {
			parts = append(parts, "required")
		}
	} else {
		if c.RuleZH != "" {
			parts = append(parts, c.RuleZH)
		} else if len(c.Enum) > 0 {
			parts = append(parts, strings.Join(c.Enum, "/"))
		}
		if c.Ref != "" {
			parts = append(parts, "须在 "+c.Ref+" 中")
		}
		if c.Optional {
			parts = append(parts, "可选列")
		} else if !c.Nullable {
			parts = append(parts, "必填")
		}
	}
	return strings.Join(parts, "；")
}

// WriteTemplates writes, for every contract table, an empty template for
// data providers into dir: NAME.csv (UTF-8 with BOM, the Chinese header
// aliases) and NAME.xlsx (first sheet: the header; second sheet 说明: each
// column's name, alias, type and rule), plus 说明.csv listing every
// column's rule. A filled template is a valid input file. It returns the
// files written.
func WriteTemplates(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	var notes bytes.Buffer
	notes.Write(bom)
	nw := csv.NewWriter(&notes)
	nw.Write([]string{"表 table", "列 column", "中文表头 alias", "类型 type", "规则", "rule"})
	for _, t := range Contract {
		var b bytes.Buffer
		b.Write(bom)
		cw := csv.NewWriter(&b)
		hdr := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			hdr[i] = c.Alias
			nw.Write([]string{t.Name, c.Name, c.Alias, KindName(c.Kind, Chinese), ColumnRule(c, Chinese), ColumnRule(c, English)})
		}
		cw.Write(hdr)
		cw.Flush()
		p := filepath.Join(dir, t.Name+".csv")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
		p = filepath.Join(dir, t.Name+".xlsx")
		if err := writeTemplateXLSX(p, t, hdr); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	nw.Flush()
	p := filepath.Join(dir, "说明.csv")
	if err := os.WriteFile(p, notes.Bytes(), 0o644); err != nil {
		return written, err
	}
	return append(written, p), nil
}

func writeTemplateXLSX(path string, t *Table, hdr []string) error {
	f := excelize.NewFile()
	defer f.Close()
	data := t.Title
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	for i, h := range hdr {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(data, cell, h)
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(data, col, col, 16)
		// codes are text: keep leading zeros when typed in
		if c := t.Columns[i]; c.Kind == Code || c.Kind == Code6 || c.Kind == Code2 {
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
		rows = append(rows, []string{c.Name, c.Alias, KindName(c.Kind, Chinese), ColumnRule(c, Chinese), ColumnRule(c, English)})
	}
	if len(t.Key) > 0 {
		rows = append(rows, []string{"", "", "", "主键：" + strings.Join(t.Key, ", "), "key: " + strings.Join(t.Key, ", ")})
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellStr(notes, cell, v)
		}
	}
	f.SetColWidth(notes, "A", "C", 18)
	f.SetColWidth(notes, "D", "E", 60)
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("datasets: write %s: %w", path, err)
	}
	return nil
}

// WriteErrorReport writes every error and warning as a row, for the data
// provider to fix: an .xlsx (header frozen and filterable) or a .csv
// (UTF-8 with BOM), chosen by path's extension. Columns: severity, file,
// row, column, rule, message in lang.
func WriteErrorReport(path string, errs, warns []*RowError, lang Lang) error {
	hdr := []string{"级别", "文件", "行", "列", "规则", "说明"}
	sev := [2]string{"错误", "警告"}
	if lang == English {
		hdr = []string{"severity", "file", "row", "column", "rule", "message"}
		sev = [2]string{"error", "warning"}
	}
	var rows [][]string
	add := func(es []*RowError, s string) {
		for _, e := range es {
			row := ""
			if e.Row > 0 {
				row = fmt.Sprint(e.Row)
			}
			rows = append(rows, []string{s, e.File, row, e.Column, e.Rule, e.Message(lang)})
		}
	}
	add(errs, sev[0])
	add(warns, sev[1])
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		var b bytes.Buffer
		b.Write(bom)
		cw := csv.NewWriter(&b)
		cw.Write(hdr)
		for _, r := range rows {
			for i := range r {
				r[i] = SafeText(r[i])
			}
			cw.Write(r)
		}
		cw.Flush()
		return os.WriteFile(path, b.Bytes(), 0o644)
	case ".xlsx":
		f := excelize.NewFile()
		defer f.Close()
		sheet := "Sheet1"
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		toRow := func(r []string) []any {
			out := make([]any, len(r))
			for i, v := range r {
				out[i] = v
			}
			return out
		}
		sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		// The filter goes in before Flush: set afterwards, excelize only
		// records the hidden name and the sheet gets no filter buttons.
		last, _ := excelize.CoordinatesToCellName(len(hdr), len(rows)+1)
		if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
			return err
		}
		sw.SetColWidth(2, 2, 30)
		sw.SetColWidth(6, 6, 80)
		sw.SetRow("A1", toRow(hdr))
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			sw.SetRow(cell, toRow(r))
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		return f.SaveAs(path)
	}
	return fmt.Errorf("datasets: report %s: the file must end in .xlsx or .csv", path)
}

// SafeText returns s so that a spreadsheet shows it as text: a cell that
// starts with '=', '+', '-' or '@' gets a leading apostrophe (OWASP's
// advice against CSV injection).
func SafeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}
