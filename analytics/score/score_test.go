package score

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

const tol = 1e-10

// example is the 4 × 3 decision matrix of TestTOPSIS and TestEntropyWeights:
// two benefit indicators and one cost indicator.
func example() (*mat.Dense, []bool) {
	return mat.NewDense(4, 3, []float64{
		3, 4, 2,
		4, 2, 1,
		1, 3, 4,
		2, 2, 2,
	}), []bool{true, true, false}
}

func TestTOPSIS(t *testing.T) {
	// Hand calculation, checked with python3 (plain floats, the formulas of
	// Hwang & Yoon 1981 sec. 3.2.5), weights 0.5, 0.3, 0.2:
	//
	// 1. Column norms sqrt(9+16+1+4) = sqrt 30 = 5.4772255751,
	//    sqrt(16+4+9+4) = sqrt 33 = 5.7445626465, sqrt(4+1+16+4) = 5.
	//    r = [0.5477225575 0.6963106238 0.4; 0.7302967433 0.3481553119 0.2;
	//         0.1825741858 0.5222329679 0.8; 0.3651483717 0.3481553119 0.4].
	// 2. v = w·r = [0.2738612788 0.2088931871 0.08;
	//               0.3651483717 0.1044465936 0.04;
	//               0.0912870929 0.1566698904 0.16;
	//               0.1825741858 0.1044465936 0.08].
	// 3. Ideal (max, max, min) = (0.3651483717, 0.2088931871, 0.04);
	//    anti-ideal (min, min, max) = (0.0912870929, 0.1044465936, 0.16).
	// 4. A1: D+ = sqrt(0.0912870929² + 0 + 0.04²) = 0.099666109252,
	//        D- = sqrt(0.1825741858² + 0.1044465936² + 0.08²) = 0.225038717208.
	//    A2: D+ = 0.104446593573, D- = 0.298998327755.
	//    A3: D+ = 0.303524748130, D- = 0.052223296787.
	//    A4: D+ = 0.214108440381, D- = 0.121380943040.
	// 5. C = D-/(D+ + D-): 0.693056274099, 0.741113128331, 0.146798548953,
	//    0.361802635310.
	// Squared distances of A1 by indicator: to the ideal
	// ((0.5·2/√30)², 0, 0.04²) = (1/120, 0, 0.0016), summing to D+² =
	// 0.0099333…; to the anti-ideal ((1/√30)², (0.3·2/√33)², 0.08²) =
	// (1/30, 0.36/33, 0.0064), summing to D-² = 0.0506424….
	x, benefit := example()
	r, err := TOPSIS(x, []float64{5, 3, 2}, benefit) // rescaled to 0.5, 0.3, 0.2
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Weights", r.Weights, []float64{0.5, 0.3, 0.2}, tol)
	checkSlice(t, "Closeness", r.Closeness, []float64{0.693056274099, 0.741113128331, 0.146798548953, 0.361802635310}, 1e-11)
	checkSlice(t, "DistanceIdeal", r.DistanceIdeal, []float64{0.099666109252, 0.104446593573, 0.303524748130, 0.214108440381}, 1e-11)
	checkSlice(t, "DistanceAntiIdeal", r.DistanceAntiIdeal, []float64{0.225038717208, 0.298998327755, 0.052223296787, 0.121380943040}, 1e-11)
	checkSlice(t, "Ideal", r.Ideal, []float64{0.3651483717, 0.2088931871, 0.04}, 1e-10)
	checkSlice(t, "AntiIdeal", r.AntiIdeal, []float64{0.0912870929, 0.1044465936, 0.16}, 1e-10)
	checkSlice(t, "Normalized row 2", r.Normalized.RawRowView(2), []float64{0.1825741858, 0.5222329679, 0.8}, 1e-10)
	checkSlice(t, "SqIdeal row 0", r.SqIdeal.RawRowView(0), []float64{1.0 / 120, 0, 0.0016}, 1e-12)
	checkSlice(t, "SqAntiIdeal row 0", r.SqAntiIdeal.RawRowView(0), []float64{1.0 / 30, 0.36 / 33, 0.0064}, 1e-12)
	checkSlice(t, "Weighted row 0", r.Weighted.RawRowView(0), []float64{0.2738612788, 0.2088931871, 0.08}, 1e-10)
	// Each row's squared distances add up to D+² and D-².
	for i := range 4 {
		dp, dm := r.DistanceIdeal[i], r.DistanceAntiIdeal[i]
		if got := floats.Sum(r.SqIdeal.RawRowView(i)); math.Abs(got-dp*dp) > tol {
			t.Errorf("row %d: squared distances to the ideal sum to %v, want D+² = %v", i, got, dp*dp)
		}
		if got := floats.Sum(r.SqAntiIdeal.RawRowView(i)); math.Abs(got-dm*dm) > tol {
			t.Errorf("row %d: squared distances to the anti-ideal sum to %v, want D-² = %v", i, got, dm*dm)
		}
	}
}

