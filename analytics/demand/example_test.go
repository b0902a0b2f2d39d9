package demand_test

import (
	"fmt"

	"github.com/vocmap/vocmap/analytics/demand"
)

// A province's employment in an industry, 100 (thousand) last year and
// forecast to 110 and 121, with a replacement rate of 5% a year: the
// openings are the growth plus the replacement, 10 + 5 and 11 + 5.5. The
// cities' forecasts are then made to add up to the province's openings.
func Example() {
	openings, err := demand.Openings(100, []float64{110, 121}, 0.05)
	if err != nil {
		fmt.Println(err)
		return
	}
	cities := [][]float64{
		{6, 8},  // Taiyuan
		{3, 10}, // Datong
	}
	lastCities := []float64{50, 40}
	byCity, err := demand.Reconcile(openings, cities, lastCities)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("openings %.2f\n", openings)
	fmt.Printf("growth %.3f\n", demand.Growth(100, []float64{110, 121}))
	fmt.Printf("Taiyuan %.2f\n", byCity[0])
	fmt.Printf("Datong %.2f\n", byCity[1])
	// Output:
	// openings [15.00 16.50]
	// growth 0.100
	// Taiyuan [10.00 7.33]
	// Datong [5.00 9.17]
}

// Postings grew 10% over the last year while employment is forecast to
// grow 4%: with weight 0.5 the first year's openings rise by
// 0.5 · (10% − 4%) = 3%.
func ExamplePostingsFactor() {
	monthly := make([]float64, 24)
	for i := range monthly {
		monthly[i] = 100
		if i >= 12 {
			monthly[i] = 110
		}
	}
	f, err := demand.PostingsFactor(monthly, 0.04, 0.5, 0.2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("factor %.4f\n", f)
	// Output:
	// factor 1.0300
}
