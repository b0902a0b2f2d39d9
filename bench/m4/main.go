// Command m4 benchmarks package forecast on the yearly series of the M4
// competition (Makridakis, Spiliotis & Assimakopoulos 2020).
//
// It reads Yearly-train.csv.gz and Yearly-test.csv.gz (the competition's
// wide layout) from -data, forecasts every series at horizon 6 with each
// method of -method (a comma-separated list) and with Naive2, and prints
// sMAPE, MASE and OWA (relative to the Naive2 of the same run), the time
// taken and the speed. With -combos it also scores the mean and the median
// of every subset of two or more of the methods listed, the evidence used
// to choose the package's Auto combination.
//
//	go run ./bench/m4 -data /work/shared/m4 -method auto -workers 2
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

const horizon = 6

func main() {
	data := flag.String("data", "/work/shared/m4", "folder with Yearly-train.csv.gz and Yearly-test.csv.gz")
	methods := flag.String("method", "auto", "comma-separated methods: "+methodNames())
	workers := flag.Int("workers", runtime.NumCPU(), "worker goroutines")
	limit := flag.Int("limit", 0, "use only the first N series (0: all)")
	combos := flag.Bool("combos", false, "also score mean and median combinations of the methods")
	intervals := flag.Bool("intervals", false, "also compute 80% and 95% intervals and report their coverage")
	fold := flag.Int("fold", 0, "0: score on the test set; k > 0: hold out the k-th last block of 6 training values and score on it (validation)")
	flag.Parse()
	if err := run(*data, *methods, *workers, *limit, *combos, *intervals, *fold, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "m4:", err)
		os.Exit(1)
	}
}

func methodNames() string {
	var s []string
	for _, m := range forecast.Methods {
		s = append(s, string(m))
	}
	return strings.Join(s, ",")
}

