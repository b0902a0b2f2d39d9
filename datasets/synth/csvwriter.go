package synth

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// progressEvery is how many rows pass between two Progress calls.
const progressEvery = 100_000

// tableWriter streams the rows of one CSV file through a bufio.Writer,
// building each line in a reused buffer so that writing allocates nothing
// per row.
type tableWriter struct {
	name     string
	f        *os.File
	bw       *bufio.Writer
	line     []byte
	fields   int
	rows     int64
	bytes    int64
	progress func(string, int64)
	err      error
}

// createTable creates dir/name.csv and writes its header.
func createTable(dir, name string, header []string, progress func(string, int64)) (*tableWriter, error) {
	f, err := os.Create(filepath.Join(dir, name+".csv"))
	if err != nil {
		return nil, err
	}
	tw := &tableWriter{name: name, f: f, bw: bufio.NewWriterSize(f, 1<<20), line: make([]byte, 0, 256), progress: progress}
	for _, h := range header {
		tw.str(h)
	}
	tw.writeLine()
	return tw, tw.err
}

func (t *tableWriter) sep() {
	if t.fields > 0 {
		t.line = append(t.line, ',')
	}
	t.fields++
}

// str appends a text cell, quoting it only if it needs to be.
func (t *tableWriter) str(s string) {
	t.sep()
	if !strings.ContainsAny(s, ",\"\r\n") {
		t.line = append(t.line, s...)
		return
	}
	t.line = append(t.line, '"')
	t.line = append(t.line, strings.ReplaceAll(s, `"`, `""`)...)
	t.line = append(t.line, '"')
}

// int appends an integer cell.
func (t *tableWriter) int(v int64) {
	t.sep()
	t.line = strconv.AppendInt(t.line, v, 10)
}

// fixed appends a number with prec decimals.
func (t *tableWriter) fixed(v float64, prec int) {
	t.sep()
	t.line = strconv.AppendFloat(t.line, v, 'f', prec, 64)
}

// null appends an empty cell.
func (t *tableWriter) null() { t.sep() }

// writeLine ends the current line without counting it as a row.
func (t *tableWriter) writeLine() {
	t.line = append(t.line, '\n')
	if t.err == nil {
		_, t.err = t.bw.Write(t.line)
	}
	t.bytes += int64(len(t.line))
	t.line = t.line[:0]
	t.fields = 0
}

// end ends a data row and reports progress; it returns the first write error.
func (t *tableWriter) end() error {
	t.writeLine()
	t.rows++
	if t.progress != nil && t.rows%progressEvery == 0 {
		t.progress(t.name, t.rows)
	}
	return t.err
}

// drop discards the row being built: a row a Defects option leaves out,
// after its random draws were made as for a row that is written.
func (t *tableWriter) drop() {
	t.line = t.line[:0]
	t.fields = 0
}

// close flushes and closes the file; final reports the completed table to
// Progress.
func (t *tableWriter) close(final bool) error {
	if t.err == nil {
		t.err = t.bw.Flush()
	}
	if err := t.f.Close(); t.err == nil {
		t.err = err
	}
	if final && t.err == nil && t.progress != nil {
		t.progress(t.name, t.rows)
	}
	return t.err
}
