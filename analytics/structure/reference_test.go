package structure

import (
	"slices"
	"testing"
)

// TestReference: the city has A and C, the province A, B and C; the rest
// of the province is B alone, 305, and the city has none of it.
func TestReference(t *testing.T) {
	city := map[string]float64{"A": 20, "C": 6}
	prov := map[string]float64{"A": 105, "B": 305, "C": 40, "D": 0}
	row, ref := Reference([]string{"A", "C"}, city, prov)
	if !slices.Equal(row, []float64{20, 6, 0}) || !slices.Equal(ref, []float64{105, 40, 305}) {
		t.Errorf("Reference = %v, %v; want [20 6 0], [105 40 305]", row, ref)
	}
	// A code missing from either map counts as 0; with no codes the rest
	// is the whole reference.
	row, ref = Reference([]string{"E"}, city, prov)
	if !slices.Equal(row, []float64{0, 0}) || !slices.Equal(ref, []float64{0, 450}) {
		t.Errorf("Reference(E) = %v, %v; want [0 0], [0 450]", row, ref)
	}
	row, ref = Reference(nil, nil, prov)
	if !slices.Equal(row, []float64{0}) || !slices.Equal(ref, []float64{450}) {
		t.Errorf("Reference(nil) = %v, %v; want [0], [450]", row, ref)
	}
}

// TestRegionShiftShare checks the decomposition of a city against its
// province where the province's growth comes from an industry the city
// lacks (B) — by hand:
//
// Case "province-only industry": province A 100 → 105, B 200 → 305, so
// its whole employment grows 300 → 410 and G = 410/300 − 1 = 11/30
// = 0.36667; G_A = 105/100 − 1 = 0.05. The city has A only, 20 → 24, so
// g_A = 0.2:
//
//	change      = 24 − 20                  = 4
//	growth      = 20 · 11/30               = 22/3  = 7.33333
//	mix         = 20 · (0.05 − 11/30)      = −19/3 = −6.33333
//	competitive = 20 · (0.2 − 0.05)        = 3
//
// (7.33333 − 6.33333 + 3 = 4). Built from the city's industries only, the
// reference would be A alone, G = G_A = 0.05, and the growth effect
// 20 · 0.05 = 1.0 instead of 7.33, the mix effect 0.
//
// Case "new industry": as above, and the city opens C (0 → 6) while the
// province's C falls 50 → 40. The province grows 350 → 450, G = 100/350
// = 2/7:
//
//	A: growth 20 · 2/7 = 40/7 = 5.71429, mix 20 · (0.05 − 2/7) = −33/7
//	   = −4.71429, competitive 20 · (0.2 − 0.05) = 3 (change 4)
//	C: e0 = 0, so growth 0, mix 0 and competitive = change = 6
//
// totals: change 10, growth 40/7, mix −33/7, competitive 9. The city's
// industries alone would give a reference A + C of 150 → 145, G = −1/30.
func TestRegionShiftShare(t *testing.T) {
	for _, c := range []struct {
		name                 string
		e0, e1, ref0, ref1   map[string]float64
		codes                []string
		change, growth, mix  []float64
		comp                 []float64
		tGrowth, tMix, tComp float64
		tChange              float64
	}{
		{
			name: "province-only industry",
			e0:   map[string]float64{"A": 20}, e1: map[string]float64{"A": 24},
			ref0: map[string]float64{"A": 100, "B": 200}, ref1: map[string]float64{"A": 105, "B": 305},
			codes:  []string{"A"},
			change: []float64{4}, growth: []float64{22.0 / 3}, mix: []float64{-19.0 / 3}, comp: []float64{3},
			tGrowth: 22.0 / 3, tMix: -19.0 / 3, tComp: 3, tChange: 4,
		},
		{
			name: "new industry",
			e0:   map[string]float64{"A": 20}, e1: map[string]float64{"A": 24, "C": 6},
			ref0: map[string]float64{"A": 100, "B": 200, "C": 50}, ref1: map[string]float64{"A": 105, "B": 305, "C": 40},
			codes:  []string{"A", "C"},
			change: []float64{4, 6}, growth: []float64{40.0 / 7, 0}, mix: []float64{-33.0 / 7, 0}, comp: []float64{3, 6},
			tGrowth: 40.0 / 7, tMix: -33.0 / 7, tComp: 9, tChange: 10,
		},
	} {
		codes, ss, err := RegionShiftShare(c.e0, c.e1, c.ref0, c.ref1)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(codes, c.codes) {
			t.Errorf("%s: codes %v, want %v", c.name, codes, c.codes)
		}
		if !closeSlice(ss.Change, c.change, 1e-12) || !closeSlice(ss.Growth, c.growth, 1e-12) ||
			!closeSlice(ss.Mix, c.mix, 1e-12) || !closeSlice(ss.Competitive, c.comp, 1e-12) {
			t.Errorf("%s: change %v growth %v mix %v competitive %v; want %v %v %v %v",
				c.name, ss.Change, ss.Growth, ss.Mix, ss.Competitive, c.change, c.growth, c.mix, c.comp)
		}
		if !approx(ss.TotalGrowth, c.tGrowth, 1e-12) || !approx(ss.TotalMix, c.tMix, 1e-12) ||
			!approx(ss.TotalCompetitive, c.tComp, 1e-12) || !approx(ss.TotalChange, c.tChange, 1e-12) {
			t.Errorf("%s: totals growth %v mix %v competitive %v change %v; want %v %v %v %v", c.name,
				ss.TotalGrowth, ss.TotalMix, ss.TotalCompetitive, ss.TotalChange, c.tGrowth, c.tMix, c.tComp, c.tChange)
		}
	}
	// An industry the city has in the base year and the province lacks
	// has no reference growth.
	_, _, err := RegionShiftShare(map[string]float64{"A": 20, "Z": 1}, map[string]float64{"A": 24, "Z": 2},
		map[string]float64{"A": 100}, map[string]float64{"A": 105})
	if !wantErr(err, "absent from the reference") {
		t.Errorf("an industry the province lacks: err %v", err)
	}
}

