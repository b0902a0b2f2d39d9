// Command m1 compares the forecasting engine with R's forecast package on
// the 617 monthly series of the M1 competition (horizon 18, frequency
// 12): the methods of analytics/forecast against forecast::ets and
// forecast::thetaf run by Rscript on the same series in the same run
// (-r, with -workers R processes), scored with sMAPE, MASE (m = 12) and
// OWA (against the run's Naive2) as in M4. Issue 3 asks `auto` to beat
// both R methods on average sMAPE and MASE. As bench/m4, -fold k scores on
// a validation block of the training data instead of the test set,
// -combos scores the mean and median combinations of the methods and
// -intervals the coverage of the 80% and 95% intervals.
//
//	go run ./bench/m1 -data ../shared/m1 -method auto,ets,theta -r
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"github.com/vocmap/vocmap/bench/internal/accuracy"
	"github.com/vocmap/vocmap/bench/internal/compare"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

const horizon, frequency = 18, 12

// minTrain is the fewest training values a series keeps in a validation
// fold; shorter series are dropped.
const minTrain = 2*frequency + 3

type config struct {
	dir, methods   string
	workers, limit int
	withR, combos  bool
	calibrate      bool
	intervals      bool
	fold           int
}

func main() {
	var c config
	flag.StringVar(&c.dir, "data", "../shared/m1", "folder with Monthly-train.csv.gz and Monthly-test.csv.gz")
	flag.StringVar(&c.methods, "method", "auto", "comma-separated methods of analytics/forecast")
	flag.IntVar(&c.workers, "workers", runtime.NumCPU(), "worker goroutines (and R processes with -r)")
	flag.IntVar(&c.limit, "limit", 0, "use only the first N series (0: all)")
	flag.BoolVar(&c.withR, "r", false, "also run R's forecast::ets and forecast::thetaf with -workers processes (needs Rscript and r-cran-forecast)")
	flag.BoolVar(&c.combos, "combos", false, "also score mean and median combinations of the methods")
	flag.BoolVar(&c.calibrate, "calibrate", false, "only estimate the widening of auto's intervals by step (use with -fold 1; analytics/forecast/calibrate.go)")
	flag.BoolVar(&c.intervals, "intervals", false, "also compute 80% and 95% intervals and report their coverage")
	flag.IntVar(&c.fold, "fold", 0, fmt.Sprintf("0: score on the test set; k > 0: hold out the k-th last block of %d training values and score on it (validation; series left with fewer than %d training values are dropped)", horizon, minTrain))
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "m1:", err)
		os.Exit(1)
	}
}

func run(c config, out io.Writer) error {
	ms, err := compare.ParseMethods(c.methods)
	if err != nil {
		return err
	}
	train, err := wide.Read(filepath.Join(c.dir, "Monthly-train.csv.gz"))
	if err != nil {
		return err
	}
	test, err := wide.Read(filepath.Join(c.dir, "Monthly-test.csv.gz"))
	if err != nil {
		return err
	}
	if len(test) != len(train) {
		return fmt.Errorf("%d training series but %d test series", len(train), len(test))
	}
	title := "M1 monthly, test"
	if c.fold > 0 {
		n := len(train)
		var dropped []string
		train, test, dropped = accuracy.Holdout(train, c.fold, horizon, minTrain)
		fmt.Fprintf(out, "fold %d: dropped %d of %d series, too short to keep %d training values before the hold-out\n", c.fold, len(dropped), n, minTrain)
		title = fmt.Sprintf("M1 monthly, validation fold %d", c.fold)
	} else {
		// Test parts shorter than the horizon are scored on what they have.
		for i := range test {
			if len(test[i].Values) > horizon {
				test[i].Values = test[i].Values[:horizon]
			}
		}
	}
	if c.limit > 0 && c.limit < len(train) {
		train, test = train[:c.limit], test[:c.limit]
	}
	set, err := accuracy.NewSet(train, test, frequency)
	if err != nil {
		return err
	}
	return compare.Run(context.Background(), set, compare.Config{
		Title: title, Frequency: frequency, Horizon: horizon, Methods: ms, Prefix: "vocmap ", Workers: c.workers,
		Intervals: c.intervals, R: c.withR, Combos: c.combos, Calibrate: c.calibrate,
	}, out)
}
