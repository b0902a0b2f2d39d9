//go:build duckdb_arrow

package job

import (
	"math"
	"testing"

	"github.com/vocmap/vocmap/analytics/score"
	"github.com/vocmap/vocmap/config"
)

// TestPolicyWeightsRankByDemandAndEmployment scores a hand-made province
// table as the run does (score.Score over Indicators) with the policy
// weights and with entropy weights. Two red "close" rows (ratio 2.0 and
// 1.6, placement 54 % and 56 %) grow their intake fast; two "expand" rows
// (ratio 0.70 and 0.85, placement 93 % and 91 %) shrink it: the demo's
// case in issue 15, item 4. Columns: ratio, placement, employment, match,
// relative salary, intake trend, demand growth, plan priority.
//
// Expected values computed by hand with python3 (plain floats, Hwang &
// Yoon 1981 sec. 3.2.5; Zou, Yun & Sun 2006 for the entropy weights):
//
//   - column norms 2.997082, 1.714118, 1.746797, 1.313393, 2.241651,
//     0.612372, 0.043589, 1.75;
//   - policy weights 0.30, 0.20, 0.10, 0.10, 0.05, 0.05, 0.10, 0.10:
//     close A D+ 0.183326, D− 0.044936, C 0.196861; expand B 0.044921,
//     0.183429, 0.803280; C 0.074590, 0.119933, 0.616549; close D
//     0.140642, 0.061774, 0.305183; expand E 0.049393, 0.157725, 0.761523;
//   - entropy weights 0.0905, 0.1369, 0.1298, 0.1042, 0.1000, 0.1661,
//     0.1042, 0.1682 (the intake trend and plan priority spread the rows
//     most): closeness A 0.513490, B 0.486922, C 0.401261, D 0.538223,
//     E 0.466095 — the close rows above the expand rows.
func TestPolicyWeightsRankByDemandAndEmployment(t *testing.T) {
	rows := [][]float64{
		{2.0, 0.54, 0.62, 0.45, 0.95, 0.45, -0.02, 0.5},  // A: close
		{0.7, 0.93, 0.90, 0.70, 1.05, -0.10, 0.03, 1.0},  // B: expand
		{1.1, 0.80, 0.85, 0.60, 1.00, 0.00, 0.01, 0.75},  // C
		{1.6, 0.56, 0.60, 0.50, 0.90, 0.40, -0.01, 0.5},  // D: close
		{0.85, 0.91, 0.88, 0.65, 1.10, -0.05, 0.02, 1.0}, // E: expand
	}
	pw := (config.Score{Weighting: config.WeightingPolicy}).ScoreWeights()
	w := make([]float64, len(Indicators))
	for j, name := range Indicators {
		w[j] = pw[name]
	}
	pol, err := score.Score(rows, benefit, w)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.196861, 0.803280, 0.616549, 0.305183, 0.761523}
	for i, c := range pol.Closeness {
		if math.Abs(c-want[i]) > 5e-7 {
			t.Errorf("policy: row %d closeness %.6f, want %.6f", i, c, want[i])
		}
	}
	for _, closeRow := range []int{0, 3} {
		for _, expand := range []int{1, 4} {
			if !(pol.Closeness[closeRow] < pol.Closeness[expand]) {
				t.Errorf("policy: close row %d scores %.3f, not below expand row %d at %.3f", closeRow, pol.Closeness[closeRow], expand, pol.Closeness[expand])
			}
		}
	}
	ent, err := score.Score(rows, benefit, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantEnt := []float64{0.513490, 0.486922, 0.401261, 0.538223, 0.466095}
	for i, c := range ent.Closeness {
		if math.Abs(c-wantEnt[i]) > 5e-7 {
			t.Errorf("entropy: row %d closeness %.6f, want %.6f", i, c, wantEnt[i])
		}
	}
}
