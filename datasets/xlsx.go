package datasets

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// The XLSX reader reads the workbook's zip itself, part by part, streaming
// the first sheet's XML and its shared-strings table through
// encoding/xml (the decision and the measurements: docs/benchmarks.md,
// "XLSX reading"). Every size it holds is bounded by one of these limits,
// so that no workbook, however it was made, takes more than a few hundred
// megabytes to read; past a limit the file gets a located error.
type xlsxLimits struct {
	// Rows and Columns are Excel's own: the last row and column a sheet
	// can have. CellChars is Excel's limit on a cell's text, in UTF-16
	// code units (as Excel counts).
	Rows, Columns, CellChars int
	// ZipEntries and ZipDirectory bound the zip's central directory (its
	// entries and the bytes read for them: archive/zip holds them all).
	ZipEntries, ZipDirectory int64
	// Part bounds the inflated XML of the sheet and of the shared
	// strings; Meta the other parts read (workbook, relationships).
	Part, Meta int64
	// SharedStrings and SharedText bound the shared-strings table held
	// in memory: its items and the bytes of their text.
	SharedStrings, SharedText int64
	// SheetText bounds the bytes of cell text the sheet yields, SheetCells
	// its cells (rows × header columns, empty ones included), RowText one
	// row's text.
	SheetText, SheetCells, RowText int64
	// Tag bounds an XML tag (with its attributes), TextRun a run of text
	// between two tags (longer runs are cut: inside a cell that makes the
	// cell too long, between elements it is ignorable whitespace), Depth
	// the nesting of elements.
	Tag, TextRun, Depth int
}

// limits are the XLSX reader's limits (tests lower them).
var limits = xlsxLimits{
	Rows: 1 << 20, Columns: 1 << 14, CellChars: 32767,
	ZipEntries: 10000, ZipDirectory: 4 << 20,
	Part: 1 << 30, Meta: 16 << 20,
	SharedStrings: 1 << 21, SharedText: 32 << 20,
	SheetText: 48 << 20, SheetCells: 12 << 20, RowText: 8 << 20,
	Tag: 64 << 10, TextRun: 512 << 10, Depth: 64,
}

// The rules of the XLSX reader's errors (added to Rules).
var xlsxRules = map[string]Message{
	"xlsx_zip":             {"不是有效的 XLSX 文件（zip 格式错误：%s）", "not a valid XLSX file (zip: %s)"},
	"xlsx_zip_entries":     {"XLSX 压缩包的目录超过上限（%d 个文件、%d 字节）", "the XLSX zip's directory is over its limit (%d entries, %d bytes)"},
	"xlsx_part_missing":    {"XLSX 中缺少 %s", "the XLSX has no %s"},
	"xlsx_part_too_big":    {"XLSX 中的 %s 解压后 %d 字节，超过上限 %d 字节；请将工作表另存为 CSV", "the XLSX's %s inflates to %d bytes, more than the limit of %d; save the sheet as CSV"},
	"xlsx_xml":             {"XLSX 中的 %s 不是有效的 XML：%s", "the XLSX's %s is not valid XML: %s"},
	"xlsx_shared_strings":  {"共享字符串表超过上限（%d 项、%d 字节文本）；请将工作表另存为 CSV", "the shared-strings table is over its limit (%d items, %d bytes of text); save the sheet as CSV"},
	"xlsx_shared_index":    {"共享字符串编号 %q 不存在（共 %d 项）", "shared string %q does not exist (the table has %d)"},
	"xlsx_cell_too_long":   {"单元格超过 %d 个字符（Excel 单元格的上限）", "the cell holds more than %d characters (Excel's limit for a cell)"},
	"xlsx_cell_ref":        {"单元格引用 %q 无效或不在本行", "invalid cell reference %q, or not in this row"},
	"xlsx_column_limit":    {"单元格超出 Excel 的最后一列（第 %d 列，XFD）", "the cell is past Excel's last column (%d, XFD)"},
	"xlsx_row_limit":       {"行号 %d 超出 Excel 的最后一行（%d）", "row %d is past Excel's last row (%d)"},
	"xlsx_row_order":       {"行号 %d 出现在第 %d 行之后；行号应递增", "row %d comes after row %d; row numbers must increase"},
	"xlsx_row_too_long":    {"本行文本超过上限 %d 字节", "the row's text is over the limit of %d bytes"},
	"xlsx_sheet_too_large": {"工作表超过上限（%d 个单元格，即行数 × 表头列数；%d 字节文本）；请将工作表另存为 CSV", "the sheet is over its limit (%d cells, rows × header columns; %d bytes of text); save the sheet as CSV"},
}

