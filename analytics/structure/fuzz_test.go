package structure

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// chunks splits v into slices of n values (n ≥ 1); the last may be
// shorter, to exercise the length checks.
func chunks(v []float64, n int) [][]float64 {
	var out [][]float64
	for len(v) > 0 {
		k := min(n, len(v))
		out = append(out, v[:k])
		v = v[k:]
	}
	return out
}

// part returns rows[k], or nil if there is no such row.
func part(rows [][]float64, k int) []float64 {
	if k < len(rows) {
		return rows[k]
	}
	return nil
}

// FuzzStructure checks that no input makes any function of the package
// panic, that every error is the package's, and that successful results
// are in range: shares in [0,1] summing to 1, 1/n ≤ HHI ≤ 1, deviations
// ≥ −1, Theil index and location quotients ≥ 0, shift-share effects finite
// and summing to the change, Moore's cos in [0,1] and angle in [0°, 90°].
// The values are decoded from data and cut into slices of width
// industries: the first four feed Deviation, Decompose and Moore, all of
// them LocationQuotients (as regions) and ShareForecast (as components).
func FuzzStructure(f *testing.F) {
	f.Add(fuzzdata.Bytes(10, 50, 40, 40, 30, 30, 1000, 3000, 1000, 1200, 3000, 1400), uint8(3), false)
	f.Add(fuzzdata.Bytes(100, 200, 50, 110, 190, 80, 1000, 3000, 1000, 1200, 3000, 1400), uint8(3), true)
	f.Add(fuzzdata.Bytes(0, 100, 20, 100, 10, 90, 20, 90), uint8(2), false)
	f.Add(fuzzdata.Bytes(0, 0, 0, 0, 1, 1, 0, 0), uint8(2), true)
	f.Add(fuzzdata.Bytes(math.NaN(), 1, -1, math.Inf(1), 2, 3, 4, 5), uint8(2), false)
	f.Add(fuzzdata.Bytes(1e308, 1e308, 5e-324, 1e308, 1e-300, 1e300, 1e-300, 1e300), uint8(2), false)
	f.Add(fuzzdata.Bytes(-5, 3, 1, 2, 4, -1, 0, 0, 7), uint8(4), true)
	f.Add([]byte{1, 2, 3}, uint8(0), false)
	f.Fuzz(func(t *testing.T, data []byte, industries uint8, useRef bool) {
		v := fuzzdata.Floats(data, 200)
		n := 1 + int(industries%8)
		rows := chunks(v, n)
		check := func(name string, err error) bool {
			if err != nil {
				if !strings.HasPrefix(err.Error(), "structure: ") {
					t.Fatalf("%s: error %q lacks the package prefix", name, err)
				}
				return false
			}
			return true
		}
		a, b, c, d := part(rows, 0), part(rows, 1), part(rows, 2), part(rows, 3)

		s := Shares(a)
		if len(s) != len(a) {
			t.Fatalf("Shares: %d shares for %d values", len(s), len(a))
		}
		if len(s) > 0 && !math.IsNaN(s[0]) {
			sum := 0.0
			for i, x := range s {
				if !(x >= 0 && x <= 1) {
					t.Fatalf("Shares(%v)[%d] = %v", a, i, x)
				}
				sum += x
			}
			if math.Abs(sum-1) > 1e-12 {
				t.Fatalf("Shares(%v) sum to %v", a, sum)
			}
		}
		if h := HHI(a); !math.IsNaN(h) && !(h >= 1/float64(len(a))-1e-12 && h <= 1+1e-12) {
			t.Fatalf("HHI(%v) = %v outside [1/n, 1]", a, h)
		}

		dev, total, err := Deviation(a, b)
		if check("Deviation", err) {
			for i, x := range dev {
				if x < -1-1e-12 {
					t.Fatalf("Deviation(%v, %v): d[%d] = %v < −1", a, b, i, x)
				}
			}
			if total < 0 {
				t.Fatalf("Deviation(%v, %v): total %v < 0", a, b, total)
			}
		}
		if tl, err := Theil(a, b); check("Theil", err) && tl < 0 {
			t.Fatalf("Theil(%v, %v) = %v < 0", a, b, tl)
		}

		var ref []float64
		if useRef {
			ref = a
		}
		lq, err := LocationQuotients(rows, ref)
		if check("LocationQuotients", err) {
			if len(lq) != len(rows) {
				t.Fatalf("LocationQuotients: %d rows for %d regions", len(lq), len(rows))
			}
			for r := range lq {
				if len(lq[r]) != len(rows[r]) {
					t.Fatalf("LocationQuotients: row %d has %d values, want %d", r, len(lq[r]), len(rows[r]))
				}
				for i, x := range lq[r] {
					if x < 0 {
						t.Fatalf("LocationQuotients: lq[%d][%d] = %v < 0", r, i, x)
					}
				}
			}
		}

		ss, err := Decompose(a, b, c, d)
		if check("Decompose", err) {
			mag := 0.0
			for i := range a {
				for _, x := range []float64{a[i], b[i], ss.Growth[i], ss.Mix[i], ss.Competitive[i]} {
					if !numeric.Finite(x) {
						t.Fatalf("Decompose: non-finite effect %v in industry %d", x, i)
					}
					mag = max(mag, math.Abs(x))
				}
			}
			tol := max(1e-9*mag, 1e-300)
			for i := range a {
				if sum := ss.Growth[i] + ss.Mix[i] + ss.Competitive[i]; math.Abs(sum-ss.Change[i]) > tol {
					t.Fatalf("Decompose: industry %d effects sum to %v, change %v", i, sum, ss.Change[i])
				}
			}
		}

		cos, deg, err := Moore(a, b)
		if check("Moore", err) && !(cos >= 0 && cos <= 1 && deg >= 0 && deg <= 90) {
			t.Fatalf("Moore(%v, %v) = %v, %v°", a, b, cos, deg)
		}

		out, err := ShareForecast(rows)
		if check("ShareForecast", err) {
			for h, row := range out {
				if math.IsNaN(row[0]) {
					continue
				}
				sum := 0.0
				for _, x := range row {
					sum += x
				}
				if math.Abs(sum-1) > 1e-12 {
					t.Fatalf("ShareForecast: row %d sums to %v", h, sum)
				}
			}
		}
	})
}
