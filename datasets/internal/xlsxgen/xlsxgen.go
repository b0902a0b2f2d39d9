// Package xlsxgen writes the workbooks of the XLSX memory benchmark
// (docs/benchmarks.md, "XLSX reading") and of the reader's tests: a large
// job_postings sheet, and workbooks that a few kilobytes or megabytes of
// zip inflate into gigabytes of XML. It writes the zip parts itself, as
// Excel lays them out, streaming, so that a full-scale case is made in
// seconds and in a few megabytes of memory.
//
// The cases:
//
//   - Rows: job_postings, N data rows under the header, 5 columns (month
//     and industry code as shared strings, region code, postings and job
//     seekers as numbers); RowsCSV writes the same rows as CSV.
//   - Whitespace: a valid 3-row job_postings sheet whose XML holds N bytes
//     of whitespace, between two rows (WhereBetween) or inside one cell's
//     inline string (WhereCell).
//   - SharedString: a valid 3-row job_postings sheet whose row 2 column B
//     is shared string 5, N bytes of text.
//
// Wide and Text fill the reader's limits on cells, text and shared
// strings for the fewest zipped bytes. Sheet writes any sheet data, for
// the tests' odd cases.
package xlsxgen

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Header is the header row of the generated sheets (the contract's
// Chinese aliases of job_postings).
var Header = []string{"月份", "区划代码", "行业代码", "需求人数", "求职人数"}

var industries = []string{"C36", "C38", "C39", "E47", "F51", "G54", "I65", "M75", "P83", "Q84"}

var regions = []int{140100, 140200, 140300, 140400, 140500, 140600, 140700, 140800, 140900, 141000, 141100}

// row returns the cells of data row i (0-based): month, region, industry,
// postings, job seekers.
func row(i int) (month string, region int, industry string, postings, seekers int) {
	return fmt.Sprintf("2025-%02d", i%12+1), regions[(i/12)%len(regions)], industries[(i/132)%len(industries)], i%997 + 3, i%1009 + 1
}

// sharedStrings lists the shared strings of the Rows case: the header,
// the 12 months, the industry codes.
func sharedStrings() (list []string, index map[string]int) {
	index = map[string]int{}
	add := func(s string) {
		index[s] = len(list)
		list = append(list, s)
	}
	for _, h := range Header {
		add(h)
	}
	for m := 1; m <= 12; m++ {
		add(fmt.Sprintf("2025-%02d", m))
	}
	for _, c := range industries {
		add(c)
	}
	return list, index
}

// RowsCSV writes the rows of Rows(n) as a UTF-8 CSV.
func RowsCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(strings.Join(Header, ",") + "\n")
	for i := 0; i < n; i++ {
		month, region, industry, postings, seekers := row(i)
		fmt.Fprintf(bw, "%s,%d,%s,%d,%d\n", month, region, industry, postings, seekers)
	}
	return bw.Flush()
}

// Rows writes a workbook whose first sheet is job_postings with n data
// rows below the header (n = 1,048,575 fills the sheet).
func Rows(w io.Writer, n int) error {
	list, index := sharedStrings()
	return write(w, list, func(sw *bufio.Writer) error {
		writeHeader(sw)
		for i := 0; i < n; i++ {
			month, region, industry, postings, seekers := row(i)
			r := strconv.Itoa(i + 2)
			fmt.Fprintf(sw, `<row r="%s" spans="1:5"><c r="A%s" t="s"><v>%d</v></c><c r="B%s"><v>%d</v></c><c r="C%s" t="s"><v>%d</v></c><c r="D%s"><v>%d</v></c><c r="E%s"><v>%d</v></c></row>`,
				r, r, index[month], r, region, r, index[industry], r, postings, r, seekers)
		}
		return nil
	})
}

// Wide writes the rows of Rows(n) under a header of cols columns (the
// five of job_postings, then extra6, extra7, ...), each row with a value
// in its last column too, so that every row spans the header: the most
// cells (rows × header columns) for the fewest bytes.
func Wide(w io.Writer, n, cols int) error {
	list, index := sharedStrings()
	for c := len(Header); c < cols; c++ {
		list = append(list, fmt.Sprintf("extra%d", c+1))
	}
	last := columnLetters(cols)
	return write(w, list, func(sw *bufio.Writer) error {
		sw.WriteString(`<row r="1">`)
		for c := 0; c < cols; c++ {
			i := c
			if c >= len(Header) {
				i = len(list) - cols + c
			}
			fmt.Fprintf(sw, `<c r="%s1" t="s"><v>%d</v></c>`, columnLetters(c+1), i)
		}
		sw.WriteString(`</row>`)
		for i := 0; i < n; i++ {
			month, region, industry, postings, seekers := row(i)
			r := strconv.Itoa(i + 2)
			fmt.Fprintf(sw, `<row r="%s"><c r="A%s" t="s"><v>%d</v></c><c r="B%s"><v>%d</v></c><c r="C%s" t="s"><v>%d</v></c><c r="D%s"><v>%d</v></c><c r="E%s"><v>%d</v></c><c r="%s%s"><v>1</v></c></row>`,
				r, r, index[month], r, region, r, index[industry], r, postings, r, seekers, last, r)
		}
		return nil
	})
}

