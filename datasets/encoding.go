package datasets

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"math/bits"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Encoding is the text encoding of a CSV file.
type Encoding string

// The encodings a CSV file may use.
const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	GB18030 Encoding = "gb18030"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// DetectEncoding reads the CSV file at path once and tells its encoding:
// UTF-8 (with or without a BOM) when every byte is valid UTF-8, else
// GB18030 (a superset of GBK and GB2312) when it decodes cleanly. A file
// that is empty, holds binary content, claims UTF-8 with a BOM but is not,
// or is neither is reported as a *RowError naming the first bad row. file
// is the name used in errors.
func DetectEncoding(path, file string) (Encoding, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	defer f.Close()
	return detectEncoding(f, file)
}

func detectEncoding(r io.Reader, file string) (Encoding, error) {
	enc, _, err := scanEncoding(r, file)
	return enc, err
}

// scanEncoding reads r once. It returns the encoding of a UTF-8 file, a
// located error, or errNeedGB18030 with the scanner, whose badRow is the
// first row that is not UTF-8.
func scanEncoding(r io.Reader, file string) (Encoding, *textScanner, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(3)
	if len(head) == 0 {
		return "", nil, &RowError{File: file, Row: 1, Rule: "empty_file"}
	}
	hasBOM := bytes.HasPrefix(head, bom)
	if hasBOM {
		br.Discard(3)
	}
	// First pass: is it UTF-8 text?
	sc := newTextScanner(br)
	bad, err := sc.scanUTF8()
	if err != nil {
		return "", nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	if sc.binaryAt >= 0 {
		return "", nil, &RowError{File: file, Row: sc.binaryRow, Rule: "not_text", Args: []any{sc.binaryAt}}
	}
	if !bad {
		if sc.n == 0 && !hasBOM {
			return "", nil, &RowError{File: file, Row: 1, Rule: "empty_file"}
		}
		if hasBOM {
			return UTF8BOM, nil, nil
		}
		return UTF8, nil, nil
	}
	if hasBOM {
		return "", nil, &RowError{File: file, Row: sc.badRow, Rule: "bom_not_utf8"}
	}
	if sc.mostlyUTF8() {
		// a UTF-8 file with a stray byte: decoding it as GB18030 would
		// fail at its first Chinese row, far from the byte, or worse,
		// succeed and garble every Chinese cell
		return "", nil, &RowError{File: file, Row: sc.badRow, Rule: "bad_utf8"}
	}
	return "", sc, errNeedGB18030
}

var errNeedGB18030 = errors.New("datasets: not utf-8")

// DetectEncodingFile is DetectEncoding followed, for non-UTF-8 files, by a
// check that the file decodes cleanly as GB18030.
func DetectEncodingFile(path, file string) (Encoding, error) {
	enc, _, err := InspectCSV(path, file)
	return enc, err
}

// InspectCSV tells a CSV file's encoding (as DetectEncodingFile) and, in
// the same pass, the SHA-256 of its bytes (hex).
//
// A file that is neither UTF-8 nor GB18030 is reported at the row that
// holds the first byte of whichever encoding reads further into it: a
// GB18030 file with one bad byte at row 300 is reported at row 300, not
// at row 2 where its first Chinese text is not UTF-8, and a UTF-8 file
// with one bad byte likewise (see textScanner.mostlyUTF8).
func InspectCSV(path, file string) (Encoding, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	h := sha256.New()
	enc, sc, err := scanEncoding(io.TeeReader(f, h), file)
	f.Close()
	sum := hex.EncodeToString(h.Sum(nil))
	if !errors.Is(err, errNeedGB18030) {
		return enc, sum, err
	}
	f, err = os.Open(path)
	if err != nil {
		return "", "", &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	defer f.Close()
	enc, err = checkGB18030Row(f, file, sc.badRow)
	return enc, sum, err
}

// checkGB18030 checks that r decodes cleanly as GB18030, reporting the
// first row that does not as bad_encoding.
func checkGB18030(r io.Reader, file string) (Encoding, error) {
	return checkGB18030Row(r, file, 0)
}

// checkGB18030Row checks that r decodes cleanly as GB18030. utf8Row, when
// not 0, is the first row that is not UTF-8: a file whose GB18030 rows
// end before it is reported as a bad UTF-8 row there (bad_utf8), one
// whose GB18030 rows end after it as a bad GB18030 row (bad_gb18030),
// and one that is neither at the same row as bad_encoding.
func checkGB18030Row(r io.Reader, file string, utf8Row int) (Encoding, error) {
	dec := transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	br := bufio.NewReaderSize(dec, 1<<16)
	var rows rowCounter
	fail := func() (Encoding, error) {
		row, rule := rows.row(), "bad_encoding"
		switch {
		case utf8Row == 0 || utf8Row == row:
		case utf8Row > row:
			row, rule = utf8Row, "bad_utf8"
		default:
			rule = "bad_gb18030"
		}
		return "", &RowError{File: file, Row: row, Rule: rule}
	}
	var one [1]byte
	for {
		c, _, err := br.ReadRune()
		if err == io.EOF {
			return GB18030, nil
		}
		if err != nil || c == utf8.RuneError {
			return fail()
		}
		if c < utf8.RuneSelf {
			one[0] = byte(c)
		} else {
			one[0] = 'x' // text: what matters is that the row has some
		}
		rows.feed(one[:])
	}
}

// rowCounter counts the rows of CSV text as the readers number them: a
// record is one row, whatever line breaks its quoted fields hold, and an
// empty line (nothing, or a lone carriage return, before the line feed)
// is no row. Quotes and line breaks are ASCII in both UTF-8 and GB18030,
// so it counts raw bytes of either.
type rowCounter struct {
	ended   int  // records ended so far
	inQuote bool // inside a quoted field
	lineLen int  // bytes of the current record so far
	firstCR bool // the current record starts with a carriage return
}

// row returns the row that the next byte belongs to (the header is row 1).
func (c *rowCounter) row() int { return c.ended + 1 }

// feed counts the rows in b.
func (c *rowCounter) feed(b []byte) { c.feedText(b) }

// feedText counts the rows in b and returns the number of its bytes that
// start a multi-byte UTF-8 sequence (see countLeads), counted in the same
// pass where it can.
func (c *rowCounter) feedText(b []byte) (leads int) {
	if c.inQuote || bytes.IndexByte(b, '"') >= 0 {
		c.feedQuoted(b)
		return countLeads(b)
	}
	// no quotes, the common case: count the line feeds of the whole
	// lines at once unless one of them may be blank
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		c.add(b)
		return countLeads(b)
	}
	c.feedQuoted(b[:nl+1])
	rest := b[nl+1:]
	last := bytes.LastIndexByte(rest, '\n')
	if last < 0 {
		c.add(rest)
		return countLeads(b)
	}
	lines := rest[:last+1]
	n, leads, blank := lineStats(lines)
	if blank {
		c.feedQuoted(lines)
	} else {
		c.ended += n
	}
	c.add(rest[last+1:])
	return leads + countLeads(b[:nl+1]) + countLeads(rest[last+1:])
}

// lineStats reads whole lines (b starts a line and ends with a line feed)
// eight bytes at a time: it counts their line feeds and the bytes that
// start a multi-byte UTF-8 sequence, and reports whether a line may be
// blank (a line feed followed by a line feed or a carriage return, or
// either at the start: blank lines and lines that start with a carriage
// return, which the exact count sorts out).
func lineStats(b []byte) (newlines, leads int, blank bool) {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		low7  = 0x7f7f7f7f7f7f7f7f
	)
	// eq sets the high bit of each byte of w that equals c, exactly: no
	// carry crosses a byte
	eq := func(w, c uint64) uint64 {
		v := w ^ c*ones
		return ^((v&low7 + low7) | v) & highs
	}
	blank = len(b) > 0 && (b[0] == '\n' || b[0] == '\r')
	prevNL := false
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		nl, cr := eq(w, '\n'), eq(w, '\r')
		newlines += bits.OnesCount64(nl)
		leads += bits.OnesCount64(w & (w << 1) & highs)
		if nl&(nl<<8) != 0 || cr&(nl<<8) != 0 || prevNL && (nl|cr)&0x80 != 0 {
			blank = true
		}
		prevNL = nl>>63 != 0
		b = b[8:]
	}
	for _, x := range b {
		if (x == '\n' || x == '\r') && prevNL {
			blank = true
		}
		prevNL = x == '\n'
		if x == '\n' {
			newlines++
		}
		if x >= 0xC0 {
			leads++
		}
	}
	return newlines, leads, blank
}

