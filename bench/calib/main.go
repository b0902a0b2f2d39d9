// Command calib estimates and checks the calibration of Auto's prediction
// intervals on yearly data (analytics/forecast/calibrate.go) on the M4
// yearly set (Makridakis, Spiliotis & Assimakopoulos 2020).
//
// For every series of the validation folds given by -fit (fold k: the k-th
// last block of -h training values held out, the test set untouched) it
// forecasts with Auto's raw intervals (Options.RawIntervals) and takes, for
// each level (80 %, 95 %), each forecast step and each class of training
// length, the smallest factor κ by which the raw interval's deviations from
// the point forecast must be multiplied to cover that share of the
// outcomes (the level's empirical quantile of |outcome − forecast| ÷ the
// raw half-width on the outcome's side). It prints the table for
// calibrate.go, then the coverage of the raw and of the calibrated
// intervals (the table applied as the package applies it) on each fold and
// on the test set (the last 6 values, scored once; never used to fit).
//
//	go run -tags duckdb_arrow ./bench/calib -data ../shared/m4 -fit 1,2 -h 10
//
// Raw forecasts are cached in -cache (one gob per fold and horizon), so a
// second run only re-estimates.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// lenClasses are the lower bounds of the classes of training length (the
// values the forecast is fitted to), as in calibrate.go.
var lenClasses = []int{0, 14, 20, 30, 40}

func classOf(n int) int {
	c := 0
	for i, lo := range lenClasses {
		if n >= lo {
			c = i
		}
	}
	return c
}

var levels = []float64{80, 95}

func main() {
	dir := flag.String("data", "/work/shared/m4", "folder with Yearly-train.csv.gz and Yearly-test.csv.gz")
	cache := flag.String("cache", "/tmp/vocmap-calib", "cache of the raw forecasts")
	workers := flag.Int("workers", runtime.NumCPU(), "worker goroutines")
	fit := flag.String("fit", "1,2", "validation folds the table is estimated on")
	check := flag.String("check", "1,2", "validation folds the table is checked on, besides the test set")
	h := flag.Int("h", 10, "steps of the table (the validation folds hold out this many values)")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, *dir, *cache, *fit, *check, *h, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "calib:", err)
		os.Exit(1)
	}
}

func folds(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 {
			return nil, fmt.Errorf("fold %q: want a validation fold ≥ 1", f)
		}
		out = append(out, k)
	}
	return out, nil
}

func run(ctx context.Context, out io.Writer, dir, cache, fitList, checkList string, h, workers int) error {
	fitFolds, err := folds(fitList)
	if err != nil {
		return err
	}
	checkFolds, err := folds(checkList)
	if err != nil {
		return err
	}
	get := map[int]*rawSet{}
	for _, k := range append(append([]int{0}, fitFolds...), checkFolds...) {
		if get[k] != nil {
			continue
		}
		hk := h
		if k == 0 {
			hk = 6 // the M4 test set has 6 values a series
		}
		r, err := loadRaw(ctx, dir, cache, k, hk, workers)
		if err != nil {
			return err
		}
		get[k] = r
	}
	var fitSets []*rawSet
	for _, k := range fitFolds {
		fitSets = append(fitSets, get[k])
	}
	tab := estimate(fitSets, h)
	fmt.Fprintf(out, "M4 yearly: Auto's interval calibration estimated on validation fold(s) %s (last %d training values held out)\n\n", fitList, h)
	writeTable(out, tab)
	fmt.Fprintln(out, "\nCoverage (all steps; then by step 1..h):")
	fmt.Fprintln(out, "\n| set | series | raw 80 % | raw 95 % | calibrated 80 % | calibrated 95 % | calibrated 80 % by step | calibrated 95 % by step |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|")
	for _, k := range append(checkFolds, 0) {
		r := get[k]
		name := fmt.Sprintf("validation fold %d", k)
		if slices.Contains(fitFolds, k) {
			name += " (fitted on)"
		}
		if k == 0 {
			name = "test (6 steps)"
		}
		raw, _ := coverage(r, nil)
		cal, by := coverage(r, &tab)
		fmt.Fprintf(out, "| %s | %d | %.1f %% | %.1f %% | **%.1f %%** | **%.1f %%** | %s | %s |\n", name, len(r.N),
			100*raw[0], 100*raw[1], 100*cal[0], 100*cal[1], steps(by[0]), steps(by[1]))
	}
	fmt.Fprintln(out, "\nCalibrated coverage by class of series length (80 % / 95 %, all steps):")
	fmt.Fprint(out, "\n| set |")
	for c, lo := range lenClasses {
		if c+1 < len(lenClasses) {
			fmt.Fprintf(out, " %d–%d values |", lo, lenClasses[c+1]-1)
		} else {
			fmt.Fprintf(out, " ≥ %d values |", lo)
		}
	}
	fmt.Fprint(out, "\n|---|")
	for range lenClasses {
		fmt.Fprint(out, "---|")
	}
	fmt.Fprintln(out)
	for _, k := range append(checkFolds, 0) {
		r := get[k]
		name := fmt.Sprintf("validation fold %d", k)
		if k == 0 {
			name = "test (6 steps)"
		}
		fmt.Fprintf(out, "| %s |", name)
		for c := range lenClasses {
			sub := r.class(c)
			if len(sub.N) == 0 {
				fmt.Fprint(out, " – |")
				continue
			}
			cal, _ := coverage(sub, &tab)
			fmt.Fprintf(out, " %.1f / %.1f %% (%d) |", 100*cal[0], 100*cal[1], len(sub.N))
		}
		fmt.Fprintln(out)
	}
	return nil
}