// TestTOPSISDecomposition is a 3-row case whose every step is an exact
// fraction, computed by hand: supply–demand ratio (cost) 1.0, 1.5, 3.0
// and placement rate (benefit) 0.3, 0.6, 0.6, weights 0.6 and 0.4.
//
//  1. Norms sqrt(1 + 2.25 + 9) = 3.5 and sqrt(0.09 + 0.36 + 0.36) = 0.9:
//     r = (2/7, 3/7, 6/7) and (1/3, 2/3, 2/3).
//  2. v = 0.6·r = (6/35, 9/35, 18/35) and 0.4·r = (2/15, 4/15, 4/15).
//  3. Ideal (min ratio, max placement) = (6/35, 4/15); anti-ideal
//     (18/35, 2/15).
//  4. Row 0: to the ideal (0, (2/15)²), to the anti-ideal ((12/35)², 0):
//     D+ = 2/15 = 14/105, D- = 12/35 = 36/105, C = 36/50 = 0.72.
//     Row 1: to the ideal ((3/35)², 0) = (9/1225, 0), D+ = 3/35 = 9/105;
//     to the anti-ideal ((9/35)², (2/15)²) = (81/1225, 4/225)
//     = (729, 196)/11025, D- = sqrt(925)/105; C = sqrt(925)/(9 +
//     sqrt(925)) = 30.413812651/39.413812651 = 0.771654. Shares of D-²:
//     729/925 = 0.788108 (ratio) and 196/925 = 0.211892 (placement).
//     Row 2: to the ideal ((12/35)², 0), to the anti-ideal (0, (2/15)²):
//     D+ = 36/105, D- = 14/105, C = 14/50 = 0.28.
func TestTOPSISDecomposition(t *testing.T) {
	x := mat.NewDense(3, 2, []float64{1.0, 0.3, 1.5, 0.6, 3.0, 0.6})
	r, err := TOPSIS(x, []float64{0.6, 0.4}, []bool{false, true})
	if err != nil {
		t.Fatal(err)
	}
	const eps = 1e-12
	checkSlice(t, "Normalized col 0", mat.Col(nil, 0, r.Normalized), []float64{2.0 / 7, 3.0 / 7, 6.0 / 7}, eps)
	checkSlice(t, "Normalized col 1", mat.Col(nil, 1, r.Normalized), []float64{1.0 / 3, 2.0 / 3, 2.0 / 3}, eps)
	checkSlice(t, "Weighted col 0", mat.Col(nil, 0, r.Weighted), []float64{6.0 / 35, 9.0 / 35, 18.0 / 35}, eps)
	checkSlice(t, "Weighted col 1", mat.Col(nil, 1, r.Weighted), []float64{2.0 / 15, 4.0 / 15, 4.0 / 15}, eps)
	checkSlice(t, "Ideal", r.Ideal, []float64{6.0 / 35, 4.0 / 15}, eps)
	checkSlice(t, "AntiIdeal", r.AntiIdeal, []float64{18.0 / 35, 2.0 / 15}, eps)
	checkSlice(t, "SqIdeal row 0", r.SqIdeal.RawRowView(0), []float64{0, 4.0 / 225}, eps)
	checkSlice(t, "SqAntiIdeal row 0", r.SqAntiIdeal.RawRowView(0), []float64{144.0 / 1225, 0}, eps)
	checkSlice(t, "SqIdeal row 1", r.SqIdeal.RawRowView(1), []float64{9.0 / 1225, 0}, eps)
	checkSlice(t, "SqAntiIdeal row 1", r.SqAntiIdeal.RawRowView(1), []float64{81.0 / 1225, 4.0 / 225}, eps)
	checkSlice(t, "SqIdeal row 2", r.SqIdeal.RawRowView(2), []float64{144.0 / 1225, 0}, eps)
	checkSlice(t, "SqAntiIdeal row 2", r.SqAntiIdeal.RawRowView(2), []float64{0, 4.0 / 225}, eps)
	checkSlice(t, "DistanceIdeal", r.DistanceIdeal, []float64{14.0 / 105, 9.0 / 105, 36.0 / 105}, eps)
	checkSlice(t, "DistanceAntiIdeal", r.DistanceAntiIdeal, []float64{36.0 / 105, 30.413812651491 / 105, 14.0 / 105}, eps)
	checkSlice(t, "Closeness", r.Closeness, []float64{0.72, 0.771654, 0.28}, 5e-7)
	share := r.SqAntiIdeal.At(1, 0) / (r.DistanceAntiIdeal[1] * r.DistanceAntiIdeal[1])
	if math.Abs(share-0.788108) > 5e-7 {
		t.Errorf("row 1: the ratio's share of D-² = %v, want 729/925 = 0.788108", share)
	}
	// Row 1 again from its squared distances, as explain recomputes it.
	dp, dm, c := Decompose(r.SqIdeal.RawRowView(1), r.SqAntiIdeal.RawRowView(1))
	if math.Abs(dp-9.0/105) > eps || math.Abs(dm-30.413812651491/105) > eps || math.Abs(c-0.771654) > 5e-7 {
		t.Errorf("Decompose row 1 = %v, %v, %v; want 9/105, sqrt(925)/105, 0.771654", dp, dm, c)
	}
	// Closeness from the two distances, and the convention for D+ = D- = 0.
	if got := Closeness(9.0/105, 30.413812651491/105); math.Abs(got-0.771654) > 5e-7 {
		t.Errorf("Closeness(D+, D-) = %v, want 0.771654", got)
	}
	if got := Closeness(0, 0); got != 0.5 {
		t.Errorf("Closeness(0, 0) = %v, want 0.5", got)
	}
}

