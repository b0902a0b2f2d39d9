//go:build duckdb_arrow

package job

import (
	"math"
	"testing"
)

// frameFloats returns the named float64 columns of row i of a frame.
func frameFloats(b *frameBuilder, i int, cols ...string) []float64 {
	out := make([]float64, len(cols))
	for k, c := range cols {
		out[k] = b.f.Cols[b.index[c]].F64[i]
	}
	return out
}

// TestStructureWholeProvince: the province grows 300 → 410 from 2020 to
// 2025, A 100 → 105 and B 200 → 305; the city has A only, 20 → 24. By
// hand, against the province's whole employment (G = 410/300 − 1 = 11/30,
// G_A = 0.05, g_A = 0.2):
//
//	growth      = 20 · 11/30          = 22/3  = 7.33333
//	mix         = 20 · (0.05 − 11/30) = −19/3 = −6.33333
//	competitive = 20 · (0.2 − 0.05)   = 3
//
// where the city's industries alone (A) gave G = 0.05, a growth effect of
// 1.0 and no mix effect. The city's 2025 location quotient of A is
// (24/24) / (105/410) = 410/105 = 3.9047619.
func TestStructureWholeProvince(t *testing.T) {
	year := func(emp map[string]float64) *regionYear { return &regionYear{emp: emp, va: map[string]float64{}} }
	regions := map[string]*regionMap{
		"140000": {region: "140000", level: "province", province: "140000", years: map[int]*regionYear{
			2020: year(map[string]float64{"A": 100, "B": 200}), 2025: year(map[string]float64{"A": 105, "B": 305})}},
		"140100": {region: "140100", level: "city", province: "140000", years: map[int]*regionYear{
			2020: year(map[string]float64{"A": 20}), 2025: year(map[string]float64{"A": 24})}},
	}
	order := []string{"140000", "140100"}
	m := &model{opts: &Options{Period: "2025-12"}, runID: "r"}
	o := newStructureOut()
	m.shiftShare(regions, order, o)
	if n := len(o.shift.f.Cols[0].Str); n != 1 {
		t.Fatalf("%d shift-share rows, want 1 (A, 2020–2025)", n)
	}
	got := frameFloats(o.shift, 0, "change", "growth", "mix", "competitive")
	want := []float64{4, 22.0 / 3, -19.0 / 3, 3}
	for k := range want {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Errorf("change, growth, mix, competitive = %v, want %v", got, want)
			break
		}
	}
	m.locationQuotients(regions, order, o)
	lq := o.lq.f.Cols[o.lq.index["lq"]].F64
	if len(lq) != 2 || math.Abs(lq[1]-410.0/105) > 1e-12 {
		t.Errorf("location quotients %v, want 2020: (20/20)/(100/300) = 3 and 2025: 410/105 = 3.9047619", lq)
	}
	if len(lq) == 2 && math.Abs(lq[0]-3) > 1e-12 {
		t.Errorf("2020 location quotient %v, want 3", lq[0])
	}
}
