package datasets

import (
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// RowColumn is the name of the column that every reader adds to its
// record batches: the row's 1-based number in the file (header = row 1).
const RowColumn = "_row"

// BatchRows is the number of rows in each record batch a reader emits.
const BatchRows = 64 * 1024

// BatchBytes ends a record batch early once its cells hold this many
// bytes of text, so that a batch of long cells stays small.
const BatchBytes = 16 << 20

// MaxReadErrors bounds the errors a reader collects before it stops.
const MaxReadErrors = 1000

// Reader streams one table file as Arrow record batches: the column
// RowColumn (int64) and one utf8 column per header cell, named c0, c1, ...
// in file order, holding the cells as text exactly as the file has them.
// Header returns the header cells. A Reader implements
// array.RecordReader; rows that cannot be read (a wrong number of fields)
// are skipped and reported by Errors once Next returns false.
type Reader interface {
	array.RecordReader
	// Header returns the header cells as the file spells them.
	Header() []string
	// Errors returns the located problems met while reading.
	Errors() []*RowError
}

// rowSource yields rows of text cells; readers wrap one in a batcher.
type rowSource interface {
	// next returns the next row and its 1-based row number, or ok=false
	// at the end or on a fatal error (reported through errs).
	next() (cells []string, row int, ok bool)
	close() error
}

// batcher turns a rowSource into Arrow record batches.
type batcher struct {
	refs   atomic.Int64
	mem    memory.Allocator
	file   string
	header []string
	schema *arrow.Schema
	src    rowSource
	errs   *[]*RowError
	rec    arrow.RecordBatch
	done   bool
}

func newBatcher(mem memory.Allocator, file string, header []string, src rowSource, errs *[]*RowError) *batcher {
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	fields := make([]arrow.Field, 0, len(header)+1)
	fields = append(fields, arrow.Field{Name: RowColumn, Type: arrow.PrimitiveTypes.Int64})
	for i := range header {
		fields = append(fields, arrow.Field{Name: physName(i), Type: arrow.BinaryTypes.String, Nullable: true})
	}
	b := &batcher{mem: mem, file: file, header: header, schema: arrow.NewSchema(fields, nil), src: src, errs: errs}
	b.refs.Store(1)
	return b
}

func physName(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return "c" + digits[i:i+1]
	}
	s := ""
	for i > 0 {
		s = digits[i%10:i%10+1] + s
		i /= 10
	}
	return "c" + s
}

// PhysicalName returns the name of the i-th header column in a reader's
// record batches.
func PhysicalName(i int) string { return physName(i) }

func (b *batcher) Header() []string      { return b.header }
func (b *batcher) Errors() []*RowError   { return *b.errs }
func (b *batcher) Schema() *arrow.Schema { return b.schema }
func (b *batcher) Err() error            { return nil }
func (b *batcher) Retain()               { b.refs.Add(1) }

func (b *batcher) Release() {
	if b.refs.Add(-1) == 0 {
		if b.rec != nil {
			b.rec.Release()
			b.rec = nil
		}
		b.src.close()
	}
}

// Record returns the current batch (valid until the next call to Next).
func (b *batcher) Record() arrow.RecordBatch { return b.rec }

// RecordBatch returns the current batch (valid until the next call to Next).
func (b *batcher) RecordBatch() arrow.RecordBatch { return b.rec }

func (b *batcher) Next() bool {
	if b.rec != nil {
		b.rec.Release()
		b.rec = nil
	}
	if b.done {
		return false
	}
	rb := array.NewRecordBuilder(b.mem, b.schema)
	defer rb.Release()
	rowB := rb.Field(0).(*array.Int64Builder)
	cols := make([]*array.StringBuilder, len(b.header))
	for i := range cols {
		cols[i] = rb.Field(i + 1).(*array.StringBuilder)
	}
	n, size := 0, 0
	for n < BatchRows && size < BatchBytes {
		cells, row, ok := b.src.next()
		if !ok {
			b.done = true
			break
		}
		if len(cells) != len(b.header) {
			if isBlank(cells) {
				continue
			}
			b.addErr(&RowError{File: b.file, Row: row, Rule: "field_count", Args: []any{len(cells), len(b.header)}})
			if len(*b.errs) >= MaxReadErrors {
				b.done = true
				break
			}
			continue
		}
		if isBlank(cells) {
			continue
		}
		rowB.Append(int64(row))
		for i, c := range cells {
			cols[i].Append(c)
			size += len(c)
		}
		n++
	}
	if n == 0 {
		return false
	}
	b.rec = rb.NewRecordBatch()
	return true
}

func (b *batcher) addErr(e *RowError) { *b.errs = append(*b.errs, e) }

func isBlank(cells []string) bool {
	for _, c := range cells {
		if c != "" {
			return false
		}
	}
	return true
}
