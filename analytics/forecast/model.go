package forecast

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// fitted is a model fitted to one series, reduced to what forecasting
// needs: point forecasts and a way to describe their uncertainty.
//
// Uncertainty comes in one of two forms. Linear innovations models (ETS
// class 1, Theta, the naive family) write the h-step error as
// e_h + Σ_{j=1}^{h-1} psi[j] e_{h-j} with e ~ N(0, sigma²) (Hyndman et al.
// 2008, ch. 6), which gives analytic variances and cheap paths. Other models
// provide a simulator of future paths. A multiplicative seasonal factor per
// step (seas) is applied on top, for methods run on seasonally adjusted data.
type fitted struct {
	name string
	mean []float64 // point forecasts, length h

	// Linear innovations form, if psi is not nil: analytic variances.
	sigma float64   // innovation standard deviation
	psi   []float64 // psi[0] = 1, psi[j] the weight of the shock j steps back
	// Structure of psi that makes paths O(h): psiConst means psi[j] =
	// psi[1] for all j ≥ 1; psiSeason = m > 0 means psi[j] = 1 if j%m == 0
	// else 0.
	psiConst  bool
	psiSeason int

	// sim, if not nil, writes one path of length len(dst) (before
	// seasonal factors); it is used for paths in preference to psi.
	sim func(dst []float64, rng *rand.Rand)

	// sdh, if not nil, holds analytic forecast standard deviations by step
	// for a model that is simulated for paths (ETS class 2): intervals are
	// then mean ± z·sdh, as R's forecast.ets.
	sdh []float64

	seas []float64 // multiplicative factors by step, nil for none

	// cal, if not nil, maps the deviations of interval bounds and sample
	// paths from the point forecast to calibrated ones, by step (Auto's
	// empirical calibration, calibrate.go).
	cal *calibration

	// members of a combination and its operator ("mean" or "median").
	members []*fitted
	op      string
	weights []float64 // member weights; nil means equal weights
}

// sd returns the standard deviation of the forecast at each step: analytic
// for linear innovations models, estimated from nsim simulated paths
// otherwise.
func (f *fitted) sd(nsim int, s1, s2 uint64) []float64 {
	h := len(f.mean)
	out := make([]float64, h)
	if f.members != nil {
		// A combination nested in another (ETSW in Auto): the standard
		// deviation of the mixture of its members' distributions, each
		// centred on its own forecast, Σ w_j·(sd_j² + (μ_j − μ)²).
		k := float64(len(f.members))
		for j, m := range f.members {
			w := 1 / k
			if f.weights != nil {
				w = f.weights[j]
			}
			sd := m.sd(nsim, s1+uint64(j)+1, s2)
			for i := range out {
				d := m.mean[i] - f.mean[i]
				out[i] += w * (sd[i]*sd[i] + d*d)
			}
		}
		for i := range out {
			out[i] = math.Sqrt(out[i])
		}
		return out
	}
	if f.sdh != nil {
		copy(out, f.sdh)
		return out
	}
	if f.psi != nil {
		var acc float64
		for i := 0; i < h; i++ {
			acc += f.psi[i] * f.psi[i]
			out[i] = f.sigma * math.Sqrt(acc)
			if f.seas != nil {
				out[i] *= math.Abs(f.seas[i])
			}
		}
		return out
	}
	ps := f.paths(nsim, s1, s2)
	for i := 0; i < h; i++ {
		var m, v float64
		for _, p := range ps {
			m += p[i]
		}
		m /= float64(len(ps))
		for _, p := range ps {
			v += (p[i] - m) * (p[i] - m)
		}
		out[i] = math.Sqrt(v / float64(max(len(ps)-1, 1)))
	}
	return out
}