// Text writes n rows of job_postings under a header of cols columns (as
// Wide) whose month cells hold size bytes of Chinese text each (half the
// row number first: every row's key repeats its neighbour's): the most
// cell text, in a key column (so it is staged twice and sorted to find
// the duplicates), for the fewest bytes. The text is in inline strings,
// or with sst in the shared strings (n/2 of them, all held in memory).
func Text(w io.Writer, n, size, cols int, sst bool) error {
	list, index := sharedStrings()
	first := len(list)
	for c := len(Header); c < cols; c++ {
		list = append(list, fmt.Sprintf("extra%d", c+1))
	}
	last := ""
	if cols > len(Header) {
		last = columnLetters(cols)
	}
	fill := strings.Repeat("文", max(size-8, 0)/3) + strings.Repeat("x", max(size-8, 0)%3)
	long := len(list)
	if sst {
		for i := 0; i < (n+1)/2; i++ {
			list = append(list, fmt.Sprintf("%08d%s", i, fill))
		}
	}
	return write(w, list, func(sw *bufio.Writer) error {
		sw.WriteString(`<row r="1">`)
		for c := 0; c < cols; c++ {
			i := c
			if c >= len(Header) {
				i = first + c - len(Header)
			}
			fmt.Fprintf(sw, `<c r="%s1" t="s"><v>%d</v></c>`, columnLetters(c+1), i)
		}
		sw.WriteString(`</row>`)
		for i := 0; i < n; i++ {
			_, region, industry, postings, seekers := row(i - i%2)
			r := strconv.Itoa(i + 2)
			if sst {
				fmt.Fprintf(sw, `<row r="%s"><c r="A%s" t="s"><v>%d</v></c>`, r, r, long+i/2)
			} else {
				fmt.Fprintf(sw, `<row r="%s"><c r="A%s" t="inlineStr"><is><t>%08d%s</t></is></c>`, r, r, i/2, fill)
			}
			fmt.Fprintf(sw, `<c r="B%s"><v>%d</v></c><c r="C%s" t="s"><v>%d</v></c><c r="D%s"><v>%d</v></c><c r="E%s"><v>%d</v></c>`,
				r, region, r, index[industry], r, postings, r, seekers)
			if last != "" {
				fmt.Fprintf(sw, `<c r="%s%s"><v>1</v></c>`, last, r)
			}
			sw.WriteString(`</row>`)
		}
		return nil
	})
}

// columnLetters is the spreadsheet name of column n (1 = A); the
// generators write columns 1 … 16,384 only, all of which excelize names.
func columnLetters(n int) string {
	name, err := excelize.ColumnNumberToName(n)
	if err != nil {
		panic(err)
	}
	return name
}

// Where places the whitespace of the Whitespace case.
type Where int

const (
	// WhereBetween puts it between rows 2 and 3, where XML ignores it.
	WhereBetween Where = iota
	// WhereCell puts it inside row 3's cell B3 (an inline string), after
	// the digits.
	WhereCell
)

// Whitespace writes a 3-row job_postings workbook whose sheet XML holds n
// bytes of spaces (and a line break every 4,096) at where.
func Whitespace(w io.Writer, n int64, where Where) error {
	list, index := sharedStrings()
	return write(w, list, func(sw *bufio.Writer) error {
		writeHeader(sw)
		fmt.Fprintf(sw, `<row r="2"><c r="A2" t="s"><v>%d</v></c><c r="B2"><v>140100</v></c><c r="C2" t="s"><v>%d</v></c><c r="D2"><v>5</v></c><c r="E2"><v>7</v></c></row>`, index["2025-01"], index["C36"])
		if where == WhereBetween {
			writeSpaces(sw, n)
			fmt.Fprintf(sw, `<row r="3"><c r="A3" t="s"><v>%d</v></c><c r="B3"><v>140200</v></c>`, index["2025-02"])
		} else {
			fmt.Fprintf(sw, `<row r="3"><c r="A3" t="s"><v>%d</v></c><c r="B3" t="inlineStr"><is><t xml:space="preserve">140200`, index["2025-02"])
			writeSpaces(sw, n)
			sw.WriteString(`</t></is></c>`)
		}
		fmt.Fprintf(sw, `<c r="C3" t="s"><v>%d</v></c><c r="D3"><v>6</v></c><c r="E3"><v>8</v></c></row>`, index["C38"])
		return nil
	})
}