func init() {
	for k, v := range xlsxRules {
		Rules[k] = v
	}
}

// OpenXLSX opens the first sheet of the workbook at path as a streaming
// Reader; row 1 is the header. Cells are read as stored (raw values), so a
// code kept as a number reads as its digits. A header with merged cells is
// an error. file is the name used in errors.
func OpenXLSX(path, file string, mem memory.Allocator) (Reader, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	r, err := NewXLSXReader(fh, st.Size(), file, mem)
	if err != nil {
		fh.Close()
		return nil, err
	}
	r.(*batcher).src.(*xlsxSource).closer = fh
	return r, nil
}

// NewXLSXReader reads the workbook of size bytes in r (see OpenXLSX).
func NewXLSXReader(r io.ReaderAt, size int64, file string, mem memory.Allocator) (rd Reader, err error) {
	defer func() {
		// the parsing is ours, but a bug on untrusted bytes is a bad file,
		// not a crash
		if p := recover(); p != nil {
			rd, err = nil, &RowError{File: file, Rule: "bad_file", Args: []any{fmt.Sprint(p)}}
		}
	}()
	wb, rerr := openWorkbook(r, size, file)
	if rerr != nil {
		return nil, rerr
	}
	merged, rerr := wb.mergedHeader()
	if rerr != nil {
		return nil, rerr
	}
	if len(merged) > 0 {
		return nil, &RowError{File: file, Row: 1, Column: strings.SplitN(merged[0], ":", 2)[0], Rule: "merged_header", Args: []any{strings.Join(merged, ", ")}}
	}
	sst, rerr := wb.sharedStrings()
	if rerr != nil {
		return nil, rerr
	}
	src, rerr := wb.rows(sst)
	if rerr != nil {
		return nil, rerr
	}
	var errs []*RowError
	src.errs = &errs
	header, row, ok := src.next()
	if !ok || row != 1 || isBlank(header) {
		src.close()
		if len(errs) > 0 {
			return nil, errs[0]
		}
		return nil, &RowError{File: file, Row: 1, Rule: "empty_file"}
	}
	// trailing empty header cells are not columns
	for len(header) > 0 && strings.TrimSpace(header[len(header)-1]) == "" {
		header = header[:len(header)-1]
	}
	src.width = len(header)
	src.header = append([]string(nil), header...)
	return newBatcher(mem, file, append([]string(nil), header...), src, &errs), nil
}

// workbook is an opened XLSX: its zip and where its first sheet and its
// shared strings are.
type workbook struct {
	file  string
	parts map[string]*zip.File // by lower-case name
	sheet string               // the first sheet's part
	sst   string               // the shared strings' part, or ""
}

// err is a RowError of the workbook's file.
func (wb *workbook) err(row int, col, rule string, args ...any) *RowError {
	return &RowError{File: wb.file, Row: row, Column: col, Rule: rule, Args: args}
}

