// Package accuracy is the scoring shared by the forecasting benchmarks
// (bench/m4, bench/m1): sMAPE, MASE and OWA as in the M4 competition
// (Makridakis, Spiliotis & Assimakopoulos 2020), the coverage of interval
// forecasts, validation folds, the mean and median combinations of the
// methods run, and the tables they print.
package accuracy

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

// Set is what forecasts are scored on: each series' training part (the
// in-sample values of MASE) and the values its forecast is scored against.
type Set struct {
	Train, Test []wide.Series
	// Period is MASE's seasonal period m (1 yearly, 12 monthly).
	Period int
	// scored[i] is false where MASE is undefined (a constant training
	// part, or at most Period values): such series are left out of the
	// scores of every method alike.
	scored []bool
}

// NewSet returns the Set of train and test (the same series, in the same
// order; every test part non-empty).
func NewSet(train, test []wide.Series, period int) (*Set, error) {
	if len(train) != len(test) {
		return nil, fmt.Errorf("%d training series but %d test series", len(train), len(test))
	}
	s := &Set{Train: train, Test: test, Period: period, scored: make([]bool, len(train))}
	for i, tr := range train {
		if tr.ID != test[i].ID && test[i].ID != "" {
			return nil, fmt.Errorf("series %d: training part %s but test part %s", i+1, tr.ID, test[i].ID)
		}
		if len(test[i].Values) == 0 {
			return nil, fmt.Errorf("series %s: no test values", tr.ID)
		}
		_, err := forecast.MASE(tr.Values, test[i].Values, test[i].Values, period)
		s.scored[i] = err == nil
	}
	return s, nil
}

// Unscored returns the number of series left out of the scores because
// their MASE is undefined.
func (s *Set) Unscored() int {
	n := 0
	for _, ok := range s.scored {
		if !ok {
			n++
		}
	}
	return n
}

// Score returns the mean sMAPE and MASE over the scored series and all
// their test steps. fc[i] is the forecast of series i; its first
// len(Test[i].Values) values are scored.
func (s *Set) Score(fc [][]float64) (smape, mase float64, err error) {
	if len(fc) != len(s.Train) {
		return 0, 0, fmt.Errorf("%d forecasts for %d series", len(fc), len(s.Train))
	}
	var ss, sm float64
	n := 0
	for i, tr := range s.Train {
		y := s.Test[i].Values
		if len(fc[i]) < len(y) {
			return 0, 0, fmt.Errorf("series %s: %d forecast values for %d test values", tr.ID, len(fc[i]), len(y))
		}
		if !s.scored[i] {
			continue
		}
		f := fc[i][:len(y)]
		a, err := forecast.SMAPE(y, f)
		if err != nil {
			return 0, 0, fmt.Errorf("series %s: %w", tr.ID, err)
		}
		b, err := forecast.MASE(tr.Values, y, f, s.Period)
		if err != nil {
			return 0, 0, fmt.Errorf("series %s: %w", tr.ID, err)
		}
		if math.IsNaN(a) || math.IsNaN(b) {
			return 0, 0, fmt.Errorf("series %s: NaN score", tr.ID)
		}
		ss += a
		sm += b
		n++
	}
	if n == 0 {
		return 0, 0, errors.New("no series to score")
	}
	return ss / float64(n), sm / float64(n), nil
}

// Coverage returns, for each interval level l, the share of all test
// values y (every series, every step) with lower[i][l][t] ≤ y ≤
// upper[i][l][t], where lower[i] and upper[i] are the bounds of series i.
// It returns nil when there are no intervals.
func (s *Set) Coverage(lower, upper [][][]float64) ([]float64, error) {
	if len(lower) == 0 || lower[0] == nil {
		return nil, nil
	}
	levels := len(lower[0])
	hits := make([]float64, levels)
	total := 0
	for i, y := range s.Test {
		if len(lower[i]) != levels || len(upper[i]) != levels {
			return nil, fmt.Errorf("series %s: %d lower and %d upper bounds, want %d levels", y.ID, len(lower[i]), len(upper[i]), levels)
		}
		for l := range levels {
			if len(lower[i][l]) < len(y.Values) || len(upper[i][l]) < len(y.Values) {
				return nil, fmt.Errorf("series %s: intervals shorter than the %d test values", y.ID, len(y.Values))
			}
			for t, v := range y.Values {
				if v >= lower[i][l][t] && v <= upper[i][l][t] {
					hits[l]++
				}
			}
		}
		total += len(y.Values)
	}
	for l := range hits {
		hits[l] /= float64(total)
	}
	return hits, nil
}