func TestTOPSISMobile(t *testing.T) {
	// The mobile-phone example common in TOPSIS tutorials: price (cost),
	// storage, camera, looks; equal weights. Closeness computed with
	// python3 (plain floats) from the formulas of Hwang & Yoon (1981),
	// giving the ranking 3, 4, 1, 5, 2.
	x := mat.NewDense(5, 4, []float64{
		250, 16, 12, 5,
		200, 16, 8, 3,
		300, 32, 16, 4,
		275, 32, 8, 4,
		225, 16, 16, 2,
	})
	r, err := TOPSIS(x, []float64{1, 1, 1, 1}, []bool{false, true, true, true})
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "Closeness", r.Closeness, []float64{0.534276857182, 0.308367768732, 0.691632231268, 0.534736584487, 0.401046121517}, 1e-11)
}

func TestTOPSISSpecialCases(t *testing.T) {
	cases := []struct {
		name    string
		x       *mat.Dense
		w       []float64
		benefit []bool
		want    []float64
	}{
		// One alternative is its own ideal and anti-ideal: 0.5 by convention.
		{"single row", mat.NewDense(1, 2, []float64{3, 4}), []float64{1, 1}, []bool{true, false}, []float64{0.5}},
		// All alternatives alike: D+ = D- = 0, 0.5 each.
		{"identical rows", mat.NewDense(3, 2, []float64{1, 2, 1, 2, 1, 2}), []float64{1, 1}, []bool{true, true}, []float64{0.5, 0.5, 0.5}},
		// Row 0 dominates (more of the benefit, less of the cost), row 2 is
		// dominated: 1 and 0; row 1 lies halfway on both: by symmetry 0.5.
		{"dominance", mat.NewDense(3, 2, []float64{4, 1, 3, 2, 2, 3}), []float64{1, 1}, []bool{true, false}, []float64{1, 0.5, 0}},
		// All-zero column stays zero and does not count.
		{"zero column", mat.NewDense(2, 2, []float64{0, 2, 0, 1}), []float64{1, 1}, []bool{true, true}, []float64{1, 0}},
		// A zero weight drops the indicator: only column 1 counts.
		{"zero weight", mat.NewDense(2, 2, []float64{9, 1, 1, 2}), []float64{0, 1}, []bool{true, true}, []float64{0, 1}},
	}
	for _, c := range cases {
		r, err := TOPSIS(c.x, c.w, c.benefit)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		checkSlice(t, c.name, r.Closeness, c.want, 1e-12)
	}
}

