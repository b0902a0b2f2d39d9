package structure

import (
	"errors"
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// sectorShares checks output and employment for Deviation and Theil and
// returns their shares.
func sectorShares(output, employment []float64) (ys, ls []float64, err error) {
	if len(output) == 0 {
		return nil, nil, errors.New("structure: no sectors")
	}
	if len(employment) != len(output) {
		return nil, nil, fmt.Errorf("structure: %d employment values for %d output values", len(employment), len(output))
	}
	if err := checkValues("output", output); err != nil {
		return nil, nil, err
	}
	if err := checkValues("employment", employment); err != nil {
		return nil, nil, err
	}
	ys, ok := numeric.Proportions(output)
	if !ok {
		return nil, nil, errors.New("structure: total output is zero")
	}
	ls, ok = numeric.Proportions(employment)
	if !ok {
		return nil, nil, errors.New("structure: total employment is zero")
	}
	return ys, ls, nil
}

// Deviation returns the structural deviation (结构偏离度) of each sector,
// its share of output over its share of employment minus one,
//
//	d[i] = (Y_i/Y) / (L_i/L) − 1
//
// and the total deviation
//
//	total = Σ_i |d[i]|
//
// the measure E of Gan, Zheng & Yu (2011). output[i] = Y_i is the value
// added of sector i and employment[i] = L_i its employment, in any units.
// d[i] is the sector's labour productivity relative to the average, minus
// one: 0 when the sector's output and employment shares are equal, above 0
// when it produces more per worker than the average (it could absorb
// labour), below 0 when it holds surplus labour. The deviations weighted by
// the employment shares sum to zero (when every sector with output has
// employment). d[i] is NaN where L_i = 0; such a
// sector adds nothing to total if it has no output either, and makes total
// +Inf if it has (its deviation is unbounded). Empty or unequal slices,
// NaN, ±Inf or negative values and a zero total output or employment are
// errors.
func Deviation(output, employment []float64) (d []float64, total float64, err error) {
	ys, ls, err := sectorShares(output, employment)
	if err != nil {
		return nil, 0, err
	}
	d = make([]float64, len(output))
	for i := range d {
		if employment[i] == 0 {
			d[i] = math.NaN()
			if output[i] > 0 {
				total = math.Inf(1)
			}
			continue
		}
		d[i] = ys[i]/ls[i] - 1
		total += math.Abs(d[i])
	}
	return d, total, nil
}

// Theil returns the Theil index of the rationalisation of the industrial
// structure (产业结构合理化) of Gan, Zheng & Yu (2011),
//
//	TL = Σ_i (Y_i/Y) · ln((Y_i/L_i) / (Y/L)) = Σ_i (Y_i/Y) · ln((Y_i/Y) / (L_i/L))
//
// with output[i] = Y_i and employment[i] = L_i as in Deviation. Unlike the
// total deviation it weights each sector by its output share. TL is the
// Kullback–Leibler divergence of the output shares from the employment
// shares, so TL ≥ 0 with equality exactly when the two structures
// coincide. A sector without output adds 0 (p·ln(p/q) → 0 as p → 0); one with
// output but no employment makes TL +Inf. The errors are those of
// Deviation.
func Theil(output, employment []float64) (float64, error) {
	ys, ls, err := sectorShares(output, employment)
	if err != nil {
		return 0, err
	}
	tl := 0.0
	for i := range ys {
		switch {
		case output[i] == 0 || ys[i] == 0:
			// p·ln(p/q) → 0 as p → 0 (ys[i] is 0 also where a tiny
			// output underflows beside a huge one).
		case employment[i] == 0:
			return math.Inf(1), nil
		default:
			tl += ys[i] * math.Log(ys[i]/ls[i])
		}
	}
	// Rounding can leave a tiny negative sum where the structures
	// coincide; the divergence is non-negative.
	return max(tl, 0), nil
}