// openWorkbook opens the zip and finds the first sheet and the shared
// strings through the package's and the workbook's relationships.
func openWorkbook(r io.ReaderAt, size int64, file string) (*workbook, *RowError) {
	wb := &workbook{file: file, parts: map[string]*zip.File{}}
	if size == 0 {
		return nil, wb.err(1, "", "empty_file")
	}
	// archive/zip keeps every central-directory entry it reads: read the
	// directory within a budget of bytes, then lift it for the parts
	br := &budgetReaderAt{r: r, left: limits.ZipDirectory + 128<<10}
	zr, err := zip.NewReader(br, size)
	br.left = 1<<63 - 1
	if errors.Is(err, errZipDirectory) || err == nil && int64(len(zr.File)) > limits.ZipEntries {
		return nil, wb.err(0, "", "xlsx_zip_entries", limits.ZipEntries, limits.ZipDirectory)
	}
	if err != nil {
		return nil, wb.err(0, "", "xlsx_zip", err.Error())
	}
	for _, f := range zr.File {
		wb.parts[partKey(f.Name)] = f
	}
	// the workbook part: where the package relationships say, or the usual place
	book := "xl/workbook.xml"
	pkg, rerr := wb.relationships("_rels/.rels")
	if rerr != nil {
		return nil, rerr
	}
	for _, rel := range pkg {
		if strings.HasSuffix(rel.typ, "/officeDocument") {
			book = resolvePart("", rel.target)
			break
		}
	}
	if wb.parts[partKey(book)] == nil {
		return nil, wb.err(0, "", "xlsx_part_missing", book)
	}
	sheetID, rerr := wb.firstSheet(book)
	if rerr != nil {
		return nil, rerr
	}
	relsPath := path.Join(path.Dir(book), "_rels", path.Base(book)+".rels")
	rels, rerr := wb.relationships(relsPath)
	if rerr != nil {
		return nil, rerr
	}
	for _, rel := range rels {
		switch {
		case rel.id == sheetID && sheetID != "":
			wb.sheet = resolvePart(path.Dir(book), rel.target)
		case strings.HasSuffix(rel.typ, "/sharedStrings") && wb.sst == "":
			wb.sst = resolvePart(path.Dir(book), rel.target)
		}
	}
	if wb.sheet == "" {
		return nil, wb.err(1, "", "empty_file")
	}
	if wb.parts[partKey(wb.sheet)] == nil {
		return nil, wb.err(0, "", "xlsx_part_missing", wb.sheet)
	}
	if wb.sst != "" && wb.parts[partKey(wb.sst)] == nil {
		wb.sst = "" // a dangling relationship: no shared strings (a cell that uses one is an error)
	}
	return wb, nil
}

func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// resolvePart resolves a relationship's target against the folder of the
// part that holds the relationships.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return path.Clean(path.Join(dir, target))
}

// open opens a part for reading, refusing one that inflates past max.
func (wb *workbook) open(name string, max int64) (io.ReadCloser, *RowError) {
	f := wb.parts[partKey(name)]
	if f == nil {
		return nil, wb.err(0, "", "xlsx_part_missing", name)
	}
	if f.UncompressedSize64 > uint64(max) {
		return nil, wb.err(0, "", "xlsx_part_too_big", name, f.UncompressedSize64, max)
	}
	rc, err := f.Open() // archive/zip fails a part that inflates past its declared size
	if err != nil {
		return nil, wb.err(0, "", "xlsx_zip", err.Error())
	}
	return rc, nil
}

type relationship struct{ id, typ, target string }

// relationships reads a relationships part; a missing one has none.
func (wb *workbook) relationships(name string) ([]relationship, *RowError) {
	if wb.parts[partKey(name)] == nil {
		return nil, nil
	}
	var rels []relationship
	err := wb.scan(name, limits.Meta, func(t xml.StartElement) {
		if t.Name.Local == "Relationship" {
			rels = append(rels, relationship{attr(t, "Id"), attr(t, "Type"), attr(t, "Target")})
		}
	})
	return rels, err
}

// firstSheet returns the relationship id of the workbook's first sheet.
func (wb *workbook) firstSheet(book string) (string, *RowError) {
	id, found := "", false
	err := wb.scan(book, limits.Meta, func(t xml.StartElement) {
		if t.Name.Local == "sheet" && !found {
			found = true
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
		}
	})
	return id, err
}

