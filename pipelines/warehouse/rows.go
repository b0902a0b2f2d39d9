//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/duckdb/duckdb-go/v2"
)

// Typed rows. A mart's SQL file has one row struct whose fields name the
// file's output columns in a `col` tag:
//
//	type intakeRow struct {
//		School    string   `col:"school_code"`
//		Year      int64    `col:"year"`
//		Graduates *float64 `col:"graduates"` // NULL: not reported
//	}
//
// ReadRows fills a slice of them from the Arrow record batches the query
// returns (the way sqlc generates one struct per query). The rules:
//
//   - Every tagged field needs its column and every column needs a field:
//     a misspelt tag or a column added to the SQL without its field is an
//     error when the rows are read, naming both, never a panic later.
//   - NULL stays NULL: a field that may receive NULL is a pointer (nil is
//     NULL). A NULL in a field that is not a pointer is an error naming
//     the row and column, so that a NULL is never read as 0 or "". The
//     SQL coalesces where "" or 0 is what NULL means.
//   - Types are not converted beyond widening: string fields take VARCHAR;
//     int64 and int fields take integer columns (and DECIMAL with scale 0,
//     which is what DuckDB's sum of integers becomes); float64 fields take
//     FLOAT, DOUBLE and DECIMAL; bool fields BOOLEAN. Anything else is an
//     error naming the column, its type and the field.
//
// Untagged fields are left alone.

// ReadRows runs query on conn's Arrow interface and returns one T per row
// (T is a struct whose fields carry `col` tags: see above).
func ReadRows[T any](ctx context.Context, conn *sql.Conn, query string, args ...any) ([]T, error) {
	out := []T{}
	err := withArrow(conn, func(a *duckdb.Arrow) error {
		rd, err := a.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rd.Release()
		b, err := newRowBinder[T](rd.Schema())
		if err != nil {
			return err
		}
		for rd.Next() {
			if out, err = b.append(out, rd.RecordBatch()); err != nil {
				return err
			}
		}
		return rd.Err()
	})
	return out, err
}

// AppendRows appends one T per row of rec to dst, with ReadRows' rules.
func AppendRows[T any](dst []T, rec arrow.RecordBatch) ([]T, error) {
	b, err := newRowBinder[T](rec.Schema())
	if err != nil {
		return dst, err
	}
	return b.append(dst, rec)
}

// rowBinder fills a T from the columns of one schema.
type rowBinder[T any] struct {
	setters []columnSetter // by column of the schema
	rows    int            // rows appended so far, for messages
}

// columnSetter copies column values into field fi of the elements of a
// slice, from element base on.
type columnSetter struct {
	column, field string
	fi            int
	set           func(field reflect.Value, a arrow.Array, i int) error
}

func newRowBinder[T any](schema *arrow.Schema) (*rowBinder[T], error) {
	var zero T
	t := reflect.TypeOf(zero)
	if t == nil || t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("warehouse: rows of %T: must be a struct with `col` tags", zero)
	}
	fields := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, ok := f.Tag.Lookup("col")
		if !ok {
			continue
		}
		if !f.IsExported() {
			return nil, fmt.Errorf("warehouse: %s.%s: a field with a col tag must be exported", t.Name(), f.Name)
		}
		if _, dup := fields[name]; dup {
			return nil, fmt.Errorf("warehouse: %s: two fields are tagged col:%q", t.Name(), name)
		}
		fields[name] = i
	}
	b := &rowBinder[T]{}
	seen := map[string]bool{}
	for _, fl := range schema.Fields() {
		fi, ok := fields[fl.Name]
		if !ok {
			return nil, fmt.Errorf("warehouse: column %q has no field in %s (a field tagged col:%q)", fl.Name, t.Name(), fl.Name)
		}
		if seen[fl.Name] {
			return nil, fmt.Errorf("warehouse: the result has two columns %q", fl.Name)
		}
		seen[fl.Name] = true
		f := t.Field(fi)
		set, err := setterFor(f.Type, fl.Type)
		if err != nil {
			return nil, fmt.Errorf("warehouse: column %q (%s) into %s.%s (%s): %w", fl.Name, fl.Type, t.Name(), f.Name, f.Type, err)
		}
		b.setters = append(b.setters, columnSetter{column: fl.Name, field: f.Name, fi: fi, set: set})
	}
	var missing []string
	for name, fi := range fields {
		if !seen[name] {
			missing = append(missing, fmt.Sprintf("%q (%s.%s)", name, t.Name(), t.Field(fi).Name))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("warehouse: the result has no column %s", strings.Join(sorted(missing), ", "))
	}
	return b, nil
}

func (b *rowBinder[T]) append(dst []T, rec arrow.RecordBatch) ([]T, error) {
	n := int(rec.NumRows())
	base := len(dst)
	dst = append(dst, make([]T, n)...)
	rv := reflect.ValueOf(dst)
	for c, s := range b.setters {
		a := rec.Column(c)
		for i := range n {
			if err := s.set(rv.Index(base+i).Field(s.fi), a, i); err != nil {
				return dst[:base], fmt.Errorf("warehouse: row %d, column %q (field %s): %w", b.rows+i+1, s.column, s.field, err)
			}
		}
	}
	b.rows += n
	return dst, nil
}

