package datasets

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/vocmap/vocmap/datasets/internal/xlsxgen"
)

// gen returns the bytes a generator writes.
func gen(t testing.TB, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sheet returns a workbook of the shared strings sst and the sheet data body.
func sheet(t testing.TB, sst []string, body string) []byte {
	return gen(t, func(b *bytes.Buffer) error {
		return xlsxgen.Sheet(b, sst, func(w *bufio.Writer) { w.WriteString(body) })
	})
}

// readXLSX reads a workbook's rows ("row|cell|cell...") and its errors;
// err is the error of opening it.
func readXLSX(t testing.TB, data []byte) (rows []string, errs []*RowError, err error) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := NewXLSXReader(bytes.NewReader(data), int64(len(data)), "f.xlsx", mem)
	if err != nil {
		if _, ok := err.(*RowError); !ok {
			t.Fatalf("open: %v is not a *RowError", err)
		}
		return nil, nil, err
	}
	for _, row := range readAll(t, r) {
		rows = append(rows, strings.Join(row, "|"))
	}
	r.Release()
	return rows, r.Errors(), nil
}

func setLimits(t *testing.T, set func(*xlsxLimits)) {
	saved := limits
	set(&limits)
	t.Cleanup(func() { limits = saved })
}

// TestXLSXGeneratedRows reads the benchmark's job_postings sheet at a
// reduced scale and finds the rows of the same data as CSV.
func TestXLSXGeneratedRows(t *testing.T) {
	const n = 3000
	rows, errs, err := readXLSX(t, gen(t, func(b *bytes.Buffer) error { return xlsxgen.Rows(b, n) }))
	if err != nil || len(errs) > 0 {
		t.Fatalf("err %v, errors %v", err, errs)
	}
	c, err := NewCSVReader(bytes.NewReader(gen(t, func(b *bytes.Buffer) error { return xlsxgen.RowsCSV(b, n) })), "f.csv", UTF8, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, row := range readAll(t, c) {
		want = append(want, strings.Join(row, "|"))
	}
	c.Release()
	if len(rows) != n || strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%d rows, first %q; the CSV has %d, first %q", len(rows), rows[:min(2, len(rows))], len(want), want[:2])
	}
}

// TestXLSXInflatedCases reads the benchmark's inflating workbooks at a
// reduced scale: whitespace between rows is ignored, a cell or a shared
// string past Excel's limit is a located error and its row is left out.
func TestXLSXInflatedCases(t *testing.T) {
	const big = 2 << 20 // past the text run limit: the stream is cut
	row2 := "2|2025-01|140100|C36|5|7"
	row3 := "3|2025-02|140200|C38|6|8"
	tooLong := func(row int) string {
		return fmt.Sprintf("f.xlsx:%d:区划代码: 单元格超过 32767 个字符（Excel 单元格的上限）", row)
	}
	for _, tt := range []struct {
		name  string
		write func(*bytes.Buffer) error
		rows  []string
		err   string
	}{
		{"whitespace between rows", func(b *bytes.Buffer) error { return xlsxgen.Whitespace(b, big, xlsxgen.WhereBetween) }, []string{row2, row3}, ""},
		{"whitespace in a cell", func(b *bytes.Buffer) error { return xlsxgen.Whitespace(b, big, xlsxgen.WhereCell) }, []string{row2}, tooLong(3)},
		{"whitespace in a cell, under the run limit", func(b *bytes.Buffer) error { return xlsxgen.Whitespace(b, 40000, xlsxgen.WhereCell) }, []string{row2}, tooLong(3)},
		{"whitespace in a cell, at Excel's limit", func(b *bytes.Buffer) error { return xlsxgen.Whitespace(b, 32767-6, xlsxgen.WhereCell) }, []string{row2, "3|2025-02|140200" + spaces(32767-6) + "|C38|6|8"}, ""},
		{"a long shared string", func(b *bytes.Buffer) error { return xlsxgen.SharedString(b, big) }, []string{row3}, tooLong(2)},
		{"a shared string just past the limit", func(b *bytes.Buffer) error { return xlsxgen.SharedString(b, 32768) }, []string{row3}, tooLong(2)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs, err := readXLSX(t, gen(t, tt.write))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("rows %q, want %q", rows, tt.rows)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Format(Chinese))
			}
			if strings.Join(got, "\n") != tt.err {
				t.Errorf("errors %q, want %q", got, tt.err)
			}
		})
	}
}