// feedQuoted counts the rows in b, which may hold quotes.
func (c *rowCounter) feedQuoted(b []byte) {
	for len(b) > 0 {
		if c.inQuote {
			i := bytes.IndexByte(b, '"')
			if i < 0 {
				c.add(b)
				return
			}
			c.add(b[:i+1])
			c.inQuote = false
			b = b[i+1:]
			continue
		}
		line := b
		nl := bytes.IndexByte(b, '\n')
		if nl >= 0 {
			line = b[:nl]
		}
		if q := bytes.IndexByte(line, '"'); q >= 0 {
			c.add(line[:q+1])
			c.inQuote = true
			b = b[q+1:]
			continue
		}
		c.add(line)
		if nl < 0 {
			return
		}
		if c.lineLen > 1 || c.lineLen == 1 && !c.firstCR {
			c.ended++
		}
		c.lineLen = 0
		b = b[nl+1:]
	}
}

func (c *rowCounter) add(b []byte) {
	if c.lineLen == 0 && len(b) > 0 {
		c.firstCR = b[0] == '\r'
	}
	c.lineLen += len(b)
}

// textScanner checks a byte stream for UTF-8 validity and binary content,
// counting rows to locate the first problem.
type textScanner struct {
	r         *bufio.Reader
	n         int64
	rows      rowCounter
	badRow    int
	binaryAt  int64
	binaryRow int
	// multi counts valid multi-byte UTF-8 sequences (up to maxMulti) and
	// badBytes the bytes that start no valid sequence.
	multi, badBytes int
}

