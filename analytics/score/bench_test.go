package score

import (
	"math/rand/v2"
	"testing"
)

func benchTOPSIS(b *testing.B, n, m int, entropy bool) {
	x, benefit := randomMatrix(rand.New(rand.NewPCG(5, 6)), n, m)
	var w []float64
	if !entropy {
		w = make([]float64, m)
		for j := range w {
			w[j] = 1
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TOPSIS(x, w, benefit); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTOPSISSmall scores 50 programs (a city) on 8 indicators.
func BenchmarkTOPSISSmall(b *testing.B) { benchTOPSIS(b, 50, 8, false) }

// BenchmarkTOPSISMedium scores 1,000 programs (a province) on 8 indicators.
func BenchmarkTOPSISMedium(b *testing.B) { benchTOPSIS(b, 1000, 8, false) }

// BenchmarkTOPSISLarge scores 50,000 programs (school scope, nationally) on
// 8 indicators.
func BenchmarkTOPSISLarge(b *testing.B) { benchTOPSIS(b, 50000, 8, false) }

// BenchmarkEntropyTOPSISSmall is BenchmarkTOPSISSmall with entropy weights.
func BenchmarkEntropyTOPSISSmall(b *testing.B) { benchTOPSIS(b, 50, 8, true) }

// BenchmarkEntropyTOPSISMedium is BenchmarkTOPSISMedium with entropy
// weights.
func BenchmarkEntropyTOPSISMedium(b *testing.B) { benchTOPSIS(b, 1000, 8, true) }

// BenchmarkEntropyTOPSISLarge is BenchmarkTOPSISLarge with entropy weights.
func BenchmarkEntropyTOPSISLarge(b *testing.B) { benchTOPSIS(b, 50000, 8, true) }
