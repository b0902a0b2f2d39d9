package forecast

import (
	"errors"
	"fmt"
	"math"
)

// ErrZeroScale is returned by MASE when the in-sample seasonal naive errors
// are all zero, so the scaled error is undefined.
var ErrZeroScale = errors.New("forecast: MASE scale is zero")

// SMAPE returns the symmetric mean absolute percentage error of the M4
// competition (Makridakis et al. 2020, eq. 1):
//
//	sMAPE = 200/h · Σ |y_t − ŷ_t| / (|y_t| + |ŷ_t|),
//
// with a term counted as 0 when y_t = ŷ_t = 0.
func SMAPE(actual, forecast []float64) (float64, error) {
	if len(actual) != len(forecast) || len(actual) == 0 {
		return 0, fmt.Errorf("forecast: sMAPE needs equal non-zero lengths, got %d and %d", len(actual), len(forecast))
	}
	var s float64
	for i, y := range actual {
		d := math.Abs(y) + math.Abs(forecast[i])
		if d == 0 {
			continue
		}
		s += math.Abs(y-forecast[i]) / d
	}
	return 200 * s / float64(len(actual)), nil
}

// MASE returns the mean absolute scaled error of the M4 competition
// (Hyndman & Koehler 2006; Makridakis et al. 2020, eq. 2): the mean
// absolute forecast error divided by the mean absolute in-sample error of
// the seasonal naive method with period m (m ≤ 1 means the naive method).
func MASE(insample, actual, forecast []float64, m int) (float64, error) {
	if len(actual) != len(forecast) || len(actual) == 0 {
		return 0, fmt.Errorf("forecast: MASE needs equal non-zero lengths, got %d and %d", len(actual), len(forecast))
	}
	if m < 1 {
		m = 1
	}
	if len(insample) <= m {
		return 0, fmt.Errorf("forecast: MASE needs more than %d in-sample values, got %d", m, len(insample))
	}
	var scale float64
	for t := m; t < len(insample); t++ {
		scale += math.Abs(insample[t] - insample[t-m])
	}
	scale /= float64(len(insample) - m)
	if scale == 0 {
		return 0, ErrZeroScale
	}
	var s float64
	for i, y := range actual {
		s += math.Abs(y - forecast[i])
	}
	return s / float64(len(actual)) / scale, nil
}

// OWA returns the overall weighted average of the M4 competition
// (Makridakis et al. 2020, sec. 2.4): the mean of sMAPE and MASE, each
// relative to Naive2's, computed on averages over all series.
func OWA(smape, mase, smapeNaive2, maseNaive2 float64) float64 {
	return (smape/smapeNaive2 + mase/maseNaive2) / 2
}

// Origin is the accuracy of the forecast from one origin of a backtest.
type Origin struct {
	// Train is the number of observations used for fitting.
	Train int
	// Method is the model used.
	Method string
	// SMAPE and MASE are the errors over the horizon.
	SMAPE, MASE float64
}

// BacktestResult holds a rolling-origin evaluation.
type BacktestResult struct {
	// Origins are in chronological order.
	Origins []Origin
	// SMAPE and MASE are the means over origins.
	SMAPE, MASE float64
}

// Backtest evaluates opts.Method on s by rolling-origin evaluation
// (Tashman 2000): for each of the last `origins` origins, spaced one
// observation apart and ending opts.Horizon before the end of the series,
// it fits on the data up to the origin, forecasts opts.Horizon steps and
// scores them with sMAPE and MASE (seasonal period s.Frequency).
func Backtest(s Series, opts Options, origins int) (BacktestResult, error) {
	var br BacktestResult
	if origins < 1 {
		return br, fmt.Errorf("forecast: series %q: backtest needs at least one origin, got %d", s.ID, origins)
	}
	c, freq, err := check(s, opts, false)
	if err != nil {
		return br, err
	}
	n, h := len(s.Values), c.h
	first := n - h - (origins - 1)
	if first < 2 {
		return br, fmt.Errorf("forecast: series %q: %d values are too few for %d origins at horizon %d", s.ID, n, origins, h)
	}
	o := opts
	o.PointOnly = true
	for k := 0; k < origins; k++ {
		train := first + k
		sub := Series{ID: s.ID, Values: s.Values[:train], Frequency: s.Frequency}
		r, err := Forecast(sub, o)
		if err != nil {
			return br, err
		}
		act := s.Values[train : train+h]
		sm, err := SMAPE(act, r.Mean)
		if err != nil {
			return br, err
		}
		ms, err := MASE(sub.Values, act, r.Mean, freq)
		if err != nil {
			return br, fmt.Errorf("forecast: series %q: origin %d: %w", s.ID, train, err)
		}
		br.Origins = append(br.Origins, Origin{Train: train, Method: r.Method, SMAPE: sm, MASE: ms})
		br.SMAPE += sm / float64(origins)
		br.MASE += ms / float64(origins)
	}
	return br, nil
}