// Holdout returns validation fold k ≥ 1 of train: in each series the k-th
// last block of h values becomes the test part and the values before it
// the training part, so choices are not made on the test data. Series that
// would keep fewer than minTrain training values are left out; their IDs
// are returned.
func Holdout(train []wide.Series, k, h, minTrain int) (tr, test []wide.Series, dropped []string) {
	for _, w := range train {
		end := len(w.Values) - (k-1)*h
		if end-h < max(minTrain, 1) {
			dropped = append(dropped, w.ID)
			continue
		}
		tr = append(tr, wide.Series{ID: w.ID, Values: w.Values[:end-h]})
		test = append(test, wide.Series{ID: w.ID, Values: w.Values[end-h : end]})
	}
	return tr, test, dropped
}

// Row is one line of a table: a method's or a combination's scores.
type Row struct {
	Name             string
	SMAPE, MASE, OWA float64
	// Time is the wall-clock time of the method on Series series.
	Time   time.Duration
	Series int
	// Cover is the coverage of the 80% and 95% intervals, nil if none.
	Cover []float64
}

// WriteTable writes rows as a Markdown table with the columns method,
// sMAPE, MASE, OWA, time, series/s, cover 80% and cover 95% ("-" where a
// row has no intervals).
func WriteTable(w io.Writer, rows []Row) {
	fmt.Fprintf(w, "| method | sMAPE | MASE | OWA | time | series/s | cover 80%% | cover 95%% |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		c80, c95 := "-", "-"
		if len(r.Cover) == 2 {
			c80, c95 = fmt.Sprintf("%.1f%%", 100*r.Cover[0]), fmt.Sprintf("%.1f%%", 100*r.Cover[1])
		}
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f | %.1fs | %.0f | %s | %s |\n", r.Name, r.SMAPE, r.MASE, r.OWA,
			r.Time.Seconds(), float64(r.Series)/r.Time.Seconds(), c80, c95)
	}
}

// WriteSpeed writes the line comparing the time of a vocmap method with
// that of R's ets on the same series.
func WriteSpeed(w io.Writer, method string, vocmap, rETS time.Duration) {
	fmt.Fprintf(w, "speed: vocmap %s took %.2f s, R ets %.2f s: ratio %.2f\n", method, vocmap.Seconds(), rETS.Seconds(), rETS.Seconds()/vocmap.Seconds())
}

