package structure_test

import (
	"fmt"

	"github.com/vocmap/vocmap/analytics/structure"
)

// Shanxi's three sectors in 2023: value added 1,388.96, 13,329.69 and
// 10,979.64 亿元 and employment shares 23.42, 25.47 and 51.12 %
// (shanxi_facts.md). The primary sector's output share, 5.4 %, is a
// quarter of its employment share: D = 0.0540/0.2342 − 1 ≈ −0.769. The
// output structure moved by about 2.5° from 2021 (1,286.87, 11,213.13 and
// 10,090.16 亿元) to 2023.
func Example() {
	output := []float64{1388.96, 13329.69, 10979.64}
	employment := []float64{23.42, 25.47, 51.12}
	d, total, err := structure.Deviation(output, employment)
	if err != nil {
		fmt.Println(err)
		return
	}
	tl, err := structure.Theil(output, employment)
	if err != nil {
		fmt.Println(err)
		return
	}
	s21 := structure.Shares([]float64{1286.87, 11213.13, 10090.16})
	s23 := structure.Shares(output)
	cos, deg, err := structure.Moore(s21, s23)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("output shares %.3f\n", s23)
	fmt.Printf("deviation %.3f, total %.3f, Theil %.3f\n", d, total, tl)
	fmt.Printf("HHI of output %.3f\n", structure.HHI(output))
	fmt.Printf("Moore 2021-2023: cos %.5f, %.2f°\n", cos, deg)
	// Output:
	// output shares [0.054 0.519 0.427]
	// deviation [-0.769 1.037 -0.164], total 1.970, Theil 0.213
	// HHI of output 0.455
	// Moore 2021-2023: cos 0.99904, 2.51°
}

// Two cities' employment in three industries (mining, manufacturing,
// services). Against their sum (40, 80, 80 of 200) city A is specialised
// in mining, 0.3/0.2 = 1.5, and city B in services, 0.6/0.4 = 1.5.
func ExampleLocationQuotients() {
	emp := [][]float64{
		{30, 50, 20}, // city A
		{10, 30, 60}, // city B
	}
	lq, err := structure.LocationQuotients(emp, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("A %.2f\nB %.2f\n", lq[0], lq[1])
	// Output:
	// A [1.50 1.25 0.50]
	// B [0.50 0.75 1.50]
}

// A city's employment in three industries grows from 350 to 380 while the
// province's grows by 12 %. Had every industry grown at 12 %, the city
// would have gained 42; its industries grow more slowly in the province
// than the average (mix −2), and it does worse than the province in them
// (competitive −10).
func ExampleDecompose() {
	ss, err := structure.Decompose(
		[]float64{100, 200, 50}, []float64{110, 190, 80}, // city, base and end year
		[]float64{1000, 3000, 1000}, []float64{1200, 3000, 1400}, // province
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("growth %.0f\nmix %.0f\ncompetitive %.0f\n", ss.Growth, ss.Mix, ss.Competitive)
	fmt.Printf("total %.0f = %.0f + %.0f + %.0f\n", ss.TotalChange, ss.TotalGrowth, ss.TotalMix, ss.TotalCompetitive)
	// Output:
	// growth [12 24 6]
	// mix [8 -24 14]
	// competitive [-10 -10 10]
	// total 30 = 42 + -2 + -10
}

// Forecasts of the three sectors' employment to 2025, 2030 and 2035
// become shares per plan year; the primary sector's forecast for 2035 is
// negative and counts as zero.
func ExampleShareForecast() {
	forecasts := [][]float64{
		{380, 300, -10},  // primary
		{430, 420, 400},  // secondary
		{890, 980, 1100}, // tertiary
	}
	shares, err := structure.ShareForecast(forecasts)
	if err != nil {
		fmt.Println(err)
		return
	}
	for h, year := range []int{2025, 2030, 2035} {
		fmt.Printf("%d %.3f\n", year, shares[h])
	}
	// Output:
	// 2025 [0.224 0.253 0.524]
	// 2030 [0.176 0.247 0.576]
	// 2035 [0.000 0.267 0.733]
}
