package accuracy

import (
	"math"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/bench/internal/wide"
)

func TestHoldout(t *testing.T) {
	train := []wide.Series{
		{ID: "a", Values: []float64{1, 2, 3, 4, 5, 6, 7, 8}},
		{ID: "b", Values: []float64{1, 2, 3, 4, 5}},
	}
	tr, te, dropped := Holdout(train, 2, 2, 3)
	// a: fold 2 holds out 5,6 (7,8 are fold 1) and keeps 1..4; b would keep 1 value.
	if len(tr) != 1 || !slices.Equal(tr[0].Values, []float64{1, 2, 3, 4}) || !slices.Equal(te[0].Values, []float64{5, 6}) {
		t.Errorf("fold 2: train %v, test %v", tr, te)
	}
	if !slices.Equal(dropped, []string{"b"}) {
		t.Errorf("dropped %v, want [b]", dropped)
	}
}

func TestScoreCoverageCombos(t *testing.T) {
	train := []wide.Series{
		{ID: "a", Values: []float64{1, 2, 3}}, // naive scale 1
		{ID: "c", Values: []float64{5, 5, 5}}, // constant: not scored
	}
	test := []wide.Series{{ID: "a", Values: []float64{4, 5}}, {ID: "c", Values: []float64{5, 5}}}
	s, err := NewSet(train, test, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Unscored() != 1 {
		t.Errorf("Unscored %d, want 1", s.Unscored())
	}
	// Longer forecasts are scored on the test steps only.
	sm, ma, err := s.Score([][]float64{{4, 7, 99}, {0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if want := 100 * 2.0 / 12; math.Abs(sm-want) > 1e-12 || ma != 1 {
		t.Errorf("Score = %g, %g; want %g, 1", sm, ma, want)
	}
	cov, err := s.Coverage(
		[][][]float64{{{3, 6}, {0, 0}}, {{5, 5}, {4, 4}}},
		[][][]float64{{{4, 6}, {9, 9}}, {{5, 5}, {6, 6}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	// 80%: 4 in [3,4], 5 not in [6,6], both 5 in [5,5]; 95%: all four.
	if !slices.Equal(cov, []float64{0.75, 1}) {
		t.Errorf("Coverage = %v, want [0.75 1]", cov)
	}
	fc := map[string][][]float64{
		"x": {{4, 5}, {5, 5}},
		"y": {{6, 7}, {5, 5}},
		"z": {{2, 3}, {5, 5}},
	}
	rows, err := Combos(s, []string{"x", "y", "z"}, fc, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Four subsets of two or more, each by mean and median.
	if len(rows) != 8 {
		t.Fatalf("%d combinations, want 8", len(rows))
	}
	// mean(x,y,z), median(x,y,z) and mean(y,z) = median(y,z) equal x,
	// exact: OWA 0, first, in the order of their names.
	for i, want := range []string{"mean(x,y,z)", "mean(y,z)", "median(x,y,z)", "median(y,z)"} {
		if rows[i].Name != want || rows[i].OWA != 0 {
			t.Errorf("combination %d: %s (OWA %g), want %s (0)", i+1, rows[i].Name, rows[i].OWA, want)
		}
	}
	if rows[4].OWA == 0 {
		t.Errorf("combination 5: %s exact", rows[4].Name)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].OWA < rows[i-1].OWA {
			t.Errorf("rows not sorted by OWA: %v", rows)
		}
	}
}
