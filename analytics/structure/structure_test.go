package structure

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// approx reports whether a is within tol of b, relative to max(1, |b|);
// two NaNs are equal, as are two equal infinities.
func approx(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(b, 0) {
		return a == b
	}
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

func closeTable(a, b [][]float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !closeSlice(a[i], b[i], tol) {
			return false
		}
	}
	return true
}

// wantErr reports whether err is the package's and mentions want.
func wantErr(err error, want string) bool {
	return err != nil && strings.HasPrefix(err.Error(), "structure: ") && strings.Contains(err.Error(), want)
}

var nan = math.NaN()

func TestShares(t *testing.T) {
	cases := []struct {
		name string
		x    []float64
		want []float64
	}{
		// 10+50+40 = 100.
		{"three sectors", []float64{10, 50, 40}, []float64{0.1, 0.5, 0.4}},
		// 1+1+2 = 4: 1/4, 1/4, 2/4.
		{"with equal parts", []float64{1, 1, 2}, []float64{0.25, 0.25, 0.5}},
		// A zero part has share 0: 0, 3/4, 1/4.
		{"zero part", []float64{0, 3, 1}, []float64{0, 0.75, 0.25}},
		{"single", []float64{7}, []float64{1}},
		// Huge values: the sum 3e308 would overflow; 1/3 each.
		{"huge", []float64{1e308, 1e308, 1e308}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"all zero", []float64{0, 0}, []float64{nan, nan}},
		{"negative", []float64{1, -1, 2}, []float64{nan, nan, nan}},
		{"NaN", []float64{1, nan}, []float64{nan, nan}},
		{"Inf", []float64{math.Inf(1), 1}, []float64{nan, nan}},
		{"empty", nil, []float64{}},
	}
	for _, c := range cases {
		if got := Shares(c.x); !closeSlice(got, c.want, 1e-15) {
			t.Errorf("%s: Shares(%v) = %v, want %v", c.name, c.x, got, c.want)
		}
	}
}

func TestDeviation(t *testing.T) {
	cases := []struct {
		name       string
		output     []float64
		employment []float64
		want       []float64
		total      float64
		theil      float64
	}{
		// Output shares 0.1, 0.5, 0.4; employment shares 0.4, 0.3, 0.3.
		// D = 0.1/0.4−1 = −0.75, 0.5/0.3−1 = 2/3, 0.4/0.3−1 = 1/3;
		// total 0.75 + 2/3 + 1/3 = 1.75.
		// TL = 0.1·ln 0.25 + 0.5·ln(5/3) + 0.4·ln(4/3)
		//    = −0.138629436 + 0.255412812 + 0.115072829 = 0.231856205.
		{"three sectors", []float64{10, 50, 40}, []float64{40, 30, 30},
			[]float64{-0.75, 2.0 / 3, 1.0 / 3}, 1.75, 0.23185620475171873},
		// The same structures in other units (亿元, 万人): unchanged.
		{"units", []float64{1000, 5000, 4000}, []float64{4, 3, 3},
			[]float64{-0.75, 2.0 / 3, 1.0 / 3}, 1.75, 0.23185620475171873},
		// Equal structures: every D is 0, TL is 0.
		{"balanced", []float64{2, 6, 12}, []float64{1, 3, 6}, []float64{0, 0, 0}, 0, 0},
		// A sector with neither output nor employment: D NaN, left out of
		// the totals. Others: shares 0.5, 0.5 against 0.25, 0.75:
		// D = 1, −1/3, total 4/3; TL = 0.5·ln 2 + 0.5·ln(2/3)
		// = 0.346573590 − 0.202732554 = 0.143841036.
		{"empty sector", []float64{0, 5, 5}, []float64{0, 1, 3},
			[]float64{nan, 1, -1.0 / 3}, 4.0 / 3, 0.14384103622589045},
		// Output without employment: D NaN, total and TL +Inf.
		{"output, no workers", []float64{1, 1}, []float64{0, 5},
			[]float64{nan, -0.5}, math.Inf(1), math.Inf(1)},
		// Workers without output: D = 0/0.5 − 1 = −1; the other sector
		// 1/0.5 − 1 = 1; TL = 0 + 1·ln 2 = 0.693147181.
		{"workers, no output", []float64{0, 4}, []float64{5, 5},
			[]float64{-1, 1}, 2, math.Ln2},
	}
	for _, c := range cases {
		d, total, err := Deviation(c.output, c.employment)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !closeSlice(d, c.want, 1e-14) || !approx(total, c.total, 1e-14) {
			t.Errorf("%s: Deviation = %v, %v, want %v, %v", c.name, d, total, c.want, c.total)
		}
		tl, err := Theil(c.output, c.employment)
		if err != nil || !approx(tl, c.theil, 1e-14) {
			t.Errorf("%s: Theil = %v, %v, want %v", c.name, tl, err, c.theil)
		}
	}
}