// paths simulates n future sample paths.
func (f *fitted) paths(n int, s1, s2 uint64) [][]float64 {
	h := len(f.mean)
	rng := rand.New(rand.NewPCG(s1, s2))
	out := make([][]float64, n)
	buf := make([]float64, n*h)
	if f.members != nil {
		// Path i comes from member idx[i] (in turn, or in proportion to
		// the weights), re-centred on the combination's point forecasts:
		// a mixture of the members' error distributions around the
		// combined forecast.
		k := len(f.members)
		idx := make([]int, n)
		cnt := make([]int, k)
		for i := range idx {
			j := i % k
			if f.weights != nil {
				u := (float64(i) + 0.5) / float64(n)
				var c float64
				for j = 0; j < k-1; j++ {
					c += f.weights[j]
					if u < c {
						break
					}
				}
			}
			idx[i] = j
			cnt[j]++
		}
		mp := make([][][]float64, k)
		for j, m := range f.members {
			mp[j] = m.paths(cnt[j], s1+uint64(j)+1, s2)
		}
		used := make([]int, k)
		for i := range out {
			out[i] = buf[i*h : (i+1)*h]
			j := idx[i]
			m, p := f.members[j], mp[j][used[j]]
			used[j]++
			for t := 0; t < h; t++ {
				out[i][t] = f.mean[t] + p[t] - m.mean[t]
			}
		}
		f.calibratePaths(out, s1, s2)
		return out
	}
	e := make([]float64, h)
	for i := range out {
		p := buf[i*h : (i+1)*h]
		out[i] = p
		switch {
		case f.sim != nil:
			f.sim(p, rng)
		case f.psiConst:
			// e_t + c·Σ_{i<t} e_i.
			var c, sum float64
			if h > 1 {
				c = f.psi[1]
			}
			for t := 0; t < h; t++ {
				et := f.sigma * rng.NormFloat64()
				p[t] = f.mean[t] + et + c*sum
				sum += et
			}
		case f.psiSeason > 0:
			// e_t + e_{t−m} + e_{t−2m} + …: one running sum per season.
			m := f.psiSeason
			acc := make([]float64, m)
			for t := 0; t < h; t++ {
				acc[t%m] += f.sigma * rng.NormFloat64()
				p[t] = f.mean[t] + acc[t%m]
			}
		default:
			for t := 0; t < h; t++ {
				e[t] = f.sigma * rng.NormFloat64()
				v := f.mean[t]
				for j := 0; j <= t; j++ {
					v += f.psi[j] * e[t-j]
				}
				p[t] = v
			}
		}
		if f.seas != nil {
			for t := range p {
				p[t] *= f.seas[t]
			}
		}
	}
	f.calibratePaths(out, s1, s2)
	return out
}

// calibratePaths applies f.cal to paths: each deviation from the point
// forecast goes through the calibration's map with the raw 80% and 95%
// half-widths on its side (from the same members' distributions as the
// intervals, so that a path is inside a calibrated interval exactly when
// its raw path was inside the raw one).
func (f *fitted) calibratePaths(ps [][]float64, s1, s2 uint64) {
	if f.cal == nil || len(ps) == 0 {
		return
	}
	lo, up := f.rawIntervals([]float64{80, 95}, calSims, s1, s2)
	for _, p := range ps {
		for t := range p {
			m := f.mean[t]
			if d := p[t] - m; d >= 0 {
				p[t] = m + f.cal.dev(t, d, up[0][t]-m, up[1][t]-m)
			} else {
				p[t] = m - f.cal.dev(t, -d, m-lo[0][t], m-lo[1][t])
			}
		}
	}
}

// calSims is the number of paths that estimate the standard deviation of a
// simulated member of a calibrated combination, for its intervals and its
// paths alike.
const calSims = 1000

// intervals returns the lower and upper bounds for each level.
//
// Linear innovations models use mean ± z·sd (Hyndman et al. 2008, eq. 6.1),
// and so do ETS class 2 models with their analytic sd.
// Simulated models use the empirical quantiles of npaths paths (Hyndman et
// al. 2008, sec. 6.4). A combination uses the quantiles of a mixture of
// normal distributions centred on the combined forecast, one per member
// with that member's forecast standard deviation, weighted as the members.
//
// With a calibration (f.cal) the raw bounds are mapped to calibrated ones
// (calibrate.go).
func (f *fitted) intervals(levels []float64, npaths int, s1, s2 uint64) (lo, up [][]float64) {
	h := len(f.mean)
	if f.cal != nil {
		all := append(append([]float64(nil), levels...), 80, 95)
		rlo, rup := f.rawIntervals(all, calSims, s1, s2)
		n := len(levels)
		lo, up = rlo[:n], rup[:n]
		for t := 0; t < h; t++ {
			m := f.mean[t]
			lo80, up80, lo95, up95 := rlo[n][t], rup[n][t], rlo[n+1][t], rup[n+1][t]
			for i := range levels {
				lo[i][t] = m - f.cal.dev(t, max(m-lo[i][t], 0), m-lo80, m-lo95)
				up[i][t] = m + f.cal.dev(t, max(up[i][t]-m, 0), up80-m, up95-m)
			}
		}
	} else {
		lo, up = f.rawIntervals(levels, npaths, s1, s2)
	}
	// Guard the nesting of intervals around the point forecast against
	// simulation noise: lower ≤ mean ≤ upper.
	for i := range levels {
		for t := 0; t < h; t++ {
			lo[i][t] = math.Min(lo[i][t], f.mean[t])
			up[i][t] = math.Max(up[i][t], f.mean[t])
		}
	}
	return lo, up
}

