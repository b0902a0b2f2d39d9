package forecast

import (
	"errors"
	"math"
)

// thetaFit is the Theta method of Assimakopoulos & Nikolopoulos (2000) in
// the form shown by Hyndman & Billah (2003) to be simple exponential
// smoothing with drift, as R's forecast::thetaf and the M4 Theta benchmark:
// on the (M4-)seasonally adjusted series x, fit SES by MSE, and add half the
// slope b of a linear regression on time:
//
//	ŷ_{n+h} = ℓ_n + (b/2)·(h − 1 + (1 − (1−α)^n)/α).
//
// The h-step variance is σ²(1 + (h−1)α²), that of SES (thetaf).
func thetaFit(y []float64, m, h int) (*fitted, error) {
	x, seas := deseason(y, m, h)
	n := len(x)
	ses, err := etsFit(x, etsSpec{}, 1, true)
	if err != nil {
		return nil, err
	}
	_, slope := olsLine(x, 0)
	b := slope / 2
	alpha := math.Max(1e-10, ses.par.alpha)
	c := (1 - math.Pow(1-alpha, float64(n))) / alpha
	mean := make([]float64, h)
	for k := range mean {
		mean[k] = ses.final.l + b*(float64(k)+c)
	}
	f := linear("Theta", mean, math.Sqrt(ses.sigma2), alpha)
	applySeason(f, seas)
	return f, nil
}

// applySeason multiplies the point forecasts by the seasonal factors and
// records them for the uncertainty.
func applySeason(f *fitted, seas []float64) {
	if seas == nil {
		return
	}
	for k := range f.mean {
		f.mean[k] *= seas[k]
	}
	f.seas = seas
}

// thetaModel holds the parameters of the optimised Theta models of Fiorucci
// et al. (2016): the initial level ℓ0, the smoothing parameter α, θ ≥ 1,
// and whether A_n, B_n are dynamic.
type thetaModel struct {
	l0, alpha, theta float64
	dynamic          bool
}

// thetaRun runs the state space recursions of the (dynamic) optimised Theta
// models (Fiorucci et al. 2016, sec. 3–4):
//
//	μ_t = ℓ_{t−1} + (1 − 1/θ)·[(1−α)^{t−1}·A_{t−1} + ((1 − (1−α)^t)/α)·B_{t−1}]
//	ℓ_t = α·y_t + (1−α)·ℓ_{t−1}
//
// where A, B are the intercept and slope of the least-squares line through
// y_1..y_t (dynamic) or y_1..y_n (static). Following the statsforecast
// implementation, the first fitted value is y_1 for dynamic models. It
// returns the one-step errors' sum of squares from t = 4 and the h forecasts
// (computed by feeding μ back as the observation); if pred is not nil it
// receives the one-step predictions μ_1..μ_n. θ = +Inf is allowed (then
// 1 − 1/θ = 1).
func thetaRun(y []float64, tm thetaModel, h int, pred []float64) (sse float64, fc []float64) {
	n := len(y)
	w := 1 - 1/tm.theta
	a := tm.alpha
	// Static coefficients.
	sA, sB := olsLine(y, 1)
	// Running sums for the dynamic regression on t = 1..k.
	var k, sy, sty float64
	var A, B float64
	l := tm.l0
	pw := 1.0 // (1−α)^{t−1}
	step := func(t int, yt float64, obs bool) float64 {
		// t is 1-based.
		var mu float64
		if tm.dynamic {
			if t == 1 {
				mu = yt
				if !obs {
					mu = l
				}
			} else {
				mu = l + w*(pw*A+(1-pw*(1-a))/a*B)
			}
		} else {
			mu = l + w*(pw*sA+(1-pw*(1-a))/a*sB)
		}
		if !obs {
			yt = mu
		}
		l = a*yt + (1-a)*l
		pw *= 1 - a
		k++
		sy += yt
		sty += float64(t) * yt
		if k >= 2 {
			stt := k * (k + 1) * (2*k + 1) / 6
			st := k * (k + 1) / 2
			B = (k*sty - st*sy) / (k*stt - st*st)
			A = (sy - B*st) / k
		} else {
			A, B = yt, 0
		}
		return mu
	}
	for t := 1; t <= n; t++ {
		mu := step(t, y[t-1], true)
		if pred != nil {
			pred[t-1] = mu
		}
		if t >= 4 || n < 4 {
			e := y[t-1] - mu
			sse += e * e
		}
	}
	if h > 0 {
		fc = make([]float64, h)
		for j := 0; j < h; j++ {
			fc[j] = step(n+j+1, 0, false)
		}
	}
	return sse, fc
}

