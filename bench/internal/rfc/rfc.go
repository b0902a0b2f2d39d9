// Package rfc runs R's forecast package (Hyndman & Khandakar 2008) on
// benchmark series, so the benchmarks can compare analytics/forecast with
// forecast::ets and forecast::thetaf on the same series in the same run.
//
// Run splits the series into Procs chunks of about equal work, forecasts each
// chunk with its own Rscript process, the processes running concurrently,
// and returns the forecasts in the order of the series. It needs Rscript
// and R's forecast package (Debian: apt-get install r-cran-forecast).
package rfc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vocmap/vocmap/bench/internal/wide"
)

// ErrMissing is returned when Rscript or R's forecast package is missing.
var ErrMissing = errors.New("needs Rscript and R's forecast package: apt-get install r-cran-forecast")

// Methods are the R methods Forecast runs.
var Methods = []string{"ets", "thetaf"}

// Levels are the levels, in percent, of the intervals Run returns.
var Levels = []float64{80, 95}

// Options configures Forecast.
type Options struct {
	// Method is "ets" (forecast(ets(y), h)) or "thetaf" (thetaf(y, h)).
	Method string
	// Frequency is the frequency of the R ts: 1 yearly, 12 monthly.
	Frequency int
	// Horizon is the number of steps forecast.
	Horizon int
	// Procs is the number of R processes run at once; 0 means 1.
	Procs int
	// Intervals asks for the 80% and 95% interval bounds as well.
	Intervals bool
}

// Forecast is R's forecast of one series.
type Forecast struct {
	// Mean holds the point forecasts, steps 1..Horizon.
	Mean []float64
	// Lower[l] and Upper[l] are the bounds of the Levels[l]% interval
	// (forecast(...)$lower and $upper), nil unless Options.Intervals.
	Lower, Upper [][]float64
}

// Result is the outcome of one Run call.
type Result struct {
	// Forecasts holds one forecast per series, in the order given.
	Forecasts []Forecast
	// Elapsed is the wall-clock time of the whole call: writing the
	// inputs, starting R and loading the package, fitting, reading back.
	Elapsed time.Duration
	// Procs is the number of R processes actually run.
	Procs int
}

// Check reports ErrMissing unless Rscript runs and loads R's forecast
// package (about a second: it starts R once).
func Check() error {
	if _, err := exec.LookPath("Rscript"); err != nil {
		return ErrMissing
	}
	if err := exec.Command("Rscript", "-e", "suppressMessages(library(forecast))").Run(); err != nil {
		return ErrMissing
	}
	return nil
}

// exitMissing is the status with which the script reports a missing
// forecast package.
const exitMissing = 3

// script forecasts every line of the input file (id,v1,v2,...) and writes
// one line per series: id, the h point forecasts, then with intervals the
// lower bounds at 80 and 95% and the upper bounds at 80 and 95%.
// Arguments: method, frequency, horizon, intervals (0/1), input, output.
const script = `if (!suppressMessages(requireNamespace("forecast", quietly = TRUE))) quit(status = 3)
suppressMessages(library(forecast))
a <- commandArgs(trailingOnly = TRUE)
method <- a[1]
freq <- as.integer(a[2])
h <- as.integer(a[3])
intervals <- a[4] == "1"
lines <- readLines(a[5])
res <- character(length(lines))
num <- function(x) sprintf("%.17g", as.numeric(x))
for (i in seq_along(lines)) {
  f <- strsplit(lines[i], ",", fixed = TRUE)[[1]]
  y <- ts(as.numeric(f[-1]), frequency = freq)
  fc <- tryCatch(
    if (method == "ets") forecast(ets(y), h = h, level = c(80, 95), PI = intervals)
    else thetaf(y, h = h, level = c(80, 95)),
    error = function(e) stop(sprintf("series %s: %s", f[1], conditionMessage(e)), call. = FALSE))
  out <- c(f[1], num(fc$mean))
  if (intervals) out <- c(out, num(fc$lower[, 1]), num(fc$lower[, 2]), num(fc$upper[, 1]), num(fc$upper[, 2]))
  res[i] <- paste(out, collapse = ",")
}
writeLines(res, a[6])
`

