package export

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vocmap/vocmap/datasets"
)

// ShortListMax is the most rows the XLSX's first sheet, the short list,
// holds: about what a meeting goes through.
const ShortListMax = 50

// xlsxNames are the XLSX's fixed sheet names and the short list's note,
// {Chinese, English}.
var xlsxNames = map[string][2]string{
	"short": {"重点清单", "Short list"},
	"all":   {"全部清单", "All rows"},
	"about": {"说明", "About"},
	// the line under a short list that was cut: how many rows it leaves out
	"more": {"另有%d行未列出（按严重程度排在后面），见各市工作表与“全部清单”。",
		"%d more rows, less severe, are not listed here: see the city sheets and “All rows”."},
	// the line of an empty sheet
	"none": {"无预警。", "No warnings."},
	// page header: the sheet's title and the period; footer: the run and the page
	"header": {"&L&B%s&R期次 %s", "&L&B%s&RPeriod %s"},
	"footer": {"&L运行 %s&R第&P页，共&N页", "&LRun %s&RPage &P of &N"},
}

// word returns the XLSX's fixed text called key in lang.
func word(key, lang string) string {
	if lang == string(datasets.English) {
		return xlsxNames[key][1]
	}
	return xlsxNames[key][0]
}

// warningColumnWidth is each column's width in characters (a CJK
// character counts two) and whether its text wraps: widths fixed so that
// the printed page is the same whatever the rows hold.
var warningColumnWidth = map[string]struct {
	width float64
	wrap  bool
}{
	"run_id": {12, false}, "period": {8, false}, "scope": {6, false}, "region_code": {8, false},
	"school_code": {13, false}, "program_code": {8, false}, "program_name": {14, true}, "level": {9, true},
	"signal": {6, false}, "recommendation": {11, true}, "supply_demand_ratio": {8, false},
	"placement_rate": {9, false}, "score": {7, false}, "reasons": {16, false}, "reasons_text": {56, true},
	"region_name": {9, true}, "school_name": {16, true}, "current_intake": {9, false}, "market": {9, true},
	"probability_oversupplied": {9, false}, "periods_flagged": {8, false},
}

// lineHeight is the height in points of one line of text at the default
// font (Calibri 11): a row is as many lines tall as its longest wrapped
// cell, so that LibreOffice and Excel, which do not fit the height of a
// streamed row to its text, show and print it whole.
const lineHeight = 15

// lines returns how many lines text takes in a wrapped column of the
// given width in characters (a CJK character counts two).
func lines(text string, width float64) int {
	per := max(int(width)-1, 1)
	n := 0
	for _, part := range strings.Split(text, "\n") {
		n += max(1, (displayWidth(part)+per-1)/per)
	}
	return n
}

// warningNumberFormat is the number format of each number column.
var warningNumberFormat = map[string]string{
	"supply_demand_ratio": "0.00", "placement_rate": "0.0%", "score": "0.00",
	"current_intake": "#,##0", "probability_oversupplied": "0.00", "periods_flagged": "0",
}

