package forecast

import "math"

// acf returns the sample autocorrelations r_1..r_maxLag of x (Box & Jenkins;
// as R's acf).
func acf(x []float64, maxLag int) []float64 {
	n := len(x)
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(n)
	var d float64
	for _, v := range x {
		d += (v - mean) * (v - mean)
	}
	r := make([]float64, maxLag)
	if d == 0 {
		return r
	}
	for k := 1; k <= maxLag && k < n; k++ {
		var s float64
		for t := 0; t+k < n; t++ {
			s += (x[t] - mean) * (x[t+k] - mean)
		}
		r[k-1] = s / d
	}
	return r
}

// seasonalTest is the seasonality test of the M4 benchmarks (Makridakis et
// al. 2020, benchmark code SeasonalityTest): the series is seasonal if
// |r_m| > 1.645·sqrt((1 + 2Σ_{k<m} r_k²)/n), a 90% one-sided test on the
// autocorrelation at the seasonal lag. It needs n ≥ 3m.
func seasonalTest(x []float64, m int) bool {
	n := len(x)
	if m < 2 || n < 3*m {
		return false
	}
	r := acf(x, m)
	var s float64
	for _, v := range r[:m-1] {
		s += v * v
	}
	lim := 1.645 / math.Sqrt(float64(n)) * math.Sqrt(1+2*s)
	return math.Abs(r[m-1]) > lim
}

// decompose returns the seasonal figure (one index per season, the first
// observation in season 0) of the classical decomposition, as R's
// decompose: a centred moving average of order m (2×m for even m) as trend,
// seasonal means of the detrended series, normalised to mean 0 (additive)
// or 1 (multiplicative). It needs n ≥ 2m.
func decompose(x []float64, m int, mult bool) []float64 {
	n := len(x)
	sum := make([]float64, m)
	cnt := make([]float64, m)
	half := m / 2
	for i := half; i+half < n; i++ {
		var tr float64
		if m%2 == 1 {
			for j := i - half; j <= i+half; j++ {
				tr += x[j]
			}
			tr /= float64(m)
		} else {
			tr = 0.5*x[i-half] + 0.5*x[i+half]
			for j := i - half + 1; j < i+half; j++ {
				tr += x[j]
			}
			tr /= float64(m)
		}
		var d float64
		if mult {
			if tr == 0 {
				continue
			}
			d = x[i] / tr
		} else {
			d = x[i] - tr
		}
		sum[i%m] += d
		cnt[i%m]++
	}
	return seasonalFigure(sum, cnt, mult)
}

// seasonalIndices returns initial seasonal indices: the classical
// decomposition when n ≥ 3m, else (as R's ets uses a simple regression for
// short series) the seasonal means of the deviations from a linear trend.
func seasonalIndices(x []float64, m int, mult bool) []float64 {
	if len(x) >= 3*m {
		return decompose(x, m, mult)
	}
	a, b := olsLine(x, 1)
	sum := make([]float64, m)
	cnt := make([]float64, m)
	for i, v := range x {
		tr := a + b*float64(i+1)
		if mult {
			if tr == 0 {
				continue
			}
			sum[i%m] += v / tr
		} else {
			sum[i%m] += v - tr
		}
		cnt[i%m]++
	}
	return seasonalFigure(sum, cnt, mult)
}

// deseason applies the M4 benchmarks' seasonal adjustment: if the series
// passes seasonalTest, is positive and its multiplicative figure has no
// index near zero, it returns the adjusted series and the factors for the
// h future steps; otherwise the series itself and nil.
func deseason(x []float64, m, h int) ([]float64, []float64) {
	if m < 2 || !seasonalTest(x, m) {
		return x, nil
	}
	for _, v := range x {
		if v <= 0 {
			return x, nil
		}
	}
	fig := decompose(x, m, true)
	for _, v := range fig {
		if math.Abs(v) < 1e-4 {
			return x, nil
		}
	}
	n := len(x)
	adj := make([]float64, n)
	for i, v := range x {
		adj[i] = v / fig[i%m]
	}
	out := make([]float64, h)
	for k := range out {
		out[k] = fig[(n+k)%m]
	}
	return adj, out
}

// seasonalFigure averages the detrended values of each season (sum/cnt;
// a season without values gets the neutral 1 or 0) and normalises the
// figure to average 1 (multiplicative) or 0 (additive).
func seasonalFigure(sum, cnt []float64, mult bool) []float64 {
	m := len(sum)
	fig := make([]float64, m)
	var mean float64
	for k := range fig {
		if cnt[k] > 0 {
			fig[k] = sum[k] / cnt[k]
		} else if mult {
			fig[k] = 1
		}
		mean += fig[k]
	}
	mean /= float64(m)
	for k := range fig {
		if mult {
			if mean != 0 {
				fig[k] /= mean
			}
		} else {
			fig[k] -= mean
		}
	}
	return fig
}
