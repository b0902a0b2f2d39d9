package rules_test

import (
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/rules"
)

// A school program whose placement rate was below 60% in both of its two
// latest graduating classes (POLICY.md, Ministry of Education 2011), in an
// industry that is also oversupplied and shrinking: red, for three
// reasons.
func Example() {
	p, err := rules.Lookup("ministry")
	if err != nil {
		fmt.Println(err)
		return
	}
	v := p.Evaluate(rules.Facts{
		Scope:        rules.School,
		Placement:    []float64{0.71, 0.55, 0.58},
		Ratio:        1.8,
		DemandGrowth: -0.03,
		Score:        math.NaN(),
	})
	fmt.Println(v.Signal, v.Signal.Recommendation(), v.Reasons)
	fmt.Println(rules.SignalText(v.Signal, "zh"))
	for _, c := range v.Reasons {
		fmt.Println(p.ReasonText(c, "zh"))
	}
	// Output:
	// red close [placement_below_60_two_years supply_exceeds_demand demand_declining]
	// 红色(撤销或停招)
	// 近两届毕业去向落实率均低于60%
	// 预测供给超过需求(供需比≥1.5)
	// 对口行业预测用人需求年均下降超过1%
}

// A changed threshold changes both the verdict and the text.
func ExamplePreset_ReasonText() {
	p, _ := rules.Lookup("ministry")
	p.Rules[0].Threshold = 0.55
	f := rules.Facts{Scope: rules.School, Placement: []float64{0.56, 0.54}, Ratio: math.NaN(), DemandGrowth: math.NaN(), Score: math.NaN()}
	fmt.Printf("%q\n", p.Evaluate(f).Signal)
	f.Placement = []float64{0.52, 0.54}
	v := p.Evaluate(f)
	fmt.Println(v.Signal, p.ReasonText(v.Reasons[0], "en"))
	// Output:
	// ""
	// red placement rate below 55% in each of the last two graduating classes
}

// Relative rules rank a row among its peers: EvaluateAll.
func ExamplePreset_EvaluateAll() {
	p, _ := rules.Lookup("bottom_10")
	var fs []rules.Facts
	for i := range 20 {
		x := 0.60 + 0.01*float64(i)
		fs = append(fs, rules.Facts{
			Scope: rules.School, Peer: "140000/school/higher",
			Placement: []float64{x, x},
			Ratio:     math.NaN(), DemandGrowth: math.NaN(), Score: math.NaN(),
		})
	}
	for i, v := range p.EvaluateAll(fs) {
		if v.Signal != rules.None {
			fmt.Println(i, v.Signal, v.Reasons)
		}
	}
	// Output:
	// 0 red [placement_bottom_10_two_years]
	// 1 red [placement_bottom_10_two_years]
}