// scan calls fn with every start element of a small part.
func (wb *workbook) scan(name string, max int64, fn func(xml.StartElement)) *RowError {
	rc, rerr := wb.open(name, max)
	if rerr != nil {
		return rerr
	}
	defer rc.Close()
	x := newXMLStream(rc)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return wb.err(0, "", "xlsx_xml", name, err.Error())
		}
		if t, ok := tok.(xml.StartElement); ok {
			fn(t)
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// mergedHeader returns the merged ranges that touch row 1. The merged
// cells come after the rows in a sheet's XML, so this is a pass of its own
// over the inflated bytes, looking for mergeCell tags only.
func (wb *workbook) mergedHeader() ([]string, *RowError) {
	rc, rerr := wb.open(wb.sheet, limits.Part)
	if rerr != nil {
		return nil, rerr
	}
	defer rc.Close()
	refs, err := scanMergeCells(rc)
	if err != nil {
		return nil, wb.err(0, "", "xlsx_zip", err.Error())
	}
	var inHeader []string
	for _, ref := range refs {
		a, b, _ := strings.Cut(ref, ":")
		_, r1, ok1 := cellRef(a)
		_, r2, ok2 := cellRef(b)
		if ok1 && ok2 && min(r1, r2) <= 1 {
			inHeader = append(inHeader, strings.ToUpper(ref))
		}
	}
	return inHeader, nil
}

// scanMergeCells returns the ref attribute of every mergeCell tag in the
// XML r (with or without a namespace prefix), reading it in chunks.
func scanMergeCells(r io.Reader) ([]string, error) {
	const tail = 1 << 10 // a mergeCell tag is far shorter
	buf := make([]byte, 256<<10)
	var refs []string
	keep := 0
	for {
		n, err := io.ReadFull(r, buf[keep:])
		end := keep + n
		last := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !last {
			return nil, err
		}
		chunk := buf[:end]
		// tags that start in the last `tail` bytes are looked at with the next chunk
		limit := end
		if !last {
			limit = max(end-tail, 0)
		}
		for i := 0; i < limit; {
			j := bytes.Index(chunk[i:limit], []byte("mergeCell"))
			if j < 0 {
				break
			}
			at := i + j
			i = at + len("mergeCell")
			if ref, ok := mergeCellRef(chunk, at); ok && len(refs) < 1000 {
				refs = append(refs, ref)
			}
		}
		if last {
			return refs, nil
		}
		keep = copy(buf, chunk[limit:end])
	}
}

// mergeCellRef reads the tag whose name "mergeCell" starts at at: '<',
// an optional prefix, the name, then whitespace; it returns its ref.
func mergeCellRef(b []byte, at int) (string, bool) {
	k := at - 1
	for k >= 0 && k > at-64 && isNameByte(b[k]) {
		k--
	}
	if k < 0 || b[k] != '<' {
		return "", false
	}
	if k != at-1 && b[at-1] != ':' {
		return "", false
	}
	rest := b[at+len("mergeCell"):]
	if len(rest) == 0 || !(rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r') {
		return "", false
	}
	if e := bytes.IndexByte(rest, '>'); e >= 0 {
		rest = rest[:e]
	}
	i := bytes.Index(rest, []byte("ref="))
	if i < 0 || i+5 > len(rest) {
		return "", false
	}
	q := rest[i+4]
	v := rest[i+5:]
	e := bytes.IndexByte(v, q)
	if e < 0 {
		return "", false
	}
	return string(v[:e]), true
}

func isNameByte(c byte) bool {
	return c == ':' || c == '_' || c == '-' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// sharedStringTable holds the shared strings' text in one buffer.
type sharedStringTable struct {
	text []byte
	end  []uint32         // item i is text[end[i-1]:end[i]]
	long map[int]struct{} // items longer than a cell may be
}

func (t *sharedStringTable) len() int { return len(t.end) }

func (t *sharedStringTable) get(i int) (string, bool) {
	if _, ok := t.long[i]; ok {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = t.end[i-1]
	}
	return string(t.text[start:t.end[i]]), true
}

// sharedStrings reads the shared-strings table: each item's text is its
// t element, or its runs' t elements joined (phonetic runs left out), as
// Excel shows it.
func (wb *workbook) sharedStrings() (*sharedStringTable, *RowError) {
	t := &sharedStringTable{long: map[int]struct{}{}}
	if wb.sst == "" {
		return t, nil
	}
	rc, rerr := wb.open(wb.sst, limits.Part)
	if rerr != nil {
		return nil, rerr
	}
	defer rc.Close()
	x := newXMLStream(rc)
	over := func() *RowError {
		return wb.err(0, "", "xlsx_shared_strings", limits.SharedStrings, limits.SharedText)
	}
	var item cellText
	in := false
	for {
		tok, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, wb.err(0, "", "xlsx_xml", wb.sst, err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "si" && !in {
				in = true
				item.reset(x)
				continue
			}
			if in {
				item.start(tok.Name.Local)
			}
		case xml.EndElement:
			if !in {
				continue
			}
			if tok.Name.Local == "si" && item.depth == 0 {
				in = false
				if int64(len(t.end)) >= limits.SharedStrings {
					return nil, over()
				}
				s, ok := item.value(x)
				if !ok {
					t.long[len(t.end)] = struct{}{}
					s = ""
				}
				if int64(len(t.text)+len(s)) > limits.SharedText {
					return nil, over()
				}
				t.text = append(t.text, s...)
				t.end = append(t.end, uint32(len(t.text)))
				continue
			}
			item.end()
		case xml.CharData:
			if in {
				item.char(tok)
			}
		}
	}
	return t, nil
}

// cellText gathers the text of a shared string item or of an inline
// string (is): the t elements directly inside it or inside its runs (r);
// the phonetic runs (rPh) are left out. It stops gathering past the
// cell limit.
type cellText struct {
	b     []byte
	path  [3]string // the open elements below the item, as deep as it matters
	depth int
	cuts  int // the stream's cut text runs when the item began
	long  bool
}

func (c *cellText) reset(x *xmlStream) {
	c.b, c.depth, c.cuts, c.long = c.b[:0], 0, x.g.cuts, false
}

func (c *cellText) start(name string) {
	if c.depth < len(c.path) {
		c.path[c.depth] = name
	}
	c.depth++
}

func (c *cellText) end() {
	if c.depth > 0 {
		c.depth--
	}
}

func (c *cellText) char(b []byte) {
	in := c.depth == 1 && c.path[0] == "t" || c.depth == 2 && c.path[0] == "r" && c.path[1] == "t"
	if !in || c.long {
		return
	}
	if len(c.b)+len(b) > 4*limits.CellChars { // more bytes than the longest cell's UTF-8
		c.long = true
		return
	}
	c.b = append(c.b, b...)
}

// value returns the text, its _xHHHH_ escapes decoded, or ok=false when it
// is longer than a cell may be.
func (c *cellText) value(x *xmlStream) (string, bool) {
	if c.long || x.g.cuts != c.cuts {
		return "", false
	}
	s := unescapeOOXML(string(c.b))
	return s, utf16Len(s) <= limits.CellChars
}

// utf16Len counts s in UTF-16 code units, as Excel counts characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// unescapeOOXML decodes the _xHHHH_ escapes of shared and inline strings
// (ECMA-376 22.9.2.19: a character XML cannot hold, such as _x000D_, or
// _x005F_ for a literal underscore), as excelize does.
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if v, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				if v < 0xD800 || v > 0xDFFF {
					b.WriteRune(rune(v))
				}
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// rows opens the sheet's rows.
func (wb *workbook) rows(sst *sharedStringTable) (*xlsxSource, *RowError) {
	rc, rerr := wb.open(wb.sheet, limits.Part)
	if rerr != nil {
		return nil, rerr
	}
	return &xlsxSource{wb: wb, rc: rc, x: newXMLStream(rc), sst: sst}, nil
}

// xlsxSource streams a sheet's rows.
type xlsxSource struct {
	wb     *workbook
	rc     io.ReadCloser
	closer io.Closer // the file
	x      *xmlStream
	sst    *sharedStringTable
	row    int
	width  int
	header []string
	errs   *[]*RowError
	done   bool
	text   int64 // cell bytes yielded
	cells  int64 // cells yielded (rows × width)
	cell   cellText
}

// column names column c (1-based) in errors: as the header spells it,
// or by its letters past the header.
func (s *xlsxSource) column(c int) string {
	if c >= 1 && c <= len(s.header) && strings.TrimSpace(s.header[c-1]) != "" {
		return s.header[c-1]
	}
	return columnName(c)
}

// fail lists e and ends the rows.
func (s *xlsxSource) fail(e *RowError) (cells []string, row int, ok bool) {
	*s.errs = append(*s.errs, e)
	s.done = true
	return nil, 0, false
}

// next returns the next row that has an element in the sheet (blank rows
// between them have none), with the sheet's own row number. A row with a
// cell that is too long is left out (the error is listed).
func (s *xlsxSource) next() (cells []string, row int, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			cells, row, ok = s.fail(s.wb.err(s.row, "", "bad_file", fmt.Sprint(p)))
		}
	}()
	for !s.done {
		tok, err := s.x.next()
		if err == io.EOF {
			s.done = true
			break
		}
		if err != nil {
			return s.fail(s.wb.err(s.row+1, "", "xlsx_xml", s.wb.sheet, err.Error()))
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "row" {
				continue
			}
			cells, row, skip, rerr := s.readRow(tok)
			if rerr != nil {
				return s.fail(rerr)
			}
			if skip {
				if len(*s.errs) >= MaxReadErrors {
					s.done = true
				}
				continue
			}
			return cells, row, true
		case xml.EndElement:
			if tok.Name.Local == "sheetData" {
				s.done = true // what follows (merged cells, ...) is not rows
			}
		}
	}
	return nil, 0, false
}