func TestDeviationErrors(t *testing.T) {
	cases := []struct {
		output, employment []float64
		want               string
	}{
		{nil, nil, "no sectors"},
		{[]float64{1, 2}, []float64{1}, "1 employment values for 2 output values"},
		{[]float64{1, -2}, []float64{1, 1}, "output[1]"},
		{[]float64{1, nan}, []float64{1, 1}, "output[1]"},
		{[]float64{1, 2}, []float64{math.Inf(1), 1}, "employment[0]"},
		{[]float64{0, 0}, []float64{1, 1}, "total output is zero"},
		{[]float64{1, 1}, []float64{0, 0}, "total employment is zero"},
	}
	for _, c := range cases {
		if _, _, err := Deviation(c.output, c.employment); !wantErr(err, c.want) {
			t.Errorf("Deviation(%v, %v) error = %v, want one containing %q", c.output, c.employment, err, c.want)
		}
		if _, err := Theil(c.output, c.employment); !wantErr(err, c.want) {
			t.Errorf("Theil(%v, %v) error = %v, want one containing %q", c.output, c.employment, err, c.want)
		}
	}
}

// TestDeviationProperties checks on random structures that the deviations
// weighted by the employment shares sum to zero, Σ_i (L_i/L)·D_i =
// Σ Y_i/Y − Σ L_i/L = 0, that D_i ≥ −1, and that TL ≥ 0.
func TestDeviationProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 1000 {
		n := 1 + rng.IntN(20)
		y, l := make([]float64, n), make([]float64, n)
		for i := range y {
			y[i] = rng.Float64() * 1000
			l[i] = 0.01 + rng.Float64()*100
		}
		d, total, err := Deviation(y, l)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		ls := Shares(l)
		sum, abs := 0.0, 0.0
		for i := range d {
			if d[i] < -1 {
				t.Fatalf("trial %d: d[%d] = %v < −1", trial, i, d[i])
			}
			sum += ls[i] * d[i]
			abs += math.Abs(d[i])
		}
		if math.Abs(sum) > 1e-9 || !approx(total, abs, 1e-12) {
			t.Fatalf("trial %d: Σ ls·d = %v, total %v vs Σ|d| %v", trial, sum, total, abs)
		}
		if tl, err := Theil(y, l); err != nil || tl < 0 {
			t.Fatalf("trial %d: Theil = %v, %v", trial, tl, err)
		}
	}
}

