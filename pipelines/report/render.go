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
	"unicode/utf8"

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
	"numeric": numeric,
	// short text (a scope, a level, a city) does not wrap mid-word
	"short": func(s string) bool { return utf8.RuneCountInString(s) <= 5 },
	"shown": func(t Table) [][]any { return t.Rows[:t.shown()] },
	"more": func(t Table, format string) string {
		if t.shown() < len(t.Rows) {
			return fmt.Sprintf(format, t.shown(), len(t.Rows))
		}
		return ""
	},
}).Parse(htmlTemplate))

func numeric(format string) bool {
	return format == "pct" || format == "int" || format == "num" || format == "ratio"
}

// maxHTMLRows bounds the rows a table shows in HTML and Markdown by
// default; the workbook has them all.
const maxHTMLRows = 40

// shown is the number of rows HTML and Markdown show.
func (t Table) shown() int {
	switch {
	case t.Limit < 0:
		return len(t.Rows)
	case t.Limit == 0:
		return min(len(t.Rows), maxHTMLRows)
	}
	return min(len(t.Rows), t.Limit)
}

// partView is one part of a report as rendered: its numbered heading and
// its numbered sections.
type partView struct {
	ID, Heading string
	Sections    []sectionView
}

type sectionView struct {
	ID, Heading string
	Section
}

// outline groups the sections by part, in the order of a provincial
// document, and numbers them: 一、二、三 and （一）（二） in Chinese,
// 1. and 1.1 in English. The summary and the colophon are not numbered.
func (r *Report) outline() []partView {
	t := texts(r.Lang)
	var parts []partView
	n := 0
	for _, part := range []string{"", PartSummary, PartBasic, PartProblems, PartMeasures, PartColophon} {
		var secs []Section
		for _, s := range r.Sections {
			if s.Part == part {
				secs = append(secs, s)
			}
		}
		if len(secs) == 0 {
			continue
		}
		if part == "" { // a page without parts (the targets page): its sections in order, not numbered
			pv := partView{ID: "p-sections"}
			for i, s := range secs {
				pv.Sections = append(pv.Sections, sectionView{ID: fmt.Sprintf("s%d", i+1), Heading: s.Heading, Section: s})
			}
			parts = append(parts, pv)
			continue
		}
		numbered := part != PartSummary && part != PartColophon
		pv := partView{ID: "p-" + part, Heading: t["part_"+part]}
		if numbered {
			n++
			pv.Heading = numeral(n, r.Lang, false) + pv.Heading
		}
		for i, s := range secs {
			h := s.Heading
			if numbered && len(secs) > 1 {
				if r.Lang == "en" {
					h = fmt.Sprintf("%d.%d %s", n, i+1, h)
				} else {
					h = numeral(i+1, r.Lang, true) + h
				}
			}
			pv.Sections = append(pv.Sections, sectionView{ID: fmt.Sprintf("%s-%d", pv.ID, i+1), Heading: h, Section: s})
		}
		if len(secs) == 1 && secs[0].Heading == "" {
			pv.Sections[0].Heading = ""
		}
		parts = append(parts, pv)
	}
	return parts
}