// readRow reads one row element's cells. skip reports a row left out
// because a cell was too long (its error is listed).
func (s *xlsxSource) readRow(start xml.StartElement) (cells []string, row int, skip bool, rerr *RowError) {
	row = s.row + 1
	if r := attr(start, "r"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 {
			return nil, row, false, s.wb.err(row, "", "xlsx_cell_ref", r)
		}
		row = n
	}
	if row <= s.row {
		return nil, row, false, s.wb.err(row, "", "xlsx_row_order", row, s.row)
	}
	if row > limits.Rows {
		return nil, row, false, s.wb.err(row, "", "xlsx_row_limit", row, limits.Rows)
	}
	s.row = row
	var rowText int64
	col := 0
	for {
		tok, err := s.x.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, row, false, s.wb.err(row, "", "xlsx_xml", s.wb.sheet, err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "c" {
				continue // row extensions and the like
			}
			c := col + 1
			if r := attr(tok, "r"); r != "" {
				cc, rr, ok := cellRef(r)
				if !ok || rr != row || cc <= col {
					return nil, row, false, s.wb.err(row, "", "xlsx_cell_ref", r)
				}
				c = cc
			}
			if c > limits.Columns {
				return nil, row, false, s.wb.err(row, columnName(limits.Columns+1), "xlsx_column_limit", limits.Columns)
			}
			col = c
			v, cerr := s.readCell(tok, row, c)
			if cerr != nil {
				if cerr.Rule != "xlsx_cell_too_long" {
					return nil, row, false, cerr
				}
				*s.errs = append(*s.errs, cerr)
				skip = true
				continue
			}
			if skip || v == "" {
				continue
			}
			if s.width > 0 && c > s.width {
				v = "?" // past the header: only whether it is empty matters
			}
			rowText += int64(len(v))
			s.text += int64(len(v))
			if rowText > limits.RowText {
				return nil, row, false, s.wb.err(row, "", "xlsx_row_too_long", limits.RowText)
			}
			if s.text > limits.SheetText {
				return nil, row, false, s.wb.err(row, "", "xlsx_sheet_too_large", limits.SheetCells, limits.SheetText)
			}
			for len(cells) < c-1 {
				cells = append(cells, "")
			}
			cells = append(cells, v)
		case xml.EndElement:
			if tok.Name.Local != "row" {
				continue
			}
			if skip {
				return nil, row, true, nil
			}
			if s.width > 0 && len(cells) > 0 {
				s.cells += int64(max(s.width, len(cells)))
				if s.cells > limits.SheetCells {
					return nil, row, false, s.wb.err(row, "", "xlsx_sheet_too_large", limits.SheetCells, limits.SheetText)
				}
				// a row may stop early (empty trailing cells); cells past
				// the header must be empty (the batcher reports them)
				for len(cells) < s.width {
					cells = append(cells, "")
				}
			}
			return cells, row, false, nil
		}
	}
}