func TestLocationQuotients(t *testing.T) {
	big := math.MaxFloat64 / 2
	cases := []struct {
		name string
		emp  [][]float64
		ref  []float64
		want [][]float64
	}{
		// Two cities × three industries. Rows sum to 100 and 100; the
		// columns to 40, 80, 80 of 200: reference shares 0.2, 0.4, 0.4.
		// City A shares 0.3, 0.5, 0.2 → 0.3/0.2 = 1.5, 0.5/0.4 = 1.25,
		// 0.2/0.4 = 0.5. City B shares 0.1, 0.3, 0.6 → 0.5, 0.75, 1.5.
		{"sum of regions", [][]float64{{30, 50, 20}, {10, 30, 60}}, nil,
			[][]float64{{1.5, 1.25, 0.5}, {0.5, 0.75, 1.5}}},
		// Against the province's own totals 100, 300, 600 (shares 0.1,
		// 0.3, 0.6): A 0.3/0.1 = 3, 0.5/0.3 = 5/3, 0.2/0.6 = 1/3; B has
		// the province's structure, all 1.
		{"given reference", [][]float64{{30, 50, 20}, {10, 30, 60}}, []float64{100, 300, 600},
			[][]float64{{3, 5.0 / 3, 1.0 / 3}, {1, 1, 1}}},
		// A city without employment is NaN throughout; industry 1 is
		// absent from the reference (column sum 0), NaN. City B's shares
		// 0.25, 0, 0.75 equal the reference's: 1, NaN, 1.
		{"undefined", [][]float64{{0, 0, 0}, {10, 0, 30}}, nil,
			[][]float64{{nan, nan, nan}, {1, nan, 1}}},
		// Industry absent from a given reference but present in the city:
		// NaN. Others: city shares 0.5, 0.25, 0.25 against 0.5, 0, 0.5.
		{"absent from reference", [][]float64{{2, 1, 1}}, []float64{5, 0, 5},
			[][]float64{{1, nan, 0.5}}},
		// An all-zero reference: no quotient is defined.
		{"zero reference", [][]float64{{1, 2}}, []float64{0, 0},
			[][]float64{{nan, nan}}},
		// A single region is its own reference: all 1 where it employs.
		{"single region", [][]float64{{5, 0, 15}}, nil, [][]float64{{1, nan, 1}}},
		// Huge values whose sums overflow float64, in the proportions
		// 1 : 3 and 3 : 1. Reference shares 0.5, 0.5; city shares 0.25,
		// 0.75: 0.25/0.5 = 0.5, 0.75/0.5 = 1.5.
		{"huge", [][]float64{{big / 3, big}, {big, big / 3}}, nil,
			[][]float64{{0.5, 1.5}, {1.5, 0.5}}},
		{"no industries", [][]float64{{}, {}}, nil, [][]float64{{}, {}}},
	}
	for _, c := range cases {
		got, err := LocationQuotients(c.emp, c.ref)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !closeTable(got, c.want, 1e-14) {
			t.Errorf("%s: LocationQuotients(%v, %v) = %v, want %v", c.name, c.emp, c.ref, got, c.want)
		}
	}
}

func TestLocationQuotientsErrors(t *testing.T) {
	cases := []struct {
		emp  [][]float64
		ref  []float64
		want string
	}{
		{nil, nil, "no regions"},
		{[][]float64{{1, 2}, {3}}, nil, "region 1 has 1 industries, want 2"},
		{[][]float64{{1, 2}}, []float64{1}, "ref has 1 industries, want 2"},
		{[][]float64{{1, 2}, {3, -4}}, nil, "emp[1][1]"},
		{[][]float64{{nan, 2}}, nil, "emp[0][0]"},
		{[][]float64{{1, 2}}, []float64{1, math.Inf(1)}, "ref[1]"},
		{[][]float64{{1, 2}}, []float64{-1, 1}, "ref[0]"},
	}
	for _, c := range cases {
		if _, err := LocationQuotients(c.emp, c.ref); !wantErr(err, c.want) {
			t.Errorf("LocationQuotients(%v, %v) error = %v, want one containing %q", c.emp, c.ref, err, c.want)
		}
	}
}

// randomTable returns a regions × industries table of random employment
// with some zeros.
func randomTable(rng *rand.Rand, regions, industries int) [][]float64 {
	emp := make([][]float64, regions)
	for c := range emp {
		emp[c] = make([]float64, industries)
		for i := range emp[c] {
			if rng.IntN(6) > 0 {
				emp[c][i] = rng.Float64() * 500
			}
		}
	}
	return emp
}

