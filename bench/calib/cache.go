package main

import (
	"context"
	"encoding/gob"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/accuracy"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

// rawSet is Auto's raw (uncalibrated) forecasts of one fold of M4 yearly:
// per series the length of its training part, the in-sample mean absolute
// difference (MASE's scale), the point forecasts, the raw 80% and 95%
// bounds and the outcomes, steps 1..h.
type rawSet struct {
	Fold     int
	H        int
	N        []int
	Scale    []float64
	Mean     [][]float64
	Lo, Up   [2][][]float64 // level 80, 95
	Outcome  [][]float64
	Duration float64 // seconds
}

// loadRaw returns the raw forecasts of fold (0: test; k: the k-th last
// block of h training values held out), from cache if there.
func loadRaw(ctx context.Context, dir, cache string, fold, h, workers int) (*rawSet, error) {
	path := filepath.Join(cache, fmt.Sprintf("m4-fold%d-h%d.gob", fold, h))
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		var r rawSet
		if err := gob.NewDecoder(f).Decode(&r); err == nil {
			return &r, nil
		}
	}
	train, err := wide.Read(filepath.Join(dir, "Yearly-train.csv.gz"))
	if err != nil {
		return nil, err
	}
	test, err := wide.Read(filepath.Join(dir, "Yearly-test.csv.gz"))
	if err != nil {
		return nil, err
	}
	if fold > 0 {
		train, test, _ = accuracy.Holdout(train, fold, h, 3)
	}
	series := make([]forecast.Series, len(train))
	for i, v := range train {
		series[i] = forecast.Series{ID: v.ID, Values: v.Values, Frequency: 1}
	}
	r := &rawSet{Fold: fold, H: h}
	res, err := forecast.ForecastAll(ctx, series, forecast.Options{Method: forecast.Auto, Horizon: h, Levels: []float64{80, 95}, RawIntervals: true, Workers: workers})
	if err != nil {
		return nil, err
	}
	for i, x := range res {
		r.N = append(r.N, len(train[i].Values))
		r.Scale = append(r.Scale, meanAbsDiff(train[i].Values))
		r.Mean = append(r.Mean, x.Mean)
		for l := range 2 {
			r.Lo[l] = append(r.Lo[l], x.Lower[l])
			r.Up[l] = append(r.Up[l], x.Upper[l])
		}
		r.Outcome = append(r.Outcome, test[i].Values)
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return r, gob.NewEncoder(f).Encode(r)
}

func meanAbsDiff(y []float64) float64 {
	var s float64
	for t := 1; t < len(y); t++ {
		s += math.Abs(y[t] - y[t-1])
	}
	if len(y) < 2 {
		return 0
	}
	return s / float64(len(y)-1)
}
