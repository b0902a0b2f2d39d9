package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vocmap/vocmap/datasets"
)

// Warning is one row of the warning list (DATA_CONTRACT.md, "Outputs").
// The numbers are finite or NaN; NaN is NULL and is written as an empty
// cell (CSV, XLSX), null (JSON) or a Parquet null. An infinite number is
// an error: the caller caps a supply–demand ratio whose openings are zero.
type Warning struct {
	RunID, Period, Scope, RegionCode, SchoolCode, ProgramCode, ProgramName, Level string
	Signal, Recommendation                                                        string
	SupplyDemandRatio, PlacementRate, Score                                       float64 // NaN = NULL (empty cell / JSON null / Parquet null)
	Reasons, ReasonsText                                                          string

	// The v1.2 columns, after the v1 ones.

	// RegionName is the name of RegionCode; SchoolName the school's name,
	// empty unless Scope is school.
	RegionName, SchoolName string
	// CurrentIntake is the latest year's intake at the row's scope; NaN =
	// NULL.
	CurrentIntake float64
	// Market is the labour market the row is judged in: "city",
	// "province" or "flows"; empty = NULL.
	Market string
	// ProbabilityOversupplied is the probability, from the run's draws,
	// that the row's market is over-supplied; NaN = NULL.
	ProbabilityOversupplied float64
	// PeriodsFlagged counts the consecutive periods, up to this one, in
	// which the same scope, region, school and program was red or yellow
	// in that period's latest run (0 for a green row).
	PeriodsFlagged int
}

// Warning formats, named as WarningFormat returns them.
const (
	WarningCSV     = "csv"
	WarningXLSX    = "xlsx"
	WarningParquet = "parquet"
	WarningJSON    = "json"
)

// warningColumns are the contract's columns in order (v1, then v1.2); the
// numeric ones are the float64 fields of Warning and PeriodsFlagged.
var warningColumns = []string{
	"run_id", "period", "scope", "region_code", "school_code", "program_code",
	"program_name", "level", "signal", "recommendation",
	"supply_demand_ratio", "placement_rate", "score", "reasons", "reasons_text",
	"region_name", "school_name", "current_intake", "market", "probability_oversupplied", "periods_flagged",
}

// Titles of warningColumns for people, in XLSX row 1.
var (
	warningTitlesZH = []string{
		"运行编号", "期间", "范围", "区划代码", "学校代码", "专业代码", "专业名称",
		"层次", "信号", "建议", "供需比", "去向落实率", "得分", "原因代码", "原因说明",
		"地区", "学校", "当年招生数", "就业市场", "供过于求概率", "连续预警期数",
	}
	warningTitlesEN = []string{
		"Run ID", "Period", "Scope", "Region code", "School code", "Program code",
		"Program name", "Level", "Signal", "Recommendation", "Supply–demand ratio",
		"Placement rate", "Score", "Reason codes", "Reasons",
		"Region", "School", "Current intake", "Labour market", "Probability oversupplied", "Periods flagged",
	}
)

// warningWords are the XLSX's words for the codes of the enumerated
// columns (DATA_CONTRACT.md, "XLSX is for people"): column -> code ->
// {Chinese, English}. A code not listed is written as it is.
var warningWords = map[string]map[string][2]string{
	"scope": {"province": {"省", "province"}, "city": {"市", "city"}, "school": {"学校", "school"}},
	"level": {"secondary": {"中职", "secondary"}, "higher": {"高职专科", "higher vocational"},
		"bachelor": {"职业本科", "vocational bachelor"}},
	"signal": {"red": {"红", "red"}, "yellow": {"黄", "yellow"}, "green": {"绿", "green"}},
	"recommendation": {"close": {"撤销或停招", "close or stop intake"}, "reduce": {"缩减", "reduce"},
		"review": {"待研判", "review"}, "expand": {"扩大", "expand"}},
	"market": {"city": {"本市", "its city"}, "province": {"全省", "the province"},
		"flows": {"毕业生实际去向", "graduate destinations"}},
}

// warningWord returns the XLSX's word for the code v of column col in
// lang, or v itself when col is not enumerated or v not a known code.
func warningWord(col, v, lang string) string {
	w, ok := warningWords[col][v]
	if !ok {
		return v
	}
	if lang == string(datasets.English) {
		return w[1]
	}
	return w[0]
}