// readCell reads a cell element (its start already read) and returns its
// value as stored: a shared string's text, an inline string's, or the
// v element's text for numbers, booleans, dates, errors and formula
// strings.
func (s *xlsxSource) readCell(start xml.StartElement, row, col int) (string, *RowError) {
	typ := attr(start, "t")
	var v []byte
	var path [2]string
	depth := 0
	cuts := s.x.g.cuts
	long := false
	inline := &s.cell
	inline.reset(s.x)
	hasIS := false
	for {
		tok, err := s.x.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", s.wb.err(row, s.column(col), "xlsx_xml", s.wb.sheet, err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth < len(path) {
				path[depth] = tok.Name.Local
			}
			if depth == 0 && tok.Name.Local == "is" {
				hasIS = true
			}
			if depth >= 1 && path[0] == "is" {
				inline.start(tok.Name.Local)
			}
			depth++
		case xml.EndElement:
			if depth == 0 { // the cell's own end
				if long || s.x.g.cuts != cuts {
					return "", s.wb.err(row, s.column(col), "xlsx_cell_too_long", limits.CellChars)
				}
				return s.value(typ, v, hasIS, inline, row, col)
			}
			depth--
			if depth >= 1 && path[0] == "is" {
				inline.end()
			}
		case xml.CharData:
			switch {
			case depth == 1 && path[0] == "v":
				if len(v)+len(tok) > 4*limits.CellChars {
					long = true
				} else if !long {
					v = append(v, tok...)
				}
			case depth >= 2 && path[0] == "is":
				inline.char(tok)
			}
		}
	}
}

