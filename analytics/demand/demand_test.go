package demand

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func approx(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*max(1, math.Abs(b))
}

func closeSlice(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !approx(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

func TestOpenings(t *testing.T) {
	// Expected values by hand from openings[h] = max(0, E[h] − E[h−1] +
	// rate·E[h−1]), E[0] = last.
	cases := []struct {
		name string
		last float64
		path []float64
		rate float64
		want []float64
	}{
		// 110−100 + 0.05·100 = 15; 121−110 + 0.05·110 = 16.5.
		{"growing", 100, []float64{110, 121}, 0.05, []float64{15, 16.5}},
		// 98−100 + 0.04·100 = 2; 97−98 + 0.04·98 = 2.92: replacement
		// exceeds the decline.
		{"shrinking, replacement wins", 100, []float64{98, 97}, 0.04, []float64{2, 2.92}},
		// 90−100 + 5 = −5 → 0; 85−90 + 4.5 = −0.5 → 0.
		{"shrinking faster than replacement", 100, []float64{90, 85}, 0.05, []float64{0, 0}},
		// Mixed: 95−100 + 0.1·100 = 5; 80−95 + 9.5 = −5.5 → 0; 90−80 + 8 = 18.
		{"mixed", 100, []float64{95, 80, 90}, 0.1, []float64{5, 0, 18}},
		// Rate 0: expansion only, 120−100 = 20, then 110−120 = −10 → 0.
		{"no replacement", 100, []float64{120, 110}, 0, []float64{20, 0}},
		// Rate 1: every worker replaced, openings = E[h] = 40.
		{"full replacement", 50, []float64{40}, 1, []float64{40}},
		// Negative path value as 0: 0−10 + 0.1·10 = −9 → 0; 5−0 + 0 = 5.
		{"negative path", 10, []float64{-3, 5}, 0.1, []float64{0, 5}},
		// Negative last as 0: 7−0 + 0 = 7.
		{"negative last", -4, []float64{7}, 0.2, []float64{7}},
		{"empty path", 100, nil, 0.05, []float64{}},
	}
	for _, c := range cases {
		got, err := Openings(c.last, c.path, c.rate)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !closeSlice(got, c.want, 1e-12) {
			t.Errorf("%s: Openings(%v, %v, %v) = %v, want %v", c.name, c.last, c.path, c.rate, got, c.want)
		}
	}
}

func TestOpeningsErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		last float64
		path []float64
		rate float64
		want string
	}{
		{100, []float64{110}, -0.1, "rate"},
		{100, []float64{110}, 1.1, "rate"},
		{100, []float64{110}, nan, "rate"},
		{nan, []float64{110}, 0.05, "last"},
		{inf, []float64{110}, 0.05, "last"},
		{100, []float64{110, nan}, 0.05, "path[1]"},
		{100, []float64{-inf}, 0.05, "path[0]"},
	}
	for _, c := range cases {
		_, err := Openings(c.last, c.path, c.rate)
		if err == nil || !strings.HasPrefix(err.Error(), "demand: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Openings(%v, %v, %v) error = %v, want one containing %q", c.last, c.path, c.rate, err, c.want)
		}
	}
}