// maxMulti bounds the count of multi-byte sequences: past it a file is
// UTF-8 text beyond doubt, and the count costs time.
const maxMulti = 1 << 20

func newTextScanner(r *bufio.Reader) *textScanner {
	return &textScanner{r: r, binaryAt: -1}
}

// mostlyUTF8 reports whether a file that is not valid UTF-8 is UTF-8 text
// with a few bad bytes rather than text in another encoding: its valid
// multi-byte sequences outnumber its bad bytes more than twice. Read as
// UTF-8, GB18030 text gives about one bad byte per character and a valid
// sequence for about one character in seven.
func (s *textScanner) mostlyUTF8() bool { return s.multi > 2*s.badBytes }

// scanUTF8 reads to the end, stopping at binary content; it reports
// whether an invalid UTF-8 sequence was seen (badRow locates the first).
func (s *textScanner) scanUTF8() (bad bool, err error) {
	buf := make([]byte, 0, 1<<16+utf8.UTFMax)
	chunk := make([]byte, 1<<16)
	for {
		k, rerr := s.r.Read(chunk)
		buf = append(buf, chunk[:k]...)
		end := len(buf)
		if rerr == nil {
			// keep an incomplete trailing rune for the next chunk
			for i := 1; i <= utf8.UTFMax-1 && i <= len(buf); i++ {
				if utf8.RuneStart(buf[len(buf)-i]) {
					if !utf8.FullRune(buf[len(buf)-i:]) {
						end = len(buf) - i
					}
					break
				}
			}
		}
		// most chunks are clean text: check them a word at a time and
		// count their rows, and walk byte by byte only through a chunk
		// that has something to locate
		if chunk := buf[:end]; utf8.Valid(chunk) && !hasBinary(chunk) {
			if leads := s.rows.feedText(chunk); s.multi < maxMulti {
				s.multi += leads
			}
			s.n += int64(end)
			buf = append(buf[:0], buf[end:]...)
			if rerr == io.EOF {
				return bad, nil
			}
			if rerr != nil {
				return bad, rerr
			}
			continue
		}
		fed := 0
		for i := 0; i < end; {
			c := buf[i]
			if c < utf8.RuneSelf {
				if isBinaryByte(c) {
					s.rows.feed(buf[fed:i])
					s.binaryAt = s.n + int64(i)
					s.binaryRow = s.rows.row()
					return bad, nil
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(buf[i:end])
			if r == utf8.RuneError && size <= 1 {
				if !bad {
					s.rows.feed(buf[fed:i])
					fed = i
					bad, s.badRow = true, s.rows.row()
				}
				s.badBytes++
				i++
				continue
			}
			s.multi++
			i += size
		}
		s.rows.feed(buf[fed:end])
		s.n += int64(end)
		buf = append(buf[:0], buf[end:]...)
		if rerr == io.EOF {
			return bad, nil
		}
		if rerr != nil {
			return bad, rerr
		}
	}
}

// countLeads counts the bytes of b that start a multi-byte UTF-8 sequence
// (0xC0 and above: bits 7 and 6 set), eight bytes at a time.
func countLeads(b []byte) int {
	const highs = 0x8080808080808080
	n := 0
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		n += bits.OnesCount64(w & (w << 1) & highs) // bit 6 of each byte moved onto its bit 7
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0xC0 {
			n++
		}
	}
	return n
}

// isBinaryByte reports a byte that text does not hold: a control
// character other than tab, line feed, form feed and carriage return, or
// DEL.
func isBinaryByte(c byte) bool {
	return c == 0x7f || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
}

// hasBinary reports whether b holds a byte isBinaryByte rejects. It tests
// eight bytes at a time for a byte below 0x20 or equal to 0x7f (the
// "has less than" and "has zero byte" word tricks) and looks at the bytes
// of a flagged word one by one.
func hasBinary(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		del := w ^ (0x7f * ones)
		if (w-0x20*ones)&^w&highs != 0 || (del-ones)&^del&highs != 0 {
			for _, c := range b[:8] {
				if isBinaryByte(c) {
					return true
				}
			}
		}
		b = b[8:]
	}
	for _, c := range b {
		if isBinaryByte(c) {
			return true
		}
	}
	return false
}
