package structure

import (
	"errors"
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// LocationQuotients returns the location quotient (区位熵) of every
// industry i in every region c,
//
//	lq[c][i] = (e_ci / e_c) / (E_i / E)
//
// the industry's share of the region's employment over its share of the
// reference's (Isard 1960). emp[c][i] = e_ci is the employment of region c
// (e.g. a city) in industry i, e_c = Σ_i e_ci. The reference is the sum of
// the regions, E_i = Σ_c e_ci, when ref is nil, or else ref[i] = E_i (e.g.
// the province's own figures, or the nation's), with E = Σ_i E_i.
// lq[c][i] > 1 means region c is more specialised in industry i than the
// reference. lq[c][i] is NaN where it is undefined: in a region without
// employment (e_c = 0) and in an industry absent from the reference
// (E_i = 0). No regions, ragged rows, a ref of the wrong length and NaN,
// ±Inf or negative values are errors. The result is new; emp and ref are
// left unchanged.
func LocationQuotients(emp [][]float64, ref []float64) ([][]float64, error) {
	if len(emp) == 0 {
		return nil, errors.New("structure: no regions")
	}
	n := len(emp[0])
	for c, row := range emp {
		if len(row) != n {
			return nil, fmt.Errorf("structure: region %d has %d industries, want %d (len(emp[0]))", c, len(row), n)
		}
		if err := checkValues(fmt.Sprintf("emp[%d]", c), row); err != nil {
			return nil, err
		}
	}
	var refShares []float64
	ok := false
	if ref != nil {
		if len(ref) != n {
			return nil, fmt.Errorf("structure: ref has %d industries, want %d", len(ref), n)
		}
		if err := checkValues("ref", ref); err != nil {
			return nil, err
		}
		refShares, ok = numeric.Proportions(ref)
	} else {
		// Sum the regions after scaling by the largest value, so the
		// column sums cannot overflow.
		m := 0.0
		for _, row := range emp {
			for _, x := range row {
				m = max(m, x)
			}
		}
		if m > 0 {
			col := make([]float64, n)
			for _, row := range emp {
				for i, x := range row {
					col[i] += x / m
				}
			}
			refShares, ok = numeric.Proportions(col)
		}
	}
	lq := make([][]float64, len(emp))
	for c, row := range emp {
		s, rowOK := numeric.Proportions(row)
		lq[c] = make([]float64, n)
		for i := range lq[c] {
			if !ok || !rowOK || refShares[i] == 0 {
				lq[c][i] = math.NaN()
				continue
			}
			lq[c][i] = s[i] / refShares[i]
		}
	}
	return lq, nil
}