// TestLocationQuotientsProperties checks on random tables that permuting
// the industries (or the regions) permutes the quotients, that each
// region's quotients averaged with the reference shares as weights are 1
// (Σ_i (E_i/E)·LQ_ci = Σ_i e_ci/e_c = 1), and, with the regions' sum as
// reference, that each industry's quotients averaged with the regions'
// employment shares are 1 (Σ_c (e_c/E)·LQ_ci = Σ_c e_ci/E_i = 1).
func TestLocationQuotientsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 500 {
		C, n := 1+rng.IntN(8), 1+rng.IntN(10)
		emp := randomTable(rng, C, n)
		var ref []float64
		if trial%2 == 1 {
			ref = make([]float64, n)
			for i := range ref {
				ref[i] = 1 + rng.Float64()*1000
			}
		}
		lq, err := LocationQuotients(emp, ref)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}

		perm := rng.Perm(n)
		pemp := make([][]float64, C)
		for c := range emp {
			pemp[c] = make([]float64, n)
			for i, p := range perm {
				pemp[c][i] = emp[c][p]
			}
		}
		var pref []float64
		if ref != nil {
			pref = make([]float64, n)
			for i, p := range perm {
				pref[i] = ref[p]
			}
		}
		plq, err := LocationQuotients(pemp, pref)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		for c := range lq {
			for i, p := range perm {
				if !approx(plq[c][i], lq[c][p], 1e-12) {
					t.Fatalf("trial %d: industries permuted by %v: lq[%d][%d] = %v, want %v", trial, perm, c, i, plq[c][i], lq[c][p])
				}
			}
		}
		rperm := rng.Perm(C)
		remp := make([][]float64, C)
		for c, p := range rperm {
			remp[c] = emp[p]
		}
		rlq, err := LocationQuotients(remp, ref)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		for c, p := range rperm {
			if !closeSlice(rlq[c], lq[p], 1e-12) {
				t.Fatalf("trial %d: regions permuted: row %d = %v, want %v", trial, c, rlq[c], lq[p])
			}
		}

		refTotals := ref
		if ref == nil {
			refTotals = make([]float64, n)
			for _, row := range emp {
				for i, x := range row {
					refTotals[i] += x
				}
			}
		}
		rs := Shares(refTotals)
		for c, row := range emp {
			rowShares := Shares(row)
			s, all := 0.0, true
			for i := range row {
				if rs[i] > 0 {
					s += rs[i] * lq[c][i]
				} else if rowShares[i] > 0 {
					all = false // the region employs in an industry the reference lacks
				}
			}
			if all && !math.IsNaN(rowShares[0]) && !approx(s, 1, 1e-12) {
				t.Fatalf("trial %d: region %d: Σ (E_i/E)·LQ = %v, want 1", trial, c, s)
			}
		}
		if ref == nil {
			totals := make([]float64, C)
			for c, row := range emp {
				for _, x := range row {
					totals[c] += x
				}
			}
			ws := Shares(totals)
			for i := range n {
				if !(rs[i] > 0) { // absent industry, or an all-zero table
					continue
				}
				s := 0.0
				for c := range emp {
					if ws[c] > 0 {
						s += ws[c] * lq[c][i]
					}
				}
				if !approx(s, 1, 1e-12) {
					t.Fatalf("trial %d: industry %d: Σ (e_c/E)·LQ = %v, want 1", trial, i, s)
				}
			}
		}
	}
}

