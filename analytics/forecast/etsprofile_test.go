package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The profile's one-step predictions, ŷ⁰ + Z·x₀, must be those of the
// model's own recursions (etsRun) from the initial state x₀, for either
// error type: the affine representation is exact.
func TestProfilePredictionsAreTheRecursions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ys, _ := scaled(rAirPassengers[:48])
	for _, sp := range []etsSpec{{}, {trend: trendA}, {trend: trendAd}, {multErr: true}, {multErr: true, trend: trendA}, {multErr: true, trend: trendAd}} {
		pr := newETSProfile(ys, sp, false)
		for range 20 {
			p := etsPar{alpha: 0.05 + 0.9*rng.Float64(), phi: 1}
			p.beta = p.alpha * rng.Float64()
			if sp.trend == trendAd {
				p.phi = 0.8 + 0.18*rng.Float64()
			}
			pr.prepare(p)
			for j := range pr.x {
				pr.x[j] = 0.1 * rng.NormFloat64()
			}
			pr.x[0] = 1 + 0.1*rng.NormFloat64()
			pr.predict()
			st := etsState{s: make([]float64, 1)}
			pr.setState(pr.x, &st)
			resid := make([]float64, len(ys))
			if _, _, ok := etsRun(ys, sp, 1, p, &st, resid); !ok {
				t.Fatalf("%v: recursion failed", sp)
			}
			for i, v := range ys {
				f := pr.yhat[i]
				want := v - f
				if sp.multErr {
					want = (v - f) / f
				}
				if math.Abs(resid[i]-want) > 1e-9*(1+math.Abs(want)) {
					t.Fatalf("%v %+v: t=%d: etsRun error %v, profile %v", sp, p, i+1, resid[i], want)
				}
			}
		}
	}
}

// For given smoothing parameters the concentrated initial state is optimal:
// no perturbation of it lowers the criterion computed by etsRun (least
// squares for additive errors, the likelihood equations for multiplicative
// ones).
func TestProfileInitialStateIsOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ys, _ := scaled(rWWWusage)
	for _, sp := range []etsSpec{{}, {trend: trendA}, {trend: trendAd}, {multErr: true}, {multErr: true, trend: trendA}, {multErr: true, trend: trendAd}} {
		pr := newETSProfile(ys, sp, false)
		p := etsPar{alpha: 0.7, beta: 0.2, phi: 0.9}
		v := pr.value(p)
		x := append([]float64(nil), pr.x...)
		lik := func(x []float64) float64 {
			st := etsState{s: make([]float64, 1)}
			pr.setState(x, &st)
			l, _, ok := etsRun(ys, sp, 1, p, &st, nil)
			if !ok {
				return math.Inf(1)
			}
			return l
		}
		base := lik(x)
		if math.Abs(base-v) > 1e-8*math.Abs(v) {
			t.Errorf("%v: profile value %v, etsRun %v", sp, v, base)
		}
		for range 200 {
			x2 := append([]float64(nil), x...)
			for j := range x2 {
				x2[j] += 1e-3 * rng.NormFloat64()
			}
			if l := lik(x2); l < base-1e-9 {
				t.Fatalf("%v: x₀ %v gives %v, perturbed %v gives %v", sp, x, base, x2, l)
			}
		}
	}
}

func TestLsq2(t *testing.T) {
	// r = 2d + 0.5c exactly, with d = (1, 0, 1), c = (0, 1, 1):
	// dd = 2, dc = 1, cc = 2, dr = Σd·r = 2 + 2.5 = 4.5, cr = 0.5 + 2.5 = 3.
	a, b := lsq2(2, 1, 2, 4.5, 3, 0, 1)
	if math.Abs(a-2) > 1e-12 || math.Abs(b-0.5) > 1e-12 {
		t.Errorf("unrestricted: got %v, %v; want 2, 0.5", a, b)
	}
	// With b ≤ 0.25 the optimum has b = 0.25 and a = (4.5 − 0.25)/2.
	a, b = lsq2(2, 1, 2, 4.5, 3, 0, 0.25)
	if math.Abs(b-0.25) > 1e-12 || math.Abs(a-2.125) > 1e-12 {
		t.Errorf("restricted: got %v, %v; want 2.125, 0.25", a, b)
	}
}

// DOTM's concentrated ℓ0 and θ are at least as good as any point of a fine
// grid over them, at the α the fit chose.
func TestThetaProfileBeatsGrid(t *testing.T) {
	for _, dyn := range []bool{false, true} {
		xs, _ := scaled(mY1)
		f, err := otmFit(mY1, 1, 6, dyn)
		if err != nil {
			t.Fatal(err)
		}
		alpha := f.psi[1]
		// The fit's SSE, recovered from its σ: σ² = scale²·SSE/(n−3).
		_, scale := scaled(mY1)
		sse := f.sigma * f.sigma / (scale * scale) * float64(len(xs)-3)
		for l0 := -1.0; l0 <= 2; l0 += 0.05 {
			for _, th := range []float64{1, 1.5, 2, 3, 5, 10, 50, 1000} {
				g, _ := thetaRun(xs, thetaModel{l0: l0, alpha: alpha, theta: th, dynamic: dyn}, 0, nil)
				if g < sse*(1-1e-9) {
					t.Fatalf("dynamic=%v: grid point ℓ0=%v θ=%v has SSE %v below the fit's %v", dyn, l0, th, g, sse)
				}
			}
		}
	}
}