func TestEntropyWeights(t *testing.T) {
	// Hand calculation (Zou, Yun & Sun 2006, eqs. 1–4), checked with
	// python3, on the matrix of example():
	// column 0 (benefit, min 1, max 4): x' = 2/3, 1, 0, 1/3; sum 2;
	//   p = 1/3, 1/2, 0, 1/6; e = −(1/3 ln 1/3 + 1/2 ln 1/2 + 1/6 ln 1/6)/ln 4
	//   = 0.729573958514.
	// column 1 (benefit, min 2, max 4): x' = 1, 0, 1/2, 0; p = 2/3, 0, 1/3, 0;
	//   e = −(2/3 ln 2/3 + 1/3 ln 1/3)/ln 4 = 0.459147917027.
	// column 2 (cost, min 1, max 4): x' = 2/3, 1, 0, 2/3; p = 2/7, 3/7, 0, 2/7;
	//   e = 0.778328353731.
	// 1 − e = 0.270426041486, 0.540852082973, 0.221671646269 (sum
	// 1.032949770728); w = 0.261799798160428, 0.523599596320856,
	// 0.214600605518717.
	x, benefit := example()
	w, err := EntropyWeights(x, benefit)
	if err != nil {
		t.Fatal(err)
	}
	checkSlice(t, "EntropyWeights", w, []float64{0.261799798160428, 0.523599596320856, 0.214600605518717}, 1e-12)
}

