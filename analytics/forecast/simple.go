package forecast

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// naiveFit repeats the last value: a random walk, whose h-step variance is
// hσ² with σ² the mean squared first difference (Hyndman & Athanasopoulos
// 2021, sec. 5.5).
func naiveFit(y []float64, h int, name string) *fitted {
	n := len(y)
	mean := make([]float64, h)
	for k := range mean {
		mean[k] = y[n-1]
	}
	var s float64
	for t := 1; t < n; t++ {
		d := y[t] - y[t-1]
		s += d * d
	}
	sigma := 0.0
	if n > 1 {
		sigma = math.Sqrt(s / float64(n-1))
	}
	return linear(name, mean, sigma, 1)
}

// snaiveFit repeats the last seasonal cycle; the h-step error is the sum of
// ⌊(h−1)/m⌋+1 seasonal random-walk shocks (Hyndman & Athanasopoulos 2021,
// sec. 5.5). With fewer than m values it is the naive method.
func snaiveFit(y []float64, m, h int) *fitted {
	n := len(y)
	if m < 2 || n < m {
		return naiveFit(y, h, "SNaive")
	}
	mean := make([]float64, h)
	for k := range mean {
		mean[k] = y[n-m+k%m]
	}
	var s float64
	for t := m; t < n; t++ {
		d := y[t] - y[t-m]
		s += d * d
	}
	sigma := 0.0
	if n > m {
		sigma = math.Sqrt(s / float64(n-m))
	}
	psi := make([]float64, h)
	for j := range psi {
		if j%m == 0 {
			psi[j] = 1
		}
	}
	return &fitted{name: "SNaive", mean: mean, sigma: sigma, psi: psi, psiSeason: m}
}

// naive2Fit is the M4 benchmark Naive2: the naive method on data seasonally
// adjusted by the M4 test and classical multiplicative decomposition, the
// forecasts multiplied back by the seasonal indices (Makridakis et al.
// 2020).
func naive2Fit(y []float64, m, h int) *fitted {
	x, seas := deseason(y, m, h)
	f := naiveFit(x, h, "Naive2")
	applySeason(f, seas)
	return f
}

// driftFit is the random walk with drift, ŷ_{n+h} = y_n + h(y_n − y_1)/(n−1)
// (Hyndman & Athanasopoulos 2021, sec. 5.2), on data seasonally adjusted as
// the M4 benchmarks; the variance ignores the uncertainty of the drift.
func driftFit(y []float64, m, h int) *fitted {
	x, seas := deseason(y, m, h)
	n := len(x)
	if n < 2 {
		f := naiveFit(x, h, "Drift")
		applySeason(f, seas)
		return f
	}
	d := (x[n-1] - x[0]) / float64(n-1)
	mean := make([]float64, h)
	for k := range mean {
		mean[k] = x[n-1] + float64(k+1)*d
	}
	var s float64
	for t := 1; t < n; t++ {
		e := x[t] - x[t-1] - d
		s += e * e
	}
	sigma := 0.0
	if n > 2 {
		sigma = math.Sqrt(s / float64(n-2))
	}
	f := linear("Drift", mean, sigma, 1)
	applySeason(f, seas)
	return f
}

// m4Smoothing is one of the M4 exponential smoothing benchmarks: an ETS
// model with additive errors fitted by MSE (R's ses, holt, holt(damped =
// TRUE)) on seasonally adjusted data.
func m4Smoothing(y []float64, m, h int, tr trendKind, name string) *fitted {
	x, seas := deseason(y, m, h)
	em, err := etsFit(x, etsSpec{trend: tr}, 1, true)
	if err != nil {
		f := naiveFit(x, h, name)
		applySeason(f, seas)
		return f
	}
	f := em.fitted(h)
	f.name = name
	applySeason(f, seas)
	return f
}

// combine returns the combination of the members' forecasts: the mean or
// the median at each step.
func combine(op string, members ...*fitted) *fitted {
	h := len(members[0].mean)
	mean := make([]float64, h)
	col := make([]float64, len(members))
	names := make([]string, len(members))
	for j, f := range members {
		names[j] = f.name
	}
	for t := 0; t < h; t++ {
		for j, f := range members {
			col[j] = f.mean[t]
		}
		mean[t] = Aggregate(op, col)
	}
	label := "Mean"
	if op == "median" {
		label = "Median"
	}
	return &fitted{
		name:    fmt.Sprintf("%s(%s)", label, strings.Join(names, ",")),
		mean:    mean,
		members: members,
		op:      op,
	}
}

