package demand

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// FuzzReconcile checks that no input makes Reconcile panic, that errors
// are the package's, and that a successful reconciliation is coherent: the
// children are finite, non-negative and sum to max(parent[h], 0) at every
// step. The values are decoded from data: first the parent (steps values),
// then the last values (children values), then the children row by row;
// a short or ragged remainder exercises the length checks.
func FuzzReconcile(f *testing.F) {
	f.Add(fuzzdata.Bytes(100, 200, 1, 1, 30, 50, 10, 150), uint8(2), uint8(2))
	f.Add(fuzzdata.Bytes(60, 10, 20, 30, 0, 0, 0), uint8(1), uint8(3))
	f.Add(fuzzdata.Bytes(60, 0, 0, 0, 0, 0, 0), uint8(1), uint8(3))
	f.Add(fuzzdata.Bytes(math.NaN(), 1, -1, math.Inf(1)), uint8(1), uint8(1))
	f.Add(fuzzdata.Bytes(1e308, 1e308, 1e308, 5e-324, 1e308, 1e-308), uint8(1), uint8(2))
	f.Add(fuzzdata.Bytes(-5, 3, 1, 2, 4), uint8(1), uint8(2))
	f.Add([]byte{1, 2, 3}, uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, steps, nc uint8) {
		v := fuzzdata.Floats(data, 200)
		H := min(int(steps%8), len(v))
		parent := v[:H]
		v = v[H:]
		C := min(int(nc%8), len(v))
		last := v[:C]
		v = v[C:]
		var children [][]float64
		for len(v) > 0 {
			k := min(max(H, 1), len(v))
			children = append(children, v[:k])
			v = v[k:]
		}
		got, err := Reconcile(parent, children, last)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "demand: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		if len(got) != len(children) {
			t.Fatalf("%d rows for %d children", len(got), len(children))
		}
		for h, p := range parent {
			p = max(p, 0)
			s := 0.0
			for c := range got {
				x := got[c][h]
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("bad value got[%d][%d] = %v", c, h, x)
				}
				s += x
			}
			// A sum of near-MaxFloat64 shares may round past it.
			if !(math.Abs(s-p) <= 1e-9*p) && !(math.IsInf(s, 1) && p > math.MaxFloat64/2) {
				t.Fatalf("step %d: children sum to %v, parent %v", h, s, p)
			}
		}
	})
}

// FuzzOpenings checks that no input makes Openings or PostingsFactor panic
// and that their results are in range: openings finite and non-negative,
// the factor in [1−cap, 1+cap].
func FuzzOpenings(f *testing.F) {
	f.Add(fuzzdata.Bytes(100, 110, 121), 0.05, 0.5, 0.2)
	f.Add(fuzzdata.Bytes(100, 90, 85), 1.0, 1.0, 1.0)
	f.Add(fuzzdata.Bytes(math.NaN(), 1e308, -1e308, 5e-324), -0.1, 0.0, 0.0)
	f.Add(fuzzdata.Bytes(months(5e-324, 1e308)...), 0.5, 1.0, 0.3)
	f.Fuzz(func(t *testing.T, data []byte, rate, weight, cap float64) {
		v := fuzzdata.Floats(data, 200)
		if len(v) == 0 {
			return
		}
		o, err := Openings(v[0], v[1:], rate)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "demand: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
		} else {
			for h, x := range o {
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("openings[%d] = %v", h, x)
				}
			}
		}
		fac, err := PostingsFactor(v[1:], v[0], weight, cap)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "demand: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		if !(fac >= 1-cap && fac <= 1+cap) {
			t.Fatalf("factor %v outside [1−%v, 1+%v]", fac, cap, cap)
		}
		_ = Growth(v[0], v[1:])
	})
}
