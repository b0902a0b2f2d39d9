package match

import (
	"fmt"
	"math"
)

// checkAllocation checks that openings are finite and non-negative and that
// graduates is a P × I matrix of finite, non-negative values, I =
// len(openings).
func checkAllocation(openings []float64, graduates [][]float64) error {
	for i, o := range openings {
		if math.IsNaN(o) || math.IsInf(o, 0) || o < 0 {
			return fmt.Errorf("match: openings[%d] = %v must be finite and non-negative", i, o)
		}
	}
	for p, row := range graduates {
		if len(row) != len(openings) {
			return fmt.Errorf("match: graduates row %d has %d industries, want %d (len(openings))", p, len(row), len(openings))
		}
		for i, g := range row {
			if math.IsNaN(g) || math.IsInf(g, 0) || g < 0 {
				return fmt.Errorf("match: graduates[%d][%d] = %v must be finite and non-negative", p, i, g)
			}
		}
	}
	return nil
}

// Allocate shares each industry's openings among the programs in proportion
// to their graduates in that industry. openings[i] is the openings of
// industry i; graduates[p][i] the graduates of program p mapped to industry
// i through the crosswalk weights. The result a has the shape of graduates:
//
//	a[p][i] = openings[i] · graduates[p][i] / Σ_q graduates[q][i]
//
// so the column sums of a equal the openings of every industry with
// graduates. An industry with no graduates keeps its openings unallocated:
// its column of a is zero (see Unallocated). Permuting the programs
// permutes the rows of a. A ragged matrix or a negative, NaN or infinite
// value is an error naming its index.
func Allocate(openings []float64, graduates [][]float64) ([][]float64, error) {
	if err := checkAllocation(openings, graduates); err != nil {
		return nil, err
	}
	tot, err := industryTotals(len(openings), graduates)
	if err != nil {
		return nil, err
	}
	a := make([][]float64, len(graduates))
	for p, row := range graduates {
		a[p] = make([]float64, len(openings))
		for i, g := range row {
			if tot[i] > 0 {
				// Divide first so that a[p][i] ≤ openings[i] without
				// overflow for large counts.
				a[p][i] = openings[i] * (g / tot[i])
			}
		}
	}
	return a, nil
}

// industryTotals returns Σ_p graduates[p][i] for each industry i, or an
// error if a total overflows.
func industryTotals(n int, graduates [][]float64) ([]float64, error) {
	tot := make([]float64, n)
	for _, row := range graduates {
		for i, g := range row {
			tot[i] += g
		}
	}
	for i, s := range tot {
		if math.IsInf(s, 0) {
			return nil, fmt.Errorf("match: graduates of industry %d sum to %v", i, s)
		}
	}
	return tot, nil
}

// Unallocated returns, for each industry, the openings that Allocate leaves
// unallocated: openings[i] if no program has graduates in industry i, zero
// otherwise. They are unmet demand that no program answers. The input
// checks are those of Allocate.
func Unallocated(openings []float64, graduates [][]float64) ([]float64, error) {
	if err := checkAllocation(openings, graduates); err != nil {
		return nil, err
	}
	tot, err := industryTotals(len(openings), graduates)
	if err != nil {
		return nil, err
	}
	u := make([]float64, len(openings))
	for i, o := range openings {
		if tot[i] == 0 {
			u[i] = o
		}
	}
	return u, nil
}

// ProgramRatios returns each program's supply–demand ratio: its graduates
// over the openings Allocate gives it, Σ_i graduates[p][i] / Σ_i a[p][i],
// with the zero cases of Ratio (a program with graduates only in industries
// without openings gets +Inf; one without graduates NaN). The input checks
// are those of Allocate.
func ProgramRatios(openings []float64, graduates [][]float64) ([]float64, error) {
	a, err := Allocate(openings, graduates)
	if err != nil {
		return nil, err
	}
	r := make([]float64, len(graduates))
	for p, row := range graduates {
		var s, o float64
		for i, g := range row {
			s += g
			o += a[p][i]
		}
		r[p] = Ratio(s, o)
	}
	return r, nil
}
