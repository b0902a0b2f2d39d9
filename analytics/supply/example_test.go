package supply_test

import (
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/supply"
)

// A three-year nursing program: the completion rate from the cohorts of
// the past, (370 + 380 + 405) / (400 + 420 + 450) = 1155/1270, the graduates of the next five years (three from students
// already enrolled, two from the planned intake), those who enter the
// province's labour market, and their split between two industries.
func Example() {
	nan := math.NaN()
	intake := []float64{400, 420, 450, 480, 500, 520}    // 2019..2024
	graduates := []float64{nan, nan, nan, 370, 380, 405} // 2019..2024
	c, n, err := supply.CompletionRate(intake, graduates, 3, 0.9)
	if err != nil {
		fmt.Println(err)
		return
	}
	plan := []float64{540, 560} // intake 2025, 2026
	g, err := supply.Graduates(intake, plan, 3, c, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	further, _ := supply.Rate([]float64{60, 70, 80}, []float64{370, 380, 405}, 0.2)
	stay, _ := supply.Rate([]float64{250, 255, 260}, []float64{300, 300, 320}, 0.8)
	e, err := supply.EnteringWork(g, further, stay)
	if err != nil {
		fmt.Println(err)
		return
	}
	byIndustry, err := supply.ToIndustries(e, []float64{0.7, 0.3}) // hospitals, elderly care
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("completion %.4f from %d cohorts\n", c, n)
	fmt.Printf("graduates 2025-29 %.1f\n", g)
	fmt.Printf("further study %.4f, stay %.4f\n", further, stay)
	fmt.Printf("entering %.1f\n", e)
	fmt.Printf("hospitals %.1f\n", byIndustry[0])
	fmt.Printf("elderly care %.1f\n", byIndustry[1])
	// Output:
	// completion 0.9094 from 3 cohorts
	// graduates 2025-29 [436.5 454.7 472.9 491.1 509.3]
	// further study 0.1818, stay 0.8315
	// entering [297.0 309.4 321.7 334.1 346.5]
	// hospitals [207.9 216.6 225.2 233.9 242.5]
	// elderly care [89.1 92.8 96.5 100.2 103.9]
}
