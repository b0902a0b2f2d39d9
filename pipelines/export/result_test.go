package export

import (
	"bytes"
	"math"
	"testing"
)

// TestTableReadable: the table format rounds numbers for reading and
// aligns columns that hold Chinese by display width; CSV keeps every
// digit. The expected texts are written by hand.
func TestTableReadable(t *testing.T) {
	r := Result{
		Columns: []string{"专业", "ratio", "n"},
		Rows: [][]any{
			{"护理", 0.26666666666666666, int64(1234567)},
			{"煤矿智能开采技术", 1234567.891, int64(3)},
			{"nursing", 12.3456, nil},
			{"（空）", 0.000123456, int64(0)},
			{"x", math.NaN(), int64(-5)},
		},
	}
	var b bytes.Buffer
	if err := WriteResult(&b, r, FormatTable); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"专业              ratio      n\n" +
		"----------------  ---------  -------\n" +
		"护理              0.2667     1234567\n" +
		"煤矿智能开采技术  1234568    3\n" +
		"nursing           12.35      NULL\n" +
		"（空）            0.0001235  0\n" +
		"x                 NaN        -5\n" +
		"(5)\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteResult(&b, Result{Columns: r.Columns, Rows: r.Rows[:2]}, FormatCSV); err != nil {
		t.Fatal(err)
	}
	if want := "专业,ratio,n\n护理,0.26666666666666666,1234567\n煤矿智能开采技术,1234567.891,3\n"; b.String() != want {
		t.Errorf("csv:\n%s\nwant\n%s", b.String(), want)
	}
}

func TestTableFloat(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-2.5, "-2.5"}, {0.5, "0.5"}, {117, "117"}, {1.0000001, "1"},
		{3.14159, "3.142"}, {-0.00004, "-0.00004"}, {1e-9, "1e-09"}, {math.Inf(1), "Inf"},
	} {
		if got := TableFloat(c.in); got != c.want {
			t.Errorf("TableFloat(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}