// Combos scores the mean and the median (forecast.Aggregate) of every
// subset of two or more of names, fc[name][i] being that method's
// forecast of series i, with OWA relative to Naive2's sMAPE n2s and MASE
// n2m. The rows are sorted by OWA, best first, then by name.
func Combos(s *Set, names []string, fc map[string][][]float64, n2s, n2m float64) ([]Row, error) {
	if len(names) > 20 {
		return nil, fmt.Errorf("%d methods make too many combinations", len(names))
	}
	var rows []Row
	for mask := 1; mask < 1<<len(names); mask++ {
		var sub []string
		for j, m := range names {
			if mask&(1<<j) != 0 {
				sub = append(sub, m)
			}
		}
		if len(sub) < 2 {
			continue
		}
		for _, op := range []string{"mean", "median"} {
			comb := make([][]float64, len(s.Train))
			col := make([]float64, len(sub))
			for i := range comb {
				steps := len(fc[sub[0]][i])
				for _, m := range sub[1:] {
					steps = min(steps, len(fc[m][i]))
				}
				comb[i] = make([]float64, steps)
				for t := range steps {
					for j, m := range sub {
						col[j] = fc[m][i][t]
					}
					comb[i][t] = forecast.Aggregate(op, col)
				}
			}
			sm, ma, err := s.Score(comb)
			if err != nil {
				return nil, err
			}
			rows = append(rows, Row{Name: op + "(" + strings.Join(sub, ",") + ")", SMAPE: sm, MASE: ma, OWA: forecast.OWA(sm, ma, n2s, n2m)})
		}
	}
	slices.SortFunc(rows, func(a, b Row) int {
		switch {
		case a.OWA < b.OWA:
			return -1
		case a.OWA > b.OWA:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return rows, nil
}

// WriteCombos writes the rows of Combos as a Markdown table.
func WriteCombos(w io.Writer, rows []Row) {
	fmt.Fprintf(w, "| combination | sMAPE | MASE | OWA |\n|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %.3f | %.3f | %.3f |\n", r.Name, r.SMAPE, r.MASE, r.OWA)
	}
}

// Calibrate returns, for each forecast step t = 1..h, the factor κ_t by
// which the deviations of the interval bounds from the point forecast
// should be multiplied to minimise the mean scaled interval score of the
// intervals at levels (in percent), summed over the levels, on the scored
// series. The interval score of [l, u] at level 1 − a for outcome y is
// (u − l) + (2/a)·(l − y)⁺ + (2/a)·(y − u)⁺ (Gneiting & Raftery 2007), here
// divided by the series' MASE scale, as M4's MSIS. κ is searched on a grid
// of step 0.005 over [0.2, 6].
func (s *Set) Calibrate(mean [][]float64, lower, upper [][][]float64, levels []float64, h int) ([]float64, error) {
	if len(mean) != len(s.Train) || len(lower) != len(s.Train) || len(upper) != len(s.Train) {
		return nil, fmt.Errorf("%d forecasts for %d series", len(mean), len(s.Train))
	}
	scale := make([]float64, len(s.Train))
	for i, tr := range s.Train {
		if !s.scored[i] {
			continue
		}
		// MASE of a forecast equal to the outcome plus one is 1/scale.
		y := s.Test[i].Values
		f := make([]float64, len(y))
		for t, v := range y {
			f[t] = v + 1
		}
		m, err := forecast.MASE(tr.Values, y, f, s.Period)
		if err != nil || m == 0 {
			continue
		}
		scale[i] = 1 / m
	}
	out := make([]float64, h)
	for t := 0; t < h; t++ {
		best, bestK := math.Inf(1), 1.0
		for k := 0.2; k <= 6+1e-9; k += 0.005 {
			var sum float64
			for i := range s.Train {
				if scale[i] == 0 || t >= len(s.Test[i].Values) {
					continue
				}
				y, m := s.Test[i].Values[t], mean[i][t]
				for l, lv := range levels {
					a := 1 - lv/100
					lo := m - k*(m-lower[i][l][t])
					up := m + k*(upper[i][l][t]-m)
					is := up - lo
					if y < lo {
						is += 2 / a * (lo - y)
					}
					if y > up {
						is += 2 / a * (y - up)
					}
					sum += is / scale[i]
				}
			}
			if sum < best {
				best, bestK = sum, k
			}
		}
		out[t] = math.Round(bestK*1000) / 1000
	}
	return out, nil
}

// CoverageByStep returns the coverage of each level at each step t (rows:
// levels, columns: steps 1..h), over the series whose test part reaches t.
func (s *Set) CoverageByStep(lower, upper [][][]float64, levels, h int) [][]float64 {
	hits := make([][]float64, levels)
	cnt := make([]float64, h)
	for l := range hits {
		hits[l] = make([]float64, h)
	}
	for i, y := range s.Test {
		for t, v := range y.Values {
			if t >= h {
				break
			}
			cnt[t]++
			for l := range levels {
				if v >= lower[i][l][t] && v <= upper[i][l][t] {
					hits[l][t]++
				}
			}
		}
	}
	for l := range hits {
		for t := range hits[l] {
			if cnt[t] > 0 {
				hits[l][t] /= cnt[t]
			}
		}
	}
	return hits
}