func (s *xlsxSource) value(typ string, v []byte, hasIS bool, inline *cellText, row, col int) (string, *RowError) {
	tooLong := func() (string, *RowError) {
		return "", s.wb.err(row, s.column(col), "xlsx_cell_too_long", limits.CellChars)
	}
	switch typ {
	case "s":
		if len(v) == 0 {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(v)))
		if err != nil || i < 0 || i >= s.sst.len() {
			return "", s.wb.err(row, s.column(col), "xlsx_shared_index", string(v), s.sst.len())
		}
		text, ok := s.sst.get(i)
		if !ok {
			return tooLong()
		}
		return text, nil
	case "inlineStr":
		if !hasIS {
			break // no is element: the v element, as excelize reads it
		}
		text, ok := inline.value(s.x)
		if !ok {
			return tooLong()
		}
		return text, nil
	}
	text := string(v)
	if len(text) > limits.CellChars && utf16Len(text) > limits.CellChars {
		return tooLong()
	}
	return text, nil
}

func (s *xlsxSource) close() error {
	var err error
	if s.rc != nil {
		err = s.rc.Close()
		s.rc = nil
	}
	if s.closer != nil {
		if cerr := s.closer.Close(); err == nil {
			err = cerr
		}
		s.closer = nil
	}
	return err
}

// cellRef parses a cell reference such as B12 (case-insensitive, $ not
// allowed) into its column and row numbers.
func cellRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || i == len(ref) || len(ref)-i > 8 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(ref[i:])
	if err != nil || n < 1 || ref[i] == '+' || ref[i] == '-' {
		return 0, 0, false
	}
	return col, n, true
}

// columnName is the spreadsheet name of column n (1 = A).
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// xmlStream is an encoding/xml decoder over a guarded stream, with the
// nesting of elements bounded and checked (RawToken, which skips the
// namespace bookkeeping that Token does, with a stack of our own).
type xmlStream struct {
	g     *xmlGuard
	d     *xml.Decoder
	stack []xml.Name
}

func newXMLStream(r io.Reader) *xmlStream {
	g := &xmlGuard{r: r, buf: make([]byte, 64<<10)}
	d := xml.NewDecoder(g)
	d.Strict = true
	return &xmlStream{g: g, d: d}
}

