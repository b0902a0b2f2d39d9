//go:build duckdb_arrow

package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/pipelines/export"
)

//go:embed report.html.tmpl
var htmlTemplate string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"svg":  func(s string) template.HTML { return template.HTML(s) }, // made by package chart, which escapes every text
	"cell": func(v any, format string) string { return formatAny(v, format) },
	"fmtOf": func(t Table, i int) string {
		if i < len(t.Formats) {
			return t.Formats[i]
		}
		return ""
	},
	"numeric": func(format string) bool { return format == "pct" || format == "int" || format == "num" },
}).Parse(htmlTemplate))

// maxHTMLRows bounds the rows a table shows in HTML and Markdown; the
// workbook has them all.
const maxHTMLRows = 40

// view is what the template sees.
type view struct {
	*Report
	Note, More string
	Limit      int
}

func (r *Report) writeHTML(path string) error {
	var b bytes.Buffer
	v := view{Report: r, Note: texts(r.Lang)["html_note"], More: texts(r.Lang)["more_rows"], Limit: maxHTMLRows}
	if err := page.Execute(&b, v); err != nil {
		return err
	}
	return export.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b.Bytes())
		return err
	})
}

// writeMarkdown writes the report as Markdown. Every text, which may
// carry names from the data, goes through mdText: HTML and Markdown's
// inline syntax are escaped, so a name shows as written and runs nothing;
// table cells also escape |, which would split the row.
func (r *Report) writeMarkdown(path string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", mdText(r.Title), mdText(r.Subtitle))
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "## %s\n\n", mdText(s.Heading))
		if s.Missing != "" {
			fmt.Fprintf(&b, "> %s\n\n", mdText(s.Missing))
		}
		for _, p := range s.Paragraphs {
			fmt.Fprintf(&b, "%s\n\n", mdText(p))
		}
		if len(s.Charts) > 0 {
			fmt.Fprintf(&b, "*%s*\n\n", texts(r.Lang)["md_charts"])
		}
		for _, t := range s.Tables {
			fmt.Fprintf(&b, "**%s**\n\n|", mdText(t.Title))
			for _, c := range t.Columns {
				fmt.Fprintf(&b, " %s |", mdCell(c))
			}
			b.WriteString("\n|")
			for i := range t.Columns {
				if i < len(t.Formats) && t.Formats[i] != "" {
					b.WriteString("---:|")
				} else {
					b.WriteString("---|")
				}
			}
			b.WriteString("\n")
			for n, row := range t.Rows {
				if n == maxHTMLRows {
					fmt.Fprintf(&b, "\n%s\n", fmt.Sprintf(texts(r.Lang)["more_rows_md"], len(t.Rows)-maxHTMLRows))
					break
				}
				b.WriteString("|")
				for i, v := range row {
					f := ""
					if i < len(t.Formats) {
						f = t.Formats[i]
					}
					fmt.Fprintf(&b, " %s |", mdCell(formatAny(v, f)))
				}
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
	}
	return export.WriteAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// mdEscaper escapes text for Markdown: &, < and > as HTML entities (no
// tag or entity from the data reaches the page), a backslash, a backtick
// and square brackets with a backslash (no code span or link), and a line
// break as a space (no heading, list or quote can start).
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "[", `\[`, "]", `\]`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// mdText escapes a paragraph, heading or title for Markdown.
func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCell escapes a table cell for Markdown: mdText, and | as \|.
func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

// writeXLSX writes every table of the report as a sheet: titles in row 1
// (bold, frozen, filterable), numbers as numbers, text guarded against
// formulas.
func (r *Report) writeXLSX(path string) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10})     // 0.00%
	intStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	numStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	used := map[string]int{}
	first := true
	for _, s := range r.Sections {
		for _, t := range s.Tables {
			name := sheetName(t.Sheet)
			if used[name] > 0 {
				name = sheetName(fmt.Sprintf("%s %d", string([]rune(name)[:min(len([]rune(name)), 28)]), used[name]+1))
			}
			used[sheetName(t.Sheet)]++
			if first {
				f.SetSheetName("Sheet1", name)
				first = false
			} else if _, err := f.NewSheet(name); err != nil {
				return err
			}
			sw, err := f.NewStreamWriter(name)
			if err != nil {
				return err
			}
			sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
			last, _ := excelize.CoordinatesToCellName(max(len(t.Columns), 1), len(t.Rows)+1)
			if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
				return err
			}
			for i := range t.Columns {
				sw.SetColWidth(i+1, i+1, 16)
			}
			head := make([]any, len(t.Columns))
			for i, c := range t.Columns {
				head[i] = excelize.Cell{Value: export.SafeText(c), StyleID: bold}
			}
			if err := sw.SetRow("A1", head); err != nil {
				return err
			}
			for n, row := range t.Rows {
				cells := make([]any, len(row))
				for i, v := range row {
					format := ""
					if i < len(t.Formats) {
						format = t.Formats[i]
					}
					switch x := v.(type) {
					case float64:
						if math.IsNaN(x) || math.IsInf(x, 0) {
							cells[i] = nil
							continue
						}
						style := 0
						switch format {
						case "pct":
							style = pct
						case "int":
							style = intStyle
						case "num":
							style = numStyle
						}
						cells[i] = excelize.Cell{Value: x, StyleID: style}
					case int64:
						cells[i] = x
					case string:
						cells[i] = export.SafeText(x)
					default:
						cells[i] = export.SafeText(fmt.Sprint(x))
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
		}
	}
	if first { // a report without tables still opens
		f.SetCellValue("Sheet1", "A1", export.SafeText(r.Title))
	}
	return export.WriteAtomic(path, func(w io.Writer) error { return f.Write(w) })
}

// formatAny shows a cell for HTML and Markdown.
func formatAny(v any, format string) string {
	switch x := v.(type) {
	case float64:
		return formatCell(x, format)
	case int64:
		if format == "int" {
			return export.GroupDigits(strconv.FormatInt(x, 10))
		}
		if format == "" {
			return strconv.FormatInt(x, 10)
		}
		return formatCell(float64(x), format)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// formatCell shows a number: "pct" as a percentage with one decimal,
// "int" rounded with thousands separators, "num" with two decimals.
func formatCell(x float64, format string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	switch format {
	case "pct":
		return strconv.FormatFloat(100*x, 'f', 1, 64) + "%"
	case "int":
		return export.GroupDigits(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
	case "num":
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}