func TestReconcile(t *testing.T) {
	cases := []struct {
		name     string
		parent   []float64
		children [][]float64
		last     []float64
		want     [][]float64
	}{
		// Step 0: 30+10 = 40, 100·30/40 = 75, 100·10/40 = 25.
		// Step 1: 50+150 = 200 = parent, unchanged.
		{"proportions", []float64{100, 200}, [][]float64{{30, 50}, {10, 150}}, []float64{1, 1},
			[][]float64{{75, 50}, {25, 150}}},
		// Three cities summing to 90 against 120: each × 4/3.
		{"scale up", []float64{120}, [][]float64{{30}, {45}, {15}}, []float64{0, 0, 0},
			[][]float64{{40}, {60}, {20}}},
		// Negative child as 0: step 0 0, 20 → 0, 40; step 1 10+30 = 40,
		// 80·10/40 = 20, 80·30/40 = 60.
		{"negative child", []float64{40, 80}, [][]float64{{-5, 10}, {20, 30}}, []float64{1, 1},
			[][]float64{{0, 20}, {40, 60}}},
		// All children zero: split by the last shares 10:20:30 of 60.
		{"zero children, last shares", []float64{60}, [][]float64{{0}, {0}, {0}}, []float64{10, 20, 30},
			[][]float64{{10}, {20}, {30}}},
		// Last shares with a negative (as 0): 0:0:5 → all to child 2.
		{"zero children, negative last", []float64{60}, [][]float64{{0}, {0}, {0}}, []float64{-5, 0, 5},
			[][]float64{{0}, {0}, {60}}},
		// Children and last all zero: equal split 60/3 = 20.
		{"zero children, equal split", []float64{60}, [][]float64{{0}, {0}, {0}}, []float64{0, 0, 0},
			[][]float64{{20}, {20}, {20}}},
		// Fallback only at the step that needs it: step 0 by
		// proportions 1:3, step 1 by last shares 3:1 of 40.
		{"fallback per step", []float64{8, 40}, [][]float64{{1, 0}, {3, 0}}, []float64{3, 1},
			[][]float64{{2, 30}, {6, 10}}},
		// A negative parent step is clamped to 0 and split into zeros.
		{"negative parent", []float64{-10, 10}, [][]float64{{1, 1}, {3, 4}}, []float64{1, 1},
			[][]float64{{0, 2}, {0, 8}}},
		// One child takes all of the parent.
		{"single child", []float64{5, 7}, [][]float64{{4, 9}}, []float64{3},
			[][]float64{{5, 7}}},
		{"no steps", nil, [][]float64{{}, {}}, []float64{1, 2}, [][]float64{{}, {}}},
	}
	for _, c := range cases {
		got, err := Reconcile(c.parent, c.children, c.last)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d rows, want %d", c.name, len(got), len(c.want))
			continue
		}
		for i := range got {
			if !closeSlice(got[i], c.want[i], 1e-12) {
				t.Errorf("%s: row %d = %v, want %v", c.name, i, got[i], c.want[i])
			}
		}
	}
}

func TestReconcileErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		parent   []float64
		children [][]float64
		last     []float64
		want     string
	}{
		{[]float64{1}, nil, nil, "no children"},
		{[]float64{1}, [][]float64{{1}}, []float64{1, 2}, "2 last values for 1 children"},
		{[]float64{1, 2}, [][]float64{{1, 2}, {1}}, []float64{1, 1}, "child 1 has 1 steps, want 2"},
		{[]float64{nan}, [][]float64{{1}}, []float64{1}, "parent[0]"},
		{[]float64{1}, [][]float64{{inf}}, []float64{1}, "children[0][0]"},
		{[]float64{1}, [][]float64{{1}}, []float64{nan}, "lastChildren[0]"},
	}
	for _, c := range cases {
		_, err := Reconcile(c.parent, c.children, c.last)
		if err == nil || !strings.HasPrefix(err.Error(), "demand: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Reconcile(%v, %v, %v) error = %v, want one containing %q", c.parent, c.children, c.last, err, c.want)
		}
	}
}

// TestReconcileProperties checks on random hierarchies that the children
// sum to the parent at every step, that the proportions between children
// are kept, and that the inputs are left unchanged.
func TestReconcileProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		H := rng.IntN(6)
		C := 1 + rng.IntN(8)
		scale := math.Pow(10, float64(rng.IntN(12)-2))
		parent := make([]float64, H)
		for h := range parent {
			parent[h] = scale * rng.Float64() * 100
		}
		children := make([][]float64, C)
		for c := range children {
			children[c] = make([]float64, H)
			for h := range children[c] {
				switch rng.IntN(5) {
				case 0:
					children[c][h] = 0
				case 1:
					children[c][h] = -scale * rng.Float64() // counts as 0
				default:
					children[c][h] = scale * rng.Float64() * 50
				}
			}
		}
		last := make([]float64, C)
		for c := range last {
			last[c] = float64(rng.IntN(3)) * scale * rng.Float64()
		}
		pc := slices.Clone(parent)
		cc := make([][]float64, C)
		for c := range children {
			cc[c] = slices.Clone(children[c])
		}
		lc := slices.Clone(last)

		got, err := Reconcile(parent, children, last)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if !slices.Equal(parent, pc) || !slices.Equal(last, lc) {
			t.Fatalf("trial %d: inputs modified", trial)
		}
		for c := range children {
			if !slices.Equal(children[c], cc[c]) {
				t.Fatalf("trial %d: children[%d] modified", trial, c)
			}
		}
		for h := range parent {
			s := 0.0
			for c := range got {
				if got[c][h] < 0 {
					t.Fatalf("trial %d: negative result %v", trial, got[c][h])
				}
				s += got[c][h]
			}
			if math.Abs(s-parent[h]) > 1e-9*max(1, parent[h]) {
				t.Fatalf("trial %d step %d: children sum to %v, parent %v", trial, h, s, parent[h])
			}
			// Proportions: got[a]/got[b] = child[a]/child[b] for
			// positive children, i.e. got[a]·child[b] = got[b]·child[a].
			for a := range children {
				for b := range children {
					ca, cb := children[a][h], children[b][h]
					if ca <= 0 || cb <= 0 {
						continue
					}
					l, r := got[a][h]*cb, got[b][h]*ca
					if math.Abs(l-r) > 1e-9*max(math.Abs(l), math.Abs(r)) {
						t.Fatalf("trial %d step %d: ratio of children %d and %d not kept", trial, h, a, b)
					}
				}
			}
		}
	}
}

