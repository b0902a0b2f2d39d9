package match

import (
	"math/rand/v2"
	"testing"
)

func benchAllocate(b *testing.B, np, ni int) {
	openings, grads := randomAllocation(rand.New(rand.NewPCG(7, 8)), np, ni)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Allocate(openings, grads); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAllocateSmall allocates 20 industries to 50 programs.
func BenchmarkAllocateSmall(b *testing.B) { benchAllocate(b, 50, 20) }

// BenchmarkAllocateMedium allocates 100 industries to 500 programs.
func BenchmarkAllocateMedium(b *testing.B) { benchAllocate(b, 500, 100) }

// BenchmarkAllocateLarge allocates 100 industries to 5,000 programs.
func BenchmarkAllocateLarge(b *testing.B) { benchAllocate(b, 5000, 100) }

func benchBands(b *testing.B, n int) {
	rng := rand.New(rand.NewPCG(9, 10))
	s, d := make([]float64, n), make([]float64, n)
	for k := range s {
		s[k] = 100 + 30*rng.NormFloat64()
		d[k] = 100 + 30*rng.NormFloat64()
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BandProbabilities(s, d, Thresholds{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBandProbabilitiesSmall classifies 100 paired draws.
func BenchmarkBandProbabilitiesSmall(b *testing.B) { benchBands(b, 100) }

// BenchmarkBandProbabilitiesMedium classifies 1,000 paired draws.
func BenchmarkBandProbabilitiesMedium(b *testing.B) { benchBands(b, 1000) }

// BenchmarkBandProbabilitiesLarge classifies 100,000 paired draws.
func BenchmarkBandProbabilitiesLarge(b *testing.B) { benchBands(b, 100000) }
