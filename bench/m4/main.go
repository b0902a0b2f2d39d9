// Command m4 benchmarks package forecast on the yearly series of the M4
// competition (Makridakis, Spiliotis & Assimakopoulos 2020).
//
// It reads Yearly-train.csv.gz and Yearly-test.csv.gz (the competition's
// wide layout) from -data, forecasts every series at horizon 6 with each
// method of -method (a comma-separated list) and with Naive2, and prints
// sMAPE, MASE and OWA (relative to the Naive2 of the same run), the time
// taken and the speed. With -combos it also scores the mean and the median
// of every subset of two or more of the methods listed, the evidence used
// to choose the package's Auto combination. With -r it also runs R's
// forecast::ets and forecast::thetaf on the same series, with -workers R
// processes, and compares the times. With -export-long it only writes the
// training series as a long CSV (series_id,t,value), the input of
// `vocmap forecast`.
//
//	go run ./bench/m4 -data /work/shared/m4 -method auto -workers 2
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/accuracy"
	"github.com/vocmap/vocmap/bench/internal/compare"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

const horizon = 6

type config struct {
	dir, methods     string
	workers, limit   int
	combos           bool
	calibrate        bool
	intervals, withR bool
	fold             int
	exportLong       string
}

func main() {
	var c config
	flag.StringVar(&c.dir, "data", "/work/shared/m4", "folder with Yearly-train.csv.gz and Yearly-test.csv.gz")
	flag.StringVar(&c.methods, "method", "auto", "comma-separated methods: "+methodNames())
	flag.IntVar(&c.workers, "workers", runtime.NumCPU(), "worker goroutines (and R processes with -r)")
	flag.IntVar(&c.limit, "limit", 0, "use only the first N series (0: all)")
	flag.BoolVar(&c.combos, "combos", false, "also score mean and median combinations of the methods")
	flag.BoolVar(&c.calibrate, "calibrate", false, "only estimate one widening factor of auto's intervals by step, for both levels (use with -fold 1); the yearly table of analytics/forecast/calibrate.go now comes from bench/calib")
	flag.BoolVar(&c.intervals, "intervals", false, "also compute 80% and 95% intervals and report their coverage")
	flag.IntVar(&c.fold, "fold", 0, "0: score on the test set; k > 0: hold out the k-th last block of 6 training values and score on it (validation)")
	flag.BoolVar(&c.withR, "r", false, "also run R's forecast::ets and forecast::thetaf with -workers processes (needs Rscript and r-cran-forecast)")
	flag.StringVar(&c.exportLong, "export-long", "", "only write the training series (after -fold and -limit) to this file as CSV series_id,t,value (t = 1..n) and exit")
	flag.Parse()
	if err := run(c, os.Stdout); err != nil {
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

func run(c config, out io.Writer) error {
	ms, err := compare.ParseMethods(c.methods)
	if err != nil {
		return err
	}
	train, err := wide.Read(filepath.Join(c.dir, "Yearly-train.csv.gz"))
	if err != nil {
		return err
	}
	test, err := wide.Read(filepath.Join(c.dir, "Yearly-test.csv.gz"))
	if err != nil {
		return err
	}
	if len(train) != len(test) {
		return fmt.Errorf("train has %d series, test %d", len(train), len(test))
	}
	if c.fold > 0 {
		var dropped []string
		train, test, dropped = accuracy.Holdout(train, c.fold, horizon, 1)
		if len(dropped) > 0 {
			return fmt.Errorf("series %s: too short for fold %d", dropped[0], c.fold)
		}
	}
	if c.limit > 0 && c.limit < len(train) {
		train, test = train[:c.limit], test[:c.limit]
	}
	if c.exportLong != "" {
		return exportLong(c.exportLong, train, out)
	}
	for i, v := range test {
		if len(v.Values) != horizon {
			return fmt.Errorf("series %s: %d test values, want %d", train[i].ID, len(v.Values), horizon)
		}
	}
	set, err := accuracy.NewSet(train, test, 1)
	if err != nil {
		return err
	}
	title := "M4 yearly, test"
	if c.fold > 0 {
		title = fmt.Sprintf("M4 yearly, validation fold %d", c.fold)
	}
	return compare.Run(context.Background(), set, compare.Config{
		Title: title, Frequency: 1, Horizon: horizon, Methods: ms, Workers: c.workers,
		Intervals: c.intervals, R: c.withR, Combos: c.combos, Calibrate: c.calibrate,
	}, out)
}

// exportLong writes series to path as CSV series_id,t,value, t = 1..n.
func exportLong(path string, series []wide.Series, out io.Writer) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("series_id,t,value\n")
	rows := 0
	for _, s := range series {
		for t, v := range s.Values {
			w.WriteString(s.ID)
			w.WriteByte(',')
			w.WriteString(strconv.Itoa(t + 1))
			w.WriteByte(',')
			w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
			w.WriteByte('\n')
		}
		rows += len(s.Values)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %d series, %d rows to %s\n", len(series), rows, path)
	return nil
}