// SharedString writes a 3-row job_postings workbook whose shared string
// 5 (cell B2) is n bytes long: the digits 140100, then the letter x.
func SharedString(w io.Writer, n int64) error {
	list, index := sharedStrings()
	big := len(Header) // the first string after the header's
	return writeSST(w, len(list)+1, func(sw *bufio.Writer) {
		for i, s := range list {
			if i == big {
				sw.WriteString(`<si><t>140100`)
				for left := n - 6; left > 0; {
					k := min(left, int64(len(xs)))
					sw.WriteString(xs[:k])
					left -= k
				}
				sw.WriteString(`</t></si>`)
			}
			writeSI(sw, s)
		}
	}, func(sw *bufio.Writer) error {
		shift := func(i int) int { // the strings after the big one moved up one
			if i >= big {
				return i + 1
			}
			return i
		}
		sw.WriteString(`<row r="1">`)
		for c := range Header {
			fmt.Fprintf(sw, `<c r="%c1" t="s"><v>%d</v></c>`, 'A'+c, c)
		}
		sw.WriteString(`</row>`)
		fmt.Fprintf(sw, `<row r="2"><c r="A2" t="s"><v>%d</v></c><c r="B2" t="s"><v>%d</v></c><c r="C2" t="s"><v>%d</v></c><c r="D2"><v>5</v></c><c r="E2"><v>7</v></c></row>`,
			shift(index["2025-01"]), big, shift(index["C36"]))
		fmt.Fprintf(sw, `<row r="3"><c r="A3" t="s"><v>%d</v></c><c r="B3"><v>140200</v></c><c r="C3" t="s"><v>%d</v></c><c r="D3"><v>6</v></c><c r="E3"><v>8</v></c></row>`,
			shift(index["2025-02"]), shift(index["C38"]))
		return nil
	})
}

// Sheet writes a workbook whose shared strings are sst and whose sheet
// data (the content of sheetData) body writes: for tests of odd sheets.
func Sheet(w io.Writer, sst []string, body func(*bufio.Writer)) error {
	return write(w, sst, func(sw *bufio.Writer) error {
		body(sw)
		return nil
	})
}

var xs = strings.Repeat("x", 1<<16)

func writeSpaces(sw *bufio.Writer, n int64) {
	line := strings.Repeat(" ", 4095) + "\n"
	for left := n; left > 0; {
		k := min(left, int64(len(line)))
		sw.WriteString(line[:k])
		left -= k
	}
}

func writeHeader(sw *bufio.Writer) {
	sw.WriteString(`<row r="1" spans="1:5">`)
	for c := range Header {
		fmt.Fprintf(sw, `<c r="%c1" t="s"><v>%d</v></c>`, 'A'+c, c)
	}
	sw.WriteString(`</row>`)
}

func writeSI(sw *bufio.Writer, s string) {
	sw.WriteString(`<si><t>`)
	xmlEscape(sw, s)
	sw.WriteString(`</t></si>`)
}

func xmlEscape(sw *bufio.Writer, s string) {
	strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").WriteString(sw, s)
}

// write writes a workbook with the shared strings list and the sheet
// data that rows writes.
func write(w io.Writer, list []string, rows func(*bufio.Writer) error) error {
	return writeSST(w, len(list), func(sw *bufio.Writer) {
		for _, s := range list {
			writeSI(sw, s)
		}
	}, rows)
}

const (
	nsMain  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg   = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
)

// writeSST writes the workbook's parts: count shared strings written by
// sst, the sheet data written by rows.
func writeSST(w io.Writer, count int, sst func(*bufio.Writer), rows func(*bufio.Writer) error) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	part := func(name string, body func(*bufio.Writer) error) error {
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(pw, 1<<16)
		bw.WriteString(xmlDecl)
		if err := body(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	text := func(s string) func(*bufio.Writer) error {
		return func(bw *bufio.Writer) error { _, err := bw.WriteString(s); return err }
	}
	ct := "application/vnd.openxmlformats-officedocument.spreadsheetml."
	if err := part("[Content_Types].xml", text(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="`+ct+`sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="`+ct+`worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="`+ct+`sharedStrings+xml"/>`+
		`</Types>`)); err != nil {
		return err
	}
	if err := part("_rels/.rels", text(`<Relationships xmlns="`+nsPkg+`">`+
		`<Relationship Id="rId1" Type="`+nsRel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)); err != nil {
		return err
	}
	if err := part("xl/workbook.xml", text(`<workbook xmlns="`+nsMain+`" xmlns:r="`+nsRel+`">`+
		`<sheets><sheet name="job_postings" sheetId="1" r:id="rId1"/></sheets></workbook>`)); err != nil {
		return err
	}
	if err := part("xl/_rels/workbook.xml.rels", text(`<Relationships xmlns="`+nsPkg+`">`+
		`<Relationship Id="rId1" Type="`+nsRel+`/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="`+nsRel+`/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)); err != nil {
		return err
	}
	if err := part("xl/worksheets/sheet1.xml", func(bw *bufio.Writer) error {
		bw.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetData>`)
		if err := rows(bw); err != nil {
			return err
		}
		_, err := bw.WriteString(`</sheetData></worksheet>`)
		return err
	}); err != nil {
		return err
	}
	if err := part("xl/sharedStrings.xml", func(bw *bufio.Writer) error {
		fmt.Fprintf(bw, `<sst xmlns="%s" count="%d" uniqueCount="%d">`, nsMain, count, count)
		sst(bw)
		_, err := bw.WriteString(`</sst>`)
		return err
	}); err != nil {
		return err
	}
	return zw.Close()
}
