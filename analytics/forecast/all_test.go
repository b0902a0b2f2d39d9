package forecast

import (
	"context"
	"reflect"
	"testing"
)

// TestBacktestAll checks that BacktestAll gives, for every worker count,
// what Backtest gives series by series, errors included.
func TestBacktestAll(t *testing.T) {
	series := []Series{
		{ID: "a", Values: []float64{100, 110, 118, 131, 140, 152, 160, 171}},
		{ID: "short", Values: []float64{1, 2}},
		{ID: "b", Values: []float64{5, 4, 6, 5, 7, 6, 8, 7, 9}},
	}
	opts := Options{Method: Theta, Horizon: 2}
	for _, workers := range []int{1, 2, 3} {
		opts.Workers = workers
		got, errs, err := BacktestAll(context.Background(), series, opts, 2)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range series {
			want, werr := Backtest(s, opts, 2)
			if (errs[i] == nil) != (werr == nil) {
				t.Errorf("workers %d, %s: error %v, want %v", workers, s.ID, errs[i], werr)
			}
			if werr == nil && !reflect.DeepEqual(got[i], want) {
				t.Errorf("workers %d, %s: %+v, want %+v", workers, s.ID, got[i], want)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := BacktestAll(ctx, series, opts, 2); err == nil {
		t.Error("a cancelled context did not stop BacktestAll")
	}
}