func TestDecompose(t *testing.T) {
	cases := []struct {
		name                    string
		e0, e1, ref0, ref1      []float64
		growth, mix, comp       []float64
		tGrowth, tMix, tComp, d float64
	}{
		// Reference 5,000 → 5,600: G = 0.12; G_i = 1200/1000−1 = 0.2,
		// 3000/3000−1 = 0, 1400/1000−1 = 0.4. Region g_i = 0.1, −0.05, 0.6.
		// Growth = 100·0.12, 200·0.12, 50·0.12 = 12, 24, 6.
		// Mix = 100·0.08, 200·(−0.12), 50·0.28 = 8, −24, 14.
		// Competitive = 100·(0.1−0.2), 200·(−0.05−0), 50·(0.6−0.4)
		// = −10, −10, 10. Rows: 12+8−10 = 10, 24−24−10 = −10,
		// 6+14+10 = 30; totals 42 − 2 − 10 = 30 = 380 − 350.
		{"three industries",
			[]float64{100, 200, 50}, []float64{110, 190, 80},
			[]float64{1000, 3000, 1000}, []float64{1200, 3000, 1400},
			[]float64{12, 24, 6}, []float64{8, -24, 14}, []float64{-10, -10, 10},
			42, -2, -10, 30},
		// An industry new to the region: G = 110/100−1 = 0.1, G_0 = 1,
		// G_1 = 0. Growth 0, 10; Mix 0, 100·(0−0.1) = −10;
		// Competitive 20 − 0 = 20, 0 − 100·0 = 0.
		{"new industry",
			[]float64{0, 100}, []float64{20, 100},
			[]float64{10, 90}, []float64{20, 90},
			[]float64{0, 10}, []float64{0, -10}, []float64{20, 0},
			10, -10, 20, 20},
		// An industry absent from region and reference in the base year:
		// G = 60/50−1 = 0.2. Industry 0 has no G_0: Growth 0, Mix 0,
		// Competitive 3 − 0 = 3. Industry 1: G_1 = 50/50−1 = 0, g_1 = 0:
		// Growth 10·0.2 = 2, Mix 10·(0−0.2) = −2, Competitive 0.
		{"absent in base year",
			[]float64{0, 10}, []float64{3, 10},
			[]float64{0, 50}, []float64{10, 50},
			[]float64{0, 2}, []float64{0, -2}, []float64{3, 0},
			2, -2, 3, 3},
		// The region is the reference: no competitive effect, and the
		// mix effects cancel. G = 105/80−1 = 0.3125; G_i = 1, 0, 0.5.
		// Growth 20·0.3125 = 6.25, 50·0.3125 = 15.625, 10·0.3125 = 3.125.
		// Mix 20·0.6875 = 13.75, 50·(−0.3125) = −15.625,
		// 10·0.1875 = 1.875. Rows: 20, 0, 5; totals 25, 0, 0.
		{"region is reference",
			[]float64{20, 50, 10}, []float64{40, 50, 15},
			[]float64{20, 50, 10}, []float64{40, 50, 15},
			[]float64{6.25, 15.625, 3.125}, []float64{13.75, -15.625, 1.875}, []float64{0, 0, 0},
			25, 0, 0, 25},
		// Everything shrinks to zero in the reference: G = −1.
		// Growth −4, −6; Mix 0, 0; Competitive (1−4) − 4·(−1) = 1, 0.
		{"collapse",
			[]float64{4, 6}, []float64{1, 0},
			[]float64{10, 10}, []float64{0, 0},
			[]float64{-4, -6}, []float64{0, 0}, []float64{1, 0},
			-10, 0, 1, -9},
	}
	for _, c := range cases {
		ss, err := Decompose(c.e0, c.e1, c.ref0, c.ref1)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !closeSlice(ss.Growth, c.growth, 1e-12) || !closeSlice(ss.Mix, c.mix, 1e-12) || !closeSlice(ss.Competitive, c.comp, 1e-12) {
			t.Errorf("%s: Growth %v, Mix %v, Competitive %v; want %v, %v, %v", c.name, ss.Growth, ss.Mix, ss.Competitive, c.growth, c.mix, c.comp)
		}
		if !approx(ss.TotalGrowth, c.tGrowth, 1e-12) || !approx(ss.TotalMix, c.tMix, 1e-12) ||
			!approx(ss.TotalCompetitive, c.tComp, 1e-12) || !approx(ss.TotalChange, c.d, 1e-12) {
			t.Errorf("%s: totals %v, %v, %v, change %v; want %v, %v, %v, %v", c.name,
				ss.TotalGrowth, ss.TotalMix, ss.TotalCompetitive, ss.TotalChange, c.tGrowth, c.tMix, c.tComp, c.d)
		}
		for i := range c.e0 {
			if ss.Change[i] != c.e1[i]-c.e0[i] {
				t.Errorf("%s: Change[%d] = %v, want %v", c.name, i, ss.Change[i], c.e1[i]-c.e0[i])
			}
		}
	}
}

func TestDecomposeErrors(t *testing.T) {
	one := []float64{1}
	cases := []struct {
		e0, e1, ref0, ref1 []float64
		want               string
	}{
		{one, []float64{1, 2}, one, one, "lengths e0 1, e1 2, ref0 1, ref1 1 differ"},
		{one, one, one, nil, "lengths"},
		{[]float64{-1}, one, one, one, "e0[0]"},
		{one, []float64{nan}, one, one, "e1[0]"},
		{one, one, []float64{math.Inf(1)}, one, "ref0[0]"},
		{one, one, one, []float64{-2}, "ref1[0]"},
		{one, one, []float64{0}, one, "reference total in the base year is zero"},
		{nil, nil, nil, nil, "reference total in the base year is zero"},
		{[]float64{5, 5}, []float64{5, 5}, []float64{0, 10}, []float64{1, 10}, "industry 0 is absent from the reference"},
		// G = 1e300/1e-300 − 1 overflows.
		{one, one, []float64{1e-300}, []float64{1e300}, "overflow"},
	}
	for _, c := range cases {
		if _, err := Decompose(c.e0, c.e1, c.ref0, c.ref1); !wantErr(err, c.want) {
			t.Errorf("Decompose(%v, %v, %v, %v) error = %v, want one containing %q", c.e0, c.e1, c.ref0, c.ref1, err, c.want)
		}
	}
}