// xlsxStyles are the style ids of the XLSX's cells.
type xlsxStyles struct {
	header, text, wrap, note int
	number                   map[string]int // by column
	signal                   map[string]int // red, yellow, green
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{number: map[string]int{}, signal: map[string]int{}}
	top := &excelize.Alignment{Vertical: "top"}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}, Border: border}); err != nil {
		return nil, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{Alignment: top}); err != nil {
		return nil, err
	}
	if s.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}); err != nil {
		return nil, err
	}
	if s.note, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true}}); err != nil {
		return nil, err
	}
	for col, code := range warningNumberFormat {
		if s.number[col], err = f.NewStyle(&excelize.Style{Alignment: top, CustomNumFmt: &code}); err != nil {
			return nil, err
		}
	}
	for sig, c := range map[string][2]string{"red": {"FFC7CE", "9C0006"}, "yellow": {"FFEB9C", "9C5700"}, "green": {"C6EFCE", "006100"}} {
		if s.signal[sig], err = f.NewStyle(&excelize.Style{Alignment: top, Font: &excelize.Font{Bold: true, Color: c[1]},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// xlsxSheet is one list sheet of the workbook: a title for its printed
// header, the rows (indices into the list) and a note under them.
type xlsxSheet struct {
	name, title string
	rows        []int
	note        string
}

// writeWarningsXLSX writes the XLSX warning list for people (DATA_CONTRACT.md,
// "XLSX is for people"); rows are checked. Its sheets, in lang:
//
//  1. 重点清单 (Short list): the rows a meeting discusses — every row of
//     the list's top scope (the province's; a city's, in a list exported
//     for one city) and every red row — most severe first (see
//     sortBySeverity), at most ShortListMax, with a line under them
//     saying how many more there are;
//  2. one sheet per city, named by the city's name (sheetName): the
//     city's rows and its schools', most severe first;
//  3. 全部清单 (All rows): every row, in the order given;
//  4. 说明 (About), when about has lines: one line a row, wrapped.
//
// Each list sheet has the contract's columns in order under
// WarningTitles(lang) in row 1, bold, frozen and filtered; the enumerated
// values in words (省/市/学校, 中职/高职专科/职业本科, 红/黄/绿 on a red,
// yellow or green fill, 撤销或停招/缩减/待研判/扩大, 本市/全省/毕业生实际去向);
// numbers as number cells formatted: ratio and score 0.00, placement rate
// 0.0%, intake #,##0, probability 0.00, periods 0; NULL as an empty cell;
// long text wrapped. It prints on A4 landscape, fitted to the page's width,
// with row 1 repeated on every page, from column C (run and period are the
// same on every row: the page header and footer carry them, with the
// sheet's title and the page number).
func writeWarningsXLSX(w io.Writer, lang string, rows []Warning, about []string) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	sheets := warningSheets(lang, rows)
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), sh.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			return err
		}
		if err := writeWarningSheet(f, st, lang, sh, rows); err != nil {
			return fmt.Errorf("sheet %s: %w", sh.name, err)
		}
	}
	if len(about) > 0 {
		if err := writeAboutSheet(f, st, word("about", lang), about); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// warningSheets lays the rows out in sheets: the short list, one sheet
// per city (by region code), all rows.
func warningSheets(lang string, rows []Warning) []xlsxSheet {
	short, more := shortList(rows)
	first := xlsxSheet{name: word("short", lang), title: word("short", lang), rows: short}
	if more > 0 {
		first.note = fmt.Sprintf(word("more", lang), more)
	}
	used := map[string]bool{strings.ToLower(first.name): true, strings.ToLower(word("all", lang)): true,
		strings.ToLower(word("about", lang)): true}
	out := []xlsxSheet{first}
	byCity := map[string][]int{}
	var cities []string
	for i, r := range rows {
		if r.Scope == "province" {
			continue
		}
		if _, ok := byCity[r.RegionCode]; !ok {
			cities = append(cities, r.RegionCode)
		}
		byCity[r.RegionCode] = append(byCity[r.RegionCode], i)
	}
	sort.Strings(cities)
	for _, c := range cities {
		idx := byCity[c]
		name := rows[idx[0]].RegionName
		sortBySeverity(rows, idx)
		title := name
		if title == "" {
			title = c
		}
		out = append(out, xlsxSheet{name: sheetName(name, c, used), title: title, rows: idx})
	}
	all := make([]int, len(rows))
	for i := range all {
		all[i] = i
	}
	return append(out, xlsxSheet{name: word("all", lang), title: word("all", lang), rows: all})
}

// shortList returns the rows of the short list — the rows of the list's
// top scope (the province's; a city's list, exported with --region, has
// none, and its own rows are its top) and every red row, most severe
// first — at most ShortListMax of them, and how many more there are.
func shortList(rows []Warning) (idx []int, more int) {
	top := "school"
	for _, r := range rows {
		if r.Scope == "province" || r.Scope == "city" && top == "school" {
			top = r.Scope
		}
	}
	for i, r := range rows {
		if r.Scope == top || r.Signal == "red" {
			idx = append(idx, i)
		}
	}
	sortBySeverity(rows, idx)
	if len(idx) > ShortListMax {
		return idx[:ShortListMax], len(idx) - ShortListMax
	}
	return idx, 0
}

// sortBySeverity orders idx, indices of rows, most severe first: by
// signal (red, yellow, green); then recommendation (close, reduce,
// review, expand); then scope (province, city, school); then the longest
// streak (periods_flagged); then the highest probability of oversupply and
// the highest supply–demand ratio (NULL last); then as given.
func sortBySeverity(rows []Warning, idx []int) {
	rank := func(v string, order ...string) int {
		for i, o := range order {
			if v == o {
				return i
			}
		}
		return len(order)
	}
	desc := func(a, b float64) int { // larger first, NaN last
		switch {
		case math.IsNaN(a) && math.IsNaN(b):
			return 0
		case math.IsNaN(a):
			return 1
		case math.IsNaN(b):
			return -1
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := &rows[idx[i]], &rows[idx[j]]
		for _, c := range []int{
			rank(a.Signal, "red", "yellow", "green") - rank(b.Signal, "red", "yellow", "green"),
			rank(a.Recommendation, "close", "reduce", "review", "expand") - rank(b.Recommendation, "close", "reduce", "review", "expand"),
			rank(a.Scope, "province", "city", "school") - rank(b.Scope, "province", "city", "school"),
			b.PeriodsFlagged - a.PeriodsFlagged,
			desc(a.ProbabilityOversupplied, b.ProbabilityOversupplied),
			desc(a.SupplyDemandRatio, b.SupplyDemandRatio),
		} {
			if c != 0 {
				return c < 0
			}
		}
		return false
	})
}

// sheetName returns a sheet name for the city called name (code as a
// fallback) that Excel accepts and no other sheet has: the name with the
// characters Excel refuses ([ ] : * ? / \) taken out and no apostrophe at
// either end. A name is never cut: one longer than Excel's 31 characters,
// an empty one, or one another sheet has (in any letter case) gets the
// region code instead, with a number after it if even that is taken.
func sheetName(name, code string, used map[string]bool) string {
	name = strings.Trim(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return -1
		}
		return r
	}, name), "' ")
	if name == "" || utf8.RuneCountInString(name) > 31 || used[strings.ToLower(name)] {
		name = code
		for k := 2; used[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s (%d)", code, k)
		}
	}
	used[strings.ToLower(name)] = true
	return name
}

