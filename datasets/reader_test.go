package datasets

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/vocmap/vocmap/datasets/internal/xlsxgen"
)

const sample = "专业代码,专业名称,学制\n520201,护理,3\n\"530302\",\"大数据与会计\",\"3\"\n460702,\"新能源汽车技术, 含\"\"智能网联\"\"\",3\n"

func gb18030(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readAll drains a reader into rows of cells (with the row number first).
func readAll(t testing.TB, r Reader) [][]string {
	t.Helper()
	var out [][]string
	for r.Next() {
		rec := r.RecordBatch()
		rows := rec.Column(0).(*array.Int64)
		for i := 0; i < int(rec.NumRows()); i++ {
			row := []string{rows.ValueStr(i)}
			for c := 1; c < int(rec.NumCols()); c++ {
				row = append(row, rec.Column(c).(*array.String).Value(i))
			}
			out = append(out, row)
		}
	}
	return out
}

func TestCSVReaderEncodings(t *testing.T) {
	want := [][]string{
		{"2", "520201", "护理", "3"},
		{"3", "530302", "大数据与会计", "3"},
		{"4", "460702", `新能源汽车技术, 含"智能网联"`, "3"},
	}
	tests := []struct {
		name string
		data []byte
		enc  Encoding
	}{
		{"utf-8", []byte(sample), UTF8},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), sample...), UTF8BOM},
		{"gb18030", gb18030(t, sample), GB18030},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := detectEncodingAll(tt.data, "p.csv")
			if err != nil || enc != tt.enc {
				t.Fatalf("encoding = %v, %v; want %v", enc, err, tt.enc)
			}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			r, err := NewCSVReader(bytes.NewReader(tt.data), "p.csv", enc, mem)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(r.Header(), "|"); got != "专业代码|专业名称|学制" {
				t.Errorf("header = %q", got)
			}
			got := readAll(t, r)
			r.Release()
			if len(r.Errors()) != 0 {
				t.Fatalf("errors: %v", r.Errors())
			}
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d: %v", len(got), len(want), got)
			}
			for i := range want {
				if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
					t.Errorf("row %d = %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}

// detectEncodingAll is DetectEncodingFile on bytes.
func detectEncodingAll(b []byte, file string) (Encoding, error) {
	enc, err := detectEncoding(bytes.NewReader(b), file)
	if err == errNeedGB18030 {
		return checkGB18030(bytes.NewReader(b), file)
	}
	return enc, err
}

func TestDetectEncodingErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		rule string
		row  int
	}{
		{"empty", nil, "empty_file", 1},
		{"binary", []byte("a,b\n1,2\n\x00\x01\x02"), "not_text", 3},
		{"BOM lie", append([]byte("\xEF\xBB\xBFa,b\n"), gb18030(t, "1,护理\n")...), "bom_not_utf8", 2},
		{"neither", []byte("a,b\n\x81\x20\n"), "bad_encoding", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := detectEncodingAll(tt.data, "x.csv")
			re, ok := err.(*RowError)
			if !ok {
				t.Fatalf("err = %v, want a *RowError", err)
			}
			if re.Rule != tt.rule || re.Row != tt.row {
				t.Errorf("got %s at row %d, want %s at row %d", re.Rule, re.Row, tt.rule, tt.row)
			}
		})
	}
}

