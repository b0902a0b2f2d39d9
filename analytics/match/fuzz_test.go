package match

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// FuzzAllocate checks that no input makes Allocate panic, that errors are
// the package's, and that a successful allocation has the shape of the
// graduates and column sums no larger than the openings.
func FuzzAllocate(f *testing.F) {
	f.Add(fuzzdata.Bytes(100, 50, 30, 10, 0, 40, 20, 0), uint8(2))
	f.Add(fuzzdata.Bytes(math.NaN(), 1, -1, math.Inf(1)), uint8(1))
	f.Add(fuzzdata.Bytes(1e308, 1e308, 1e-308, 5e-324), uint8(2))
	f.Add([]byte{1, 2, 3}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, ni uint8) {
		v := fuzzdata.Floats(data, 200)
		n := int(ni % 8)
		if n > len(v) {
			n = len(v)
		}
		openings := v[:n]
		var grads [][]float64
		rest := v[n:]
		for len(rest) > 0 {
			k := min(n, len(rest))
			if n == 0 {
				k = 1
			}
			grads = append(grads, rest[:k])
			rest = rest[k:]
		}
		a, err := Allocate(openings, grads)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "match: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		for i := range openings {
			s := 0.0
			for p := range a {
				if len(a[p]) != n || math.IsNaN(a[p][i]) || a[p][i] < 0 {
					t.Fatalf("bad allocation %v", a)
				}
				s += a[p][i]
			}
			if s-openings[i] > 1e-9*openings[i]+1e-300 { // subnormal counts round coarsely
				t.Fatalf("industry %d: allocated %v > openings %v", i, s, openings[i])
			}
		}
	})
}
