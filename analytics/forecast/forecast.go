package forecast

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
)

// Series is one univariate time series observed at regular intervals.
type Series struct {
	// ID names the series in results and error messages.
	ID string
	// Values holds the observations, oldest first. They must be finite.
	Values []float64
	// Frequency is the number of observations per seasonal cycle:
	// 1 for yearly data, 4 for quarterly, 12 for monthly. Zero means 1.
	// Seasonal models are considered only for frequencies 2..24.
	Frequency int
}

// Method names a forecasting method.
type Method string

// The forecasting methods. Auto is the default.
const (
	// Auto is the default method: the median of the ETS, DOTM, Damped and
	// Drift forecasts for non-seasonal data, chosen on the M4 yearly data,
	// and of the ETSW, DOTM and SNaive forecasts for seasonal data, chosen
	// on M1 monthly; its intervals are calibrated (see the package
	// documentation).
	Auto Method = "auto"
	// ETS selects an exponential smoothing state-space model by AICc
	// (Hyndman, Koehler, Ord & Snyder 2008).
	ETS Method = "ets"
	// ETSW combines all admissible ETS models with Akaike weights
	// (Kolassa 2011).
	ETSW Method = "etsw"
	// Theta is the Theta method of Assimakopoulos & Nikolopoulos (2000) in
	// the SES-with-drift form of Hyndman & Billah (2003), as in M4.
	Theta Method = "theta"
	// OTM is the optimised Theta method of Fiorucci et al. (2016).
	OTM Method = "otm"
	// DOTM is the dynamic optimised Theta method of Fiorucci et al. (2016).
	DOTM Method = "dotm"
	// Comb is the M4 benchmark combination: the mean of SES, Holt and
	// Damped on seasonally adjusted data (Makridakis et al. 2020).
	Comb Method = "comb"
	// Naive repeats the last observation.
	Naive Method = "naive"
	// SNaive repeats the last seasonal cycle.
	SNaive Method = "snaive"
	// Naive2 is the M4 benchmark: naive on seasonally adjusted data.
	Naive2 Method = "naive2"
	// Drift is the random walk with drift (the naive method plus the mean
	// historical change) on seasonally adjusted data, as Naive2.
	Drift Method = "drift"
	// SES is simple exponential smoothing, ETS(A,N,N) fitted by MSE on
	// seasonally adjusted data, as the M4 benchmark.
	SES Method = "ses"
	// Holt is Holt's linear trend, ETS(A,A,N) fitted by MSE on seasonally
	// adjusted data, as the M4 benchmark.
	Holt Method = "holt"
	// Damped is the damped trend, ETS(A,Ad,N) fitted by MSE on seasonally
	// adjusted data, as the M4 benchmark.
	Damped Method = "damped"
)

// Methods lists every Method accepted by Forecast.
var Methods = []Method{Auto, ETS, ETSW, Theta, OTM, DOTM, Comb, Naive, SNaive, Naive2, Drift, SES, Holt, Damped}

// ParseMethod returns the Method named by s (case-insensitive).
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods {
		if strings.EqualFold(string(m), s) {
			return m, nil
		}
	}
	return "", fmt.Errorf("forecast: unknown method %q", s)
}

// Options configures Forecast, SamplePaths and ForecastAll. The zero value
// is ready to use: method Auto, the M4 horizon of the series' frequency,
// 80% and 95% intervals, 1000 simulated paths where simulation is needed,
// seed 0, and runtime.NumCPU() workers.
type Options struct {
	// Method selects the forecasting method; "" means Auto.
	Method Method
	// Horizon is the number of steps to forecast; 0 means the M4 horizon
	// for the frequency (6 yearly, 8 quarterly, 18 monthly, else 2×frequency).
	Horizon int
	// Levels are the coverage levels of the prediction intervals, in
	// percent, each in (0, 100); nil means {80, 95}.
	Levels []float64
	// PointOnly skips prediction intervals (Result.Lower and Upper are nil).
	PointOnly bool
	// RawIntervals gives Auto the intervals and paths of its members'
	// mixture, without the empirical calibration estimated on M4 yearly and
	// M1 monthly data (calibrate.go). Other methods are never calibrated.
	RawIntervals bool
	// Paths is the number of sample paths used for simulated intervals and
	// returned by SamplePaths (and by Forecast with WithPaths); 0 means 1000.
	Paths int
	// WithPaths makes Forecast also return Paths sample paths
	// (Result.Paths), the same as SamplePaths gives, from the one fit.
	WithPaths bool
	// Seed seeds the random numbers of simulations. Results are a
	// deterministic function of the series, the options and the seed.
	Seed uint64
	// Workers is the number of goroutines of ForecastAll; 0 means
	// runtime.NumCPU().
	Workers int
}

// Result is the forecast of one series.
type Result struct {
	// ID is the series' ID.
	ID string
	// Method is the model actually used, e.g. "ETS(A,Ad,N)" or
	// "Median(ETS(M,A,N),DOTM,Damped,Drift)".
	Method string
	// Mean holds the point forecasts for steps 1..Horizon.
	Mean []float64
	// Levels are the interval levels, in percent, as requested.
	Levels []float64
	// Lower[i] and Upper[i] are the bounds of the Levels[i]% prediction
	// interval, one value per step.
	Lower, Upper [][]float64
	// Paths are the sample paths asked for by Options.WithPaths, each of
	// length Horizon; nil otherwise.
	Paths [][]float64
}

