package forecast

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// benchSeries returns n series of length length with frequency freq: trend,
// seasonality and noise.
func benchSeries(n, length, freq int) []Series {
	rng := rand.New(rand.NewPCG(11, 13))
	out := make([]Series, n)
	for i := range out {
		v := make([]float64, length)
		for t := range v {
			v[t] = 1000 + 5*float64(t) + 50*math.Sin(2*math.Pi*float64(t)/float64(freq)) + 30*rng.NormFloat64()
		}
		out[i] = Series{ID: string(rune('a' + i%26)), Values: v, Frequency: freq}
	}
	return out
}

func benchForecast(b *testing.B, length, freq int, opts Options) {
	s := benchSeries(1, length, freq)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Forecast(s, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkForecastSmall forecasts a yearly series of 20 points with Auto
// and its default intervals.
func BenchmarkForecastSmall(b *testing.B) { benchForecast(b, 20, 1, Options{}) }

// BenchmarkForecastMedium forecasts a quarterly series of 60 points.
func BenchmarkForecastMedium(b *testing.B) { benchForecast(b, 60, 4, Options{}) }

// BenchmarkForecastLarge forecasts a monthly series of 144 points.
func BenchmarkForecastLarge(b *testing.B) { benchForecast(b, 144, 12, Options{}) }

// BenchmarkForecastAllYearly forecasts 100 yearly series of 30 points,
// point forecasts only, on the default worker pool.
func BenchmarkForecastAllYearly(b *testing.B) {
	series := benchSeries(100, 30, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ForecastAll(context.Background(), series, Options{PointOnly: true}); err != nil {
			b.Fatal(err)
		}
	}
}
