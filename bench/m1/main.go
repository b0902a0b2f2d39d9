// Command m1 compares the forecasting engine with R's forecast package on
// the 617 monthly series of the M1 competition (horizon 18, frequency
// 12): the methods of analytics/forecast against forecast::ets and
// forecast::thetaf run by Rscript on the same series in the same run,
// scored with sMAPE and MASE (m = 12) as in M4. Issue 3 asks `auto` to
// beat both R methods on average sMAPE and MASE.
//
//	go run ./bench/m1 -data ../shared/m1 -method auto,ets,theta -r
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/bench/internal/wide"
)

const horizon, frequency = 18, 12

func main() {
	data := flag.String("data", "../shared/m1", "folder with Monthly-train.csv.gz and Monthly-test.csv.gz")
	methods := flag.String("method", "auto", "comma-separated methods of analytics/forecast")
	workers := flag.Int("workers", runtime.NumCPU(), "worker goroutines")
	limit := flag.Int("limit", 0, "use only the first N series (0: all)")
	withR := flag.Bool("r", false, "also run R's forecast::ets and forecast::thetaf (needs Rscript and r-cran-forecast)")
	flag.Parse()
	if err := run(*data, *methods, *workers, *limit, *withR); err != nil {
		fmt.Fprintln(os.Stderr, "m1:", err)
		os.Exit(1)
	}
}

type score struct{ smape, mase float64 }

func run(dir, methodList string, workers, limit int, withR bool) error {
	train, err := wide.Read(filepath.Join(dir, "Monthly-train.csv.gz"))
	if err != nil {
		return err
	}
	test, err := wide.Read(filepath.Join(dir, "Monthly-test.csv.gz"))
	if err != nil {
		return err
	}
	if len(test) != len(train) {
		return fmt.Errorf("%d training series but %d test series", len(train), len(test))
	}
	if limit > 0 && limit < len(train) {
		train, test = train[:limit], test[:limit]
	}
	series := make([]forecast.Series, len(train))
	actual := make([][]float64, len(train))
	for i := range train {
		series[i] = forecast.Series{ID: train[i].ID, Values: train[i].Values, Frequency: frequency}
		actual[i] = test[i].Values
		if len(actual[i]) > horizon {
			actual[i] = actual[i][:horizon]
		}
	}
	fmt.Printf("M1 monthly: %d series, horizon %d, %d workers\n\n", len(series), horizon, workers)
	fmt.Println("| method | sMAPE | MASE | time |")
	fmt.Println("|---|---|---|---|")
	eval := func(name string, fc [][]float64, elapsed time.Duration) error {
		var sm, ms float64
		for i := range series {
			a := actual[i]
			s, err := forecast.SMAPE(a, fc[i][:len(a)])
			if err != nil {
				return fmt.Errorf("%s %s: %w", name, series[i].ID, err)
			}
			m, err := forecast.MASE(series[i].Values, a, fc[i][:len(a)], frequency)
			if err != nil {
				return fmt.Errorf("%s %s: %w", name, series[i].ID, err)
			}
			sm += s
			ms += m
		}
		n := float64(len(series))
		fmt.Printf("| %s | %.3f | %.3f | %.1fs |\n", name, sm/n, ms/n, elapsed.Seconds())
		return nil
	}
	for _, name := range strings.Split(methodList, ",") {
		m, err := forecast.ParseMethod(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		start := time.Now()
		res, err := forecast.ForecastAll(context.Background(), series, forecast.Options{Method: m, Horizon: horizon, PointOnly: true, Workers: workers})
		if err != nil {
			return err
		}
		fc := make([][]float64, len(res))
		for i, r := range res {
			fc[i] = r.Mean
		}
		if err := eval("vocmap "+string(m), fc, time.Since(start)); err != nil {
			return err
		}
	}
	if withR {
		for _, rm := range []string{"ets", "thetaf"} {
			start := time.Now()
			fc, err := runR(series, rm)
			if err != nil {
				return err
			}
			if err := eval("R forecast::"+rm, fc, time.Since(start)); err != nil {
				return err
			}
		}
	}
	return nil
}

// runR forecasts every series with R's forecast package (one R process,
// sequential) and returns the point forecasts.
func runR(series []forecast.Series, method string) ([][]float64, error) {
	dir, err := os.MkdirTemp("", "m1r")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.csv"), filepath.Join(dir, "out.csv")
	var b strings.Builder
	for _, s := range series {
		b.WriteString(s.ID)
		for _, v := range s.Values {
			b.WriteString("," + strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		return nil, err
	}
	call := "forecast(ets(y), h = h)$mean"
	if method == "thetaf" {
		call = "thetaf(y, h = h)$mean"
	}
	script := fmt.Sprintf(`suppressMessages(library(forecast))
h <- %d
lines <- readLines(%q)
res <- character(length(lines))
for (i in seq_along(lines)) {
  f <- strsplit(lines[i], ",")[[1]]
  y <- ts(as.numeric(f[-1]), frequency = %d)
  fc <- as.numeric(%s)
  res[i] <- paste(c(f[1], format(fc, digits = 17)), collapse = ",")
}
writeLines(res, %q)
`, horizon, in, frequency, call, out)
	cmd := exec.Command("Rscript", "-e", script)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("Rscript %s: %w", method, err)
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var fc [][]float64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), ",")
		row := make([]float64, 0, len(parts)-1)
		for _, p := range parts[1:] {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, err
			}
			row = append(row, v)
		}
		fc = append(fc, row)
	}
	if len(fc) != len(series) {
		return nil, fmt.Errorf("R %s returned %d forecasts for %d series", method, len(fc), len(series))
	}
	return fc, sc.Err()
}
