package export

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// wantWords are the enumerated cells of testWarnings in the XLSX, by row
// and column index, in each language; the other text cells are wantCSV's.
var wantWords = map[string][]map[int]string{
	"zh": {
		{2: "省", 7: "中职", 8: "红", 9: "撤销或停招", 18: "全省"},
		{2: "学校", 7: "高职专科", 8: "黄", 9: "缩减", 18: "本市"},
		{2: "市", 7: "职业本科", 8: "绿", 9: "扩大"},
	},
	"en": {
		{2: "province", 7: "secondary", 8: "red", 9: "close or stop intake", 18: "the province"},
		{2: "school", 7: "higher vocational", 8: "yellow", 9: "reduce", 18: "its city"},
		{2: "city", 7: "vocational bachelor", 8: "green", 9: "expand"},
	},
}

// wantFormats are the number formats of the number columns.
var wantFormats = map[string]string{"K": "0.00", "L": "0.0%", "M": "0.00", "R": "#,##0", "T": "0.00", "U": "0"}

func TestWarningsXLSX(t *testing.T) {
	about := []string{"数据截至 2025 年。", "=不是公式"}
	for _, tc := range []struct {
		lang   string
		sheets []string
	}{
		{"zh", []string{"重点清单", "太原市", "全部清单", "说明"}},
		{"", []string{"重点清单", "太原市", "全部清单", "说明"}},
		{"en", []string{"Short list", "太原市", "All rows", "About"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "warnings.xlsx")
			if err := WriteWarningsAbout(path, WarningXLSX, tc.lang, testWarnings, about); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, tc.sheets) {
				t.Fatalf("sheets %q, want %q", got, tc.sheets)
			}
			lang := tc.lang
			if lang == "" {
				lang = "zh"
			}
			// The short list: the province row (red); the city sheet: the
			// yellow school row, then the green city row; all: as given.
			for k, want := range [][]int{{0}, {1, 2}, {0, 1, 2}} {
				sheet := tc.sheets[k]
				rows, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != len(want)+1 {
					t.Fatalf("%s: %d rows, want %d", sheet, len(rows), len(want)+1)
				}
				if titles := WarningTitles(lang); !slices.Equal(rows[0], titles) {
					t.Errorf("%s: row 1 = %q, want %q", sheet, rows[0], titles)
				}
				for n, i := range want {
					checkXLSXRow(t, f, sheet, n+2, i, lang)
				}
				checkPrintable(t, f, sheet, len(want)+1)
				checkAutoFilter(t, f, path, k+1, sheet, fmt.Sprintf("A1:U%d", len(want)+1))
			}
			// Rows as tall as their longest wrapped cell (15 points a
			// line; a column of width w holds w−1 characters a line, a CJK
			// character counting two). Row 1 of the list in Chinese: every
			// wrapped cell fits one line (reasons_text "去向落实率连续两年低于
			// 60%；供大于求" is 35 wide in 55): 15. In English "secondary"
			// (9 in 8), "close or stop intake" (20 in 10) and "the
			// province" (12 in 8) take two lines: 30. The reason codes do
			// not wrap. The titles: "供过于求概率" (12 in 8) two lines;
			// "Probability oversupplied" in a column widened to its longest
			// word, "oversupplied" (12 + 2 = 14: 13 a line), two lines.
			wantRow := map[string]float64{"zh": 15, "en": 30}[lang]
			if h, err := f.GetRowHeight(tc.sheets[2], 2); err != nil || h != wantRow {
				t.Errorf("all rows: row 2 height %v, %v; want %v", h, err, wantRow)
			}
			wantHeader := map[string]float64{"zh": 30, "en": 30}[lang]
			if w, err := f.GetColWidth(tc.sheets[2], "J"); err != nil || w != map[string]float64{"zh": 11, "en": 16}[lang] {
				t.Errorf("all rows: column J width %v, %v; want 11 (zh) or 16 (en: \"Recommendation\" whole)", w, err)
			}
			if h, err := f.GetRowHeight(tc.sheets[2], 1); err != nil || h != wantHeader {
				t.Errorf("all rows: row 1 height %v, %v; want %v", h, err, wantHeader)
			}
			// 说明: the lines, guarded
			if got, _ := f.GetCellValue(tc.sheets[3], "A2"); got != "'=不是公式" {
				t.Errorf("about A2 = %q, want the guarded text", got)
			}
		})
	}
}

