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
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, max(len(series), 1))
	out := make([]Result, len(series))
	errs := make([]error, len(series))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := Forecast(series[i], opts)
				if err != nil {
					r = Result{ID: series[i].ID}
				}
				out[i], errs[i] = r, err
			}
		}()
	}
	var cancelled error
feed:
	for i := range series {
		select {
		case <-ctx.Done():
			cancelled = ctx.Err()
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	if cancelled != nil {
		return nil, cancelled
	}
	return out, errors.Join(errs...)
}