func run(dir, methodList string, workers, limit int, combos, intervals bool, fold int, out io.Writer) error {
	train, err := wide.Read(filepath.Join(dir, "Yearly-train.csv.gz"))
	if err != nil {
		return err
	}
	test, err := wide.Read(filepath.Join(dir, "Yearly-test.csv.gz"))
	if err != nil {
		return err
	}
	if len(train) != len(test) {
		return fmt.Errorf("train has %d series, test %d", len(train), len(test))
	}
	if fold > 0 {
		// Validation: a block of horizon training values plays the test
		// set, so choices are not made on the test data.
		for i, w := range train {
			end := len(w.Values) - (fold-1)*horizon
			if end-horizon < 1 {
				return fmt.Errorf("series %s: too short for fold %d", w.ID, fold)
			}
			test[i] = wide.Series{ID: w.ID, Values: w.Values[end-horizon : end]}
			train[i].Values = w.Values[:end-horizon]
		}
	}
	if limit > 0 && limit < len(train) {
		train, test = train[:limit], test[:limit]
	}
	series := make([]forecast.Series, len(train))
	for i, v := range train {
		series[i] = forecast.Series{ID: v.ID, Values: v.Values, Frequency: 1}
		if len(test[i].Values) != horizon {
			return fmt.Errorf("series %s: %d test values, want %d", v.ID, len(test[i].Values), horizon)
		}
	}
	var ms []forecast.Method
	for _, name := range strings.Split(methodList, ",") {
		m, err := forecast.ParseMethod(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if m != forecast.Naive2 {
			ms = append(ms, m)
		}
	}
	ms = append([]forecast.Method{forecast.Naive2}, ms...)
	opts := forecast.Options{Horizon: horizon, PointOnly: !intervals, Workers: workers}
	ctx := context.Background()
	fc := make(map[forecast.Method][][]float64)
	cover := make(map[forecast.Method][]float64)
	times := make(map[forecast.Method]time.Duration)
	for _, m := range ms {
		o := opts
		o.Method = m
		start := time.Now()
		res, err := forecast.ForecastAll(ctx, series, o)
		if err != nil {
			return err
		}
		times[m] = time.Since(start)
		f := make([][]float64, len(res))
		cov := make([]float64, 2)
		for i, r := range res {
			f[i] = r.Mean
			for l := range r.Lower {
				for t, y := range test[i].Values {
					if y >= r.Lower[l][t] && y <= r.Upper[l][t] {
						cov[l] += 1 / float64(len(res)*horizon)
					}
				}
			}
		}
		cover[m] = cov
		fc[m] = f
	}
	n2s, n2m, err := score(series, test, fc[forecast.Naive2])
	if err != nil {
		return err
	}
	set := "test"
	if fold > 0 {
		set = fmt.Sprintf("validation fold %d", fold)
	}
	fmt.Fprintf(out, "M4 yearly, %s: %d series, horizon %d, %d workers\n\n", set, len(series), horizon, workers)
	fmt.Fprintf(out, "| method | sMAPE | MASE | OWA | time | series/s | cover 80%% | cover 95%% |\n|---|---|---|---|---|---|---|---|\n")
	for _, m := range ms {
		s, a, err := score(series, test, fc[m])
		if err != nil {
			return err
		}
		t := times[m]
		c80, c95 := "-", "-"
		if intervals {
			c80, c95 = fmt.Sprintf("%.1f%%", 100*cover[m][0]), fmt.Sprintf("%.1f%%", 100*cover[m][1])
		}
		fmt.Fprintf(out, "| %s | %.3f | %.3f | %.3f | %.1fs | %.0f | %s | %s |\n", m, s, a, forecast.OWA(s, a, n2s, n2m),
			t.Seconds(), float64(len(series))/t.Seconds(), c80, c95)
	}
	if combos {
		var names []forecast.Method
		for _, m := range ms {
			if m != forecast.Naive2 {
				names = append(names, m)
			}
		}
		type row struct {
			name      string
			s, a, owa float64
		}
		var rows []row
		for mask := 1; mask < 1<<len(names); mask++ {
			var sub []forecast.Method
			for j, m := range names {
				if mask&(1<<j) != 0 {
					sub = append(sub, m)
				}
			}
			if len(sub) < 2 {
				continue
			}
			for _, op := range []string{"mean", "median"} {
				comb := make([][]float64, len(series))
				col := make([]float64, len(sub))
				for i := range series {
					comb[i] = make([]float64, horizon)
					for t := 0; t < horizon; t++ {
						for j, m := range sub {
							col[j] = fc[m][i][t]
						}
						comb[i][t] = forecast.Aggregate(op, col)
					}
				}
				s, a, err := score(series, test, comb)
				if err != nil {
					return err
				}
				var label []string
				for _, m := range sub {
					label = append(label, string(m))
				}
				rows = append(rows, row{op + "(" + strings.Join(label, ",") + ")", s, a, forecast.OWA(s, a, n2s, n2m)})
			}
		}
		slices.SortFunc(rows, func(a, b row) int {
			switch {
			case a.owa < b.owa:
				return -1
			case a.owa > b.owa:
				return 1
			}
			return strings.Compare(a.name, b.name)
		})
		fmt.Fprintf(out, "\n| combination | sMAPE | MASE | OWA |\n|---|---|---|---|\n")
		for _, r := range rows {
			fmt.Fprintf(out, "| %s | %.3f | %.3f | %.3f |\n", r.name, r.s, r.a, r.owa)
		}
	}
	return nil
}

// score returns the mean sMAPE and MASE over all series and steps.
func score(series []forecast.Series, test []wide.Series, fc [][]float64) (float64, float64, error) {
	var ss, sm float64
	skipped := 0
	for i, s := range series {
		if len(fc[i]) != horizon {
			return 0, 0, fmt.Errorf("series %s: no forecast", s.ID)
		}
		a, err := forecast.SMAPE(test[i].Values, fc[i])
		if err != nil {
			return 0, 0, err
		}
		b, err := forecast.MASE(s.Values, test[i].Values, fc[i], 1)
		if errors.Is(err, forecast.ErrZeroScale) || len(s.Values) < 2 {
			// Only in validation: a constant or one-value training
			// part. Skipped for every method alike.
			skipped++
			continue
		}
		if err != nil {
			return 0, 0, fmt.Errorf("series %s: %w", s.ID, err)
		}
		if math.IsNaN(a) || math.IsNaN(b) {
			return 0, 0, fmt.Errorf("series %s: NaN score", s.ID)
		}
		ss += a
		sm += b
	}
	n := float64(len(series) - skipped)
	return ss / n, sm / n, nil
}