// checkXLSXRow checks row r of sheet against testWarnings[i]: text as
// wantCSV gives it (guarded) but the enumerated columns in words; numbers
// as number cells with their formats; NULL as an empty cell.
func checkXLSXRow(t *testing.T, f *excelize.File, sheet string, r, i int, lang string) {
	t.Helper()
	for j, want := range wantCSV[i] {
		cell, _ := excelize.CoordinatesToCellName(j+1, r)
		col, _, _ := excelize.SplitCellName(cell)
		typ, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := wantWords[lang][i][j]; ok {
			want = w
		}
		num, isNum := wantRaw[i][j].(float64)
		switch {
		case want == "":
			if got != "" {
				t.Errorf("%s!%s = %q, want an empty cell", sheet, cell, got)
			}
		case isNum:
			// excelize keeps 15 significant digits, as Excel does
			x, err := strconv.ParseFloat(got, 64)
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || err != nil ||
				math.Abs(x-num) > 1e-14*math.Abs(num) {
				t.Errorf("%s!%s = %q (type %v), want the number %v", sheet, cell, got, typ, num)
			}
			id, err := f.GetCellStyle(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != wantFormats[col] {
				t.Errorf("%s!%s number format %v, %v; want %q", sheet, cell, st.CustomNumFmt, err, wantFormats[col])
			}
		default:
			if got != want || typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
				t.Errorf("%s!%s = %q (type %v), want the text %q", sheet, cell, got, typ, want)
			}
		}
	}
}

// checkPrintable checks the print settings of a list sheet of n rows:
// A4 landscape fitted to one page wide, row 1 repeated on every page,
// printed from column C, row 1 bold, frozen.
func checkPrintable(t *testing.T, f *excelize.File, sheet string, n int) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("%s: page layout %+v, %v; want A4 (9) landscape, 1 page wide, any number tall", sheet, pl, err)
	}
	sp, err := f.GetSheetProps(sheet)
	if err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("%s: sheet props %+v, %v; want fit to page", sheet, sp, err)
	}
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == sheet {
			names[dn.Name] = dn.RefersTo
		}
	}
	if got, want := names["_xlnm.Print_Titles"], "'"+sheet+"'!$1:$1"; got != want {
		t.Errorf("%s: print titles %q, want %q", sheet, got, want)
	}
	if got, want := names["_xlnm.Print_Area"], fmt.Sprintf("'%s'!$C$1:$U$%d", sheet, n+2); got != want {
		t.Errorf("%s: print area %q, want %q", sheet, got, want)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.XSplit != 0 || panes.TopLeftCell != "A2" {
		t.Errorf("%s: panes %+v, %v; want row 1 frozen", sheet, panes, err)
	}
	if id, err := f.GetCellStyle(sheet, "O1"); err != nil {
		t.Error(err)
	} else if s, err := f.GetStyle(id); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("%s: O1 is not bold: %+v, %v", sheet, s, err)
	}
	for i := range wantColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if w, err := f.GetColWidth(sheet, col); err != nil || w < 6 || w > 60 {
			t.Errorf("%s: column %s width %v, %v; want 6 to 60", sheet, col, w, err)
		}
	}
}

func TestWarningsXLSXEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "warnings.xlsx")
	if err := WriteWarnings(path, WarningXLSX, "en", nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// no rows: no city sheet, no About without lines; each list says so
	if got, want := f.GetSheetList(), []string{"Short list", "All rows"}; !slices.Equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	for _, sheet := range []string{"Short list", "All rows"} {
		if got, _ := f.GetCellValue(sheet, "C3"); got != "No warnings." {
			t.Errorf("%s C3 = %q, want No warnings.", sheet, got)
		}
		checkPrintable(t, f, sheet, 1)
	}
}

// severityRows are rows whose order by severity is worked out by hand in
// TestShortList.
func severityRows() []Warning {
	w := func(scope, signal, rec string, periods int, prob, ratio float64) Warning {
		return Warning{Scope: scope, RegionCode: "140100", RegionName: "太原市", Signal: signal, Recommendation: rec,
			PeriodsFlagged: periods, ProbabilityOversupplied: prob, SupplyDemandRatio: ratio,
			SchoolCode: map[bool]string{true: "S"}[scope == "school"], PlacementRate: nan, Score: nan, CurrentIntake: nan}
	}
	return []Warning{
		w("province", "yellow", "reduce", 1, nan, nan), // 0
		w("school", "red", "close", 1, 0.9, 1),         // 1
		w("city", "red", "close", 3, nan, nan),         // 2
		w("province", "green", "expand", 0, nan, 0.5),  // 3
		w("school", "red", "close", 1, nan, 2),         // 4
		w("school", "red", "close", 1, 0.5, 3),         // 5
		w("province", "yellow", "review", 2, nan, nan), // 6
		w("school", "yellow", "reduce", 5, nan, nan),   // 7: neither province nor red
	}
}

