// Package compare is the run shared by the forecasting benchmarks
// (bench/m4, bench/m1): it forecasts a Set with methods of
// analytics/forecast and, if asked, with R's forecast::ets and
// forecast::thetaf on the same series (package rfc), then prints one
// table of sMAPE, MASE, OWA (against the run's Naive2), time, speed and
// interval coverage, the speed of each method against R's ets, and the
// scores of the mean and median combinations of the methods.
package compare

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/accuracy"
	"github.com/vocmap/vocmap/bench/internal/rfc"
)

// Config configures Run.
type Config struct {
	// Title starts the first line, e.g. "M4 yearly, test".
	Title string
	// Frequency of the series and Horizon of the forecasts.
	Frequency, Horizon int
	// Methods are the methods of analytics/forecast to run; Naive2, the
	// reference of OWA, is run first whether listed or not.
	Methods []forecast.Method
	// Prefix is put before the methods' names in the table ("vocmap ").
	Prefix string
	// Workers is the number of goroutines of ForecastAll and of R
	// processes, so that both sides use the same cores.
	Workers int
	// Intervals adds the coverage of the 80% and 95% intervals.
	Intervals bool
	// R runs R's forecast::ets and forecast::thetaf as well.
	R bool
	// Combos scores the mean and median of every subset of two or more
	// of Methods (Naive2 aside).
	Combos bool
	// Calibrate estimates the widening factors of Auto's intervals
	// (analytics/forecast/calibrate.go) from its raw 80% and 95%
	// intervals on the set, prints them with the coverage by step before
	// and after, and does nothing else.
	Calibrate bool
}

// calibrate is Run with Config.Calibrate.
func calibrate(ctx context.Context, set *accuracy.Set, series []forecast.Series, c Config, out io.Writer) error {
	levels := []float64{80, 95}
	opts := forecast.Options{Method: forecast.Auto, Horizon: c.Horizon, Levels: levels, RawIntervals: true, Workers: c.Workers}
	res, err := forecast.ForecastAll(ctx, series, opts)
	if err != nil {
		return err
	}
	mean := make([][]float64, len(res))
	lo := make([][][]float64, len(res))
	up := make([][][]float64, len(res))
	for i, r := range res {
		mean[i], lo[i], up[i] = r.Mean, r.Lower, r.Upper
	}
	k, err := set.Calibrate(mean, lo, up, levels, c.Horizon)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d series, horizon %d: widening of auto's raw 80/95%% intervals by step\n\n", c.Title, len(series), c.Horizon)
	before := set.CoverageByStep(lo, up, len(levels), c.Horizon)
	for i := range res {
		for l := range levels {
			for t := range mean[i] {
				lo[i][l][t] = mean[i][t] - k[t]*(mean[i][t]-lo[i][l][t])
				up[i][l][t] = mean[i][t] + k[t]*(up[i][l][t]-mean[i][t])
			}
		}
	}
	after := set.CoverageByStep(lo, up, len(levels), c.Horizon)
	fmt.Fprintln(out, "| step | κ | raw 80% | raw 95% | widened 80% | widened 95% |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|")
	for t := range k {
		fmt.Fprintf(out, "| %d | %.3f | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", t+1, k[t], 100*before[0][t], 100*before[1][t], 100*after[0][t], 100*after[1][t])
	}
	fmt.Fprintf(out, "\nGo table (analytics/forecast/calibrate.go, frequency %d):\n%d: {", c.Frequency, c.Frequency)
	for t, v := range k {
		if t > 0 {
			fmt.Fprint(out, ", ")
		}
		fmt.Fprintf(out, "%.3f", v)
	}
	fmt.Fprintln(out, "},")
	return nil
}

