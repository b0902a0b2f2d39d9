package rules

import (
	"math/rand/v2"
	"testing"

	"github.com/vocmap/vocmap/analytics/match"
)

// benchRows returns n school rows in 10 peer groups with random placement
// rates, ratios and growth, from a fixed seed.
func benchRows(n int) []Facts {
	rng := rand.New(rand.NewPCG(1, 2))
	fs := make([]Facts, n)
	for i := range fs {
		f := row(School)
		f.Peer = string(rune('a' + i%10))
		f.Placement = []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		f.Intake = []float64{float64(rng.IntN(3)), float64(rng.IntN(3)), float64(rng.IntN(3))}
		f.Ratio = 2 * rng.Float64()
		f.DemandGrowth = 0.1*rng.Float64() - 0.05
		f.Score = rng.Float64()
		f.Sites = rng.IntN(30)
		fs[i] = f
	}
	return fs
}

func benchmarkEvaluateAll(b *testing.B, n int) {
	fs := benchRows(n)
	p := bottom10(match.DefaultThresholds())
	p.Rules = append(shanxi2025(match.DefaultThresholds()).Rules[:5], p.Rules...)
	b.ReportAllocs()
	for b.Loop() {
		p.EvaluateAll(fs)
	}
}

func BenchmarkEvaluateAllSmall(b *testing.B)  { benchmarkEvaluateAll(b, 100) }
func BenchmarkEvaluateAllMedium(b *testing.B) { benchmarkEvaluateAll(b, 10_000) }
func BenchmarkEvaluateAllLarge(b *testing.B)  { benchmarkEvaluateAll(b, 100_000) }
