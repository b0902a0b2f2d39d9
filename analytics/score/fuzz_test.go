package score

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// FuzzTOPSIS checks that no input makes TOPSIS panic, that errors are the
// package's, and that a successful result has closeness in [0,1] and
// weights summing to 1, and squared distances that are not negative. The matrix values and weights are decoded from data,
// 8 bytes each (little-endian float64), so NaN, ±Inf and extreme
// magnitudes occur; dirs gives the directions bit by bit.
func FuzzTOPSIS(f *testing.F) {
	f.Add(fuzzdata.Bytes(3, 4, 2, 4, 2, 1, 1, 3, 4, 2, 2, 2), fuzzdata.Bytes(0.5, 0.3, 0.2), uint8(3), uint8(4))
	f.Add(fuzzdata.Bytes(1, 1, 1, 1), []byte{}, uint8(2), uint8(1))
	f.Add(fuzzdata.Bytes(math.NaN(), 1e308, -1e308, 5e-324), fuzzdata.Bytes(1, 0), uint8(2), uint8(0))
	f.Add(fuzzdata.Bytes(0, 0, 0, 0, -3, 7), fuzzdata.Bytes(0, 0), uint8(2), uint8(255))
	f.Add([]byte{1, 2, 3}, []byte{}, uint8(0), uint8(0))
	f.Fuzz(func(t *testing.T, data, wdata []byte, cols, dirs uint8) {
		m := int(cols%8) + 1
		v := fuzzdata.Floats(data, 400)
		n := len(v) / m
		if n == 0 {
			return // mat.NewDense cannot build an empty matrix
		}
		x := mat.NewDense(n, m, v[:n*m])
		benefit := make([]bool, m)
		for j := range benefit {
			benefit[j] = dirs>>(j%8)&1 == 1
		}
		var w []float64
		if len(wdata) >= 8 {
			w = fuzzdata.Floats(wdata, m+1)
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
				if a, b := r.SqIdeal.At(i, j), r.SqAntiIdeal.At(i, j); !(a >= 0 && b >= 0) {
					t.Fatalf("squared distances (%d,%d) = %v, %v", i, j, a, b)
				}
			}
		}
	})
}
