//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/duckdb/duckdb-go/v2"
)

// Column is one column of a Frame: exactly one of Str, F64 and I64 is set.
type Column struct {
	Name string
	Str  []string
	F64  []float64
	I64  []int64
}

// Frame is a small columnar table moved between DuckDB and Go through
// Arrow: marts come out of the warehouse as Frames whose float64 columns
// feed the analytics packages, and results go back as Frames.
//
// NULL is "" in a string column, NaN in a float column and 0 in an
// integer column; a query that needs to tell NULL from zero casts to
// DOUBLE.
type Frame struct {
	Cols []Column
}

// Len returns the number of rows.
func (f *Frame) Len() int {
	if len(f.Cols) == 0 {
		return 0
	}
	c := f.Cols[0]
	switch {
	case c.Str != nil:
		return len(c.Str)
	case c.F64 != nil:
		return len(c.F64)
	}
	return len(c.I64)
}

func (f *Frame) col(name string) *Column {
	for i := range f.Cols {
		if f.Cols[i].Name == name {
			return &f.Cols[i]
		}
	}
	panic(fmt.Sprintf("warehouse: frame has no column %q", name)) // a programming error, never input
}

// S returns the string column name.
func (f *Frame) S(name string) []string { return f.col(name).Str }

// F returns the float column name.
func (f *Frame) F(name string) []float64 { return f.col(name).F64 }

// I returns the integer column name.
func (f *Frame) I(name string) []int64 { return f.col(name).I64 }

// ReadFrame runs a query on an Arrow connection and collects its result:
// VARCHAR columns become strings, floating and decimal columns float64,
// integer columns int64. Other types are an error naming the column.
func ReadFrame(ctx context.Context, conn *sql.Conn, query string, args ...any) (*Frame, error) {
	var out *Frame
	err := withArrow(conn, func(a *duckdb.Arrow) error {
		rd, err := a.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rd.Release()
		f := &Frame{}
		for _, fl := range rd.Schema().Fields() {
			f.Cols = append(f.Cols, Column{Name: fl.Name})
		}
		for rd.Next() {
			rec := rd.RecordBatch()
			for i := range f.Cols {
				if err := appendArrow(&f.Cols[i], rec.Column(i)); err != nil {
					return err
				}
			}
		}
		if err := rd.Err(); err != nil {
			return err
		}
		for i := range f.Cols { // empty results keep their kind
			c := &f.Cols[i]
			if c.Str == nil && c.F64 == nil && c.I64 == nil {
				switch rd.Schema().Field(i).Type.ID() {
				case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
					c.Str = []string{}
				case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
					c.I64 = []int64{}
				default:
					c.F64 = []float64{}
				}
			}
		}
		out = f
		return nil
	})
	return out, err
}

func appendArrow(c *Column, a arrow.Array) error {
	n := a.Len()
	switch v := a.(type) {
	case *array.String:
		for i := range n {
			c.Str = append(c.Str, strings.Clone(v.Value(i))) // NULL reads as ""; Value points into the batch
		}
	case *array.LargeString:
		for i := range n {
			c.Str = append(c.Str, strings.Clone(v.Value(i)))
		}
	case *array.StringView:
		for i := range n {
			c.Str = append(c.Str, strings.Clone(v.Value(i)))
		}
	case *array.Float64:
		for i := range n {
			x := v.Value(i)
			if v.IsNull(i) {
				x = math.NaN()
			}
			c.F64 = append(c.F64, x)
		}
	case *array.Float32:
		for i := range n {
			x := float64(v.Value(i))
			if v.IsNull(i) {
				x = math.NaN()
			}
			c.F64 = append(c.F64, x)
		}
	case *array.Decimal128:
		scale := v.DataType().(*arrow.Decimal128Type).Scale
		for i := range n {
			x := v.Value(i).ToFloat64(scale)
			if v.IsNull(i) {
				x = math.NaN()
			}
			c.F64 = append(c.F64, x)
		}
	case *array.Int64:
		c.I64 = append(c.I64, v.Int64Values()...)
	case *array.Int32:
		for i := range n {
			c.I64 = append(c.I64, int64(v.Value(i)))
		}
	case *array.Int16:
		for i := range n {
			c.I64 = append(c.I64, int64(v.Value(i)))
		}
	case *array.Int8:
		for i := range n {
			c.I64 = append(c.I64, int64(v.Value(i)))
		}
	case *array.Boolean:
		for i := range n {
			var x int64
			if v.Value(i) {
				x = 1
			}
			c.I64 = append(c.I64, x)
		}
	default:
		return fmt.Errorf("warehouse: column %s: type %s is not read into a frame", c.Name, a.DataType())
	}
	return nil
}

// WriteFrame appends a frame to table (matching columns by name) through
// an Arrow view on conn, inside whatever transaction conn holds.
func WriteFrame(ctx context.Context, conn *sql.Conn, table string, f *Frame) error {
	if f.Len() == 0 {
		return nil
	}
	fields := make([]arrow.Field, len(f.Cols))
	for i, c := range f.Cols {
		switch {
		case c.Str != nil:
			fields[i] = arrow.Field{Name: c.Name, Type: arrow.BinaryTypes.String}
		case c.F64 != nil:
			fields[i] = arrow.Field{Name: c.Name, Type: arrow.PrimitiveTypes.Float64, Nullable: true}
		default:
			fields[i] = arrow.Field{Name: c.Name, Type: arrow.PrimitiveTypes.Int64}
		}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, c := range f.Cols {
		switch {
		case c.Str != nil:
			b.Field(i).(*array.StringBuilder).AppendValues(c.Str, nil)
		case c.F64 != nil:
			fb := b.Field(i).(*array.Float64Builder)
			fb.Reserve(len(c.F64))
			for _, x := range c.F64 {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					fb.AppendNull()
				} else {
					fb.UnsafeAppend(x)
				}
			}
		default:
			b.Field(i).(*array.Int64Builder).AppendValues(c.I64, nil)
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rd, err := array.NewRecordReader(schema, []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer rd.Release()
	return withArrow(conn, func(a *duckdb.Arrow) error {
		// RegisterView makes an ordinary view over the Arrow stream: it is
		// dropped in the same transaction, or it would outlive the stream
		// and crash whoever reads it later.
		view := QuoteIdent("frame_" + sanitize(table))
		drop := "DROP VIEW IF EXISTS " + view
		if _, err := conn.ExecContext(ctx, drop); err != nil {
			return err
		}
		release, err := a.RegisterView(rd, "frame_"+sanitize(table))
		if err != nil {
			return fmt.Errorf("warehouse: register a view for %s: %w", table, err)
		}
		defer release()
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s BY NAME SELECT * FROM %s", table, view)); err != nil {
			conn.ExecContext(context.WithoutCancel(ctx), drop)
			return fmt.Errorf("warehouse: write %s: %w", table, err)
		}
		_, err = conn.ExecContext(ctx, drop)
		return err
	})
}

// withArrow runs f with the Arrow interface of conn's driver connection.
func withArrow(conn *sql.Conn, f func(a *duckdb.Arrow) error) error {
	var a *duckdb.Arrow
	if err := conn.Raw(func(dc any) error {
		var err error
		a, err = duckdb.NewArrowFromConn(dc.(driver.Conn))
		return err
	}); err != nil {
		return fmt.Errorf("warehouse: arrow interface: %w", err)
	}
	return f(a)
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}