// ParseMethods parses a comma-separated list of methods.
func ParseMethods(list string) ([]forecast.Method, error) {
	var ms []forecast.Method
	for _, name := range strings.Split(list, ",") {
		m, err := forecast.ParseMethod(strings.TrimSpace(name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, nil
}

// method is one method's forecasts of every series.
type method struct {
	name         string
	fc           [][]float64
	lower, upper [][][]float64 // [series][level][step], nil without intervals
	time         time.Duration
}

// Run forecasts set as c says and writes the tables to out.
func Run(ctx context.Context, set *accuracy.Set, c Config, out io.Writer) error {
	if c.R {
		// Fail now rather than after the vocmap methods have run.
		if err := rfc.Check(); err != nil {
			return err
		}
	}
	ms := []forecast.Method{forecast.Naive2}
	for _, m := range c.Methods {
		if m != forecast.Naive2 {
			ms = append(ms, m)
		}
	}
	series := make([]forecast.Series, len(set.Train))
	for i, v := range set.Train {
		series[i] = forecast.Series{ID: v.ID, Values: v.Values, Frequency: c.Frequency}
	}
	if c.Calibrate {
		return calibrate(ctx, set, series, c, out)
	}
	var runs []method
	fc := make(map[string][][]float64)
	for _, m := range ms {
		opts := forecast.Options{Method: m, Horizon: c.Horizon, PointOnly: !c.Intervals, Workers: c.Workers}
		start := time.Now()
		res, err := forecast.ForecastAll(ctx, series, opts)
		if err != nil {
			return err
		}
		r := method{name: c.Prefix + string(m), time: time.Since(start)}
		for _, x := range res {
			r.add(x.Mean, x.Lower, x.Upper, c.Intervals)
		}
		runs = append(runs, r)
		fc[string(m)] = r.fc
	}
	var rETS time.Duration
	procs := 0
	if c.R {
		for _, rm := range rfc.Methods {
			res, err := rfc.Run(ctx, set.Train, rfc.Options{Method: rm, Frequency: c.Frequency, Horizon: c.Horizon, Procs: c.Workers, Intervals: c.Intervals})
			if err != nil {
				return err
			}
			r := method{name: "R forecast::" + rm, time: res.Elapsed}
			for _, f := range res.Forecasts {
				r.add(f.Mean, f.Lower, f.Upper, c.Intervals)
			}
			runs = append(runs, r)
			procs = res.Procs
			if rm == "ets" {
				rETS = res.Elapsed
			}
		}
	}
	n2s, n2m, err := set.Score(fc[string(forecast.Naive2)])
	if err != nil {
		return fmt.Errorf("naive2: %w", err)
	}
	fmt.Fprintf(out, "%s: %d series, horizon %d, %d workers", c.Title, len(series), c.Horizon, c.Workers)
	if c.R {
		fmt.Fprintf(out, ", %d R processes", procs)
	}
	fmt.Fprintln(out)
	if n := set.Unscored(); n > 0 {
		fmt.Fprintf(out, "(%d series not scored: MASE undefined, a constant or too short training part)\n", n)
	}
	fmt.Fprintln(out)
	var rows []accuracy.Row
	for _, r := range runs {
		s, a, err := set.Score(r.fc)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		cov, err := set.Coverage(r.lower, r.upper)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		rows = append(rows, accuracy.Row{Name: r.name, SMAPE: s, MASE: a, OWA: forecast.OWA(s, a, n2s, n2m), Time: r.time, Series: len(series), Cover: cov})
	}
	accuracy.WriteTable(out, rows)
	if c.R {
		fmt.Fprintln(out)
		for i, m := range ms {
			if m != forecast.Naive2 {
				accuracy.WriteSpeed(out, string(m), runs[i].time, rETS)
			}
		}
	}
	if c.Combos {
		var names []string
		for _, m := range ms[1:] {
			names = append(names, string(m))
		}
		rows, err := accuracy.Combos(set, names, fc, n2s, n2m)
		if err != nil {
			return err
		}
		fmt.Fprintln(out)
		accuracy.WriteCombos(out, rows)
	}
	return nil
}

// add appends the forecast of the next series.
func (r *method) add(mean []float64, lower, upper [][]float64, intervals bool) {
	r.fc = append(r.fc, mean)
	if intervals {
		r.lower = append(r.lower, lower)
		r.upper = append(r.upper, upper)
	}
}