func TestCSVReaderFieldCount(t *testing.T) {
	r, err := NewCSVReader(strings.NewReader("a,b\n1,2\n3\n4,5,6\n7,8\n"), "x.csv", UTF8, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	got := readAll(t, r)
	if len(got) != 2 {
		t.Errorf("got %d good rows, want 2", len(got))
	}
	var msgs []string
	for _, e := range r.Errors() {
		msgs = append(msgs, e.Error())
	}
	want := "x.csv:3: the row has 1 fields, the header has 2|x.csv:4: the row has 3 fields, the header has 2"
	if strings.Join(msgs, "|") != want {
		t.Errorf("errors = %q\nwant %q", strings.Join(msgs, "|"), want)
	}
}

func TestCSVReaderBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString("n\n")
	for i := 0; i < BatchRows*2+10; i++ {
		b.WriteString("1\n")
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := NewCSVReader(strings.NewReader(b.String()), "x.csv", UTF8, mem)
	if err != nil {
		t.Fatal(err)
	}
	batches, rows := 0, 0
	for r.Next() {
		batches++
		rows += int(r.RecordBatch().NumRows())
	}
	r.Release()
	if batches != 3 || rows != BatchRows*2+10 {
		t.Errorf("got %d batches, %d rows", batches, rows)
	}
}

// TestBatchBytes: a batch ends at BatchBytes of text as well as at
// BatchRows rows.
func TestBatchBytes(t *testing.T) {
	cell := strings.Repeat("x", 1<<20)
	var b strings.Builder
	b.WriteString("n\n")
	for i := 0; i < 20; i++ {
		b.WriteString(cell + "\n")
	}
	r, err := NewCSVReader(strings.NewReader(b.String()), "x.csv", UTF8, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for r.Next() {
		sizes = append(sizes, r.RecordBatch().NumRows())
	}
	r.Release()
	if len(sizes) != 2 || sizes[0] != BatchBytes>>20 || sizes[1] != 20-BatchBytes>>20 {
		t.Errorf("batches of %v rows", sizes)
	}
}

func writeXLSX(t testing.TB, path string, rows [][]any, merge string) {
	t.Helper()
	f := excelize.NewFile()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	if merge != "" {
		a, b, _ := strings.Cut(merge, ":")
		f.MergeCell("Sheet1", a, b)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXReader(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "programs.xlsx")
	writeXLSX(t, p, [][]any{
		{"专业代码", "专业名称", "学制", ""},
		{10101, "示例", 3},
		{},
		{"520201", "护理", 3.0, ""},
	}, "")
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := OpenXLSX(p, "programs.xlsx", mem)
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, r)
	r.Release()
	want := "2|10101|示例|3;4|520201|护理|3"
	var parts []string
	for _, row := range got {
		parts = append(parts, strings.Join(row, "|"))
	}
	if strings.Join(parts, ";") != want {
		t.Errorf("rows = %q, want %q", strings.Join(parts, ";"), want)
	}
}

func TestXLSXMergedHeader(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.xlsx")
	writeXLSX(t, p, [][]any{{"专业代码", "专业名称", ""}, {"520201", "护理", ""}}, "B1:C1")
	_, err := OpenXLSX(p, "m.xlsx", nil)
	if err == nil || err.Error() != "m.xlsx:1:B1: the header has merged cells B1:C1; unmerge them, one header per column" {
		t.Errorf("err = %v", err)
	}
}

func TestContractMatch(t *testing.T) {
	tb := Lookup("outcomes")
	for h, want := range map[string]string{"Grad_Year": "grad_year", " 毕业年份 ": "grad_year", "\uFEFFgraduates": "graduates", "对口就业人数": "matched"} {
		c, ok := tb.Match(h)
		if !ok || c.Name != want {
			t.Errorf("Match(%q) = %q, %v; want %q", h, c.Name, ok, want)
		}
	}
	if _, ok := tb.Match("salary"); ok {
		t.Error("an unknown header matched")
	}
}

func TestIndustryCodes(t *testing.T) {
	codes := IndustryCodes()
	sections, divisions := 0, 0
	for _, c := range codes {
		if len(c.Code) == 1 {
			sections++
		} else {
			divisions++
		}
	}
	if sections != 20 || divisions != 97 {
		t.Errorf("%d sections, %d divisions; GB/T 4754-2017 has 20 and 97", sections, divisions)
	}
	if ic, ok := LookupIndustry("C36"); !ok || ic.Name != "汽车制造业" {
		t.Errorf("C36 = %+v", ic)
	}
	if _, ok := LookupIndustry("C06"); ok {
		t.Error("C06 is not a division of C")
	}
}

func FuzzCSVReader(f *testing.F) {
	f.Add([]byte(sample))
	f.Add(gb18030(f, sample))
	f.Add([]byte("\xEF\xBB\xBFa,b\n\"1\n2\",3\n"))
	f.Add([]byte("a,b\n\"unterminated\n"))
	f.Add([]byte("a\n1,2,3\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		enc, err := detectEncodingAll(data, "f.csv")
		if err != nil {
			if _, ok := err.(*RowError); !ok {
				t.Fatalf("detect: %v is not a *RowError", err)
			}
			return
		}
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		r, err := NewCSVReader(bytes.NewReader(data), "f.csv", enc, mem)
		if err != nil {
			if _, ok := err.(*RowError); !ok {
				t.Fatalf("open: %v is not a *RowError", err)
			}
			return
		}
		for r.Next() {
			rec := r.RecordBatch()
			if int(rec.NumCols()) != len(r.Header())+1 {
				t.Fatalf("batch has %d columns, header %d", rec.NumCols(), len(r.Header()))
			}
		}
		r.Release()
		for _, e := range r.Errors() {
			if e.File != "f.csv" || e.Rule == "" {
				t.Fatalf("unlocated error %+v", e)
			}
		}
		mem.AssertSize(t, 0)
	})
}

func FuzzXLSXReader(f *testing.F) {
	dir := f.TempDir()
	p := filepath.Join(dir, "seed.xlsx")
	writeXLSX(f, p, [][]any{{"a", "b"}, {1, "x"}, {"2", 3.5}}, "")
	seed, _ := os.ReadFile(p)
	f.Add(seed)
	writeXLSX(f, p, [][]any{{"a", "b", ""}, {1, "x", ""}}, "B1:C1")
	seed2, _ := os.ReadFile(p)
	f.Add(seed2)
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte{})
	// the benchmark's cases, small (datasets/internal/xlsxgen), stored
	// rather than deflated so that the mutations reach the XML
	f.Add(stored(f, gen(f, func(b *bytes.Buffer) error { return xlsxgen.Rows(b, 3) })))
	f.Add(stored(f, gen(f, func(b *bytes.Buffer) error { return xlsxgen.Whitespace(b, 100, xlsxgen.WhereCell) })))
	f.Add(stored(f, gen(f, func(b *bytes.Buffer) error { return xlsxgen.SharedString(b, 100) })))
	f.Add(stored(f, sheet(f, []string{"a", "b"}, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>b</t></r></is></c></row><row><c><v>1</v></c></row>`)))
	f.Add(stored(f, seed2))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan error, 1)
		go func() {
			r, err := NewXLSXReader(bytes.NewReader(data), int64(len(data)), "f.xlsx", nil)
			if err == nil {
				for r.Next() {
				}
				r.Release()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				if re, ok := err.(*RowError); !ok || re.File != "f.xlsx" || Rules[re.Rule].EN == "" {
					t.Fatalf("open: %v is not a *RowError with a known rule", err)
				}
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("reading %d bytes took more than 5 s", len(data))
		}
	})
}

// stored returns the zip data with every entry stored, not deflated.
func stored(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func FuzzDetectEncoding(f *testing.F) {
	f.Add([]byte(sample))
	f.Add(gb18030(f, sample))
	f.Add([]byte("\xEF\xBB\xBF\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		enc, err := detectEncodingAll(data, "f.csv")
		if err != nil {
			re, ok := err.(*RowError)
			if !ok || re.File != "f.csv" {
				t.Fatalf("%v is not a located *RowError", err)
			}
			return
		}
		switch enc {
		case UTF8, UTF8BOM, GB18030:
		default:
			t.Fatalf("unknown encoding %q", enc)
		}
	})
}

// TestHasBinary checks the word-at-a-time test against a byte-by-byte one
// on random bytes of every length and alignment.
func TestHasBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	naive := func(b []byte) bool {
		for _, c := range b {
			if isBinaryByte(c) {
				return true
			}
		}
		return false
	}
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.IntN(40))
		for j := range b {
			switch rng.IntN(4) {
			case 0:
				b[j] = byte(rng.IntN(256))
			case 1:
				b[j] = "\t\n\r\f\x7f\x00\x1f "[rng.IntN(8)]
			default:
				b[j] = byte(0x20 + rng.IntN(0x5f))
			}
		}
		if got, want := hasBinary(b), naive(b); got != want {
			t.Fatalf("hasBinary(%q) = %v, want %v", b, got, want)
		}
	}
}
