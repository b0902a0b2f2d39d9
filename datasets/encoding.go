package datasets

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
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
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(3)
	if len(head) == 0 {
		return "", &RowError{File: file, Row: 1, Rule: "empty_file"}
	}
	hasBOM := bytes.HasPrefix(head, bom)
	if hasBOM {
		br.Discard(3)
	}
	// First pass: is it UTF-8 text?
	sc := newTextScanner(br)
	bad, err := sc.scanUTF8()
	if err != nil {
		return "", &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	if sc.binaryAt >= 0 {
		return "", &RowError{File: file, Row: sc.binaryRow, Rule: "not_text", Args: []any{sc.binaryAt}}
	}
	if !bad {
		if sc.n == 0 && !hasBOM {
			return "", &RowError{File: file, Row: 1, Rule: "empty_file"}
		}
		if hasBOM {
			return UTF8BOM, nil
		}
		return UTF8, nil
	}
	if hasBOM {
		return "", &RowError{File: file, Row: sc.badRow, Rule: "bom_not_utf8"}
	}
	return "", errNeedGB18030
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
func InspectCSV(path, file string) (Encoding, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	h := sha256.New()
	enc, err := detectEncoding(io.TeeReader(f, h), file)
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
	enc, err = checkGB18030(f, file)
	return enc, sum, err
}

func checkGB18030(r io.Reader, file string) (Encoding, error) {
	dec := transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	br := bufio.NewReaderSize(dec, 1<<16)
	row := 1
	for {
		c, _, err := br.ReadRune()
		if err == io.EOF {
			return GB18030, nil
		}
		if err != nil {
			return "", &RowError{File: file, Row: row, Rule: "bad_encoding"}
		}
		switch {
		case c == '\n':
			row++
		case c == utf8.RuneError:
			return "", &RowError{File: file, Row: row, Rule: "bad_encoding"}
		}
	}
}

// textScanner checks a byte stream for UTF-8 validity and binary content,
// counting rows (lines) to locate the first problem.
type textScanner struct {
	r         *bufio.Reader
	n         int64
	row       int
	badRow    int
	binaryAt  int64
	binaryRow int
}

func newTextScanner(r *bufio.Reader) *textScanner {
	return &textScanner{r: r, row: 1, binaryAt: -1}
}

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
			s.row += bytes.Count(chunk, newline)
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
		for i := 0; i < end; {
			c := buf[i]
			if c < utf8.RuneSelf {
				switch {
				case c == '\n':
					s.row++
				case isBinaryByte(c):
					s.binaryAt = s.n + int64(i)
					s.binaryRow = s.row
					return bad, nil
				}
				i++
				continue
			}
			r, size := utf8.DecodeRune(buf[i:end])
			if r == utf8.RuneError && size <= 1 {
				if !bad {
					bad, s.badRow = true, s.row
				}
				i++
				continue
			}
			i += size
		}
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

var newline = []byte{'\n'}

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