// TestReconcileExtreme checks that sums of huge children do not overflow
// and that subnormal children still split the parent.
func TestReconcileExtreme(t *testing.T) {
	got, err := Reconcile([]float64{10}, [][]float64{{1e308}, {1e308}}, []float64{0, 0})
	if err != nil || !approx(got[0][0], 5, 1e-12) || !approx(got[1][0], 5, 1e-12) {
		t.Errorf("huge children: %v, %v; want [[5] [5]]", got, err)
	}
	got, err = Reconcile([]float64{9}, [][]float64{{5e-324}, {1e-323}}, []float64{0, 0})
	if err != nil || !approx(got[0][0]+got[1][0], 9, 1e-12) {
		t.Errorf("subnormal children: %v, %v; want a sum of 9", got, err)
	}
}

func TestGrowth(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		last float64
		path []float64
		want float64
	}{
		{100, []float64{110, 121}, 0.1},         // (121/100)^(1/2) − 1 = 1.1 − 1
		{100, []float64{81}, -0.19},             // 81/100 − 1
		{100, []float64{50, 25}, -0.5},          // (0.25)^(1/2) − 1
		{64, []float64{80, 100, 125}, 0.25},     // (125/64)^(1/3) = 5/4
		{64, []float64{10, 500, 125}, 0.25},     // only the end point counts
		{100, []float64{100, 100}, 0},           // flat
		{100, []float64{120, -5}, -1},           // negative end as 0
		{0, []float64{0, 0}, 0},                 // nothing to grow
		{-3, []float64{0, -1}, 0},               // negatives as 0
		{0, []float64{0, 5}, nan},               // growth from nothing
		{-1, []float64{2}, nan},                 // likewise
		{100, nil, nan},                         // no horizon
		{nan, []float64{1}, nan},                // undefined input
		{100, []float64{nan, 1}, nan},           // anywhere in the path
		{math.Inf(1), []float64{1}, nan},        // infinite input
		{5e-324, []float64{1e308}, math.Inf(1)}, // overflows: 1e308/5e-324 > MaxFloat64
		{5e-324, []float64{1e308, 1e308}, math.Exp((math.Log(1e308)-math.Log(5e-324))/2) - 1},
	}
	for _, c := range cases {
		got := Growth(c.last, c.path)
		switch {
		case math.IsNaN(c.want):
			if !math.IsNaN(got) {
				t.Errorf("Growth(%v, %v) = %v, want NaN", c.last, c.path, got)
			}
		case math.IsInf(c.want, 0):
			if got != c.want {
				t.Errorf("Growth(%v, %v) = %v, want %v", c.last, c.path, got, c.want)
			}
		case !approx(got, c.want, 1e-12):
			t.Errorf("Growth(%v, %v) = %v, want %v", c.last, c.path, got, c.want)
		}
	}
}

// months returns 12 copies of a followed by 12 copies of b.
func months(a, b float64) []float64 {
	m := make([]float64, 24)
	for i := range m {
		if i < 12 {
			m[i] = a
		} else {
			m[i] = b
		}
	}
	return m
}