// combineWeighted returns the weighted mean of the members' forecasts.
func combineWeighted(w []float64, members ...*fitted) *fitted {
	h := len(members[0].mean)
	mean := make([]float64, h)
	names := make([]string, len(members))
	for j, f := range members {
		names[j] = fmt.Sprintf("%s:%.2f", f.name, w[j])
		for t := range mean {
			mean[t] += w[j] * f.mean[t]
		}
	}
	return &fitted{
		name:    fmt.Sprintf("Weighted(%s)", strings.Join(names, ",")),
		mean:    mean,
		members: members,
		op:      "weighted",
		weights: w,
	}
}

// Aggregate returns the median of x when op is "median" and its mean
// otherwise: the two rules by which forecasts are combined (the median of
// an even number of values is the mean of the middle two). x is reordered.
func Aggregate(op string, x []float64) float64 {
	if op == "median" {
		slices.Sort(x)
		n := len(x)
		if n%2 == 1 {
			return x[n/2]
		}
		return (x[n/2-1] + x[n/2]) / 2
	}
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// constantFit forecasts a constant series by its value, with zero width.
func constantFit(v float64, h int) *fitted {
	mean := make([]float64, h)
	for k := range mean {
		mean[k] = v
	}
	return linear("Constant", mean, 0, 1)
}

// etsMethod fits ETS by AICc and falls back to simpler models for series too
// short for any ETS model.
func etsMethod(y []float64, m, h int) *fitted {
	fits, err := etsCandidates(y, m)
	return etsFromCandidates(fits, err, y, h)
}

// etsFromCandidates is etsMethod given the candidates' fits.
func etsFromCandidates(fits []*etsModel, err error, y []float64, h int) *fitted {
	if err == nil {
		return bestAICc(fits).fitted(h)
	}
	if len(y) >= 3 {
		if em, err := etsFit(y, etsSpec{}, 1, false); err == nil {
			return em.fitted(h)
		}
	}
	return naiveFit(y, h, "Naive")
}

// fitMethod fits the method to the (validated) values.
func fitMethod(method Method, y []float64, m, h int) (*fitted, error) {
	n := len(y)
	constant := true
	for _, v := range y[1:] {
		if v != y[0] {
			constant = false
			break
		}
	}
	if constant {
		return constantFit(y[0], h), nil
	}
	switch method {
	case Naive:
		return naiveFit(y, h, "Naive"), nil
	case SNaive:
		return snaiveFit(y, m, h), nil
	case Naive2:
		return naive2Fit(y, m, h), nil
	case Drift:
		return driftFit(y, m, h), nil
	}
	if n < 3 {
		// Too short to estimate anything: the naive method.
		return naiveFit(y, h, "Naive"), nil
	}
	switch method {
	case ETS:
		return etsMethod(y, m, h), nil
	case ETSW:
		return etsWeighted(y, m, h), nil
	case Theta:
		return orNaive(thetaFit(y, m, h))(y, h), nil
	case OTM:
		return orNaive(otmFit(y, m, h, false))(y, h), nil
	case DOTM:
		return orNaive(otmFit(y, m, h, true))(y, h), nil
	case SES:
		return m4Smoothing(y, m, h, trendN, "SES"), nil
	case Holt:
		return m4Smoothing(y, m, h, trendA, "Holt"), nil
	case Damped:
		return m4Smoothing(y, m, h, trendAd, "Damped"), nil
	case Comb:
		return combine("mean",
			m4Smoothing(y, m, h, trendN, "SES"),
			m4Smoothing(y, m, h, trendA, "Holt"),
			m4Smoothing(y, m, h, trendAd, "Damped")), nil
	case Auto:
		return autoFit(y, m, h), nil
	}
	return nil, fmt.Errorf("unknown method %q", method)
}

// orNaive returns f, or a naive fallback if err is not nil.
func orNaive(f *fitted, err error) func(y []float64, h int) *fitted {
	return func(y []float64, h int) *fitted {
		if err != nil || f == nil {
			return naiveFit(y, h, "Naive")
		}
		return f
	}
}