var errTooDeep = errors.New("elements nested too deep")

// next returns the next token: start and end elements and text (other
// tokens are skipped). The token is valid until the next call; names
// keep their prefixes (the elements are matched by local name).
func (x *xmlStream) next() (xml.Token, error) {
	for {
		tok, err := x.d.RawToken()
		if err != nil {
			if errors.Is(x.g.err, errTagTooLong) {
				return nil, errTagTooLong
			}
			if err == io.EOF && len(x.stack) > 0 {
				return nil, fmt.Errorf("unexpected end of the XML: <%s> not closed", x.stack[len(x.stack)-1].Local)
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(x.stack) >= limits.Depth {
				return nil, errTooDeep
			}
			x.stack = append(x.stack, t.Name)
			return t, nil
		case xml.EndElement:
			if len(x.stack) == 0 || x.stack[len(x.stack)-1] != t.Name {
				return nil, fmt.Errorf("XML syntax error on line %d: unexpected </%s>", x.line(), t.Name.Local)
			}
			x.stack = x.stack[:len(x.stack)-1]
			return t, nil
		case xml.CharData:
			return t, nil
		}
	}
}

// line is the decoder's line.
func (x *xmlStream) line() int {
	line, _ := x.d.InputPos()
	return line
}

// xmlGuard passes an XML byte stream through to the decoder while bounding
// what the decoder would hold: a tag longer than limits.Tag is an error,
// and a run of text longer than limits.TextRun is cut (the rest of it,
// up to the next '<', is dropped and cuts counts it), so that a token
// is never larger than that. The cut falls after a character and outside
// a character reference. It is an io.ByteReader, so the decoder reads no
// further than the token it returns.
type xmlGuard struct {
	r     io.Reader
	buf   []byte
	i, n  int
	err   error
	inTag bool
	run   int // bytes in the current tag or text run
	skip  bool
	extra int // bytes let through past the text limit, looking for a place to cut
	cuts  int
}

var errTagTooLong = errors.New("a tag longer than the limit")

func (g *xmlGuard) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := g.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		p[n] = b
		n++
		if g.i == g.n {
			break
		}
	}
	return n, nil
}

func (g *xmlGuard) ReadByte() (byte, error) {
	for {
		if g.i == g.n {
			if g.err != nil {
				return 0, g.err
			}
			n, err := g.r.Read(g.buf)
			g.i, g.n = 0, n
			if err != nil {
				g.err = err
			}
			continue
		}
		b := g.buf[g.i]
		g.i++
		switch {
		case b == '<':
			g.inTag, g.run, g.skip, g.extra = true, 0, false, 0
			return b, nil
		case g.inTag:
			if b == '>' {
				g.inTag, g.run = false, 0
				return b, nil
			}
			g.run++
			if g.run > limits.Tag {
				g.err, g.i, g.n = errTagTooLong, 0, 0
				return 0, g.err
			}
			return b, nil
		case g.skip:
			// drop up to the next '<'
			if k := bytes.IndexByte(g.buf[g.i:g.n], '<'); k >= 0 {
				g.i += k
			} else {
				g.i = g.n
			}
			continue
		}
		g.run++
		if g.run <= limits.TextRun {
			return b, nil
		}
		// past the limit: cut before an '&' or a character's first byte,
		// or right after a ';' (the end of a character reference)
		switch {
		case b == '&' || g.extra >= 16 && b&0xC0 != 0x80:
			g.skip = true
			g.cuts++
			continue
		case b == ';':
			g.skip = true
			g.cuts++
		}
		g.extra++
		return b, nil
	}
}

// budgetReaderAt fails any read past a budget of bytes.
type budgetReaderAt struct {
	r    io.ReaderAt
	left int64
}

var errZipDirectory = errors.New("the zip's directory is over the limit")

func (b *budgetReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if int64(len(p)) > b.left {
		return 0, errZipDirectory
	}
	b.left -= int64(len(p))
	return b.r.ReadAt(p, off)
}
