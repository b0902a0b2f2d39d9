package optimize

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// provinceProblem returns a plan of programs × cities shaped like a
// province's: intakes around 150 per cell, targets from 60 % to 150 % of
// them, cuts of at most 30 % and growth of at most 30 % (or none) per
// cell, a total within ±3 %, the capacity of each city's schools, a floor
// on the programs of a priority industry, and the soft target that
// vocational-bachelor intake be at least 15 % of higher-vocational intake.
// Every tenth program is a vocational-bachelor program.
func provinceProblem(programs, cities int) Problem {
	rng := rand.New(rand.NewPCG(11, 12))
	p := Problem{TotalChange: 0.03, ChangePenalty: 0.2}
	cityCap := make([]map[int]float64, cities)
	cityCur := make([]float64, cities)
	for c := range cityCap {
		cityCap[c] = map[int]float64{}
	}
	priority := map[int]float64{}
	share := map[int]float64{}
	priorityCur := 0.0
	for prog := range programs {
		for city := range cities {
			i := len(p.Cells)
			cur := math.Round(150 * math.Exp(0.5*rng.NormFloat64()))
			c := Cell{
				Current: cur,
				Target:  math.Round(cur * (0.6 + 0.9*rng.Float64())),
				Weight:  0.5 + rng.Float64(),
				Lower:   math.Floor(0.7 * cur),
				Upper:   math.Ceil(1.3 * cur),
			}
			if rng.Float64() < 0.1 {
				c.Target = nan
			}
			if rng.Float64() < 0.2 {
				c.Upper = inf
			}
			p.Cells = append(p.Cells, c)
			cityCap[city][i] = 1
			cityCur[city] += cur
			if prog%7 == 3 {
				priority[i] = 1
				priorityCur += cur
			}
			if prog%10 == 0 {
				share[i] = 1
			} else {
				share[i] = -0.15
			}
		}
	}
	for c := range cities {
		p.Constraints = append(p.Constraints, AtMost("city"+strconv.Itoa(c), cityCap[c], math.Round(cityCur[c]*(0.97+0.05*rng.Float64()))))
	}
	p.Constraints = append(p.Constraints, AtLeast("priority", priority, math.Round(1.05*priorityCur)))
	p.Soft = []Soft{{Name: "bachelor_share", Coef: share, Min: 0, Penalty: 2}}
	return p
}

func benchSolve(b *testing.B, programs, cities int) {
	p := provinceProblem(programs, cities)
	b.ReportAllocs()
	var sol Solution
	for b.Loop() {
		var err error
		if sol, err = Solve(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sol.Rounds), "rounds")
}

// BenchmarkSolveSmall plans 10 programs × 5 cities (50 cells).
func BenchmarkSolveSmall(b *testing.B) { benchSolve(b, 10, 5) }

// BenchmarkSolveMedium plans 40 programs × 10 cities (400 cells).
func BenchmarkSolveMedium(b *testing.B) { benchSolve(b, 40, 10) }

// BenchmarkSolveProvince plans 136 programs × 11 cities (1,496 cells) with
// 12 Linear constraints, the total bound and one Soft target.
func BenchmarkSolveProvince(b *testing.B) { benchSolve(b, 136, 11) }

// BenchmarkDirect solves the same problems as one standard-form LP with
// lp.Simplex (see direct in reference_test.go), for comparison. The time
// grows so fast with the size that only small problems are run.
func BenchmarkDirect(b *testing.B) {
	for _, size := range []struct{ programs, cities int }{{2, 5}, {4, 5}, {8, 5}} {
		p := provinceProblem(size.programs, size.cities)
		b.Run(strconv.Itoa(len(p.Cells))+"cells", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := direct(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