// TestDecomposeProperties checks on random inputs that the three effects
// sum to the change, industry by industry and in total, within 1e-9 of
// the magnitude of the figures, and that the region's totals behave as
// the formulas say: Σ Growth = G·Σ e0, and Σ Mix = 0 when the region has
// the reference's base-year structure.
func TestDecomposeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 2000 {
		n := 1 + rng.IntN(15)
		scale := math.Pow(10, float64(rng.IntN(10)-2))
		e0, e1, ref0, ref1 := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			ref0[i] = scale * (1 + rng.Float64()*1000)
			ref1[i] = ref0[i] * (0.5 + rng.Float64())
			if rng.IntN(5) > 0 {
				e0[i] = ref0[i] * rng.Float64()
			}
			if rng.IntN(5) > 0 {
				e1[i] = e0[i]*(0.3+1.4*rng.Float64()) + scale*rng.Float64()
			}
		}
		if trial%4 == 0 { // the region has the reference's structure
			k := rng.Float64()
			for i := range n {
				e0[i] = k * ref0[i]
			}
		}
		ss, err := Decompose(e0, e1, ref0, ref1)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		mag := 0.0
		for i := range n {
			mag = max(mag, e0[i], e1[i], math.Abs(ss.Growth[i]), math.Abs(ss.Mix[i]), math.Abs(ss.Competitive[i]))
		}
		tol := 1e-9 * mag
		var s0, r0, r1 float64
		for i := range n {
			sum := ss.Growth[i] + ss.Mix[i] + ss.Competitive[i]
			if math.Abs(sum-(e1[i]-e0[i])) > tol {
				t.Fatalf("trial %d: industry %d: effects sum to %v, change %v", trial, i, sum, e1[i]-e0[i])
			}
			s0 += e0[i]
			r0 += ref0[i]
			r1 += ref1[i]
		}
		total := ss.TotalGrowth + ss.TotalMix + ss.TotalCompetitive
		if math.Abs(total-ss.TotalChange) > float64(n)*tol {
			t.Fatalf("trial %d: totals sum to %v, change %v", trial, total, ss.TotalChange)
		}
		if G := r1/r0 - 1; math.Abs(ss.TotalGrowth-G*s0) > float64(n)*tol {
			t.Fatalf("trial %d: TotalGrowth %v, want G·Σe0 = %v", trial, ss.TotalGrowth, G*s0)
		}
		if trial%4 == 0 && math.Abs(ss.TotalMix) > float64(n)*tol {
			t.Fatalf("trial %d: region with the reference's structure has TotalMix %v", trial, ss.TotalMix)
		}
	}
}

func TestHHI(t *testing.T) {
	cases := []struct {
		name string
		x    []float64
		want float64
	}{
		// Four equal industries: 4·(1/4)² = 1/4 = 1/n.
		{"equal", []float64{5, 5, 5, 5}, 0.25},
		// One industry holds everything: 1.
		{"monopoly", []float64{0, 9, 0}, 1},
		// Shares 0.5, 0.3, 0.2: 0.25 + 0.09 + 0.04 = 0.38.
		{"three", []float64{50, 30, 20}, 0.38},
		// Shares 0.6, 0.2, 0.2: 0.36 + 0.04 + 0.04 = 0.44.
		{"coal city", []float64{600, 200, 200}, 0.44},
		{"zero total", []float64{0, 0}, nan},
		{"negative", []float64{3, -1}, nan},
		{"NaN", []float64{3, nan}, nan},
		{"empty", nil, nan},
	}
	for _, c := range cases {
		if got := HHI(c.x); !approx(got, c.want, 1e-15) {
			t.Errorf("%s: HHI(%v) = %v, want %v", c.name, c.x, got, c.want)
		}
	}
}

// TestHHIProperties checks on random non-negative vectors that 1/n ≤ HHI
// ≤ 1, that HHI does not change when the industries are permuted or the
// values scaled, and that it is Σ of the squared Shares.
func TestHHIProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 1000 {
		n := 1 + rng.IntN(30)
		x := make([]float64, n)
		for i := range x {
			if rng.IntN(4) > 0 {
				x[i] = rng.ExpFloat64() * 100
			}
		}
		x[rng.IntN(n)] += 1 // a positive total
		h := HHI(x)
		if h < 1/float64(n)-1e-15 || h > 1+1e-15 {
			t.Fatalf("trial %d: HHI = %v outside [1/%d, 1]", trial, h, n)
		}
		p := make([]float64, n)
		for i, j := range rng.Perm(n) {
			p[i] = x[j]
		}
		if hp := HHI(p); !approx(hp, h, 1e-13) {
			t.Fatalf("trial %d: permuted HHI %v, want %v", trial, hp, h)
		}
		k := math.Pow(10, float64(rng.IntN(20)-10))
		for i := range p {
			p[i] = x[i] * k
		}
		if hk := HHI(p); !approx(hk, h, 1e-13) {
			t.Fatalf("trial %d: HHI scaled by %v = %v, want %v", trial, k, hk, h)
		}
	}
}

