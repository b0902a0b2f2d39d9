package chart

import (
	"math"
	"slices"
	"testing"
)

// The expected ticks follow Heckbert's 1-2-5 rule by hand: the raw step
// (hi-lo)/target is rounded up to 1, 2 or 5 times a power of ten, and the
// domain widened to multiples of it.
func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lo, hi   float64
		target   int
		integer  bool
		ticks    []float64
		labels   []string
		min, max float64
	}{
		{"counts", 8200, 12600, 6, false, []float64{8000, 9000, 10000, 11000, 12000, 13000},
			[]string{"8,000", "9,000", "10,000", "11,000", "12,000", "13,000"}, 8000, 13000},
		{"shares", 0.03, 0.27, 5, false, []float64{0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3},
			[]string{"0", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"}, 0, 0.3},
		{"negative", -1234, 567, 4, false, []float64{-1500, -1000, -500, 0, 500, 1000},
			[]string{"-1,500", "-1,000", "-500", "0", "500", "1,000"}, -1500, 1000},
		{"years", 2011, 2030, 10, true, []float64{2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024, 2026, 2028, 2030},
			nil, 2010, 2030},
		{"one year", 2024, 2024, 5, true, []float64{2023, 2024, 2025}, []string{"2023", "2024", "2025"}, 2023, 2025},
		// All equal: widened by 10% either side, 10800 to 13200, step 500.
		{"equal", 12000, 12000, 5, false, []float64{10500, 11000, 11500, 12000, 12500, 13000, 13500}, nil, 10500, 13500},
		{"zero", 0, 0, 4, false, []float64{-1, -0.5, 0, 0.5, 1}, []string{"-1.0", "-0.5", "0", "0.5", "1.0"}, -1, 1},
		{"billions", 0, 1e9, 5, false, []float64{0, 2e8, 4e8, 6e8, 8e8, 1e9},
			[]string{"0", "200,000,000", "400,000,000", "600,000,000", "800,000,000", "1,000,000,000"}, 0, 1e9},
		{"huge", 1e20, 3e20, 2, false, []float64{1e20, 2e20, 3e20}, []string{"1e+20", "2e+20", "3e+20"}, 1e20, 3e20},
		// (1+4e-7)/4 - 1/4 is a hair above 1e-7 in float64, so the step is 2e-7.
		{"tiny step", 1, 1 + 4e-7, 4, false, []float64{1, 1 + 2e-7, 1 + 4e-7}, []string{"1", "1.0000002", "1.0000004"}, 1, 1 + 4e-7},
		{"huge halves", 1e20, 2e20, 2, false, []float64{1e20, 1.5e20, 2e20}, []string{"1e+20", "1.5e+20", "2e+20"}, 1e20, 2e20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := niceScale(tc.lo, tc.hi, tc.target, tc.integer)
			if len(s.ticks) != len(tc.ticks) {
				t.Fatalf("ticks %v, want %v", s.ticks, tc.ticks)
			}
			for i := range s.ticks {
				if math.Abs(s.ticks[i]-tc.ticks[i]) > 1e-9*math.Max(1, math.Abs(tc.ticks[i])) {
					t.Fatalf("ticks %v, want %v", s.ticks, tc.ticks)
				}
			}
			if math.Abs(s.min-tc.min) > 1e-9*math.Max(1, math.Abs(tc.min)) || math.Abs(s.max-tc.max) > 1e-9*math.Max(1, math.Abs(tc.max)) {
				t.Errorf("domain [%v, %v], want [%v, %v]", s.min, s.max, tc.min, tc.max)
			}
			if tc.labels != nil {
				var got []string
				for _, v := range s.ticks {
					got = append(got, s.label(v, tc.integer))
				}
				if !slices.Equal(got, tc.labels) {
					t.Errorf("labels %q, want %q", got, tc.labels)
				}
			}
		})
	}
}

// TestNiceScaleExtremes checks that the ends of float64 give finite,
// ordered domains and a handful of ticks.
func TestNiceScaleExtremes(t *testing.T) {
	for _, r := range [][2]float64{
		{-math.MaxFloat64, math.MaxFloat64}, {math.MaxFloat64, math.MaxFloat64}, {-math.MaxFloat64, -math.MaxFloat64},
		{0, math.SmallestNonzeroFloat64}, {math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64},
		{-1e-300, 1e-300}, {1e300, 1e300 * (1 + 1e-12)}, {5, 1},
	} {
		for _, integer := range []bool{false, true} {
			s := niceScale(r[0], r[1], 5, integer)
			if !finite(s.min) || !finite(s.max) || s.min > s.max || len(s.ticks) < 2 || len(s.ticks) > 12 {
				t.Errorf("niceScale(%v, %v, integer=%v) = [%v, %v] with %d ticks", r[0], r[1], integer, s.min, s.max, len(s.ticks))
			}
			for _, v := range s.ticks {
				if l := s.label(v, integer); l == "" || l == "NaN" || len(l) > 24 {
					t.Errorf("niceScale(%v, %v): label %q", r[0], r[1], l)
				}
			}
		}
	}
}

func TestGroup(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"}, {"999", "999"}, {"1000", "1,000"}, {"-1000", "-1,000"}, {"12345.678", "12,345.678"},
		{"1000000000", "1,000,000,000"}, {"-123456", "-123,456"}, {"0.25", "0.25"},
	} {
		if got := group(tc.in); got != tc.want {
			t.Errorf("group(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
