package rfc

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/bench/internal/wide"
)

// series returns n short yearly-like series of different lengths.
func series(n int) []wide.Series {
	out := make([]wide.Series, n)
	for i := range out {
		s := wide.Series{ID: fmt.Sprintf("S%d", i+1)}
		for t := range 15 + i {
			s.Values = append(s.Values, 100+float64(i)*3+float64(t)*(1+float64(i%3))+5*math.Sin(float64(t*(i+1))))
		}
		out[i] = s
	}
	return out
}

func TestRunChunksKeepOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("starts R about ten times")
	}
	if err := Check(); err != nil {
		t.Skip(err)
	}
	ss := series(5)
	for _, m := range Methods {
		one, err := Run(context.Background(), ss, Options{Method: m, Frequency: 1, Horizon: 4, Procs: 1, Intervals: true})
		if err != nil {
			t.Fatal(err)
		}
		three, err := Run(context.Background(), ss, Options{Method: m, Frequency: 1, Horizon: 4, Procs: 3, Intervals: true})
		if err != nil {
			t.Fatal(err)
		}
		if one.Procs != 1 || three.Procs != 3 {
			t.Errorf("%s: procs %d and %d, want 1 and 3", m, one.Procs, three.Procs)
		}
		for i := range ss {
			a, b := one.Forecasts[i], three.Forecasts[i]
			if !slices.Equal(a.Mean, b.Mean) || len(a.Mean) != 4 {
				t.Errorf("%s %s: means %v (1 process) and %v (3 processes)", m, ss[i].ID, a.Mean, b.Mean)
			}
			if len(a.Lower) != 2 || len(a.Upper) != 2 {
				t.Fatalf("%s %s: %d lower and %d upper levels, want 2", m, ss[i].ID, len(a.Lower), len(a.Upper))
			}
			for k, y := range a.Mean {
				// The 95% interval contains the 80% one, which contains the mean.
				if !(a.Lower[1][k] <= a.Lower[0][k] && a.Lower[0][k] <= y && y <= a.Upper[0][k] && a.Upper[0][k] <= a.Upper[1][k]) {
					t.Errorf("%s %s step %d: bounds 95%% [%g, %g], 80%% [%g, %g], mean %g not nested", m, ss[i].ID, k+1,
						a.Lower[1][k], a.Upper[1][k], a.Lower[0][k], a.Upper[0][k], y)
				}
			}
		}
	}
	// Points only: no bounds, the same means.
	pts, err := Run(context.Background(), ss[:2], Options{Method: "thetaf", Frequency: 1, Horizon: 4, Procs: 2})
	if err != nil {
		t.Fatal(err)
	}
	if pts.Forecasts[0].Lower != nil || len(pts.Forecasts[1].Mean) != 4 {
		t.Errorf("points only: %+v", pts.Forecasts)
	}
}

func TestRunErrors(t *testing.T) {
	if _, err := Run(context.Background(), series(1), Options{Method: "arima", Frequency: 1, Horizon: 2}); err == nil {
		t.Error("unknown method: no error")
	}
	if err := Check(); err != nil {
		if !errors.Is(err, ErrMissing) {
			t.Errorf("Check: %v, want ErrMissing", err)
		}
		return
	}
	bad := []wide.Series{{ID: "A", Values: []float64{1, 2, 3}}, {ID: "B,C", Values: []float64{1, 2}}}
	if _, err := Run(context.Background(), bad, Options{Method: "ets", Frequency: 1, Horizon: 2, Procs: 2}); err == nil {
		t.Error("ID with a comma: no error")
	}
}

func TestBalance(t *testing.T) {
	var series []wide.Series
	for i := range 101 {
		series = append(series, wide.Series{ID: fmt.Sprint(i), Values: make([]float64, 10+(i*37)%90)})
	}
	chunks := balance(series, 3)
	seen := make([]bool, len(series))
	var work []int
	for _, c := range chunks {
		w := 0
		for k, i := range c {
			if seen[i] {
				t.Fatalf("series %d in two chunks", i)
			}
			seen[i] = true
			if k > 0 && c[k-1] >= i {
				t.Fatalf("chunk not in series order: %v", c)
			}
			w += len(series[i].Values) + 20
		}
		work = append(work, w)
	}
	for i, ok := range seen {
		if !ok {
			t.Fatalf("series %d in no chunk", i)
		}
	}
	lo, hi := slices.Min(work), slices.Max(work)
	if hi-lo > 100+20 {
		t.Errorf("work %v: spread %d exceeds the longest series", work, hi-lo)
	}
}