func TestMoore(t *testing.T) {
	cases := []struct {
		name     string
		s0, s1   []float64
		cos, deg float64
	}{
		{"identical", []float64{0.1, 0.5, 0.4}, []float64{0.1, 0.5, 0.4}, 1, 0},
		// Proportional vectors have the same direction: percentages and
		// shares give the same result.
		{"scale", []float64{10, 50, 40}, []float64{0.1, 0.5, 0.4}, 1, 0},
		// No industry in common: cos 0, 90°.
		{"orthogonal", []float64{1, 0, 0}, []float64{0, 2, 3}, 0, 90},
		// (1,0)·(1,1) = 1, norms 1 and √2: cos = 1/√2, 45°.
		{"45 degrees", []float64{1, 0}, []float64{1, 1}, 1 / math.Sqrt2, 45},
		// (3,4)·(4,3) = 24, norms 5 and 5: cos = 0.96,
		// acos(0.96) = 16.2602047083°.
		{"3-4-5", []float64{3, 4}, []float64{4, 3}, 0.96, 16.260204708311967},
		// Shares 0.1, 0.5, 0.4 → 0.05, 0.45, 0.5: dot 0.005 + 0.225 + 0.2
		// = 0.43, Σs0² = 0.42, Σs1² = 0.455; cos = 0.43/√0.1911 =
		// 0.983643…, acos = 10.3838…° (acos evaluated in Python).
		{"three sectors", []float64{0.1, 0.5, 0.4}, []float64{0.05, 0.45, 0.5},
			0.43 / math.Sqrt(0.42*0.455), math.Acos(0.43/math.Sqrt(0.42*0.455)) * 180 / math.Pi},
		// Huge values whose squares overflow: (3,4)·(4,3) again.
		{"huge", []float64{3e300, 4e300}, []float64{4e300, 3e300}, 0.96, 16.260204708311967},
		// Tiny values whose squares underflow.
		{"tiny", []float64{3e-320, 4e-320}, []float64{4e-320, 3e-320}, 0.96, 16.260204708311967},
	}
	for _, c := range cases {
		cos, deg, err := Moore(c.s0, c.s1)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		// tiny: the subnormal inputs carry only ~10 significant bits.
		tol := 1e-12
		if c.name == "tiny" {
			tol = 1e-3
		}
		if !approx(cos, c.cos, tol) || !approx(deg, c.deg, tol) {
			t.Errorf("%s: Moore(%v, %v) = %v, %v°, want %v, %v°", c.name, c.s0, c.s1, cos, deg, c.cos, c.deg)
		}
	}
}

func TestMooreErrors(t *testing.T) {
	cases := []struct {
		s0, s1 []float64
		want   string
	}{
		{nil, nil, "no industries"},
		{[]float64{1, 2}, []float64{1}, "s1 has 1 industries, want 2"},
		{[]float64{1, -2}, []float64{1, 1}, "s0[1]"},
		{[]float64{1, 2}, []float64{nan, 1}, "s1[0]"},
		{[]float64{0, 0}, []float64{1, 1}, "s0 is all zero"},
		{[]float64{1, 0}, []float64{0, 0}, "s1 is all zero"},
	}
	for _, c := range cases {
		if _, _, err := Moore(c.s0, c.s1); !wantErr(err, c.want) {
			t.Errorf("Moore(%v, %v) error = %v, want one containing %q", c.s0, c.s1, err, c.want)
		}
	}
}

