//go:build duckdb_arrow

package warehouse

import (
	"context"
	"math"
	"path/filepath"
	"testing"
)

// TestFrameRoundTrip writes a frame through Arrow and reads it back: strings
// (Chinese too), floats with NULL as NaN, integers; and no view is left
// behind (a view over a released Arrow stream crashes its reader).
func TestFrameRoundTrip(t *testing.T) {
	ctx := context.Background()
	w, err := Open(ctx, filepath.Join(t.TempDir(), "f.duckdb"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	conn, err := w.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (s VARCHAR, x DOUBLE, n BIGINT)`); err != nil {
		t.Fatal(err)
	}
	in := &Frame{Cols: []Column{
		{Name: "n", I64: []int64{1, 2, 3}},
		{Name: "s", Str: []string{"太原", "", "a'b"}},
		{Name: "x", F64: []float64{0.1, math.NaN(), -2.5}},
	}}
	for range 2 { // twice: the view name is reused
		if err := WriteFrame(ctx, conn, "t", in); err != nil {
			t.Fatal(err)
		}
	}
	out, err := ReadFrame(ctx, conn, `SELECT s, x, n FROM t ORDER BY n, s`)
	if err != nil {
		t.Fatal(err)
	}
	if out.Len() != 6 {
		t.Fatalf("read %d rows, want 6", out.Len())
	}
	if s, x, n := out.S("s"), out.F("x"), out.I("n"); s[0] != "太原" || x[0] != 0.1 || !math.IsNaN(x[2]) || n[5] != 3 || s[5] != "a'b" || x[5] != -2.5 {
		t.Errorf("read back %v %v %v", s, x, n)
	}
	var views int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'frame_%'`).Scan(&views); err != nil {
		t.Fatal(err)
	}
	if views != 0 {
		t.Errorf("%d frame views left in the warehouse", views)
	}
	empty, err := ReadFrame(ctx, conn, `SELECT s, x, n FROM t WHERE false`)
	if err != nil || empty.Len() != 0 || empty.S("s") == nil || empty.F("x") == nil || empty.I("n") == nil {
		t.Errorf("empty result: %v %+v", err, empty)
	}
}
