//go:build duckdb_arrow

package warehouse

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// memConn opens an in-memory warehouse and one connection to it.
func memConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	w, err := Open(ctx, ":memory:", Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

type typedRow struct {
	Code   string   `col:"code"`
	Year   int64    `col:"year"`
	Count  *int64   `col:"n"`
	Value  float64  `col:"x"`
	Maybe  *float64 `col:"maybe"`
	Name   *string  `col:"name"`
	Flag   bool     `col:"flag"`
	Months int      `col:"months"`
	Note   string   // untagged: left alone
}

// TestReadRows reads each supported type, NULL kept as nil in pointer
// fields (an integer NULL is not 0), a sum of BIGINT (DuckDB's HUGEINT,
// Arrow's DECIMAL(38,0)) into int fields, and Chinese text.
func TestReadRows(t *testing.T) {
	conn := memConn(t)
	rows, err := ReadRows[typedRow](context.Background(), conn, `
		SELECT '140100' AS code, 2024 AS year, 7 AS n, 0.5 AS x, 1.25 AS maybe, '太原' AS name, true AS flag,
		       (SELECT sum(r) FROM range(1, 4) AS t(r)) AS months
		UNION ALL
		SELECT '140200', 2025, NULL, -2.0, NULL, NULL, false, 3::HUGEINT
		ORDER BY code`)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	r0, r1 := rows[0], rows[1]
	if r0.Code != "140100" || r0.Year != 2024 || r0.Count == nil || *r0.Count != 7 || r0.Value != 0.5 ||
		r0.Maybe == nil || *r0.Maybe != 1.25 || r0.Name == nil || *r0.Name != "太原" || !r0.Flag || r0.Months != 6 {
		t.Errorf("row 1 = %+v", r0)
	}
	// months on row 1 is the HUGEINT sum 1 + 2 + 3 = 6; row 2 holds 3
	if r1.Code != "140200" || r1.Year != 2025 || r1.Count != nil || r1.Value != -2 || r1.Maybe != nil || r1.Name != nil ||
		r1.Flag || r1.Months != 3 {
		t.Errorf("row 2 = %+v (the NULL n must stay nil, not 0)", r1)
	}
}

// TestReadRowsEmpty: no rows is an empty slice, and the columns are still
// checked against the struct.
func TestReadRowsEmpty(t *testing.T) {
	conn := memConn(t)
	type row struct {
		A string `col:"a"`
	}
	rows, err := ReadRows[row](context.Background(), conn, `SELECT 'x' AS a WHERE false`)
	if err != nil || rows == nil || len(rows) != 0 {
		t.Errorf("rows %v, err %v: want an empty slice", rows, err)
	}
	if _, err := ReadRows[row](context.Background(), conn, `SELECT 'x' AS b WHERE false`); err == nil {
		t.Error("a misspelt column of an empty result: no error")
	}
}

// TestReadRowsErrors: each mismatch between the SQL and the struct is an
// error at read time that names what is wrong, never a panic or a zero.
func TestReadRowsErrors(t *testing.T) {
	conn := memConn(t)
	ctx := context.Background()
	type ints struct {
		Year int64 `col:"year"`
	}
	type strs struct {
		Code string `col:"code"`
	}
	type misspelt struct {
		Code string `col:"code"`
		Year int64  `col:"yaer"`
	}
	type floats struct {
		X float64 `col:"x"`
	}
	type unexported struct {
		x string `col:"x"`
	}
	type unsupported struct {
		X []byte `col:"x"`
	}
	cases := []struct {
		name string
		read func() error
		want []string // in the message
	}{
		{"NULL in an int64", func() error {
			_, err := ReadRows[ints](ctx, conn, `SELECT * FROM (VALUES (2024), (NULL)) AS v(year)`)
			return err
		}, []string{"row 2", `"year"`, "NULL"}},
		{"NULL in a string", func() error {
			_, err := ReadRows[strs](ctx, conn, `SELECT CAST(NULL AS VARCHAR) AS code`)
			return err
		}, []string{"row 1", `"code"`, "NULL"}},
		{"NULL in a float64", func() error {
			_, err := ReadRows[floats](ctx, conn, `SELECT CAST(NULL AS DOUBLE) AS x`)
			return err
		}, []string{"row 1", `"x"`, "NULL"}},
		{"text into an integer", func() error {
			_, err := ReadRows[ints](ctx, conn, `SELECT '2024' AS year`)
			return err
		}, []string{`"year"`, "Year", "int64", "utf8"}},
		{"integer into a string", func() error {
			_, err := ReadRows[strs](ctx, conn, `SELECT 140100 AS code`)
			return err
		}, []string{`"code"`, "Code"}},
		{"double into an integer", func() error {
			_, err := ReadRows[ints](ctx, conn, `SELECT 2024.0::DOUBLE AS year`)
			return err
		}, []string{`"year"`, "float64"}},
		{"decimal with a scale into an integer", func() error {
			_, err := ReadRows[ints](ctx, conn, `SELECT 2024.5::DECIMAL(6,1) AS year`)
			return err
		}, []string{`"year"`, "decimal"}},
		{"a misspelt tag", func() error {
			_, err := ReadRows[misspelt](ctx, conn, `SELECT 'a' AS code, 2024 AS year`)
			return err
		}, []string{`"year"`, "no field"}},
		{"a missing column", func() error {
			_, err := ReadRows[misspelt](ctx, conn, `SELECT 'a' AS code, 2024 AS yaer, 1 AS extra`)
			return err
		}, []string{`"extra"`, "no field"}},
		{"a column the result lacks", func() error {
			type two struct {
				Code string `col:"code"`
				Name string `col:"name"`
			}
			_, err := ReadRows[two](ctx, conn, `SELECT 'a' AS code`)
			return err
		}, []string{"no column", `"name"`, "two.Name"}},
		{"an unexported field", func() error {
			_, err := ReadRows[unexported](ctx, conn, `SELECT 'a' AS x`)
			return err
		}, []string{"unexported.x", "exported"}},
		{"an unsupported field type", func() error {
			_, err := ReadRows[unsupported](ctx, conn, `SELECT 'a' AS x`)
			return err
		}, []string{`"x"`, "slice"}},
		{"not a struct", func() error {
			_, err := ReadRows[int](ctx, conn, `SELECT 1 AS x`)
			return err
		}, []string{"struct"}},
		{"a SQL error", func() error {
			_, err := ReadRows[strs](ctx, conn, `SELECT code FROM no_such_table`)
			return err
		}, []string{"no_such_table"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.read()
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestAppendRowsChecked fills rows from a record built in Go under a
// checked allocator: the strings are copied out of the batch (the batch
// is released before they are read) and no Arrow memory is left.
func TestAppendRowsChecked(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "code", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "year", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"420903", "590301"}, nil)
	b.Field(1).(*array.Int32Builder).AppendValues([]int32{2024, 0}, []bool{true, false})
	rec := b.NewRecordBatch()
	b.Release()
	type row struct {
		Code string `col:"code"`
		Year *int64 `col:"year"`
	}
	rows, err := AppendRows([]row{{Code: "kept"}}, rec)
	rec.Release()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0].Code != "kept" || rows[1].Code != "420903" || rows[1].Year == nil || *rows[1].Year != 2024 ||
		rows[2].Code != "590301" || rows[2].Year != nil {
		t.Errorf("rows = %+v", rows)
	}
}