// spaces is the whitespace xlsxgen writes: spaces, a line break every 4,096.
func spaces(n int) string {
	line := strings.Repeat(" ", 4095) + "\n"
	return strings.Repeat(line, n/len(line)) + line[:n%len(line)]
}

// TestXLSXMemoryBounded reads the inflating workbooks at 8 and at 32 MiB
// inflated and checks that reading them allocates a few MiB, no more at
// 32 than at 8: what the reader holds does not grow with what the zip
// inflates to (the full-scale runs, 0.5–0.95 GB: docs/benchmarks.md).
func TestXLSXMemoryBounded(t *testing.T) {
	for _, tt := range []struct {
		name  string
		write func(b *bytes.Buffer, n int64) error
	}{
		{"whitespace between rows", func(b *bytes.Buffer, n int64) error { return xlsxgen.Whitespace(b, n, xlsxgen.WhereBetween) }},
		{"whitespace in a cell", func(b *bytes.Buffer, n int64) error { return xlsxgen.Whitespace(b, n, xlsxgen.WhereCell) }},
		{"a long shared string", func(b *bytes.Buffer, n int64) error { return xlsxgen.SharedString(b, n) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var alloc [2]uint64
			for i, n := range []int64{8 << 20, 32 << 20} {
				data := gen(t, func(b *bytes.Buffer) error { return tt.write(b, n) })
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				r, err := NewXLSXReader(bytes.NewReader(data), int64(len(data)), "f.xlsx", nil)
				if err != nil {
					t.Fatal(err)
				}
				for r.Next() {
				}
				r.Release()
				runtime.ReadMemStats(&after)
				alloc[i] = after.TotalAlloc - before.TotalAlloc
				t.Logf("%d zipped bytes, %d MiB inflated: %.1f MiB allocated", len(data), n>>20, float64(alloc[i])/(1<<20))
			}
			if alloc[1] > 6<<20 || alloc[1] > alloc[0]+1<<20 {
				t.Errorf("allocated %.1f MiB at 8 MiB inflated, %.1f MiB at 32", float64(alloc[0])/(1<<20), float64(alloc[1])/(1<<20))
			}
		})
	}
}

// TestXLSXCells reads the forms a cell's value takes.
func TestXLSXCells(t *testing.T) {
	sst := []string{"a", "b", "c"}
	body := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
		// rich text with a phonetic run left out; an escaped line break; a formula's cached value
		`<row r="2"><c r="A2" t="inlineStr"><is><r><t>新能源</t></r><r><rPr><b/></rPr><t xml:space="preserve">汽车 </t></r><rPh sb="0" eb="1"><t>xin</t></rPh></is></c>` +
		`<c r="B2" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c><c r="C2"><f>1+2</f><v>3</v></c></row>` +
		// no r attributes; a boolean, an error, a formula string; a gap before row 5
		`<row><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><f>"x"</f><v>x&amp;y</v></c></row>` +
		`<row r="5"><c r="A5"><v>1.5E3</v></c><c r="C5"><v>  7 </v></c></row>` +
		// an empty row element, then a cell past the header, then one that is empty
		`<row r="6" spans="1:3"/><row r="7"><c r="A7"><v>1</v></c><c r="E7"><v>9</v></c></row>` +
		`<row r="8"><c r="A8"><v>2</v></c><c r="E8" s="3"/></row>`
	rows, errs, err := readXLSX(t, sheet(t, sst, body))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2|新能源汽车 |a\rb_x0041_|3", "3|1|#N/A|x&y", "5|1.5E3||  7 ", "8|2||"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%q\nwant\n%q", rows, want)
	}
	if len(errs) != 1 || errs[0].Error() != "f.xlsx:7: the row has 5 fields, the header has 3" {
		t.Errorf("errors %v", errs)
	}
}

