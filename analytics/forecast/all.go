package forecast

import (
	"context"
	"errors"
	"runtime"
	"sync"
)

// ForecastAll forecasts every series with Forecast on opts.Workers
// goroutines (runtime.NumCPU() if 0). Results are in the order of series
// and do not depend on the number of workers: each series' random numbers
// derive from opts.Seed and its ID only. Series that fail leave a Result
// with only the ID set, and their errors are joined in series order. If ctx
// is cancelled, ForecastAll stops and returns ctx.Err().
func ForecastAll(ctx context.Context, series []Series, opts Options) ([]Result, error) {
	out := make([]Result, len(series))
	errs := make([]error, len(series))
	err := Each(ctx, len(series), opts.Workers, func(i int) {
		r, err := Forecast(series[i], opts)
		if err != nil {
			r = Result{ID: series[i].ID}
		}
		out[i], errs[i] = r, err
	})
	if err != nil {
		return nil, err
	}
	return out, errors.Join(errs...)
}

// BacktestAll runs Backtest on every series on opts.Workers goroutines.
// Results and errors are in the order of series (a series that cannot be
// backtested, e.g. too short, has its error and does not stop the
// others); they do not depend on the number of workers. If ctx is
// cancelled, BacktestAll stops and returns ctx.Err().
func BacktestAll(ctx context.Context, series []Series, opts Options, origins int) ([]BacktestResult, []error, error) {
	out := make([]BacktestResult, len(series))
	errs := make([]error, len(series))
	err := Each(ctx, len(series), opts.Workers, func(i int) {
		out[i], errs[i] = Backtest(series[i], opts, origins)
	})
	if err != nil {
		return nil, nil, err
	}
	return out, errs, nil
}

// Each calls f(0..n-1) on workers goroutines (runtime.NumCPU() if 0),
// stopping early with ctx.Err() when ctx is cancelled.
func Each(ctx context.Context, n, workers int, f func(i int)) error {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, max(n, 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	var cancelled error
feed:
	for i := range n {
		if err := ctx.Err(); err != nil {
			cancelled = err
			break
		}
		select {
		case <-ctx.Done():
			cancelled = ctx.Err()
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	return cancelled
}
