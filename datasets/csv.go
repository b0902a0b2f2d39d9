package datasets

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// OpenCSV opens the CSV file at path, decoding it from enc (see
// DetectEncodingFile), and returns a streaming Reader. file is the name
// used in errors. mem may be nil (the default allocator).
func OpenCSV(path, file string, enc Encoding, mem memory.Allocator) (Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	r, err := NewCSVReader(f, file, enc, mem)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.(*batcher).src.(*csvSource).closer = f
	return r, nil
}

// NewCSVReader returns a streaming Reader over the CSV text in r, encoded
// as enc. The header row must be present; an empty input is an error.
func NewCSVReader(r io.Reader, file string, enc Encoding, mem memory.Allocator) (Reader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var text io.Reader = br
	switch enc {
	case GB18030:
		text = transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder())
	default:
		if head, _ := br.Peek(3); len(head) == 3 && head[0] == bom[0] && head[1] == bom[1] && head[2] == bom[2] {
			br.Discard(3)
		}
	}
	cr := csv.NewReader(text)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	src := &csvSource{r: cr, file: file, row: 1}
	var errs []*RowError
	src.errs = &errs
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &RowError{File: file, Row: 1, Rule: "empty_file"}
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	header = append([]string(nil), header...)
	return newBatcher(mem, file, header, src, &errs), nil
}

type csvSource struct {
	r      *csv.Reader
	file   string
	row    int
	errs   *[]*RowError
	closer io.Closer
}

func (s *csvSource) next() ([]string, int, bool) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return nil, 0, false
	}
	if err != nil {
		*s.errs = append(*s.errs, csvError(s.file, err))
		return nil, 0, false
	}
	s.row++
	return rec, s.row, true
}

func (s *csvSource) close() error {
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}

func csvError(file string, err error) *RowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &RowError{File: file, Row: pe.StartLine, Rule: "csv_syntax", Args: []any{pe.Err.Error()}}
	}
	return &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
}