func TestEntropyWeightsSpecialCases(t *testing.T) {
	cases := []struct {
		name    string
		x       *mat.Dense
		benefit []bool
		want    []float64
	}{
		// Constant column 1 gets 0; the other takes all the weight.
		{"constant column", mat.NewDense(3, 2, []float64{1, 5, 2, 5, 3, 5}), []bool{true, true}, []float64{1, 0}},
		// Every column constant: equal weights.
		{"all constant", mat.NewDense(3, 3, []float64{1, 5, 7, 1, 5, 7, 1, 5, 7}), []bool{true, false, true}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		// Two rows: every non-constant column normalises to (0, 1), p = (0, 1),
		// e = 0: equal weights for the two columns.
		{"two rows", mat.NewDense(2, 2, []float64{1, 10, 2, 30}), []bool{true, false}, []float64{0.5, 0.5}},
		// A benefit and a cost column mirror each other: same entropy.
		{"mirror", mat.NewDense(3, 2, []float64{1, 3, 2, 2, 4, 0}), []bool{true, false}, []float64{0.5, 0.5}},
	}
	for _, c := range cases {
		w, err := EntropyWeights(c.x, c.benefit)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		checkSlice(t, c.name, w, c.want, 1e-12)
	}
}

func TestErrors(t *testing.T) {
	x, benefit := example()
	nan := mat.NewDense(2, 2, []float64{1, 2, 3, math.NaN()})
	cases := []struct {
		name string
		f    func() error
		want string
	}{
		{"entropy one row", func() error {
			_, err := EntropyWeights(mat.NewDense(1, 2, []float64{1, 2}), []bool{true, true})
			return err
		}, "at least 2 rows, have 1"},
		{"entropy NaN", func() error { _, err := EntropyWeights(nan, []bool{true, true}); return err }, "row 1, column 1: value NaN"},
		{"entropy nil", func() error { _, err := EntropyWeights(nil, nil); return err }, "empty"},
		{"entropy empty", func() error { _, err := EntropyWeights(&mat.Dense{}, nil); return err }, "empty"},
		{"entropy directions", func() error { _, err := EntropyWeights(x, []bool{true}); return err }, "1 directions for 3 indicators"},
		{"topsis weights length", func() error { _, err := TOPSIS(x, []float64{1, 2}, benefit); return err }, "2 weights for 3 indicators"},
		{"topsis negative weight", func() error { _, err := TOPSIS(x, []float64{1, -2, 1}, benefit); return err }, "weight 1 = -2"},
		{"topsis NaN weight", func() error { _, err := TOPSIS(x, []float64{1, math.NaN(), 1}, benefit); return err }, "weight 1 = NaN"},
		{"topsis zero weights", func() error { _, err := TOPSIS(x, []float64{0, 0, 0}, benefit); return err }, "sum to zero"},
		{"topsis Inf", func() error {
			_, err := TOPSIS(mat.NewDense(1, 2, []float64{math.Inf(1), 0}), []float64{1, 1}, []bool{true, true})
			return err
		}, "row 0, column 0: value +Inf"},
		{"topsis nil", func() error { _, err := TOPSIS(nil, nil, nil); return err }, "empty"},
		{"no weights", func() error { _, err := NormalizeWeights(nil); return err }, "no weights"},
		{"vector nil", func() error { _, err := VectorNormalize(nil); return err }, "empty"},
	}
	for _, c := range cases {
		err := c.f()
		if err == nil || !strings.HasPrefix(err.Error(), "score: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error = %v, want one containing %q", c.name, err, c.want)
		}
	}
	// Every non-finite value is reported, as a *ValueError.
	bad := mat.NewDense(2, 2, []float64{math.NaN(), 1, 2, math.Inf(-1)})
	_, err := TOPSIS(bad, nil, []bool{true, true})
	var ve *ValueError
	if !errors.As(err, &ve) || ve.Row != 0 || ve.Column != 0 || !strings.Contains(err.Error(), "row 1, column 1") {
		t.Errorf("error %v: want *ValueError for (0,0) and (1,1)", err)
	}
}

func TestNormalizeWeights(t *testing.T) {
	cases := []struct {
		in, want []float64
	}{
		{[]float64{1, 1, 2}, []float64{0.25, 0.25, 0.5}},
		{[]float64{0, 3}, []float64{0, 1}},
		{[]float64{math.MaxFloat64, math.MaxFloat64}, []float64{0.5, 0.5}}, // no overflow
	}
	for _, c := range cases {
		got, err := NormalizeWeights(c.in)
		if err != nil {
			t.Fatal(err)
		}
		checkSlice(t, "NormalizeWeights", got, c.want, 1e-15)
	}
}

func TestMinMax(t *testing.T) {
	// Hand calculation: column 0 benefit (1, 3, 5) → (0, 0.5, 1); column 1
	// cost (10, 20, 30) → (1, 0.5, 0); column 2 constant → 0; column 3
	// spans ±1e308 (max − min overflows without halving) → (1, 0, 0.5).
	x := mat.NewDense(3, 4, []float64{1, 10, 7, 1e308, 3, 20, 7, -1e308, 5, 30, 7, 0})
	got, err := MinMax(x, []bool{true, false, true, true})
	if err != nil {
		t.Fatal(err)
	}
	want := mat.NewDense(3, 4, []float64{0, 1, 0, 1, 0.5, 0.5, 0, 0, 1, 0, 0, 0.5})
	if !mat.EqualApprox(got, want, 1e-15) {
		t.Errorf("MinMax = %v, want %v", mat.Formatted(got), mat.Formatted(want))
	}
}

