package datasets

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/xuri/excelize/v2"
)

// OpenXLSX opens the first sheet of the workbook at path as a streaming
// Reader; row 1 is the header. Cells are read as stored (raw values), so a
// code kept as a number reads as its digits. A header with merged cells is
// an error. file is the name used in errors.
func OpenXLSX(path, file string, mem memory.Allocator) (Reader, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	defer fh.Close()
	return NewXLSXReader(fh, file, mem)
}

// NewXLSXReader reads a workbook from r (see OpenXLSX).
func NewXLSXReader(in io.Reader, file string, mem memory.Allocator) (r Reader, err error) {
	defer func() {
		// excelize is third-party code reading untrusted bytes: a panic
		// there is a bad file, not a crash.
		if p := recover(); p != nil {
			r, err = nil, &RowError{File: file, Rule: "bad_file", Args: []any{fmt.Sprint(p)}}
		}
	}()
	f, err := excelize.OpenReader(in, excelize.Options{UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, &RowError{File: file, Row: 1, Rule: "empty_file"}
	}
	sheet := sheets[0]
	merged, err := f.GetMergeCells(sheet)
	if err != nil {
		f.Close()
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	var inHeader []string
	first := ""
	for _, m := range merged {
		_, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		if err1 == nil && r1 == 1 {
			if first == "" {
				first = m.GetStartAxis()
			}
			inHeader = append(inHeader, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	if len(inHeader) > 0 {
		f.Close()
		return nil, &RowError{File: file, Row: 1, Column: first, Rule: "merged_header", Args: []any{strings.Join(inHeader, ", ")}}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, &RowError{File: file, Rule: "bad_file", Args: []any{err.Error()}}
	}
	src := &xlsxSource{f: f, rows: rows, file: file}
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
	return newBatcher(mem, file, append([]string(nil), header...), src, &errs), nil
}

type xlsxSource struct {
	f     *excelize.File
	rows  *excelize.Rows
	file  string
	row   int
	width int
	errs  *[]*RowError
}

func (s *xlsxSource) next() (cells []string, row int, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			*s.errs = append(*s.errs, &RowError{File: s.file, Row: s.row, Rule: "bad_file", Args: []any{fmt.Sprint(p)}})
			cells, row, ok = nil, 0, false
		}
	}()
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			*s.errs = append(*s.errs, &RowError{File: s.file, Row: s.row + 1, Rule: "bad_file", Args: []any{err.Error()}})
		}
		return nil, 0, false
	}
	s.row++
	cols, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		*s.errs = append(*s.errs, &RowError{File: s.file, Row: s.row, Rule: "bad_file", Args: []any{err.Error()}})
		return nil, 0, false
	}
	if s.width > 0 {
		// a row may stop early (empty trailing cells) or carry cells past
		// the header; cells past the header must be empty
		if len(cols) < s.width {
			cols = append(cols, make([]string, s.width-len(cols))...)
		} else if len(cols) > s.width {
			extra := cols[s.width:]
			if isBlank(extra) {
				cols = cols[:s.width]
			}
		}
	}
	return cols, s.row, true
}

func (s *xlsxSource) close() error {
	if s.rows != nil {
		s.rows.Close()
	}
	return s.f.Close()
}
