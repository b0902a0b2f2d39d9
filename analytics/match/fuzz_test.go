package match

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

// decode reads little-endian float64 values, 8 bytes each, so NaN, ±Inf
// and extreme magnitudes occur.
func decode(data []byte) []float64 {
	v := make([]float64, min(len(data)/8, 200))
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
	}
	return v
}

func encode(v ...float64) []byte {
	b := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
	}
	return b
}

// FuzzAllocate checks that no input makes Allocate panic, that errors are
// the package's, and that a successful allocation has the shape of the
// graduates and column sums no larger than the openings.
func FuzzAllocate(f *testing.F) {
	f.Add(encode(100, 50, 30, 10, 0, 40, 20, 0), uint8(2))
	f.Add(encode(math.NaN(), 1, -1, math.Inf(1)), uint8(1))
	f.Add(encode(1e308, 1e308, 1e-308, 5e-324), uint8(2))
	f.Add([]byte{1, 2, 3}, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, ni uint8) {
		v := decode(data)
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