// errNull is a NULL met by a field that cannot hold it.
var errNull = fmt.Errorf("NULL in a field that is not a pointer (make it one to keep NULL, or coalesce in the SQL)")

// setterFor returns how a field of type ft takes a value of an Arrow
// column of type at.
func setterFor(ft reflect.Type, at arrow.DataType) (func(reflect.Value, arrow.Array, int) error, error) {
	ptr := ft.Kind() == reflect.Pointer
	base := ft
	if ptr {
		base = ft.Elem()
	}
	get, err := getterFor(base.Kind(), at)
	if err != nil {
		return nil, err
	}
	return func(f reflect.Value, a arrow.Array, i int) error {
		if a.IsNull(i) {
			if !ptr {
				return errNull
			}
			return nil // the zero pointer
		}
		v := f
		if ptr {
			p := reflect.New(base)
			f.Set(p)
			v = p.Elem()
		}
		return get(v, a, i)
	}, nil
}

// getterFor returns how a value of kind k is read from a column of type
// at, or an error when the two do not go together.
func getterFor(k reflect.Kind, at arrow.DataType) (func(reflect.Value, arrow.Array, int) error, error) {
	switch k {
	case reflect.String:
		switch at.ID() {
		case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
			return func(v reflect.Value, a arrow.Array, i int) error {
				v.SetString(strings.Clone(a.ValueStr(i))) // the batch's memory is released after the read
				return nil
			}, nil
		}
	case reflect.Int64, reflect.Int:
		switch at.ID() {
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32:
			return func(v reflect.Value, a arrow.Array, i int) error {
				x, ok := intValue(a, i)
				if !ok {
					return fmt.Errorf("cannot read a %s column as an integer", a.DataType())
				}
				v.SetInt(x)
				return nil
			}, nil
		case arrow.DECIMAL128:
			if at.(*arrow.Decimal128Type).Scale != 0 {
				break
			}
			return func(v reflect.Value, a arrow.Array, i int) error {
				x, ok := decimalInt(a.(*array.Decimal128).Value(i))
				if !ok || v.OverflowInt(x) {
					return fmt.Errorf("%s does not fit the field", a.ValueStr(i))
				}
				v.SetInt(x)
				return nil
			}, nil
		}
	case reflect.Float64:
		switch at.ID() {
		case arrow.FLOAT64:
			return func(v reflect.Value, a arrow.Array, i int) error {
				v.SetFloat(a.(*array.Float64).Value(i))
				return nil
			}, nil
		case arrow.FLOAT32:
			return func(v reflect.Value, a arrow.Array, i int) error {
				v.SetFloat(float64(a.(*array.Float32).Value(i)))
				return nil
			}, nil
		case arrow.DECIMAL128:
			scale := at.(*arrow.Decimal128Type).Scale
			return func(v reflect.Value, a arrow.Array, i int) error {
				v.SetFloat(decimalFloat(a.(*array.Decimal128).Value(i), scale))
				return nil
			}, nil
		}
	case reflect.Bool:
		if at.ID() == arrow.BOOL {
			return func(v reflect.Value, a arrow.Array, i int) error {
				v.SetBool(a.(*array.Boolean).Value(i))
				return nil
			}, nil
		}
	default:
		return nil, fmt.Errorf("fields of kind %s are not read from SQL (string, int64, int, float64, bool or a pointer to one)", k)
	}
	return nil, fmt.Errorf("a %s field cannot take a %s column: cast in the SQL or change the field", k, at)
}

func intValue(a arrow.Array, i int) (int64, bool) {
	switch x := a.(type) {
	case *array.Int8:
		return int64(x.Value(i)), true
	case *array.Int16:
		return int64(x.Value(i)), true
	case *array.Int32:
		return int64(x.Value(i)), true
	case *array.Int64:
		return x.Value(i), true
	case *array.Uint8:
		return int64(x.Value(i)), true
	case *array.Uint16:
		return int64(x.Value(i)), true
	case *array.Uint32:
		return int64(x.Value(i)), true
	}
	return 0, false
}

// decimalInt reads a DECIMAL of scale 0 as an int64, if it fits.
func decimalInt(x decimal128.Num) (int64, bool) {
	hi, lo := x.HighBits(), x.LowBits()
	switch {
	case hi == 0 && lo <= math.MaxInt64:
		return int64(lo), true
	case hi == -1 && lo > math.MaxInt64:
		return int64(lo), true // two's complement: a negative int64
	}
	return 0, false
}

func decimalFloat(x decimal128.Num, scale int32) float64 { return x.ToFloat64(scale) }

func sorted(ss []string) []string {
	sort.Strings(ss)
	return ss
}
