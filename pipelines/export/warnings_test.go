package export

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

var nan = math.NaN()

// testWarnings covers: Chinese text, numbers that need 17 digits or an
// exponent, NULL (NaN) in two columns, text that a spreadsheet would run
// as a formula (=, +, -), a comma and a line break inside a cell.
var testWarnings = []Warning{
	{
		RunID: "run-1", Period: "2025-06", Scope: "province", RegionCode: "140000",
		ProgramCode: "720201", ProgramName: "护理", Level: "secondary",
		Signal: "red", Recommendation: "close",
		// 0.1+0.2 in float64; 2/3 and 1e-7 need 16 digits and an exponent
		SupplyDemandRatio: 0.30000000000000004, PlacementRate: 2.0 / 3, Score: 1e-7,
		Reasons:     "placement_below_60_two_years;supply_exceeds_demand",
		ReasonsText: "去向落实率连续两年低于60%；供大于求",
		RegionName:  "山西省", CurrentIntake: 1234, Market: "province", ProbabilityOversupplied: 0.25, PeriodsFlagged: 3,
	},
	{
		RunID: "run-1", Period: "2025-06", Scope: "school", RegionCode: "140100", SchoolCode: "4114010001",
		ProgramCode: "460103", ProgramName: "=1+1", Level: "higher",
		Signal: "yellow", Recommendation: "reduce",
		SupplyDemandRatio: nan, PlacementRate: 0.55, Score: 0,
		Reasons: "demand_declining", ReasonsText: "+需求下降, A&B <x>",
		// an intake of zero is a number, not NULL; a school name that a
		// spreadsheet would run
		RegionName: "太原市", SchoolName: "@学校", CurrentIntake: 0, Market: "city", ProbabilityOversupplied: nan, PeriodsFlagged: 1,
	},
	{
		RunID: "run-1", Period: "2025-06", Scope: "city", RegionCode: "140100",
		ProgramCode: "460104", ProgramName: "-数控技术", Level: "bachelor",
		Signal: "green", Recommendation: "expand",
		SupplyDemandRatio: 1e22, PlacementRate: nan, Score: 1,
		ReasonsText: "多行\n说明",
		// no market (NULL), no intake (NULL), green: never flagged
		RegionName: "太原市", CurrentIntake: nan, ProbabilityOversupplied: 1, PeriodsFlagged: 0,
	},
}

var wantColumns = []string{
	"run_id", "period", "scope", "region_code", "school_code", "program_code",
	"program_name", "level", "signal", "recommendation",
	"supply_demand_ratio", "placement_rate", "score", "reasons", "reasons_text",
	"region_name", "school_name", "current_intake", "market", "probability_oversupplied", "periods_flagged",
}

// numberColumns are the indices of wantColumns that hold numbers.
var numberColumns = []int{10, 11, 12, 17, 19, 20}

// wantCSV is testWarnings as CSV cells: text guarded (a leading
// apostrophe before =, +, -), numbers by FormatFloat, NULL empty.
var wantCSV = [][]string{
	{"run-1", "2025-06", "province", "140000", "", "720201", "护理", "secondary", "red", "close",
		"0.30000000000000004", "0.6666666666666666", "1e-07",
		"placement_below_60_two_years;supply_exceeds_demand", "去向落实率连续两年低于60%；供大于求",
		"山西省", "", "1234", "province", "0.25", "3"},
	{"run-1", "2025-06", "school", "140100", "4114010001", "460103", "'=1+1", "higher", "yellow", "reduce",
		"", "0.55", "0", "demand_declining", "'+需求下降, A&B <x>",
		"太原市", "'@学校", "0", "city", "", "1"},
	{"run-1", "2025-06", "city", "140100", "", "460104", "'-数控技术", "bachelor", "green", "expand",
		"1e+22", "", "1", "", "多行\n说明",
		"太原市", "", "", "", "1", "0"},
}

