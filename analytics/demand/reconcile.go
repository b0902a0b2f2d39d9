package demand

import (
	"errors"
	"fmt"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// proportions is the analytics-wide numeric.Proportions.
var proportions = numeric.Proportions

// Reconcile makes child forecasts (the cities) add up to the parent
// forecast (the province) at every step, by forecast proportions (top-down;
// Athanasopoulos, Ahmed & Hyndman 2009, "Hierarchical forecasts for
// Australian domestic tourism", IJF 25(1)):
//
//	out[c][h] = child[c][h] · parent[h] / Σ_d child[d][h]
//
// children[c] is the forecast path of child c and must have len(parent)
// steps; lastChildren[c] is its last observed value. Negative values of
// parent, children and lastChildren count as 0, so a negative parent step
// is split into zeros and Σ_c out[c][h] = max(parent[h], 0). Where
// Σ_c child[c][h] == 0 the parent is split in the shares of lastChildren,
// and if those are all zero too, equally. Reconcile returns new slices and
// leaves its inputs unchanged. No children, ragged lengths and NaN or ±Inf
// values are errors.
func Reconcile(parent []float64, children [][]float64, lastChildren []float64) ([][]float64, error) {
	if len(children) == 0 {
		return nil, errors.New("demand: no children to reconcile")
	}
	if len(lastChildren) != len(children) {
		return nil, fmt.Errorf("demand: %d last values for %d children", len(lastChildren), len(children))
	}
	for h, p := range parent {
		if !finite(p) {
			return nil, fmt.Errorf("demand: parent[%d] = %v must be finite", h, p)
		}
	}
	for c, row := range children {
		if len(row) != len(parent) {
			return nil, fmt.Errorf("demand: child %d has %d steps, want %d (len(parent))", c, len(row), len(parent))
		}
		for h, x := range row {
			if !finite(x) {
				return nil, fmt.Errorf("demand: children[%d][%d] = %v must be finite", c, h, x)
			}
		}
	}
	last := make([]float64, len(lastChildren))
	for c, x := range lastChildren {
		if !finite(x) {
			return nil, fmt.Errorf("demand: lastChildren[%d] = %v must be finite", c, x)
		}
		last[c] = max(x, 0)
	}
	fallback, ok := proportions(last)
	if !ok {
		fallback = make([]float64, len(children))
		for c := range fallback {
			fallback[c] = 1 / float64(len(children))
		}
	}

	out := make([][]float64, len(children))
	for c := range out {
		out[c] = make([]float64, len(parent))
	}
	col := make([]float64, len(children))
	for h, p := range parent {
		p = max(p, 0)
		for c, row := range children {
			col[c] = max(row[h], 0)
		}
		w, ok := proportions(col)
		if !ok {
			w = fallback
		}
		for c := range out {
			out[c][h] = p * w[c]
		}
	}
	return out, nil
}