// ErrNoValues is returned for a series without observations.
var ErrNoValues = errors.New("forecast: series has no values")

// Limits that keep any input from exhausting memory.
const (
	maxHorizon = 100000
	maxCells   = 50000000 // Paths × Horizon
)

type config struct {
	method    Method
	h         int
	levels    []float64
	pointOnly bool
	raw       bool
	paths     int
	seed      uint64
}

func defaultHorizon(freq int) int {
	switch freq {
	case 1:
		return 6
	case 4:
		return 8
	case 12:
		return 18
	}
	return 2 * freq
}

// check validates the series and options and returns the normalised values.
func check(s Series, opts Options, needPaths bool) (config, int, error) {
	var c config
	if len(s.Values) == 0 {
		return c, 0, fmt.Errorf("%w: %q", ErrNoValues, s.ID)
	}
	for i, v := range s.Values {
		if math.IsNaN(v) {
			return c, 0, fmt.Errorf("forecast: series %q: value at t=%d is NaN", s.ID, i+1)
		}
		if math.IsInf(v, 0) {
			return c, 0, fmt.Errorf("forecast: series %q: value at t=%d is %v", s.ID, i+1, v)
		}
		if math.Abs(v) > 1e150 {
			return c, 0, fmt.Errorf("forecast: series %q: value at t=%d is too large (%g)", s.ID, i+1, v)
		}
	}
	freq := s.Frequency
	if freq < 0 {
		return c, 0, fmt.Errorf("forecast: series %q: negative frequency %d", s.ID, freq)
	}
	if freq == 0 {
		freq = 1
	}
	c.method = opts.Method
	if c.method == "" {
		c.method = Auto
	}
	if _, err := ParseMethod(string(c.method)); err != nil {
		return c, 0, err
	}
	c.method, _ = ParseMethod(string(c.method))
	c.h = opts.Horizon
	if c.h < 0 || c.h > maxHorizon {
		return c, 0, fmt.Errorf("forecast: horizon %d out of range [0, %d]", c.h, maxHorizon)
	}
	if c.h == 0 {
		c.h = defaultHorizon(freq)
		if c.h > maxHorizon {
			c.h = maxHorizon
		}
	}
	c.levels = opts.Levels
	if c.levels == nil {
		c.levels = []float64{80, 95}
	}
	for _, l := range c.levels {
		if !(l > 0 && l < 100) {
			return c, 0, fmt.Errorf("forecast: interval level %v not in (0, 100)", l)
		}
	}
	c.levels = append([]float64(nil), c.levels...)
	c.pointOnly = opts.PointOnly
	c.raw = opts.RawIntervals
	c.paths = opts.Paths
	if c.paths < 0 {
		return c, 0, fmt.Errorf("forecast: negative number of paths %d", c.paths)
	}
	if c.paths == 0 {
		c.paths = 1000
	}
	if needPaths && (c.paths*c.h > maxCells || c.paths > maxCells) {
		return c, 0, fmt.Errorf("forecast: %d paths × horizon %d exceed the limit of %d values", c.paths, c.h, maxCells)
	}
	c.seed = opts.Seed
	return c, freq, nil
}

// seedFor derives the random stream of a series from the seed and its ID, so
// results do not depend on the order in which series are processed.
func seedFor(seed uint64, id string) (uint64, uint64) {
	f := fnv.New64a()
	f.Write([]byte(id))
	return seed, f.Sum64()
}

// fit fits the configured method and applies Auto's calibration.
func (c config) fit(y []float64, freq int) (*fitted, error) {
	f, err := fitMethod(c.method, y, freq, c.h)
	if err == nil && c.method == Auto && !c.raw && f.members != nil {
		f.cal = calibrationFor(freq, len(y), c.h)
	}
	return f, err
}

// Forecast forecasts one series with the method and options given.
// It returns an error naming the series for empty input or non-finite
// values, and never panics.
func Forecast(s Series, opts Options) (Result, error) {
	c, freq, err := check(s, opts, !opts.PointOnly || opts.WithPaths)
	if err != nil {
		return Result{}, err
	}
	f, err := c.fit(s.Values, freq)
	if err != nil {
		return Result{}, fmt.Errorf("forecast: series %q: %w", s.ID, err)
	}
	res := Result{ID: s.ID, Method: f.name, Mean: f.mean, Levels: c.levels}
	s1, s2 := seedFor(c.seed, s.ID)
	if !c.pointOnly {
		res.Lower, res.Upper = f.intervals(c.levels, c.paths, s1, s2)
	}
	if opts.WithPaths {
		res.Paths = f.paths(c.paths, s1, s2)
	}
	return res, nil
}

// SamplePaths returns opts.Paths simulated future sample paths of length
// opts.Horizon from the model that Forecast would use, and that model's
// name. Paths are a deterministic function of the series, the options and
// opts.Seed.
func SamplePaths(s Series, opts Options) ([][]float64, string, error) {
	c, freq, err := check(s, opts, true)
	if err != nil {
		return nil, "", err
	}
	f, err := c.fit(s.Values, freq)
	if err != nil {
		return nil, "", fmt.Errorf("forecast: series %q: %w", s.ID, err)
	}
	s1, s2 := seedFor(c.seed, s.ID)
	return f.paths(c.paths, s1, s2), f.name, nil
}