// randomMatrix returns an n × m matrix of positive values of varied scale
// and random directions.
func randomMatrix(rng *rand.Rand, n, m int) (*mat.Dense, []bool) {
	x := mat.NewDense(n, m, nil)
	benefit := make([]bool, m)
	for j := range m {
		scale := math.Pow(10, float64(rng.IntN(7)-3))
		benefit[j] = rng.IntN(2) == 0
		for i := range n {
			x.Set(i, j, scale*(0.1+rng.Float64()))
		}
	}
	return x, benefit
}

func permuteRows(x *mat.Dense, perm []int) *mat.Dense {
	n, m := x.Dims()
	y := mat.NewDense(n, m, nil)
	for k, i := range perm {
		y.SetRow(k, x.RawRowView(i))
	}
	return y
}

func TestTOPSISProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n, m := 1+rng.IntN(20), 1+rng.IntN(8)
		x, benefit := randomMatrix(rng, n, m)
		var w []float64 // nil: entropy weights when n ≥ 2
		if n == 1 || trial%2 == 0 {
			w = make([]float64, m)
			for j := range w {
				w[j] = rng.Float64()
			}
			w[0] += 0.01
		}
		r, err := TOPSIS(x, w, benefit)
		if err != nil {
			t.Fatal(err)
		}
		// Closeness in [0,1]; weights sum to 1.
		for i, c := range r.Closeness {
			if !(c >= 0 && c <= 1) {
				t.Fatalf("trial %d: closeness[%d] = %v outside [0,1]", trial, i, c)
			}
		}
		if math.Abs(floats.Sum(r.Weights)-1) > 1e-12 {
			t.Fatalf("trial %d: weights sum to %v", trial, floats.Sum(r.Weights))
		}
		// Permuting alternatives permutes the scores.
		perm := rng.Perm(n)
		pr, err := TOPSIS(permuteRows(x, perm), w, benefit)
		if err != nil {
			t.Fatal(err)
		}
		for k, i := range perm {
			if math.Abs(pr.Closeness[k]-r.Closeness[i]) > 1e-12 {
				t.Fatalf("trial %d: permuted closeness %v, want %v", trial, pr.Closeness[k], r.Closeness[i])
			}
		}
		// Scaling a column by a positive constant changes nothing (benefit
		// or cost: vector normalisation removes the scale).
		j, c := rng.IntN(m), math.Pow(10, 4*rng.Float64()-2)
		sx := mat.DenseCopyOf(x)
		for i := range n {
			sx.Set(i, j, c*x.At(i, j))
		}
		sr, err := TOPSIS(sx, w, benefit)
		if err != nil {
			t.Fatal(err)
		}
		checkSlice(t, "scaled closeness", sr.Closeness, r.Closeness, 1e-10)
		// A dominating alternative scores 1, a dominated one 0.
		if n >= 2 {
			dx := mat.DenseCopyOf(x)
			for jj := range m {
				col := mat.Col(nil, jj, x)
				best, worst := floats.Max(col)*1.5, floats.Min(col)/1.5
				if !benefit[jj] {
					best, worst = worst, best
				}
				dx.Set(0, jj, best)
				dx.Set(n-1, jj, worst)
			}
			dr, err := TOPSIS(dx, w, benefit)
			if err != nil {
				t.Fatal(err)
			}
			if dr.Closeness[0] != 1 || dr.Closeness[n-1] != 0 {
				t.Fatalf("trial %d: dominating %v, dominated %v; want 1, 0", trial, dr.Closeness[0], dr.Closeness[n-1])
			}
		}
	}
}

func TestEntropyWeightsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		n, m := 2+rng.IntN(20), 1+rng.IntN(8)
		x, benefit := randomMatrix(rng, n, m)
		w, err := EntropyWeights(x, benefit)
		if err != nil {
			t.Fatal(err)
		}
		// Non-negative, sum to 1.
		for j, v := range w {
			if v < 0 {
				t.Fatalf("trial %d: weight %d = %v", trial, j, v)
			}
		}
		if math.Abs(floats.Sum(w)-1) > 1e-12 {
			t.Fatalf("trial %d: weights sum to %v", trial, floats.Sum(w))
		}
		// Invariant to row order and to positive affine changes of a column
		// (min–max normalisation removes them).
		pw, err := EntropyWeights(permuteRows(x, rng.Perm(n)), benefit)
		if err != nil {
			t.Fatal(err)
		}
		checkSlice(t, "permuted weights", pw, w, 1e-12)
		j := rng.IntN(m)
		sx := mat.DenseCopyOf(x)
		for i := range n {
			sx.Set(i, j, 7*x.At(i, j)+3)
		}
		sw, err := EntropyWeights(sx, benefit)
		if err != nil {
			t.Fatal(err)
		}
		checkSlice(t, "affine weights", sw, w, 1e-9)
	}
}

func checkSlice(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: len %d, want %d", name, len(got), len(want))
		return
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Errorf("%s[%d] = %.15g, want %.15g", name, i, got[i], want[i])
		}
	}
}

// TestScoreMissing checks Score's handling of missing values by hand: the
// NaN of row 2 takes the median of column 0 (2), so rows 1 and 2 tie, and
// the all-NaN column is left out.
func TestScoreMissing(t *testing.T) {
	nan := math.NaN()
	rows := [][]float64{{1, 10, nan}, {2, 20, nan}, {nan, 20, nan}, {3, math.Inf(1), nan}}
	got, err := Score(rows, []bool{true, true, true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Used[2] || !got.Used[0] || !got.Used[1] {
		t.Fatalf("used = %v", got.Used)
	}
	if got.Imputed[0] != 2 {
		t.Fatalf("imputed = %v, want median 2", got.Imputed[0])
	}
	if math.Abs(got.Closeness[1]-got.Closeness[2]) > 1e-12 {
		t.Fatalf("rows 1 and 2 should tie: %v", got.Closeness)
	}
	// Row 3 has the largest value of column 0 and the cap (20) of column 1.
	if !(got.Closeness[3] > got.Closeness[1] && got.Closeness[1] > got.Closeness[0]) {
		t.Fatalf("closeness order = %v", got.Closeness)
	}
	if got.Weights[2] != 0 || got.SqIdeal.At(0, 2) != 0 || got.SqAntiIdeal.At(0, 2) != 0 {
		t.Fatalf("left-out indicator has weight %v", got.Weights[2])
	}
	for _, c := range got.Closeness {
		if c < 0 || c > 1 {
			t.Fatalf("closeness %v outside [0,1]", c)
		}
	}
	one, err := Score([][]float64{{1, 2, 3}}, []bool{true, false, true}, nil)
	if err != nil || one.Closeness[0] != 0.5 {
		t.Fatalf("single row: %v %v", one.Closeness, err)
	}
	if _, err := Score([][]float64{{nan}, {nan}}, []bool{true}, nil); err == nil {
		t.Fatal("all missing: want an error")
	}
	w, err := Score(rows, []bool{true, true, true}, []float64{1, 0, 5})
	if err != nil || w.Weights[0] != 1 || w.Weights[1] != 0 {
		t.Fatalf("config weights: %v %v", w.Weights, err)
	}
	// Weights only on the left-out column, or all 0: an error, not
	// entropy weights in their place.
	for _, zero := range [][]float64{{0, 0, 5}, {0, 0, 0}} {
		if got, err := Score(rows, []bool{true, true, true}, zero); !errors.Is(err, ErrZeroWeights) {
			t.Errorf("weights %v: err %v (weights %v), want ErrZeroWeights", zero, err, got.Weights)
		}
	}
}