// otmFit fits the optimised Theta model (OTM) or its dynamic version (DOTM)
// of Fiorucci et al. (2016) on the M4-seasonally adjusted series by
// minimising the in-sample one-step MSE over ℓ0, α ∈ [0.1, 0.99] and
// θ ∈ [1, 1000] (where 1 − 1/θ is within 0.1% of its limit; a cap of 20
// scored worse on both M4 validation folds and the test set). The one-step
// predictions are affine in ℓ0 and in w = 1 − 1/θ for given α,
//
//	μ_t = μ⁰_t + ℓ0·(1−α)^{t−1} + w·c_t,
//
// so ℓ0 and w are estimated by least squares (w clamped to its range, which
// is exact for a convex quadratic) and only α is searched: the best of a
// grid of ten values, refined by minimizeSmooth. The forecast variance is
// taken as that of SES, σ²(1 + (h−1)α²), an approximation.
func otmFit(y []float64, m, h int, dynamic bool) (*fitted, error) {
	x, seas := deseason(y, m, h)
	n := len(x)
	if n < 3 {
		return nil, errTooShort
	}
	xs, scale := scaled(x)
	mu0, mu1, muW := make([]float64, n), make([]float64, n), make([]float64, n)
	first := 3 // errors count from t = 4
	if n < 4 {
		first = 0
	}
	// profile returns the SSE at α with ℓ0 and w concentrated out.
	profile := func(alpha float64) (sse, l0, w float64) {
		thetaRun(xs, thetaModel{alpha: alpha, theta: 1, dynamic: dynamic}, 0, mu0)
		thetaRun(xs, thetaModel{l0: 1, alpha: alpha, theta: 1, dynamic: dynamic}, 0, mu1)
		thetaRun(xs, thetaModel{alpha: alpha, theta: math.Inf(1), dynamic: dynamic}, 0, muW)
		var dd, dc, cc, dr, cr float64
		for t := first; t < n; t++ {
			d, c, r := mu1[t]-mu0[t], muW[t]-mu0[t], xs[t]-mu0[t]
			dd += d * d
			dc += d * c
			cc += c * c
			dr += d * r
			cr += c * r
		}
		l0, w = lsq2(dd, dc, cc, dr, cr, 0, 1-1.0/1000)
		sse, _ = thetaRun(xs, thetaModel{l0: l0, alpha: alpha, theta: thetaOf(w), dynamic: dynamic}, 0, nil)
		return sse, l0, w
	}
	obj := func(u []float64) float64 {
		sse, _, _ := profile(logistic(u[0], 0.1, 0.99))
		return sse
	}
	best, bestU := math.Inf(1), []float64{0}
	for _, a := range []float64{0.12, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97} {
		u := []float64{logit(a, 0.1, 0.99)}
		if v := obj(u); v < best {
			best, bestU = v, u
		}
	}
	if math.IsInf(best, 1) || math.IsNaN(best) {
		return nil, errors.New("theta: no finite fit")
	}
	u, _ := minimizeSmooth(obj, bestU)
	alpha := logistic(u[0], 0.1, 0.99)
	_, l0, w := profile(alpha)
	tm := thetaModel{l0: l0, alpha: alpha, theta: thetaOf(w), dynamic: dynamic}
	sse, fc := thetaRun(xs, tm, h, nil)
	cnt := n - 3
	if cnt < 1 {
		cnt = n
	}
	for k := range fc {
		fc[k] *= scale
	}
	name := "OTM"
	if dynamic {
		name = "DOTM"
	}
	f := linear(name, fc, scale*math.Sqrt(sse/float64(cnt)), tm.alpha)
	applySeason(f, seas)
	return f, nil
}

// thetaOf returns θ = 1/(1 − w).
func thetaOf(w float64) float64 { return 1 / (1 - w) }

// lsq2 minimises the quadratic Σ(r − a·d − b·c)² given its sums of
// products dd = Σd², dc = Σdc, cc = Σc², dr = Σdr, cr = Σcr, with b
// restricted to [bLo, bHi]: the unrestricted normal equations, and if b
// falls outside, b at the nearer bound and a re-solved (exact, since the
// profile in b is a convex parabola).
func lsq2(dd, dc, cc, dr, cr, bLo, bHi float64) (a, b float64) {
	a, b, ok := solve2(dd, dc, cc, dr, cr, 1e-12)
	if ok && b >= bLo && b <= bHi {
		return a, b
	}
	if !ok {
		b = 0
	}
	b = math.Min(math.Max(b, bLo), bHi)
	a = 0
	if dd > 0 {
		a = (dr - b*dc) / dd
	}
	return a, b
}

// solve2 solves the symmetric 2×2 system [s00 s01; s01 s11]·x = (b0, b1)
// (the normal equations of a two-column least-squares fit) by Cramer's
// rule. ok is false when the determinant is at most tol·s00·s11 (nearly
// singular) or the solution is not finite.
func solve2(s00, s01, s11, b0, b1, tol float64) (x0, x1 float64, ok bool) {
	det := s00*s11 - s01*s01
	if !(det > tol*(s00*s11+1e-300)) {
		return 0, 0, false
	}
	x0 = (s11*b0 - s01*b1) / det
	x1 = (s00*b1 - s01*b0) / det
	if math.IsNaN(x0) || math.IsInf(x0, 0) || math.IsNaN(x1) || math.IsInf(x1, 0) {
		return 0, 0, false
	}
	return x0, x1, true
}