// numeral numbers a part (一、) or a section (（一）) in Chinese, or a
// part in English (1. ).
func numeral(n int, lang string, sub bool) string {
	if lang == "en" {
		return strconv.Itoa(n) + ". "
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	s := strconv.Itoa(n)
	switch {
	case n <= 10:
		s = digits[n]
	case n < 20:
		s = "十" + digits[n-10]
	case n < 100:
		s = digits[n/10] + "十" + digits[n%10]
	}
	if sub {
		return "（" + s + "）"
	}
	return s + "、"
}

// view is what the template sees.
type view struct {
	*Report
	Parts                []partView
	More, DecisionsTitle string
}

func (r *Report) writeHTML(path string) error {
	var b bytes.Buffer
	t := texts(r.Lang)
	v := view{Report: r, Parts: r.outline(), More: t["more_rows"], DecisionsTitle: t["decisions"]}
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
	t := texts(r.Lang)
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", mdText(r.Title), mdText(r.Subtitle))
	for _, p := range r.outline() {
		level := "##"
		if p.Heading != "" {
			fmt.Fprintf(&b, "## %s\n\n", mdText(p.Heading))
			level = "###"
		}
		for _, s := range p.Sections {
			if s.Heading != "" {
				fmt.Fprintf(&b, "%s %s\n\n", level, mdText(s.Heading))
			}
			if s.Missing != "" {
				fmt.Fprintf(&b, "> %s\n\n", mdText(s.Missing))
			}
			for _, p := range s.Paragraphs {
				fmt.Fprintf(&b, "%s\n\n", mdText(p))
			}
			for i, it := range s.Items {
				fmt.Fprintf(&b, "%d. %s\n", i+1, mdText(it))
			}
			if len(s.Items) > 0 {
				b.WriteString("\n")
			}
			if len(s.Decisions) > 0 {
				fmt.Fprintf(&b, "**%s**\n\n", mdText(t["decisions"]))
				for i, it := range s.Decisions {
					fmt.Fprintf(&b, "%d. %s\n", i+1, mdText(it))
				}
				b.WriteString("\n")
			}
			if len(s.Charts) > 0 {
				fmt.Fprintf(&b, "*%s*\n\n", t["md_charts"])
			}
			for _, tb := range s.Tables {
				if tb.WorkbookOnly {
					continue
				}
				fmt.Fprintf(&b, "**%s**\n\n|", mdText(tb.Title))
				for _, c := range tb.Columns {
					fmt.Fprintf(&b, " %s |", mdCell(c))
				}
				b.WriteString("\n|")
				for i := range tb.Columns {
					if i < len(tb.Formats) && numeric(tb.Formats[i]) {
						b.WriteString("---:|")
					} else {
						b.WriteString("---|")
					}
				}
				b.WriteString("\n")
				for _, row := range tb.Rows[:tb.shown()] {
					b.WriteString("|")
					for i, v := range row {
						f := ""
						if i < len(tb.Formats) {
							f = tb.Formats[i]
						}
						fmt.Fprintf(&b, " %s |", mdCell(formatAny(v, f)))
					}
					b.WriteString("\n")
				}
				if n := len(tb.Rows) - tb.shown(); n > 0 {
					fmt.Fprintf(&b, "\n%s\n", fmt.Sprintf(t["more_rows_md"], n))
				}
				b.WriteString("\n")
			}
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
						case "ratio":
							style, x = numStyle, cutRatio(x)
						}
						cells[i] = excelize.Cell{Value: x, StyleID: style}
					case fmtNum:
						style := map[string]int{"pct": pct, "int": intStyle, "num": numStyle, "ratio": numStyle}[x.format]
						if math.IsNaN(x.v) {
							cells[i] = "—"
						} else {
							cells[i] = excelize.Cell{Value: x.v, StyleID: style}
						}
					case int64:
						if format == "int" {
							cells[i] = excelize.Cell{Value: x, StyleID: intStyle}
						} else {
							cells[i] = x
						}
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

// cutRatio cuts a supply–demand ratio to two decimals toward zero: the
// band thresholds (match.* in config: 0.60, 0.90, 1.20, 1.50) have two
// decimals, so the figure shown lies in the band it is labelled with
// (0.5973, in the band below 0.60, shows as 0.59, not 0.60).
func cutRatio(x float64) float64 {
	// the small nudge keeps 0.6 (stored as 0.59999…) at 0.60
	return math.Floor(x*100+1e-9) / 100
}

// groupFixed writes x with prec decimals and its integer part in groups
// of three digits (12,377.76).
func groupFixed(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if frac != "" {
		frac = "." + frac
	}
	return export.GroupDigits(whole) + frac
}

// fmtNum is a number that carries its own format, for a column whose
// rows differ in kind (a rate in one row, a count in the next): shown as
// its format says, stored as a number with that format in the workbook.
type fmtNum struct {
	v      float64
	format string
}

// formatAny shows a cell for HTML and Markdown.
func formatAny(v any, format string) string {
	switch x := v.(type) {
	case fmtNum:
		if math.IsNaN(x.v) {
			return "—"
		}
		return formatCell(x.v, x.format)
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
		return groupFixed(x, 2)
	case "ratio":
		return strconv.FormatFloat(cutRatio(x), 'f', 2, 64)
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}