// wantRaw is testWarnings for programs (JSON, Parquet): text unchanged,
// numbers as float64, NULL as nil.
var wantRaw = [][]any{
	{"run-1", "2025-06", "province", "140000", "", "720201", "护理", "secondary", "red", "close",
		0.30000000000000004, 2.0 / 3, 1e-7,
		"placement_below_60_two_years;supply_exceeds_demand", "去向落实率连续两年低于60%；供大于求",
		"山西省", "", 1234.0, "province", 0.25, 3.0},
	{"run-1", "2025-06", "school", "140100", "4114010001", "460103", "=1+1", "higher", "yellow", "reduce",
		nil, 0.55, 0.0, "demand_declining", "+需求下降, A&B <x>",
		"太原市", "@学校", 0.0, "city", nil, 1.0},
	{"run-1", "2025-06", "city", "140100", "", "460104", "-数控技术", "bachelor", "green", "expand",
		1e22, nil, 1.0, "", "多行\n说明",
		"太原市", "", nil, nil, 1.0, 0.0},
}

func TestWarningColumnsAndTitles(t *testing.T) {
	if got := WarningColumns(); !slices.Equal(got, wantColumns) {
		t.Errorf("WarningColumns() = %q, want %q", got, wantColumns)
	}
	WarningColumns()[0] = "changed"
	if got := WarningColumns()[0]; got != "run_id" {
		t.Errorf("WarningColumns shares its slice: [0] = %q after a caller's change", got)
	}
	zh := []string{"运行编号", "期间", "范围", "区划代码", "学校代码", "专业代码", "专业名称",
		"层次", "信号", "建议", "供需比", "去向落实率", "得分", "原因代码", "原因说明",
		"地区", "学校", "当年招生数", "就业市场", "供过于求概率", "连续预警期数"}
	en := []string{"Run ID", "Period", "Scope", "Region code", "School code", "Program code",
		"Program name", "Level", "Signal", "Recommendation", "Supply–demand ratio",
		"Placement rate", "Score", "Reason codes", "Reasons",
		"Region", "School", "Current intake", "Labour market", "Probability oversupplied", "Periods flagged"}
	for _, tc := range []struct {
		lang string
		want []string
	}{{"zh", zh}, {"", zh}, {"en", en}} {
		if got := WarningTitles(tc.lang); !slices.Equal(got, tc.want) {
			t.Errorf("WarningTitles(%q) = %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestWarningFormat(t *testing.T) {
	for _, tc := range []struct {
		path, want string
	}{
		{"warnings.csv", WarningCSV},
		{"out/WARNINGS.CSV", WarningCSV},
		{"预警.xlsx", WarningXLSX},
		{"a/b.XLSX", WarningXLSX},
		{"w.parquet", WarningParquet},
		{"w.Parquet", WarningParquet},
		{"w.json", WarningJSON},
		{"w.txt", ""},
		{"w.xls", ""},
		{"w.csv.gz", ""},
		{"csv", ""},
		{"", ""},
	} {
		got, err := WarningFormat(tc.path)
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("WarningFormat(%q) = %q, %v; want %q", tc.path, got, err, tc.want)
		}
	}
}

func TestWarningsCSV(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []Warning
		want [][]string
	}{
		{"rows", testWarnings, wantCSV},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := EncodeWarnings(&b, WarningCSV, tc.rows); err != nil {
				t.Fatal(err)
			}
			data := b.Bytes()
			body, ok := bytes.CutPrefix(data, []byte{0xEF, 0xBB, 0xBF})
			if !ok {
				t.Fatalf("no UTF-8 byte-order mark: starts % x", data[:min(3, len(data))])
			}
			if bytes.Contains(body, []byte("\r")) {
				t.Errorf("CR in the CSV; lines end in LF")
			}
			recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) == 0 || !slices.Equal(recs[0], wantColumns) {
				t.Fatalf("header = %q, want %q", recs, wantColumns)
			}
			if got := recs[1:]; !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("records =\n%q\nwant\n%q", got, tc.want)
			}
			// numbers read back exactly
			for i, rec := range recs[1:] {
				for _, j := range numberColumns {
					want, _ := wantRaw[i][j].(float64)
					if rec[j] == "" {
						if wantRaw[i][j] != nil {
							t.Errorf("row %d %s empty, want %v", i+1, wantColumns[j], want)
						}
						continue
					}
					if got, err := strconv.ParseFloat(rec[j], 64); err != nil || got != want {
						t.Errorf("row %d %s = %q reads back as %v, %v; want %v", i+1, wantColumns[j], rec[j], got, err, want)
					}
				}
			}
			// the file is the same bytes
			path := filepath.Join(t.TempDir(), "warnings.csv")
			if err := WriteWarnings(path, WarningCSV, "zh", tc.rows); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
				t.Errorf("file = %q, %v; want %q", got, err, data)
			}
		})
	}
}

func TestWarningsJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []Warning
		want [][]any
	}{
		{"rows", testWarnings, wantRaw},
		{"none", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := EncodeWarnings(&b, WarningJSON, tc.rows); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b.Bytes(), []byte("[")) {
				t.Fatalf("JSON starts %q, want [ (no byte-order mark)", b.Bytes()[:min(3, b.Len())])
			}
			if len(tc.rows) == 0 && strings.TrimSpace(b.String()) != "[]" {
				t.Errorf("no rows: %q, want []", b.String())
			}
			if strings.Contains(b.String(), `\u0026`) || strings.Contains(b.String(), `\u003c`) {
				t.Errorf("HTML-escaped text in %s", b.String())
			}
			got := readJSONWarnings(t, b.Bytes())
			if len(got) != len(tc.want) {
				t.Fatalf("%d objects, want %d", len(got), len(tc.want))
			}
			for i := range got {
				for j, v := range got[i] {
					if v != tc.want[i][j] {
						t.Errorf("row %d %s = %#v, want %#v", i+1, wantColumns[j], v, tc.want[i][j])
					}
				}
			}
			path := filepath.Join(t.TempDir(), "warnings.json")
			if err := WriteWarnings(path, WarningJSON, "en", tc.rows); err != nil {
				t.Fatal(err)
			}
			if data, err := os.ReadFile(path); err != nil || !bytes.Equal(data, b.Bytes()) {
				t.Errorf("file = %q, %v; want %q", data, err, b.Bytes())
			}
		})
	}
}

// readJSONWarnings reads an array of objects token by token, failing
// unless each object has exactly wantColumns as keys in that order. It
// returns the values: string, float64 (parsed from the number's text) or
// nil.
func readJSONWarnings(t *testing.T, data []byte) [][]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	next := func() json.Token {
		t.Helper()
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	if tok := next(); tok != json.Delim('[') {
		t.Fatalf("first token %v, want [", tok)
	}
	var rows [][]any
	for dec.More() {
		if tok := next(); tok != json.Delim('{') {
			t.Fatalf("token %v, want {", tok)
		}
		var row []any
		for i := 0; dec.More(); i++ {
			key := next()
			if i >= len(wantColumns) || key != wantColumns[i] {
				t.Fatalf("object %d key %d = %v, want the keys %q in order", len(rows)+1, i, key, wantColumns)
			}
			switch v := next().(type) {
			case json.Number:
				f, err := strconv.ParseFloat(string(v), 64)
				if err != nil {
					t.Fatal(err)
				}
				row = append(row, f)
			case string, nil:
				row = append(row, v)
			default:
				t.Fatalf("%s: unexpected %T %v", key, v, v)
			}
		}
		if len(row) != len(wantColumns) {
			t.Fatalf("object %d has %d keys, want %d", len(rows)+1, len(row), len(wantColumns))
		}
		next() // }
		rows = append(rows, row)
	}
	if tok := next(); tok != json.Delim(']') {
		t.Fatalf("last token %v, want ]", tok)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("data after the array: %v", err)
	}
	return rows
}

// checkAutoFilter fails unless the XLSX f, read from path, has an
// autofilter over ref on sheet, the n-th sheet (1-based): the worksheet's
// <autoFilter> (which makes Excel show the filter buttons) and the
// workbook's _FilterDatabase name.
func checkAutoFilter(t *testing.T, f *excelize.File, path string, n int, sheet, ref string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	r, err := zr.Open("xl/worksheets/sheet" + strconv.Itoa(n) + ".xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ws, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(bytes.ReplaceAll(ws, []byte("$"), nil), []byte(`<autoFilter ref="`+ref+`"`)) {
		t.Errorf("no autoFilter over %s in sheet %d", ref, n)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet &&
			strings.ReplaceAll(dn.RefersTo, "$", "") == "'"+sheet+"'!"+ref {
			found = true
		}
	}
	if !found {
		t.Errorf("no _xlnm._FilterDatabase over %s!%s in %+v", sheet, ref, f.GetDefinedName())
	}
}

