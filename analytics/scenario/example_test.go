package scenario_test

import (
	"fmt"

	"github.com/vocmap/vocmap/analytics/scenario"
)

// An industry that only the province reports (its cities have no series
// of it) is shocked at the province: +20 %/yr in 2026–2027 on a flat
// forecast of 100 gives 100 · 1.2 = 120 and 100 · 1.2² = 144.
func ExampleApply() {
	ind := scenario.Industry{Code: "M75", Province: "140000",
		Total: &scenario.Series{Region: "140000", Base: 2025, Mean: []float64{100, 100, 100}}}
	matched, err := scenario.Apply(ind, []scenario.Shock{{Industry: "M", Region: "140000", Growth: 0.2, From: 2026, To: 2027}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v %.0f\n", matched, ind.Total.Mean)
	// Output: [true] [120 144 144]
}
