package score

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// FuzzTOPSIS checks that no input makes TOPSIS panic, that errors are the
// package's, and that a successful result has closeness in [0,1] and
// weights summing to 1. The matrix values and weights are decoded from data,
// 8 bytes each (little-endian float64), so NaN, ±Inf and extreme
// magnitudes occur; dirs gives the directions bit by bit.
func FuzzTOPSIS(f *testing.F) {
	enc := func(v ...float64) []byte {
		b := make([]byte, 8*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
		}
		return b
	}
	f.Add(enc(3, 4, 2, 4, 2, 1, 1, 3, 4, 2, 2, 2), enc(0.5, 0.3, 0.2), uint8(3), uint8(4))
	f.Add(enc(1, 1, 1, 1), []byte{}, uint8(2), uint8(1))
	f.Add(enc(math.NaN(), 1e308, -1e308, 5e-324), enc(1, 0), uint8(2), uint8(0))
	f.Add(enc(0, 0, 0, 0, -3, 7), enc(0, 0), uint8(2), uint8(255))
	f.Add([]byte{1, 2, 3}, []byte{}, uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, data, wdata []byte, cols, dirs uint8) {
		m := int(cols%8) + 1
		n := min(len(data)/8, 400) / m
		if n == 0 {
			return // mat.NewDense cannot build an empty matrix
		}
		x := mat.NewDense(n, m, nil)
		for k := range n * m {
			x.Set(k/m, k%m, math.Float64frombits(binary.LittleEndian.Uint64(data[8*k:])))
		}
		benefit := make([]bool, m)
		for j := range benefit {
			benefit[j] = dirs>>(j%8)&1 == 1
		}
		var w []float64
		if len(wdata) >= 8 {
			w = make([]float64, min(len(wdata)/8, m+1))
			for j := range w {
				w[j] = math.Float64frombits(binary.LittleEndian.Uint64(wdata[8*j:]))
			}
		}
		r, err := TOPSIS(x, w, benefit)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "score: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return
		}
		sum := 0.0
		for _, v := range r.Weights {
			sum += v
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("weights %v sum to %v", r.Weights, sum)
		}
		for i, c := range r.Closeness {
			if !(c >= 0 && c <= 1) {
				t.Fatalf("closeness[%d] = %v", i, c)
			}
			for j := range m {
				if v := r.Contribution.At(i, j); !(v >= -1 && v <= 1) {
					t.Fatalf("contribution (%d,%d) = %v", i, j, v)
				}
			}
		}
	})
}
