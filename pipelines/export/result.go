package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"
)

// Formats accepted by WriteResult.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// Result is a rectangular result: column names and rows of values as
// database/sql scans them (nil, bool, int64, float64, string, []byte,
// time.Time, or other values printed with %v).
type Result struct {
	Columns []string
	Rows    [][]any
}

// WriteResult writes r to w in format: "table" (aligned text for a
// terminal, Chinese characters counted two columns wide, numbers rounded
// for reading by TableFloat), "csv" (a header row, then one line per row, numbers in full
// precision, NULL as an empty cell) or "json" (an array of objects, NULL
// as null).
func WriteResult(w io.Writer, r Result, format string) error {
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(r.Columns); err != nil {
			return err
		}
		rec := make([]string, len(r.Columns))
		for _, row := range r.Rows {
			for i, v := range row {
				rec[i] = Cell(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case FormatJSON:
		out := make([]json.RawMessage, 0, len(r.Rows))
		for _, row := range r.Rows {
			var b strings.Builder
			b.WriteByte('{')
			for i, v := range row {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(r.Columns[i])
				b.Write(k)
				b.WriteByte(':')
				b.WriteString(jsonValue(v))
			}
			b.WriteByte('}')
			out = append(out, json.RawMessage(b.String()))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	case FormatTable, "":
		return writeTable(w, r)
	}
	return fmt.Errorf("export: unknown format %q (table, csv or json)", format)
}

// Cell formats one value for CSV: numbers in full round-trip precision
// without exponents where that is short, NULL as "".
func Cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return FormatFloat(x)
	case float32:
		return FormatFloat(float64(x))
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case bool:
		return strconv.FormatBool(x)
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999")
	}
	return fmt.Sprint(v)
}

// FormatFloat writes f in the shortest form that reads back as exactly f:
// plain decimals for ordinary magnitudes, an exponent for extreme ones.
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	a := math.Abs(f)
	if a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func jsonValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "null"
		}
		return FormatFloat(x)
	case float32, int64, int, int32, uint64, bool:
		return Cell(x)
	}
	b, _ := json.Marshal(Cell(v))
	return string(b)
}

func writeTable(w io.Writer, r Result) error {
	cells := make([][]string, 0, len(r.Rows)+1)
	cells = append(cells, r.Columns)
	for _, row := range r.Rows {
		rec := make([]string, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case nil:
				rec[i] = "NULL"
			case float64:
				rec[i] = TableFloat(x)
			case float32:
				rec[i] = TableFloat(float64(x))
			default:
				rec[i] = Cell(v)
			}
		}
		cells = append(cells, rec)
	}
	width := make([]int, len(r.Columns))
	for _, rec := range cells {
		for i, c := range rec {
			width[i] = max(width[i], displayWidth(c))
		}
	}
	var b strings.Builder
	for n, rec := range cells {
		for i, c := range rec {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(rec)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-displayWidth(c)))
			}
		}
		b.WriteByte('\n')
		if n == 0 {
			for i := range rec {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", width[i]))
			}
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "(%d)\n", len(r.Rows))
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth is the number of terminal columns s takes: East Asian
// wide and fullwidth characters (Unicode UAX #11, golang.org/x/text/width)
// two, combining marks and other zero-width characters none, the rest one.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}

// PadRight pads s with spaces to n terminal columns (by displayWidth, so
// that Chinese text lines up); PadLeft pads on the left.
func PadRight(s string, n int) string { return s + strings.Repeat(" ", max(0, n-displayWidth(s))) }

// PadLeft pads s with spaces on the left to n terminal columns.
func PadLeft(s string, n int) string { return strings.Repeat(" ", max(0, n-displayWidth(s))) + s }

// TableFloat writes f for a person reading a table: four significant
// digits, all the digits of its whole part, no trailing zeros (1234567.891
// → 1234568, 12.3456 → 12.35, 0.266666… → 0.2667, 0.000123456 →
// 0.0001235); an exponent below 1e-6. CSV and JSON keep every digit
// (Cell).
func TableFloat(f float64) string {
	a := math.Abs(f)
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return FormatFloat(f)
	case a == 0:
		return "0"
	case a < 1e-6:
		return strconv.FormatFloat(f, 'g', 4, 64)
	}
	decimals := max(0, 3-int(math.Floor(math.Log10(a))))
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// GroupDigits inserts thousands separators into an integer written in
// decimal digits, with an optional leading minus: "-1234567" →
// "-1,234,567".
func GroupDigits(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
