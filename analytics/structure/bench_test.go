package structure

import (
	"math/rand/v2"
	"testing"
)

func benchLocationQuotients(b *testing.B, regions, industries int) {
	emp := randomTable(rand.New(rand.NewPCG(15, 16)), regions, industries)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LocationQuotients(emp, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLocationQuotientsSmall computes 11 cities × 20 industries.
func BenchmarkLocationQuotientsSmall(b *testing.B) { benchLocationQuotients(b, 11, 20) }

// BenchmarkLocationQuotientsMedium computes 117 counties × 97 industries.
func BenchmarkLocationQuotientsMedium(b *testing.B) { benchLocationQuotients(b, 117, 97) }

// BenchmarkLocationQuotientsLarge computes 2,800 counties × 97 industries.
func BenchmarkLocationQuotientsLarge(b *testing.B) { benchLocationQuotients(b, 2800, 97) }