// TestRegionQuotients: city A 20, C 6 (e = 26); province A 105, B 305,
// C 40 (E = 450, B an industry the city lacks). By hand,
//
//	LQ_A = (20/26) / (105/450) = 9000/2730 = 3.2967033
//	LQ_C = (6/26) / (40/450)   = 2700/1040 = 2.5961538
//
// (against A + C alone, E = 145: LQ_A = 2900/2730 = 1.0622711). An
// industry of the city absent from the province (D) has no quotient, and
// the others still divide by the city's whole employment (e = 30):
// LQ_A = (20/30)/(105/450) = 9000/3150 = 2.8571429.
func TestRegionQuotients(t *testing.T) {
	prov := map[string]float64{"A": 105, "B": 305, "C": 40}
	codes, lq, err := RegionQuotients(map[string]float64{"A": 20, "C": 6}, prov)
	if err != nil || !slices.Equal(codes, []string{"A", "C"}) || !closeSlice(lq, []float64{9000.0 / 2730, 2700.0 / 1040}, 1e-14) {
		t.Errorf("RegionQuotients = %v, %v, %v; want [A C], [3.2967033 2.5961538]", codes, lq, err)
	}
	codes, lq, err = RegionQuotients(map[string]float64{"A": 20, "C": 6, "D": 4}, prov)
	if err != nil || !slices.Equal(codes, []string{"A", "C", "D"}) || !closeSlice(lq, []float64{9000.0 / 3150, 2700.0 / 1200, nan}, 1e-14) {
		t.Errorf("RegionQuotients with D = %v, %v, %v; want [A C D], [2.8571429 2.25 NaN]", codes, lq, err)
	}
	if _, _, err := RegionQuotients(map[string]float64{"A": -1}, prov); !wantErr(err, "non-negative") {
		t.Errorf("a negative value: err %v", err)
	}
}