// writeWarningSheet writes one list sheet: print settings first (the
// stream writer writes the worksheet's settings when it flushes), then the
// titles and the rows.
func writeWarningSheet(f *excelize.File, st *xlsxStyles, lang string, sh xlsxSheet, rows []Warning) error {
	titles := WarningTitles(lang)
	ncol := len(titles)
	nrow := len(sh.rows) + 1
	lastCol, _ := excelize.ColumnNumberToName(ncol)
	yes, landscape, a4, one, tall := true, "landscape", 9, 1, 0
	if err := f.SetSheetProps(sh.name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh.name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	lr, tb, hf := 0.4, 0.6, 0.25
	if err := f.SetPageMargins(sh.name, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	period, run := "", ""
	if len(rows) > 0 {
		period, run = rows[0].Period, rows[0].RunID
	}
	amp := func(s string) string { return strings.ReplaceAll(s, "&", "&&") } // & starts a header code
	if err := f.SetHeaderFooter(sh.name, &excelize.HeaderFooterOptions{
		OddHeader: fmt.Sprintf(word("header", lang), amp(sh.title), amp(period)),
		OddFooter: fmt.Sprintf(word("footer", lang), amp(run))}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(sh.name, "'", "''") + "'"
	for _, dn := range []excelize.DefinedName{
		{Name: "_xlnm.Print_Titles", RefersTo: quoted + "!$1:$1", Scope: sh.name},
		{Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("%s!$C$1:$%s$%d", quoted, lastCol, nrow+2), Scope: sh.name},
	} {
		if err := f.SetDefinedName(&dn); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	// The autofilter must be set while streaming: Flush writes the
	// worksheet's <autoFilter>, and after Flush excelize would only add
	// the workbook's _FilterDatabase name, which shows no filter.
	if err := f.AutoFilter(sh.name, fmt.Sprintf("A1:%s%d", lastCol, nrow), nil); err != nil {
		return err
	}
	// A column is wide enough for its title's longest word (English
	// titles would break "Recommendation" mid-word).
	widths := make([]float64, ncol)
	for i, c := range warningColumns {
		widths[i] = warningColumnWidth[c].width
		for _, w := range strings.Fields(titles[i]) {
			if displayWidth(w) == utf8.RuneCountInString(w) { // no CJK: Chinese breaks anywhere
				widths[i] = max(widths[i], float64(displayWidth(w)+2))
			}
		}
		if err := sw.SetColWidth(i+1, i+1, widths[i]); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hdr := make([]any, ncol)
	for i, t := range titles {
		hdr[i] = excelize.Cell{StyleID: st.header, Value: SafeText(t)}
	}
	hl := 1
	for i, t := range titles {
		hl = max(hl, lines(t, widths[i]))
	}
	if err := sw.SetRow("A1", hdr, excelize.RowOpts{Height: float64(hl * lineHeight)}); err != nil {
		return err
	}
	for n, i := range sh.rows {
		cells := rows[i].cells(true)
		out := make([]any, ncol)
		nl := 1
		for j, v := range cells {
			col := warningColumns[j]
			style := st.text
			if warningColumnWidth[col].wrap {
				style = st.wrap
			}
			switch x := v.(type) {
			case string:
				v = warningWord(col, x, lang)
				if warningColumnWidth[col].wrap {
					nl = max(nl, lines(v.(string), widths[j]))
				}
				if col == "signal" {
					if s, ok := st.signal[x]; ok {
						style = s
					}
				}
			case float64, int:
				style = st.number[col]
			}
			out[j] = excelize.Cell{StyleID: style, Value: v}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", n+2), out, excelize.RowOpts{Height: float64(min(nl*lineHeight, excelize.MaxRowHeight))}); err != nil {
			return err
		}
	}
	note := sh.note
	if len(sh.rows) == 0 {
		note = word("none", lang)
	}
	if note != "" {
		if err := sw.SetRow(fmt.Sprintf("C%d", nrow+2), []any{excelize.Cell{StyleID: st.note, Value: SafeText(note)}}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// writeAboutSheet writes the 说明 (About) sheet: one line a row in a
// wide, wrapped column, printed like the lists.
func writeAboutSheet(f *excelize.File, st *xlsxStyles, name string, about []string) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, line := range about {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(name, cell, SafeText(line)); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell, cell, st.wrap); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(name, "A", "A", 100); err != nil {
		return err
	}
	yes, landscape, a4, one, tall := true, "landscape", 9, 1, 0
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall})
}
