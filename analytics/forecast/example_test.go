package forecast_test

import (
	"context"
	"fmt"

	"github.com/vocmap/vocmap/analytics/forecast"
)

func ExampleForecast() {
	s := forecast.Series{ID: "graduates", Values: []float64{120, 131, 128, 140, 152, 149, 161, 170}, Frequency: 1}
	r, err := forecast.Forecast(s, forecast.Options{Method: forecast.Drift, Horizon: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Method)
	for h, m := range r.Mean {
		fmt.Printf("h=%d %.1f [%.1f, %.1f]\n", h+1, m, r.Lower[0][h], r.Upper[0][h])
	}
	// Output:
	// Drift
	// h=1 177.1 [168.2, 186.1]
	// h=2 184.3 [171.6, 197.0]
	// h=3 191.4 [175.9, 207.0]
}

func ExampleForecastAll() {
	series := []forecast.Series{
		{ID: "a", Values: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{ID: "b", Values: []float64{5, 5, 5, 5}},
		{ID: "c", Values: []float64{1, 2, 3, 4}},
	}
	res, err := forecast.ForecastAll(context.Background(), series, forecast.Options{Horizon: 2, PointOnly: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res {
		fmt.Printf("%s %s, %d steps\n", r.ID, r.Method, len(r.Mean))
	}
	// Output:
	// a Median(ETS(A,A,N),DOTM,Damped,Drift), 2 steps
	// b Constant, 2 steps
	// c Median(ETS(A,N,N),DOTM,Damped,Drift), 2 steps
}

func ExampleSMAPE() {
	s, _ := forecast.SMAPE([]float64{100, 200}, []float64{110, 180})
	m, _ := forecast.MASE([]float64{1, 2, 4}, []float64{5, 6}, []float64{4, 8}, 1)
	fmt.Printf("sMAPE %.3f MASE %.3f\n", s, m)
	// Output: sMAPE 10.025 MASE 1.000
}