// class returns the series of r whose training length is in class c.
func (r *rawSet) class(c int) *rawSet {
	out := &rawSet{Fold: r.Fold, H: r.H}
	for i, n := range r.N {
		if classOf(n) != c {
			continue
		}
		out.N = append(out.N, n)
		out.Scale = append(out.Scale, r.Scale[i])
		out.Mean = append(out.Mean, r.Mean[i])
		for l := range 2 {
			out.Lo[l] = append(out.Lo[l], r.Lo[l][i])
			out.Up[l] = append(out.Up[l], r.Up[l][i])
		}
		out.Outcome = append(out.Outcome, r.Outcome[i])
	}
	return out
}

// table is κ[level][length class][step].
type table [2][][]float64

func estimate(sets []*rawSet, h int) table {
	var k table
	for l := range levels {
		k[l] = make([][]float64, len(lenClasses))
		for c := range k[l] {
			k[l][c] = make([]float64, h)
			for t := 0; t < h; t++ {
				var xs []float64
				for _, r := range sets {
					for i := range r.N {
						if classOf(r.N[i]) == c && t < len(r.Outcome[i]) {
							xs = append(xs, ratio(r, i, l, t))
						}
					}
				}
				k[l][c][t] = math.Ceil(1000*quantile(xs, levels[l]/100)) / 1000
			}
		}
	}
	return k
}

// ratio is the outcome's deviation from the forecast over the raw
// interval's half-width on its side: the outcome is covered by the raw
// interval widened by κ exactly when ratio ≤ κ.
func ratio(r *rawSet, i, l, t int) float64 {
	y, m := r.Outcome[i][t], r.Mean[i][t]
	w, d := r.Up[l][i][t]-m, y-m
	if y < m {
		w, d = m-r.Lo[l][i][t], m-y
	}
	if d == 0 {
		return 0
	}
	if w <= 0 {
		return math.Inf(1)
	}
	return d / w
}

// quantile is the smallest x[i] with at least a share p of x at or below
// it (type 1).
func quantile(x []float64, p float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := slices.Clone(x)
	slices.Sort(s)
	return s[max(0, int(math.Ceil(p*float64(len(s))))-1)]
}

// coverage returns the share of outcomes in the intervals widened by tab
// (nil: raw), over all steps and by step.
func coverage(r *rawSet, tab *table) (all []float64, by [][]float64) {
	all = make([]float64, len(levels))
	by = make([][]float64, len(levels))
	for l := range levels {
		hits, cnt := make([]float64, r.H), make([]float64, r.H)
		var n, hit float64
		for i := range r.N {
			for t := range r.Outcome[i] {
				k := 1.0
				if tab != nil {
					row := tab[l][classOf(r.N[i])]
					k = row[min(t, len(row)-1)]
				}
				n++
				cnt[t]++
				if ratio(r, i, l, t) <= k {
					hit++
					hits[t]++
				}
			}
		}
		all[l] = hit / n
		by[l] = make([]float64, r.H)
		for t := range hits {
			by[l][t] = hits[t] / cnt[t]
		}
	}
	return all, by
}

func steps(x []float64) string {
	var b strings.Builder
	for i, v := range x {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%.1f", 100*v)
	}
	return b.String()
}

func writeTable(out io.Writer, k table) {
	fmt.Fprintln(out, "Go table (analytics/forecast/calibrate.go, yearly):")
	fmt.Fprintln(out, "\n```")
	for l, lv := range levels {
		fmt.Fprintf(out, "κ%.0f: {\n", lv)
		for c, row := range k[l] {
			fmt.Fprintf(out, "\t{") // training length ≥ lenClasses[c]
			for t, v := range row {
				if t > 0 {
					fmt.Fprint(out, ", ")
				}
				fmt.Fprintf(out, "%.3f", v)
			}
			fmt.Fprintf(out, "}, // n ≥ %d\n", lenClasses[c])
		}
		fmt.Fprintln(out, "},")
	}
	fmt.Fprintln(out, "```")
}
