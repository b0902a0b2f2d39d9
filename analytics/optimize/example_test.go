package optimize_test

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/vocmap/vocmap/analytics/optimize"
)

// Three programs in one city: a vocational-bachelor program whose forecast
// target is its current intake, and two higher-vocational programs, one
// oversupplied (target 700 against 800) and one short (target 900 against
// 700). The city's schools take at most 1,650 students, cuts are limited
// to 20 %, changes cost λ = 0.1 per student, and bachelor intake should be
// at least 15 % of higher-vocational intake (a soft target, 2 per student
// short).
//
// Solved by hand: alone, each program would go to its target, 1,700 in
// all, 50 above the capacity, with a shortfall of 0.15·1,600 − 100 = 140.
// Raising the bachelor intake costs 3 + 0.1 per student and saves only 2,
// so the shortfall stays. Of the higher-vocational programs, a student cut
// from the short one costs 1 − 0.1 = 0.9 and saves 0.15·2 = 0.3 of
// shortfall, net 0.6; from the oversupplied one (already at its target)
// 1 + 0.1 − 0.3 = 0.8. So the short program gives up the 50: x = (100,
// 700, 850), mismatch 50, change 0.1·(100 + 150) = 25, shortfall
// 0.15·1,550 − 100 = 132.5 costing 265, in all 340. One more place in the
// city would save the net 0.6 (shadow price −0.6); one more unit asked of
// the share costs 2.
func Example() {
	inf := math.Inf(1)
	p := optimize.Problem{
		Cells: []optimize.Cell{
			{Current: 100, Target: 100, Weight: 3, Lower: 80, Upper: inf}, // vocational bachelor
			{Current: 800, Target: 700, Weight: 1, Lower: 640, Upper: inf},
			{Current: 700, Target: 900, Weight: 1, Lower: 560, Upper: inf},
		},
		TotalChange:   -1, // no total bound
		ChangePenalty: 0.1,
		Constraints: []optimize.Linear{
			optimize.AtMost("taiyuan", map[int]float64{0: 1, 1: 1, 2: 1}, 1650),
		},
		Soft: []optimize.Soft{
			{Name: "bachelor_share", Coef: map[int]float64{0: 1, 1: -0.15, 2: -0.15}, Min: 0, Penalty: 2},
		},
	}
	sol, err := optimize.Solve(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("intakes %.1f\n", sol.X)
	fmt.Printf("cost %.2f = mismatch %.2f + change %.2f + shortfall %.2f\n",
		sol.Objective, sol.MismatchCost, sol.ChangeCost, sol.ShortfallCost)
	fmt.Printf("shortfall %.1f\n", sol.Shortfall)
	fmt.Println("binding", sol.Binding)
	for _, k := range slices.Sorted(maps.Keys(sol.Shadow)) {
		fmt.Printf("shadow %s %.2f\n", k, sol.Shadow[k])
	}
	// Output:
	// intakes [100.0 700.0 850.0]
	// cost 340.00 = mismatch 50.00 + change 25.00 + shortfall 265.00
	// shortfall [132.5]
	// binding [bachelor_share taiyuan:max]
	// shadow bachelor_share 2.00
	// shadow taiyuan:max -0.60
}