// Run forecasts series with R's forecast package as opts says.
func Run(ctx context.Context, series []wide.Series, opts Options) (Result, error) {
	start := time.Now()
	if opts.Method != "ets" && opts.Method != "thetaf" {
		return Result{}, fmt.Errorf("rfc: unknown R method %q (want ets or thetaf)", opts.Method)
	}
	if opts.Horizon < 1 || opts.Frequency < 1 {
		return Result{}, fmt.Errorf("rfc: horizon %d and frequency %d must be positive", opts.Horizon, opts.Frequency)
	}
	if _, err := exec.LookPath("Rscript"); err != nil {
		return Result{}, ErrMissing
	}
	procs := max(opts.Procs, 1)
	procs = min(procs, len(series))
	res := Result{Forecasts: make([]Forecast, len(series)), Procs: procs}
	if len(series) == 0 {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	dir, err := os.MkdirTemp("", "rfc")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "forecast.R")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, procs)
	var wg sync.WaitGroup
	chunks := balance(series, procs)
	for p, idx := range chunks {
		wg.Go(func() {
			part := make([]wide.Series, len(idx))
			for k, i := range idx {
				part[k] = series[i]
			}
			fc := make([]Forecast, len(idx))
			errs[p] = runChunk(ctx, path, dir, p, part, opts, fc)
			if errs[p] != nil {
				cancel() // no point finishing the other chunks
				return
			}
			for k, i := range idx {
				res.Forecasts[i] = fc[k]
			}
		})
	}
	wg.Wait()
	// Report the first real failure, not the cancellations it caused.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return Result{}, err
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Result{}, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// balance splits the indices of series into procs chunks of about equal
// work, taking the number of values as the work of a series: each series,
// longest first, goes to the chunk with the least work so far (the
// longest-processing-time rule), so that no R process idles while another
// still has the long series of a domain. Each chunk keeps the series'
// order.
func balance(series []wide.Series, procs int) [][]int {
	order := make([]int, len(series))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(series[order[a]].Values) > len(series[order[b]].Values) })
	chunks := make([][]int, procs)
	work := make([]int, procs)
	for _, i := range order {
		p := 0
		for q := 1; q < procs; q++ {
			if work[q] < work[p] {
				p = q
			}
		}
		chunks[p] = append(chunks[p], i)
		work[p] += len(series[i].Values) + 20 // + a fixed cost per series
	}
	for _, c := range chunks {
		sort.Ints(c)
	}
	return chunks
}

// runChunk forecasts series with one Rscript process into out.
func runChunk(ctx context.Context, script, dir string, p int, series []wide.Series, opts Options, out []Forecast) error {
	in, outPath := filepath.Join(dir, fmt.Sprintf("in%d.csv", p)), filepath.Join(dir, fmt.Sprintf("out%d.csv", p))
	var b bytes.Buffer
	for _, s := range series {
		if strings.ContainsAny(s.ID, ",\n") {
			return fmt.Errorf("rfc: series ID %q has a comma or a newline", s.ID)
		}
		if len(s.Values) == 0 {
			return fmt.Errorf("rfc: series %s has no values", s.ID)
		}
		b.WriteString(s.ID)
		for _, v := range s.Values {
			b.WriteByte(',')
			b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		return err
	}
	pi := "0"
	if opts.Intervals {
		pi = "1"
	}
	cmd := exec.CommandContext(ctx, "Rscript", script, opts.Method, strconv.Itoa(opts.Frequency), strconv.Itoa(opts.Horizon), pi, in, outPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == exitMissing {
			return ErrMissing
		}
		return fmt.Errorf("Rscript %s (chunk %d, series %s..%s): %w\n%s", opts.Method, p+1, series[0].ID, series[len(series)-1].ID, err, tail(stderr.String(), 2000))
	}
	return parse(outPath, series, opts, out)
}

// parse reads the script's output for series into out.
func parse(path string, series []wide.Series, opts Options, out []Forecast) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := opts.Horizon
	want := h
	if opts.Intervals {
		want = 5 * h
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	i := 0
	for ; sc.Scan(); i++ {
		parts := strings.Split(sc.Text(), ",")
		if i >= len(series) {
			return fmt.Errorf("R %s returned more forecasts than the %d series given", opts.Method, len(series))
		}
		if parts[0] != series[i].ID {
			return fmt.Errorf("R %s: line %d is series %q, want %q", opts.Method, i+1, parts[0], series[i].ID)
		}
		if len(parts)-1 != want {
			return fmt.Errorf("R %s, series %s: %d values, want %d", opts.Method, series[i].ID, len(parts)-1, want)
		}
		v := make([]float64, want)
		for j, p := range parts[1:] {
			if v[j], err = strconv.ParseFloat(p, 64); err != nil {
				return fmt.Errorf("R %s, series %s: %w", opts.Method, series[i].ID, err)
			}
		}
		fc := Forecast{Mean: v[:h:h]}
		if opts.Intervals {
			fc.Lower = [][]float64{v[h : 2*h : 2*h], v[2*h : 3*h : 3*h]}
			fc.Upper = [][]float64{v[3*h : 4*h : 4*h], v[4*h:]}
		}
		out[i] = fc
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if i != len(series) {
		return fmt.Errorf("R %s returned %d forecasts for %d series", opts.Method, i, len(series))
	}
	return nil
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