// TestWarningsParquet reads the Parquet file back with DuckDB: the
// contract's columns in order, VARCHAR and DOUBLE, text unchanged, NaN as
// NULL; no rows give a file with the schema alone.
func TestWarningsParquet(t *testing.T) {
	for _, rows := range [][]Warning{testWarnings, nil} {
		dir := t.TempDir()
		path := filepath.Join(dir, "warnings.parquet")
		if err := WriteWarnings(path, WarningParquet, "zh", rows); err != nil {
			t.Fatal(err)
		}
		assertDir(t, dir, "warnings.parquet")
		conn, err := duckdb.NewConnector("", nil)
		if err != nil {
			t.Fatal(err)
		}
		db := sql.OpenDB(conn)
		defer db.Close()
		var names, types []string
		r, err := db.Query("SELECT name, type FROM parquet_schema(?) WHERE name <> 'duckdb_schema'", path)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var n, ty string
			r.Scan(&n, &ty)
			names, types = append(names, n), append(types, ty)
		}
		r.Close()
		if !slices.Equal(names, wantColumns) {
			t.Errorf("parquet columns %q, want %q", names, wantColumns)
		}
		for i, ty := range types {
			want := "BYTE_ARRAY"
			if slices.Contains(numberColumns, i) {
				want = "DOUBLE"
			}
			if names[i] == "periods_flagged" {
				want = "INT64"
			}
			if ty != want {
				t.Errorf("column %s has type %s, want %s", names[i], ty, want)
			}
		}
		q, err := db.Query("SELECT * FROM read_parquet(?)", path)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]any
		for q.Next() {
			vals := make([]any, len(wantColumns))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := q.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			if n, ok := vals[20].(int64); ok { // BIGINT, compared as the JSON number
				vals[20] = float64(n)
			} else {
				t.Errorf("periods_flagged is %T, want int64", vals[20])
			}
			got = append(got, vals)
		}
		q.Close()
		if len(rows) == 0 {
			if len(got) != 0 {
				t.Errorf("no rows written, read %d", len(got))
			}
			continue
		}
		if !reflect.DeepEqual(got, wantRaw) {
			t.Errorf("parquet rows\n got %v\nwant %v", got, wantRaw)
		}
	}
}

func TestWarningsInfinite(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name string
		set  func(*Warning)
	}{
		{"ratio +Inf", func(w *Warning) { w.SupplyDemandRatio = inf }},
		{"placement -Inf", func(w *Warning) { w.PlacementRate = -inf }},
		{"score +Inf", func(w *Warning) { w.Score = inf }},
	} {
		rows := slices.Clone(testWarnings)
		tc.set(&rows[2])
		for _, format := range []string{WarningCSV, WarningXLSX, WarningParquet, WarningJSON} {
			t.Run(tc.name+"/"+format, func(t *testing.T) {
				dir := t.TempDir()
				err := WriteWarnings(filepath.Join(dir, "warnings."+format), format, "zh", rows)
				if err == nil || !strings.Contains(err.Error(), "row 3") || !strings.Contains(err.Error(), "Inf") {
					t.Errorf("WriteWarnings: error %v, want one naming row 3 and Inf", err)
				}
				assertDir(t, dir)
				if format == WarningCSV || format == WarningJSON {
					var b bytes.Buffer
					if err := EncodeWarnings(&b, format, rows); err == nil || b.Len() > 0 {
						t.Errorf("EncodeWarnings: error %v, wrote %q; want an error and nothing written", err, b.String())
					}
				}
			})
		}
	}
}