// TestXLSXLimits checks each limit's error on a small workbook, with the
// limit lowered where the real one would need a large file.
func TestXLSXLimits(t *testing.T) {
	rows := func(n int) []byte { return gen(t, func(b *bytes.Buffer) error { return xlsxgen.Rows(b, n) }) }
	hdr := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`
	sst := []string{"a", "b"}
	for _, tt := range []struct {
		name string
		set  func(*xlsxLimits)
		data []byte
		want string // the first error, in Chinese
	}{
		{"rows", func(l *xlsxLimits) { l.Rows = 100 }, rows(150),
			"f.xlsx:101: 行号 101 超出 Excel 的最后一行（100）"},
		{"cells", func(l *xlsxLimits) { l.SheetCells = 500 }, rows(150),
			"f.xlsx:102: 工作表超过上限（500 个单元格，即行数 × 表头列数；50331648 字节文本）；请将工作表另存为 CSV"},
		{"sheet text", func(l *xlsxLimits) { l.SheetText = 1000 }, rows(150),
			"f.xlsx:50: 工作表超过上限（12582912 个单元格，即行数 × 表头列数；1000 字节文本）；请将工作表另存为 CSV"},
		{"row text", func(l *xlsxLimits) { l.RowText = 10 }, rows(10),
			"f.xlsx:1: 本行文本超过上限 10 字节"},
		{"shared strings", func(l *xlsxLimits) { l.SharedStrings = 10 }, rows(10),
			"f.xlsx: 共享字符串表超过上限（10 项、33554432 字节文本）；请将工作表另存为 CSV"},
		{"shared text", func(l *xlsxLimits) { l.SharedText = 20 }, rows(10),
			"f.xlsx: 共享字符串表超过上限（2097152 项、20 字节文本）；请将工作表另存为 CSV"},
		{"zip entries", func(l *xlsxLimits) { l.ZipEntries = 3 }, rows(10),
			"f.xlsx: XLSX 压缩包的目录超过上限（3 个文件、4194304 字节）"},
		{"zip directory", func(l *xlsxLimits) { l.ZipDirectory = 100 }, gen(t, func(b *bytes.Buffer) error {
			// a zip of 5,000 entries with long names: 320 KiB of directory
			zw := zip.NewWriter(b)
			for i := 0; i < 5000; i++ {
				zw.Create(fmt.Sprintf("%060d", i))
			}
			return zw.Close()
		}),
			"f.xlsx: XLSX 压缩包的目录超过上限（10000 个文件、100 字节）"},
		{"part size", func(l *xlsxLimits) { l.Part = 1000 }, rows(100),
			"f.xlsx: XLSX 中的 xl/worksheets/sheet1.xml 解压后 16923 字节，超过上限 1000 字节；请将工作表另存为 CSV"},
		{"tag", func(l *xlsxLimits) { l.Tag = 1000 }, sheet(t, sst, hdr+`<row r="2"><c r="A2" x="`+strings.Repeat("y", 2000)+`"><v>1</v></c></row>`),
			"f.xlsx:2: XLSX 中的 xl/worksheets/sheet1.xml 不是有效的 XML：a tag longer than the limit"},
		{"depth", nil, sheet(t, sst, hdr+strings.Repeat("<x>", 100)+strings.Repeat("</x>", 100)),
			"f.xlsx:2: XLSX 中的 xl/worksheets/sheet1.xml 不是有效的 XML：elements nested too deep"},
		{"row order", nil, sheet(t, sst, hdr+`<row r="3"><c r="A3"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`),
			"f.xlsx:2: 行号 2 出现在第 3 行之后；行号应递增"},
		{"cell in another row", nil, sheet(t, sst, hdr+`<row r="2"><c r="A3"><v>1</v></c></row>`),
			`f.xlsx:2: 单元格引用 "A3" 无效或不在本行`},
		{"column past XFD", nil, sheet(t, sst, hdr+`<row r="2"><c r="XFE2"><v>1</v></c></row>`),
			"f.xlsx:2:XFE: 单元格超出 Excel 的最后一列（第 16384 列，XFD）"},
		{"shared string index", nil, sheet(t, sst, hdr+`<row r="2"><c r="B2" t="s"><v>7</v></c></row>`),
			`f.xlsx:2:b: 共享字符串编号 "7" 不存在（共 2 项）`},
		{"not a zip", nil, []byte("PK\x03\x04 not really a zip"),
			"f.xlsx: 不是有效的 XLSX 文件（zip 格式错误：zip: not a valid zip file）"},
		{"empty", nil, nil, "f.xlsx:1: 文件为空：没有表头行"},
		{"no header", nil, sheet(t, sst, `<row r="2"><c r="A2"><v>1</v></c></row>`), "f.xlsx:1: 文件为空：没有表头行"},
		{"broken XML", nil, sheet(t, sst, hdr+`<row r="2"><c r="A2"><v>1</c></row>`),
			"f.xlsx:2:a: XLSX 中的 xl/worksheets/sheet1.xml 不是有效的 XML：XML syntax error on line 2: unexpected </c>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.set != nil {
				setLimits(t, tt.set)
			}
			_, errs, err := readXLSX(t, tt.data)
			if err != nil {
				errs = append([]*RowError{err.(*RowError)}, errs...)
			}
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			if got := errs[0].Format(Chinese); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