func TestShortList(t *testing.T) {
	rows := severityRows()
	// red before yellow before green; all red rows close; then the city
	// row (2) before the schools; the schools all flagged once, so by
	// probability 0.9 (1), 0.5 (5), NULL (4); then yellow province rows:
	// reduce (0) before review (6); then green (3); 7 is not listed.
	idx, more := shortList(rows)
	if want := []int{2, 1, 5, 4, 0, 6, 3}; !slices.Equal(idx, want) || more != 0 {
		t.Errorf("shortList = %v, %d more; want %v, 0", idx, more, want)
	}
	// A city's list (exported with --region) has no province rows: its
	// top scope is the city's. Of severityRows without the province rows
	// (0, 3, 6): the red rows 2, 1, 5, 4; the school's yellow row 7 is
	// neither red nor at the top scope.
	var city []Warning
	for i, r := range rows {
		if r.Scope != "province" {
			city = append(city, rows[i])
		}
	}
	// city holds rows 1, 2, 4, 5, 7 at indices 0..4
	if idx, _ := shortList(city); !slices.Equal(idx, []int{1, 0, 3, 2}) {
		t.Errorf("a city's short list = %v, want [1 0 3 2] (rows 2, 1, 5, 4)", idx)
	}
	// 60 red school rows, ratios 1..60: the 50 with the highest ratios,
	// highest first; 10 more
	var many []Warning
	for k := 1; k <= 60; k++ {
		many = append(many, Warning{Scope: "school", Signal: "red", Recommendation: "close", PeriodsFlagged: 1,
			ProbabilityOversupplied: nan, SupplyDemandRatio: float64(k)})
	}
	idx, more = shortList(many)
	if len(idx) != ShortListMax || more != 10 || idx[0] != 59 || idx[49] != 10 {
		t.Errorf("60 red rows: %d listed (first %d, last %d), %d more; want 50 (59 … 10), 10 more", len(idx), idx[0], idx[len(idx)-1], more)
	}
	// the workbook says so under the list
	for i := range many {
		many[i].RunID, many[i].Period, many[i].RegionCode, many[i].RegionName = "r", "2025-12", "140100", "太原市"
		many[i].PlacementRate, many[i].Score, many[i].CurrentIntake = nan, nan, nan
	}
	path := filepath.Join(t.TempDir(), "w.xlsx")
	if err := WriteWarnings(path, WarningXLSX, "zh", many); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	note, _ := f.GetCellValue("重点清单", "C53") // 50 rows under the titles, a blank row
	if !strings.HasPrefix(note, "另有10行") {
		t.Errorf("C53 = %q, want the note on the 10 rows left out", note)
	}
	if got, _ := f.GetCellValue("重点清单", "K2", excelize.Options{RawCellValue: true}); got != "60" {
		t.Errorf("K2 = %q, want the highest ratio, 60", got)
	}
}

func TestSheetName(t *testing.T) {
	used := map[string]bool{"重点清单": true, "all rows": true}
	long := strings.Repeat("长", 32)
	for _, tc := range []struct{ name, code, want string }{
		{"太原市", "140100", "太原市"},
		{"太原市", "140199", "140199"},        // taken
		{"All Rows", "140200", "140200"},   // taken, in another case
		{"a[b]:c*?/\\d", "140300", "abcd"}, // characters Excel refuses
		{"'晋中市'", "140700", "晋中市"},         // no apostrophe at the ends
		{long, "140800", "140800"},         // never cut
		{strings.Repeat("长", 31), "140900", strings.Repeat("长", 31)},
		{"", "141000", "141000"},
		{"", "140100", "140100 (2)"}, // the code was taken by a name
		{"", "140100", "140100 (3)"},
	} {
		if tc.code == "140100" && tc.want == "140100 (2)" {
			used["140100"] = true
		}
		if got := sheetName(tc.name, tc.code, used); got != tc.want {
			t.Errorf("sheetName(%q, %q) = %q, want %q", tc.name, tc.code, got, tc.want)
		}
	}
}