// TestMooreProperties checks on random structures that the index is
// symmetric, unchanged by permuting the industries of both and by scaling
// either, that the angle is in [0°, 90°] and agrees with acos(cos).
func TestMooreProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 1000 {
		n := 1 + rng.IntN(20)
		s0, s1 := make([]float64, n), make([]float64, n)
		for i := range n {
			s0[i] = rng.Float64()
			s1[i] = rng.Float64()
		}
		cos, deg, err := Moore(s0, s1)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if cos < 0 || cos > 1 || deg < 0 || deg > 90 {
			t.Fatalf("trial %d: cos %v, angle %v° out of range", trial, cos, deg)
		}
		if want := math.Acos(cos) * 180 / math.Pi; math.Abs(deg-want) > 1e-6 {
			t.Fatalf("trial %d: angle %v°, acos(cos) = %v°", trial, deg, want)
		}
		c2, d2, _ := Moore(s1, s0)
		if !approx(c2, cos, 1e-14) || !approx(d2, deg, 1e-12) {
			t.Fatalf("trial %d: not symmetric: %v, %v vs %v, %v", trial, c2, d2, cos, deg)
		}
		p0, p1 := make([]float64, n), make([]float64, n)
		k := math.Pow(10, float64(rng.IntN(20)-10))
		for i, j := range rng.Perm(n) {
			p0[i] = s0[j] * k
			p1[i] = s1[j]
		}
		c3, d3, _ := Moore(p0, p1)
		if !approx(c3, cos, 1e-13) || !approx(d3, deg, 1e-10) {
			t.Fatalf("trial %d: permuted and scaled: %v, %v vs %v, %v", trial, c3, d3, cos, deg)
		}
		if c, d, _ := Moore(s0, s0); c != 1 || d != 0 {
			t.Fatalf("trial %d: Moore(s0, s0) = %v, %v°", trial, c, d)
		}
	}
}

func TestShareForecast(t *testing.T) {
	cases := []struct {
		name       string
		components [][]float64
		want       [][]float64
	}{
		// Step 0: 10+30+60 = 100 → 0.1, 0.3, 0.6. Step 1: the negative
		// −5 counts as 0; 20+0+75 = 95 → 20/95, 0, 75/95.
		{"three sectors", [][]float64{{10, 20}, {30, -5}, {60, 75}},
			[][]float64{{0.1, 0.3, 0.6}, {20.0 / 95, 0, 75.0 / 95}}},
		// Every component ≤ 0 at step 1: no shares, NaN.
		{"nothing left", [][]float64{{1, 0}, {3, -2}},
			[][]float64{{0.25, 0.75}, {nan, nan}}},
		{"single", [][]float64{{4, 8, 1}}, [][]float64{{1}, {1}, {1}}},
		{"no steps", [][]float64{{}, {}}, [][]float64{}},
	}
	for _, c := range cases {
		got, err := ShareForecast(c.components)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !closeTable(got, c.want, 1e-15) {
			t.Errorf("%s: ShareForecast(%v) = %v, want %v", c.name, c.components, got, c.want)
		}
	}

	errCases := []struct {
		components [][]float64
		want       string
	}{
		{nil, "no components"},
		{[][]float64{{1, 2}, {1}}, "component 1 has 1 steps, want 2"},
		{[][]float64{{1, nan}}, "components[0][1]"},
		{[][]float64{{1}, {math.Inf(-1)}}, "components[1][0]"},
	}
	for _, c := range errCases {
		if _, err := ShareForecast(c.components); !wantErr(err, c.want) {
			t.Errorf("ShareForecast(%v) error = %v, want one containing %q", c.components, err, c.want)
		}
	}
}

// TestShareForecastProperties checks on random forecast paths (some
// negative) that every row with a positive component sums to 1 and holds
// shares in [0,1], zero where the component is ≤ 0, and that the inputs
// are left unchanged.
func TestShareForecastProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for trial := range 500 {
		K, H := 1+rng.IntN(10), rng.IntN(12)
		comp := make([][]float64, K)
		keep := make([][]float64, K)
		for k := range comp {
			comp[k] = make([]float64, H)
			for h := range comp[k] {
				comp[k][h] = rng.NormFloat64()*50 + 60
			}
			keep[k] = append([]float64(nil), comp[k]...)
		}
		out, err := ShareForecast(comp)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if len(out) != H {
			t.Fatalf("trial %d: %d rows, want %d", trial, len(out), H)
		}
		for h, row := range out {
			anyPos := false
			for k := range comp {
				anyPos = anyPos || comp[k][h] > 0
			}
			if !anyPos {
				continue
			}
			s := 0.0
			for k, x := range row {
				if x < 0 || x > 1 || (comp[k][h] <= 0 && x != 0) {
					t.Fatalf("trial %d: out[%d][%d] = %v for component %v", trial, h, k, x, comp[k][h])
				}
				s += x
			}
			if math.Abs(s-1) > 1e-12 {
				t.Fatalf("trial %d: row %d sums to %v", trial, h, s)
			}
		}
		if !closeTable(comp, keep, 0) {
			t.Fatalf("trial %d: inputs changed", trial)
		}
	}
}
