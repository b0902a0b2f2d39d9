package supply

import (
	"math"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/internal/fuzzdata"
)

// FuzzCohort checks that no input makes CompletionRate, Graduates or Rate
// panic, that errors are the package's, and that results are in range: the
// completion rate in [0,1] with n ≥ 0, the graduates finite, non-negative
// and H of them. The first nHist decoded values are the intake history,
// the next equally many the graduates (short if data runs out, exercising
// the length check), the rest the intake forecast.
func FuzzCohort(f *testing.F) {
	nan := math.NaN()
	f.Add(fuzzdata.Bytes(100, 110, 120, 130, nan, nan, 90, 99, 140, 150), uint8(4), int8(2), int8(4), 0.9)
	f.Add(fuzzdata.Bytes(100, 110, 120, 70, 75, 80), uint8(3), int8(3), int8(3), 0.5)
	f.Add(fuzzdata.Bytes(nan, -1, math.Inf(1), 5e-324, 1e308, 1e308, -5), uint8(2), int8(0), int8(-1), 1.5)
	f.Add(fuzzdata.Bytes(1e308, 1e308, 5e-324, 1e308, 1e308, -1e308), uint8(2), int8(1), int8(4), 1.0)
	f.Add([]byte{1, 2, 3}, uint8(0), int8(1), int8(1), 0.0)
	f.Fuzz(func(t *testing.T, data []byte, nHist uint8, duration, H int8, c float64) {
		v := fuzzdata.Floats(data, 200)
		n := min(int(nHist%16), len(v))
		intake := v[:n]
		v = v[n:]
		k := min(n, len(v))
		grads := v[:k]
		fc := v[k:]
		check := func(err error) bool {
			if err != nil && !strings.HasPrefix(err.Error(), "supply: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return err == nil
		}

		r, m, err := CompletionRate(intake, grads, int(duration), c)
		if check(err) && (!(r >= 0 && r <= 1) || m < 0) {
			t.Fatalf("CompletionRate = %v, %d", r, m)
		}
		g, err := Graduates(intake, fc, int(duration), c, int(H))
		if check(err) {
			if len(g) != int(H) {
				t.Fatalf("%d graduates for H = %d", len(g), H)
			}
			for h, x := range g {
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("graduates[%d] = %v", h, x)
				}
			}
		}
		q, tot := Rate(grads, intake, c)
		if tot != 0 && !(q >= 0 && q <= 1) || tot < 0 || math.IsNaN(tot) {
			t.Fatalf("Rate = %v, %v", q, tot)
		}
	})
}

// FuzzRegion checks that no input makes PooledCompletionRate, Aggregate
// or Project panic, that errors are the package's and that results are in
// range: the rate in [0,1], the projected graduates finite, non-negative
// and to − from + 1 of them. The decoded values are split into two
// schools of n years each (intake then graduates), shifted by shift years,
// and an intake forecast.
func FuzzRegion(f *testing.F) {
	nan := math.NaN()
	f.Add(fuzzdata.Bytes(100, 100, 100, nan, 90, 90, 100, 100, 100, nan, nan, nan, 120, 130), uint8(3), int8(1), int8(1), int8(2), int8(6))
	f.Add(fuzzdata.Bytes(1e308, 1e308, 5e-324, 1e308, -1, math.Inf(1)), uint8(1), int8(-3), int8(3), int8(9), int8(-4))
	f.Add([]byte{1, 2, 3}, uint8(0), int8(0), int8(0), int8(0), int8(0))
	f.Fuzz(func(t *testing.T, data []byte, n uint8, shift, duration, from, to int8) {
		v := fuzzdata.Floats(data, 200)
		k := min(int(n%10), len(v)/4)
		units := []Cohorts{
			{First: 2000, Intake: v[:k], Graduates: v[k : 2*k]},
			{First: 2000 + int(shift), Intake: v[2*k : 3*k], Graduates: v[3*k : 4*k]},
		}
		fc := v[4*k:]
		check := func(err error) bool {
			if err != nil && !strings.HasPrefix(err.Error(), "supply: ") {
				t.Fatalf("error %q lacks the package prefix", err)
			}
			return err == nil
		}
		c, _, err := PooledCompletionRate(units, int(duration), 0.9)
		if !check(err) {
			return
		}
		if !(c >= 0 && c <= 1) {
			t.Fatalf("PooledCompletionRate = %v", c)
		}
		h, err := Aggregate(units, int(duration), c)
		if !check(err) {
			return
		}
		g, err := Project(h, fc, int(duration), c, 2000+int(from), 2000+int(to))
		if check(err) {
			if len(g) != int(to)-int(from)+1 {
				t.Fatalf("%d graduates from %d to %d", len(g), from, to)
			}
			for i, x := range g {
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("graduates[%d] = %v", i, x)
				}
			}
		}
	})
}