// WarningColumns returns the contract's column names in order:
// run_id, period, scope, region_code, school_code, program_code,
// program_name, level, signal, recommendation, supply_demand_ratio,
// placement_rate, score, reasons, reasons_text, and v1.2's region_name,
// school_name, current_intake, market, probability_oversupplied,
// periods_flagged.
func WarningColumns() []string {
	return append([]string(nil), warningColumns...)
}

// WarningTitles returns the XLSX titles of the columns in lang: "en" for
// English, anything else (the default, "zh") for Chinese.
func WarningTitles(lang string) []string {
	if lang == string(datasets.English) {
		return append([]string(nil), warningTitlesEN...)
	}
	return append([]string(nil), warningTitlesZH...)
}

// WarningFormat returns the format named by path's extension, compared
// without regard to case: ".csv" is WarningCSV, ".xlsx" WarningXLSX,
// ".parquet" WarningParquet and ".json" WarningJSON. Any other extension is
// an error.
func WarningFormat(path string) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return WarningCSV, nil
	case ".xlsx":
		return WarningXLSX, nil
	case ".parquet":
		return WarningParquet, nil
	case ".json":
		return WarningJSON, nil
	}
	return "", fmt.Errorf("export: %s: warnings are written as .csv, .xlsx, .parquet or .json", path)
}

// WriteWarnings writes rows to path in format (WarningCSV, WarningXLSX,
// WarningParquet or WarningJSON); an XLSX file's sheet and titles are in
// lang ("zh" by default, "en"). The write is atomic (WriteAtomic): the
// data goes to a temporary file in path's directory, which is synced and
// renamed to path (mode 0644) only when complete; on any error no file is
// left behind and an existing file at path is unchanged. A path that is a
// symbolic link, a named pipe, a device or a folder is refused with an
// *OutputError before anything is written.
//
// The formats follow DATA_CONTRACT.md, "Outputs":
//   - CSV: UTF-8 with a byte-order mark, comma-separated, LF line ends
//     (encoding/csv quotes a field that holds a line break), a header row
//     of WarningColumns; numbers by FormatFloat (the shortest text that
//     reads back as the same float64, '.' as the decimal point); NULL as
//     an empty cell.
//   - XLSX, for people: see writeWarningsXLSX (warnings_xlsx.go): a short
//     list first, a sheet per city, then every row, each printable; the
//     contract's columns in order with titles and enumerated values in
//     lang, numbers as formatted number cells.
//   - JSON: see EncodeWarnings.
//   - Parquet: the columns in contract order, text as VARCHAR (UTF-8
//     strings), the numbers as DOUBLE and periods_flagged as BIGINT, NULL
//     for NaN; written by DuckDB's Parquet writer.
//
// Text cells in CSV and XLSX, which spreadsheets open, pass through
// SafeText: a value starting with '=', '+', '-', '@', a tab or a carriage
// return gets a leading apostrophe so that it is not run as a formula.
// JSON and Parquet are read by programs and carry the text unchanged.
//
// Infinite numbers are an error, reported before anything is written.
func WriteWarnings(path, format, lang string, rows []Warning) error {
	return WriteWarningsAbout(path, format, lang, rows, nil)
}

