package scenario

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// TestTargetPath, by hand: 100 at +15 %/yr is 115, then 115 · 1.15 =
// 132.25; −150 % leaves 0 and keeps it (no sign flip).
func TestTargetPath(t *testing.T) {
	if got := TargetPath(100, 0.15, 2); !near(got, []float64{115, 132.25}) {
		t.Errorf("TargetPath(100, 0.15, 2) = %v", got)
	}
	if got := TargetPath(100, -1.5, 2); !near(got, []float64{0, 0}) {
		t.Errorf("TargetPath(100, -1.5, 2) = %v", got)
	}
	if got := TargetPath(100, 0.1, 0); len(got) != 0 {
		t.Errorf("TargetPath(100, 0.1, 0) = %v", got)
	}
}

func TestTargetFor(t *testing.T) {
	ts := []Target{{"C36", "140000", 0.15}, {"C36", "140700", 0.18}, {"Q", "140000", 0.05}, {"B06", "140300", -0.04}}
	for _, c := range []struct {
		industry, region string
		want             float64
		ok               bool
	}{
		{"C36", "140700", 0.18, true}, // the city's own
		{"C36", "140100", 0.15, true}, // the province's
		{"C36", "140000", 0.15, true},
		{"Q84", "140100", 0.05, true}, // the province's section
		{"B06", "140300", -0.04, true},
		{"B06", "140400", 0, false}, // another city's target is not this one's
		{"C38", "140100", 0, false},
		{"", "140100", 0, false},
	} {
		got, ok := TargetFor(ts, c.industry, c.region, "140000")
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("TargetFor(%s, %s) = %v, %v; want %v, %v", c.industry, c.region, got, ok, c.want, c.ok)
		}
	}
}

// TestApplyTargets, by hand.
//
// C36 with the province's target 15 % and 晋中 (140700) 18 %: 太原
// (140100, last 100, trend 102, 104) becomes 115, 132.25, its band
// 100, 101 moving in proportion to 100·115/102 = 112.745098 and
// 101·132.25/104 = 128.435096; 晋中 (last 50, trend 51, 52) becomes 59,
// 69.62. The province (trend 153, 156) moves by the cities' change:
// 153 + 13 + 8 = 174 and 156 + 28.25 + 17.62 = 201.87, its draw 150, 160
// to 150·174/153 = 170.588235 and 160·201.87/156 = 207.046154.
func TestApplyTargets(t *testing.T) {
	ty := &Series{Region: "140100", Base: 2025, Last: 100, Mean: []float64{102, 104}, Bands: [][]float64{{100, 101}}}
	jz := &Series{Region: "140700", Base: 2025, Last: 50, Mean: []float64{51, 52}}
	prov := &Series{Region: "140000", Base: 2025, Last: 150, Mean: []float64{153, 156}, Draws: [][]float64{{150, 160}}}
	ts := []Target{{"C36", "140000", 0.15}, {"C36", "140700", 0.18}}
	got, err := ApplyTargets(Industry{Code: "C36", Province: "140000", Total: prov, Cities: []*Series{ty, jz}}, ts)
	if err != nil || !slices.Equal(got, []string{"140100", "140700"}) {
		t.Fatalf("regions %v, err %v", got, err)
	}
	for _, c := range []struct {
		name      string
		got, want []float64
	}{
		{"太原 mean", ty.Mean, []float64{115, 132.25}},
		{"太原 band", ty.Bands[0], []float64{112.745098039216, 128.435096153846}},
		{"晋中 mean", jz.Mean, []float64{59, 69.62}},
		{"province mean", prov.Mean, []float64{174, 201.87}},
		{"province draw", prov.Draws[0], []float64{170.588235294118, 207.046153846154}},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}

	// A section's target on a province-only industry (no city series):
	// Q84, last 200, at 5 %: 210, 220.5 whatever the trend (190, 180).
	q := &Series{Region: "140000", Base: 2025, Last: 200, Mean: []float64{190, 180}}
	if got, err := ApplyTargets(Industry{Code: "Q84", Province: "140000", Total: q}, []Target{{"Q", "140000", 0.05}}); err != nil || len(got) != 1 || !near(q.Mean, []float64{210, 220.5}) {
		t.Errorf("province-only: %v %v %v", q.Mean, got, err)
	}

	// A city's own target and no province target: 阳泉 (last 100, trend
	// 98, 96) at −4 % gives 96, 92.16; 长治 keeps its trend; the province
	// (177, 174) moves by −2 and −3.84 to 175 and 170.16.
	yq := &Series{Region: "140300", Last: 100, Mean: []float64{98, 96}}
	cz := &Series{Region: "140400", Last: 80, Mean: []float64{79, 78}}
	pb := &Series{Region: "140000", Last: 180, Mean: []float64{177, 174}}
	if _, err := ApplyTargets(Industry{Code: "B06", Province: "140000", Total: pb, Cities: []*Series{yq, cz}}, []Target{{"B06", "140300", -0.04}}); err != nil {
		t.Fatal(err)
	}
	if !near(yq.Mean, []float64{96, 92.16}) || !near(cz.Mean, []float64{79, 78}) || !near(pb.Mean, []float64{175, 170.16}) {
		t.Errorf("city target: 阳泉 %v, 长治 %v, province %v", yq.Mean, cz.Mean, pb.Mean)
	}

	// No last value: the trend stays; a trend of 0 takes the target path
	// in its bounds too (nothing to scale).
	z := &Series{Region: "140000", Last: 0, Mean: []float64{5, 6}}
	if got, _ := ApplyTargets(Industry{Code: "C39", Province: "140000", Total: z}, []Target{{"C39", "140000", 0.12}}); len(got) != 0 || !near(z.Mean, []float64{5, 6}) {
		t.Errorf("last 0: %v %v", z.Mean, got)
	}
	zero := &Series{Region: "140000", Last: 10, Mean: []float64{0, 0}, Bands: [][]float64{{0, 0}}}
	if _, err := ApplyTargets(Industry{Code: "C39", Province: "140000", Total: zero}, []Target{{"C39", "140000", 0.1}}); err != nil || !near(zero.Bands[0], []float64{11, 12.1}) {
		t.Errorf("zero trend: %v %v", zero.Bands, err)
	}

	// A growth of −100 % or a NaN is an error and changes nothing.
	for _, g := range []float64{-1, math.NaN()} {
		s := &Series{Region: "140000", Last: 10, Mean: []float64{10, 10}}
		_, err := ApplyTargets(Industry{Code: "C39", Province: "140000", Total: s}, []Target{{"C39", "140000", g}})
		if err == nil || !strings.HasPrefix(err.Error(), "scenario: ") || !near(s.Mean, []float64{10, 10}) {
			t.Errorf("growth %v: err %v, mean %v", g, err, s.Mean)
		}
	}
}