func TestPostingsFactor(t *testing.T) {
	seasonal := make([]float64, 24)
	for i := range seasonal {
		// prev12 = 1..12 (sum 78), last12 = 2..13 (sum 90).
		seasonal[i] = float64(i%12 + 1 + i/12)
	}
	longer := append([]float64{math.NaN(), -7, 1e9}, months(100, 110)...)
	cases := []struct {
		name            string
		monthly         []float64
		ge, weight, cap float64
		want            float64
	}{
		// g_p = 1320/1200 − 1 = 0.1; 1 + 0.5·(0.1 − 0.04) = 1.03.
		{"known", months(100, 110), 0.04, 0.5, 0.2, 1.03},
		// g_p = 90/78 − 1 = 12/78; 1 + 1·(12/78 − 0.1) = 1.0538461538…
		{"seasonal", seasonal, 0.1, 1, 0.5, 1 + 12.0/78 - 0.1},
		// Postings fall with employment: 1 + 0.5·(−0.1 − (−0.1)) = 1.
		{"agree", months(100, 90), -0.1, 0.5, 0.2, 1},
		// g_p = 1; 1 + 1·(1 − 0) = 2, clamped to 1 + 0.2.
		{"upper clamp", months(100, 200), 0, 1, 0.2, 1.2},
		// g_p = −1; 1 + 1·(−1 − 0.05) = −0.05, clamped to 1 − 0.3.
		{"lower clamp", months(100, 0), 0.05, 1, 0.3, 0.7},
		// cap 1 allows the factor to reach 0: 1 + 1·(−1 − 0.05) → 0.
		{"floor at zero", months(100, 0), 0.05, 1, 1, 0},
		{"weight zero", months(100, 200), 0, 0, 0.2, 1},
		{"cap zero", months(100, 200), 0, 1, 0, 1},
		{"short", months(100, 200)[1:], 0, 1, 0.2, 1},
		{"empty", nil, 0, 1, 0.2, 1},
		{"prev12 zero", months(0, 50), 0, 1, 0.2, 1},
		{"all zero", months(0, 0), 0, 1, 0.2, 1},
		// Only the last 24 months count: the older NaN, negative and
		// outlier are ignored, and the result is that of "known".
		{"older months ignored", longer, 0.04, 0.5, 0.2, 1.03},
		// prev12 underflows next to huge last12 when scaled: g_p → +Inf,
		// clamped to 1 + cap.
		{"extreme", months(5e-324, 1e308), 0, 0.5, 0.25, 1.25},
	}
	for _, c := range cases {
		got, err := PostingsFactor(c.monthly, c.ge, c.weight, c.cap)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !approx(got, c.want, 1e-12) {
			t.Errorf("%s: PostingsFactor = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPostingsFactorErrors(t *testing.T) {
	nan := math.NaN()
	inf := months(100, 110)
	inf[20] = math.Inf(1)
	neg := months(100, 110)
	neg[3] = -1
	long := append([]float64{1}, neg...)
	cases := []struct {
		monthly         []float64
		ge, weight, cap float64
		want            string
	}{
		{nil, 0, -0.1, 0.2, "weight"},
		{nil, 0, 1.5, 0.2, "weight"},
		{nil, 0, nan, 0.2, "weight"},
		{nil, 0, 0.5, nan, "cap"},
		{nil, 0, 0.5, 2, "cap"},
		{nil, nan, 0.5, 0.2, "growth"},
		{nil, math.Inf(-1), 0.5, 0.2, "growth"},
		{inf, 0, 0.5, 0.2, "monthly[20]"},
		{neg, 0, 0.5, 0.2, "monthly[3]"},
		{long, 0, 0.5, 0.2, "monthly[4]"}, // indices of the whole input
	}
	for _, c := range cases {
		_, err := PostingsFactor(c.monthly, c.ge, c.weight, c.cap)
		if err == nil || !strings.HasPrefix(err.Error(), "demand: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("PostingsFactor(%v, %v, %v) error = %v, want one containing %q", c.ge, c.weight, c.cap, err, c.want)
		}
	}
}

// month returns the MonthIndex of "year-m".
func month(year, m int) int { return year*12 + m - 1 }

// TestPostingsWindowGap reads postings with a missing month. The series
// runs 2023-12 to 2025-12 without 2025-03: 50 in 2023-12, 100 in each
// month of 2024, 120 in each month of 2025 given. The run's period is
// 2025-12, g_e = 0.04, weight 0.5, cap 0.2.
//
// The window is 2024-01..2025-12 with 2025-03 missing: the 11 months
// reported in both years give g_p = 11·120 / (11·100) − 1 = 0.2 and the
// factor 1 + 0.5·(0.2 − 0.04) = 1.08. Taking the last 24 values given as
// consecutive months (the job's old reading) slid the window back to
// 2023-12: prev = 50 + 11·100 = 1150, last = 100 + 11·120 = 1420,
// g_p = 1420/1150 − 1 = 0.23478…, factor 1.0974.
func TestPostingsWindowGap(t *testing.T) {
	nan := math.NaN()
	var ms []int
	var vs []float64
	ms, vs = append(ms, month(2023, 12)), append(vs, 50)
	for m := 1; m <= 12; m++ {
		ms, vs = append(ms, month(2024, m)), append(vs, 100)
	}
	for m := 1; m <= 12; m++ {
		if m != 3 {
			ms, vs = append(ms, month(2025, m)), append(vs, 120)
		}
	}
	win, err := PostingsWindow(ms, vs, MonthIndex(2025, 12))
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Repeat([]float64{100}, 12), 120, 120, nan, 120, 120, 120, 120, 120, 120, 120, 120, 120)
	for i := range want {
		if !(win[i] == want[i] || math.IsNaN(win[i]) && math.IsNaN(want[i])) {
			t.Fatalf("PostingsWindow = %v, want %v", win, want)
		}
	}
	f, err := PostingsFactor(win, 0.04, 0.5, 0.2)
	if err != nil || !approx(f, 1.08, 1e-12) {
		t.Errorf("PostingsFactor(window with a gap) = %v, %v; want 1.08", f, err)
	}

	// Postings that stopped at 2022-12 (100 a month in 2021, 150 in 2022)
	// say nothing about a run of 2025-12: the window is empty and the
	// factor 1. Read as the last 24 values they gave g_p = 0.5, a factor
	// clamped to 1.2.
	ms, vs = nil, nil
	for i := range 24 {
		ms = append(ms, month(2021, 1)+i)
		vs = append(vs, 100+50*float64(i/12))
	}
	win, err = PostingsWindow(ms, vs, month(2025, 12))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := PostingsFactor(win, 0, 0.5, 0.2); err != nil || f != 1 {
		t.Errorf("PostingsFactor(stopped postings) = %v, %v; want 1", f, err)
	}
	// The same series read at 2022-12 is whole: g_p = 1800/1200 − 1 = 0.5,
	// 1 + 0.5·0.5 = 1.25 clamped to 1.2. A month after the end (2023-01)
	// is ignored.
	win, err = PostingsWindow(append(ms, month(2023, 1)), append(vs, 1e6), month(2022, 12))
	if err != nil {
		t.Fatal(err)
	}
	if f, err := PostingsFactor(win, 0, 0.5, 0.2); err != nil || !approx(f, 1.2, 1e-12) {
		t.Errorf("PostingsFactor(at 2022-12) = %v, %v; want 1.2", f, err)
	}
}

func TestPostingsWindowErrors(t *testing.T) {
	end := month(2025, 12)
	for _, c := range []struct {
		months   []int
		postings []float64
		want     string
	}{
		{[]int{end}, nil, "1 months but 0 postings"},
		{[]int{end - 1, end - 1}, []float64{1, 2}, "months[1]"},
		{[]int{end, end - 1}, []float64{1, 2}, "months[1]"},
		{[]int{end - 1, end}, []float64{1, -2}, "postings[1]"},
		{[]int{end}, []float64{math.Inf(1)}, "postings[0]"},
	} {
		_, err := PostingsWindow(c.months, c.postings, end)
		if err == nil || !strings.HasPrefix(err.Error(), "demand: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("PostingsWindow(%v, %v) error = %v, want one containing %q", c.months, c.postings, err, c.want)
		}
	}
	// A bad value outside the window is not read.
	if _, err := PostingsWindow([]int{end - 30, end}, []float64{-1, 5}, end); err != nil {
		t.Errorf("PostingsWindow(bad value before the window) = %v", err)
	}
}

// TestPostingsFactorMissing: NaN months are left out with the same
// month of the other year.
func TestPostingsFactorMissing(t *testing.T) {
	nan := math.NaN()
	// Months 0..5 of the second year missing: 6 pairs remain, of 100 and
	// 130: g_p = 0.3, 1 + 1·(0.3 − 0.1) = 1.2 (cap 0.5).
	w := months(100, 130)
	for i := 12; i < 18; i++ {
		w[i] = nan
	}
	if f, err := PostingsFactor(w, 0.1, 1, 0.5); err != nil || !approx(f, 1.2, 1e-12) {
		t.Errorf("PostingsFactor(6 pairs) = %v, %v; want 1.2", f, err)
	}
	// One more missing (month 6 of the first year): 5 pairs, fewer than
	// MinPostingsPairs: no information.
	w[6] = nan
	if f, err := PostingsFactor(w, 0.1, 1, 0.5); err != nil || f != 1 {
		t.Errorf("PostingsFactor(5 pairs) = %v, %v; want 1", f, err)
	}
	if f, err := PostingsFactor(slices.Repeat([]float64{nan}, 24), 0.1, 1, 0.5); err != nil || f != 1 {
		t.Errorf("PostingsFactor(all missing) = %v, %v; want 1", f, err)
	}
}

// TestPoolPostings: city A reports every month (100 a month, then 110);
// city B (50, then 60) stops after month 6 of the second year. Months 0–5
// pool both cities, 150 → 170; months 6–11 only A, 100 → 110:
// g_p = (6·170 + 6·110) / (6·150 + 6·100) − 1 = 1680/1500 − 1 = 0.12,
// and with g_e = 0.02, weight 0.5: 1 + 0.5·0.1 = 1.05. The province's
// month sums (the old mart) fell: 1680/1800 − 1 = −0.0667, a factor of
// 1 + 0.5·(−0.0867) = 0.9567.
func TestPoolPostings(t *testing.T) {
	nan := math.NaN()
	a, b := months(100, 110), months(50, 60)
	for i := 18; i < 24; i++ {
		b[i] = nan
	}
	p, err := PoolPostings([][]float64{a, b})
	if err != nil {
		t.Fatal(err)
	}
	want := append(append(slices.Repeat([]float64{150}, 6), slices.Repeat([]float64{100}, 6)...),
		append(slices.Repeat([]float64{170}, 6), slices.Repeat([]float64{110}, 6)...)...)
	if !closeSlice(p, want, 0) {
		t.Errorf("PoolPostings = %v, want %v", p, want)
	}
	if f, err := PostingsFactor(p, 0.02, 0.5, 0.2); err != nil || !approx(f, 1.05, 1e-12) {
		t.Errorf("PostingsFactor(pooled) = %v, %v; want 1.05", f, err)
	}
	none, err := PoolPostings(nil)
	if err != nil || len(none) != 24 || !math.IsNaN(none[0]) {
		t.Errorf("PoolPostings(nil) = %v, %v; want 24 NaN", none, err)
	}
	if _, err := PoolPostings([][]float64{a, b[1:]}); err == nil || !strings.Contains(err.Error(), "windows[1] holds 23 months") {
		t.Errorf("PoolPostings(short window) error = %v", err)
	}
	b[2] = -1
	if _, err := PoolPostings([][]float64{a, b}); err == nil || !strings.Contains(err.Error(), "windows[1][2]") {
		t.Errorf("PoolPostings(negative) error = %v", err)
	}
}

// TestRepeat: the held forecast's mean, bounds and draws are separate
// slices; scaling one in place (as a scenario's shock does) leaves the
// others and the path at 100, 100.
func TestRepeat(t *testing.T) {
	path := []float64{100, 100}
	c := Repeat(path, 6)
	if len(c) != 6 {
		t.Fatalf("Repeat: %d copies, want 6", len(c))
	}
	for i := range c[0] {
		c[0][i] *= 1.5
	}
	if c[0][0] != 150 || c[0][1] != 150 {
		t.Errorf("scaled copy = %v, want [150 150]", c[0])
	}
	for k, x := range c[1:] {
		if x[0] != 100 || x[1] != 100 {
			t.Errorf("copy %d = %v after scaling copy 0, want [100 100]", k+1, x)
		}
	}
	if path[0] != 100 || path[1] != 100 {
		t.Errorf("path = %v after scaling copy 0, want [100 100]", path)
	}
	if len(Repeat(nil, 2)) != 2 || len(Repeat(path, 0)) != 0 || len(Repeat(path, -1)) != 0 {
		t.Errorf("Repeat of nothing")
	}
}