func TestWriteWarningsAtomic(t *testing.T) {
	inf := []Warning{{ProgramCode: "1", SupplyDemandRatio: math.Inf(1)}}
	for _, tc := range []struct {
		name string
		// run writes into dir; it returns the names dir must hold
		// afterwards, with the contents of each file, or a failure
		run func(dir string) (map[string]string, error)
	}{
		{"ok leaves one file", func(dir string) (map[string]string, error) {
			err := WriteWarnings(filepath.Join(dir, "w.csv"), WarningCSV, "zh", nil)
			return map[string]string{"w.csv": "\uFEFF" + strings.Join(wantColumns, ",") + "\n"}, err
		}},
		{"replaces a file", func(dir string) (map[string]string, error) {
			os.WriteFile(filepath.Join(dir, "w.json"), []byte("old"), 0o644)
			err := WriteWarnings(filepath.Join(dir, "w.json"), WarningJSON, "zh", nil)
			return map[string]string{"w.json": "[]\n"}, err
		}},
		{"keeps a file on error", func(dir string) (map[string]string, error) {
			os.WriteFile(filepath.Join(dir, "w.csv"), []byte("old"), 0o644)
			err := WriteWarnings(filepath.Join(dir, "w.csv"), WarningCSV, "zh", inf)
			if err == nil {
				err = errors.New("no error")
			} else {
				err = nil
			}
			return map[string]string{"w.csv": "old"}, err
		}},
		{"rename fails", func(dir string) (map[string]string, error) {
			os.Mkdir(filepath.Join(dir, "w.xlsx"), 0o755)
			os.WriteFile(filepath.Join(dir, "w.xlsx", "keep"), nil, 0o644)
			if err := WriteWarnings(filepath.Join(dir, "w.xlsx"), WarningXLSX, "zh", testWarnings); err == nil {
				return nil, errors.New("writing over a directory: no error")
			}
			return map[string]string{"w.xlsx": ""}, nil
		}},
		{"write fails midway", func(dir string) (map[string]string, error) {
			boom := errors.New("boom")
			err := WriteAtomic(filepath.Join(dir, "w.csv"), func(w io.Writer) error {
				w.Write(bytes.Repeat([]byte("x"), 1<<20))
				return boom
			})
			if !errors.Is(err, boom) {
				return nil, errors.New("error not passed on")
			}
			return map[string]string{}, nil
		}},
		{"unknown format", func(dir string) (map[string]string, error) {
			if err := WriteWarnings(filepath.Join(dir, "w.txt"), "txt", "zh", testWarnings); err == nil {
				return nil, errors.New("no error")
			}
			return map[string]string{}, nil
		}},
		{"no directory", func(dir string) (map[string]string, error) {
			if err := WriteWarnings(filepath.Join(dir, "missing", "w.csv"), WarningCSV, "zh", nil); err == nil {
				return nil, errors.New("no error")
			}
			return map[string]string{}, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want, err := tc.run(dir)
			if err != nil {
				t.Fatal(err)
			}
			names := assertDir(t, dir, slices.Sorted(maps.Keys(want))...)
			for _, n := range names {
				fi, err := os.Stat(filepath.Join(dir, n))
				if err != nil || fi.IsDir() {
					continue
				}
				if got, _ := os.ReadFile(filepath.Join(dir, n)); string(got) != want[n] {
					t.Errorf("%s = %q, want %q", n, got, want[n])
				}
				if fi.Mode().Perm() != 0o644 {
					t.Errorf("%s mode %v, want 0644", n, fi.Mode().Perm())
				}
			}
		})
	}
}

// assertDir fails unless dir holds exactly the names want (no temporary
// files); it returns them.
func assertDir(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
	return got
}

func TestEncodeWarningsFormats(t *testing.T) {
	for _, format := range []string{WarningXLSX, WarningParquet, "", "CSV", "table"} {
		var b bytes.Buffer
		if err := EncodeWarnings(&b, format, testWarnings); err == nil || b.Len() > 0 {
			t.Errorf("EncodeWarnings(%q): error %v, wrote %d bytes; want an error and nothing written", format, err, b.Len())
		}
	}
}

// TestWriteFile: a result as CSV for Excel (BOM, formula guard) and as
// XLSX (numbers as numbers, frozen header).
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	r := Result{Columns: []string{"program_code", "name", "x"}, Rows: [][]any{{"520201", "=护理", 1.5}, {"660301", "机电", math.NaN()}}}
	if err := WriteFile(filepath.Join(dir, "a.csv"), r, ""); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.csv"))
	if string(b) != "\ufeffprogram_code,name,x\n520201,'=护理,1.5\n660301,机电,\n" {
		t.Errorf("csv %q", b)
	}
	if err := WriteFile(filepath.Join(dir, "a.xlsx"), r, "计划"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "a.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("计划")
	if len(rows) != 3 || rows[1][2] != "1.5" || rows[1][1] != "'=护理" {
		t.Errorf("xlsx rows %q", rows)
	}
	if typ, _ := f.GetCellType("计划", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("C2 type %v, want a number", typ)
	}
	if err := WriteFile(filepath.Join(dir, "a.txt"), r, ""); err == nil {
		t.Error("a .txt file: want an error")
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "-1234567": "-1,234,567", "12345": "12,345"} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