// WriteWarningsAbout is WriteWarnings with lines about the list (how
// recent its data are, which run made it) that the XLSX shows on its last
// sheet, 说明 (About); the other formats, read by scripts, leave them out.
func WriteWarningsAbout(path, format, lang string, rows []Warning, about []string) error {
	var write func(io.Writer) error
	switch format {
	case WarningCSV, WarningJSON:
		write = func(w io.Writer) error { return encodeWarnings(w, format, rows) }
	case WarningXLSX:
		write = func(w io.Writer) error { return writeWarningsXLSX(w, lang, rows, about) }
	case WarningParquet:
		if err := checkWarnings(rows); err != nil {
			return err
		}
		if err := writeWarningsParquet(path, rows); err != nil {
			return fmt.Errorf("export: write %s: %w", path, err)
		}
		return nil
	default:
		return unknownWarningFormat(format)
	}
	if err := checkWarnings(rows); err != nil {
		return err
	}
	if err := WriteAtomic(path, write); err != nil {
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return nil
}

// EncodeWarnings writes rows to w as WarningCSV or WarningJSON, in the
// forms WriteWarnings writes to a file. XLSX and Parquet need a file (use
// WriteWarnings); asking for them here is an error.
//
// JSON is an array of objects, one per row, each with the keys of
// WarningColumns in that order; text as JSON strings, unchanged (no
// formula guard); numbers as JSON numbers by FormatFloat, NULL as null;
// UTF-8 without a byte-order mark, indented by two spaces; no rows give
// "[]".
//
// Infinite numbers are an error, reported before anything is written.
func EncodeWarnings(w io.Writer, format string, rows []Warning) error {
	switch format {
	case WarningCSV, WarningJSON:
	case WarningXLSX, WarningParquet:
		return fmt.Errorf("export: %s warnings need a file: use WriteWarnings", format)
	default:
		return unknownWarningFormat(format)
	}
	if err := checkWarnings(rows); err != nil {
		return err
	}
	return encodeWarnings(w, format, rows)
}

func unknownWarningFormat(format string) error {
	return fmt.Errorf("export: unknown warnings format %q (csv, xlsx, parquet or json)", format)
}

// checkWarnings rejects infinite numbers, which no format can carry as a
// number that a spreadsheet and a script read back alike.
func checkWarnings(rows []Warning) error {
	n, first := 0, ""
	for i := range rows {
		for j, v := range rows[i].values() {
			if x, ok := v.(float64); ok && math.IsInf(x, 0) {
				if n == 0 {
					first = fmt.Sprintf("row %d (program_code %q): %s is %s", i+1, rows[i].ProgramCode, warningColumns[j], FormatFloat(x))
				}
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	return fmt.Errorf("export: %d infinite number(s) in the warnings, first %s; cap them, or use NaN for NULL", n, first)
}

// values returns r's fields in the order of warningColumns: a string for
// a text column, a float64 for a number.
func (r *Warning) values() []any {
	return []any{r.RunID, r.Period, r.Scope, r.RegionCode, r.SchoolCode, r.ProgramCode,
		r.ProgramName, r.Level, r.Signal, r.Recommendation,
		r.SupplyDemandRatio, r.PlacementRate, r.Score, r.Reasons, r.ReasonsText,
		r.RegionName, r.SchoolName, r.CurrentIntake, r.Market, r.ProbabilityOversupplied, r.PeriodsFlagged}
}

// nullText are the text columns whose empty value is NULL (JSON null,
// Parquet null) rather than an empty string.
var nullText = map[string]bool{"market": true}

// cells returns r.values with NULL (NaN, an empty nullText) as nil. If
// guard (for spreadsheets), an empty text is nil too and other text
// passes through SafeText.
func (r *Warning) cells(guard bool) []any {
	out := r.values()
	for i, v := range out {
		switch x := v.(type) {
		case float64:
			if math.IsNaN(x) {
				out[i] = nil
			}
		case string:
			if x == "" && (guard || nullText[warningColumns[i]]) {
				out[i] = nil
			} else if guard {
				out[i] = SafeText(x)
			}
		}
	}
	return out
}

// encodeWarnings writes CSV or JSON; rows are checked.
func encodeWarnings(w io.Writer, format string, rows []Warning) error {
	if format == WarningJSON {
		out := make([]json.RawMessage, len(rows))
		for n := range rows {
			var b strings.Builder
			b.WriteByte('{')
			for i, v := range rows[n].cells(false) {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(jsonString(warningColumns[i]))
				b.WriteByte(':')
				switch x := v.(type) {
				case nil:
					b.WriteString("null")
				case float64:
					b.WriteString(FormatFloat(x))
				case int:
					b.WriteString(strconv.Itoa(x))
				case string:
					b.WriteString(jsonString(x))
				}
			}
			b.WriteByte('}')
			out[n] = json.RawMessage(b.String())
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	if _, err := w.Write([]byte{0xEF, 0xBB, 0xBF}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(warningColumns); err != nil {
		return err
	}
	rec := make([]string, len(warningColumns))
	for n := range rows {
		for i, v := range rows[n].cells(true) {
			switch x := v.(type) {
			case nil:
				rec[i] = ""
			case float64:
				rec[i] = FormatFloat(x)
			case int:
				rec[i] = strconv.Itoa(x)
			case string:
				rec[i] = x
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// jsonString returns s as a JSON string, without escaping <, > and &.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