// rawIntervals returns the bounds of each level from the model's own
// distribution, without calibration.
func (f *fitted) rawIntervals(levels []float64, npaths int, s1, s2 uint64) (lo, up [][]float64) {
	h := len(f.mean)
	lo = make([][]float64, len(levels))
	up = make([][]float64, len(levels))
	for i := range levels {
		lo[i] = make([]float64, h)
		up[i] = make([]float64, h)
	}
	switch {
	case f.members != nil:
		sds := make([][]float64, len(f.members))
		for j, m := range f.members {
			sds[j] = m.sd(npaths, s1+uint64(j)+1, s2)
		}
		col := make([]float64, len(f.members))
		for t := 0; t < h; t++ {
			for j := range sds {
				col[j] = sds[j][t]
			}
			for i, l := range levels {
				a := (1 - l/100) / 2
				lo[i][t] = f.mean[t] + mixtureQuantile(col, f.weights, a)
				up[i][t] = f.mean[t] + mixtureQuantile(col, f.weights, 1-a)
			}
		}
	case f.psi != nil || f.sdh != nil:
		sd := f.sd(0, s1, s2)
		for i, l := range levels {
			z := distuv.UnitNormal.Quantile(0.5 + l/200)
			for t := 0; t < h; t++ {
				lo[i][t] = f.mean[t] - z*sd[t]
				up[i][t] = f.mean[t] + z*sd[t]
			}
		}
	default:
		ps := f.paths(npaths, s1, s2)
		col := make([]float64, len(ps))
		for t := 0; t < h; t++ {
			for j, p := range ps {
				col[j] = p[t]
			}
			slices.Sort(col)
			for i, l := range levels {
				a := (1 - l/100) / 2
				lo[i][t] = quantileSorted(col, a)
				up[i][t] = quantileSorted(col, 1-a)
			}
		}
	}
	return lo, up
}

// quantileSorted is the type 7 sample quantile (Hyndman & Fan 1996) of
// sorted x, as R's quantile() default.
func quantileSorted(x []float64, p float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return x[n-1]
	}
	return x[lo] + (h-float64(lo))*(x[lo+1]-x[lo])
}

// mixtureQuantile returns the p-quantile of the mixture of N(0, sd[j]²)
// with weights w (nil: equal weights) by bisection on its distribution
// function, to within 1e-7 of the largest standard deviation.
func mixtureQuantile(sd, w []float64, p float64) float64 {
	var hi float64
	for _, s := range sd {
		hi = math.Max(hi, s)
	}
	switch {
	case hi == 0:
		return 0
	case math.IsInf(hi, 1) || math.IsNaN(hi):
		return math.Copysign(math.Inf(1), p-0.5)
	}
	cdf := func(x float64) float64 {
		var c float64
		for j, s := range sd {
			wj := 1 / float64(len(sd))
			if w != nil {
				wj = w[j]
			}
			if s == 0 {
				if x >= 0 {
					c += wj
				}
				continue
			}
			c += wj * distuv.UnitNormal.CDF(x/s)
		}
		return c
	}
	a, b := -10*hi, 10*hi
	for range 100 {
		m := (a + b) / 2
		if cdf(m) < p {
			a = m
		} else {
			b = m
		}
		if b-a < 1e-7*hi {
			break
		}
	}
	return (a + b) / 2
}

// linear returns a linear innovations model with psi[j] = c for j ≥ 1.
func linear(name string, mean []float64, sigma, c float64) *fitted {
	psi := make([]float64, len(mean))
	for j := range psi {
		psi[j] = c
	}
	if len(psi) > 0 {
		psi[0] = 1
	}
	return &fitted{name: name, mean: mean, sigma: sigma, psi: psi, psiConst: true}
}
