package forecast

import (
	"math"
	"testing"
)

// Reference values from R 4 with forecast 8.20 (Hyndman & Khandakar 2008),
// computed by the script quoted in each case; data sets from R's datasets
// package (rdata_test.go).

// relClose reports whether got and want agree within relative tolerance
// tol at every step, logging the worst step.
func relClose(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) < len(want) {
		t.Errorf("%s: got %d values, want %d", name, len(got), len(want))
		return
	}
	worst, at := 0.0, 0
	for i, w := range want {
		d := math.Abs(got[i]-w) / math.Max(math.Abs(w), 1e-12)
		if d > worst || math.IsNaN(d) {
			worst, at = d, i
		}
	}
	if worst > tol || math.IsNaN(worst) {
		t.Errorf("%s: step %d: got %v, want %v (relative error %.3g > %.3g)\ngot  %v\nwant %v", name, at+1, got[at], want[at], worst, tol, got[:len(want)], want)
	}
}

func TestFixedParametersAgainstR(t *testing.T) {
	y := rNile
	for _, c := range []struct {
		name  string
		sp    etsSpec
		p     etsPar
		y     []float64
		st    etsState
		h     int
		want  []float64
		rcall string
	}{
		{
			name: "ses simple", sp: etsSpec{}, p: etsPar{alpha: 0.3, phi: 1},
			y: y, st: etsState{l: y[0]}, h: 5,
			rcall: `ses(Nile, h=5, initial="simple", alpha=0.3)$mean`,
			want:  []float64{788.4401256, 788.4401256, 788.4401256, 788.4401256, 788.4401256},
		},
		{
			// R's simple initialisation for holt starts the recursion at
			// t = 3 from l = y2, b = y2 − y1 (HoltWinters); its beta is the
			// β* of Hyndman et al. (2008), so ETS β = α·β* = 0.03.
			name: "holt simple", sp: etsSpec{trend: trendA}, p: etsPar{alpha: 0.3, beta: 0.03, phi: 1},
			y: y[2:], st: etsState{l: y[1], b: y[1] - y[0]}, h: 5,
			rcall: `holt(Nile, h=5, initial="simple", alpha=0.3, beta=0.1)$mean`,
			want:  []float64{772.8830978, 761.6778964, 750.4726950, 739.2674936, 728.0622923},
		},
	} {
		st := c.st
		if _, _, ok := etsRun(c.y, c.sp, 1, c.p, &st, nil); !ok {
			t.Fatalf("%s: recursion failed", c.name)
		}
		got := etsForecast(c.sp, 1, c.p, st, c.h)
		relClose(t, c.name+" ("+c.rcall+")", got, c.want, 1e-8)
	}
}

func TestOptimisedAgainstR(t *testing.T) {
	for _, c := range []struct {
		rcall  string
		method Method
		series Series
		h      int
		level  int // index into Levels; -1: mean
		upper  bool
		want   []float64
		tol    float64
	}{
		{`thetaf(Nile, h=6)$mean`, Theta, Series{Values: rNile}, 6, -1, false,
			[]float64{799.8119962, 798.4548435, 797.0976908, 795.7405381, 794.3833854, 793.0262326}, 0.002},
		{`thetaf(Nile, h=6)$lower[,1]`, Theta, Series{Values: rNile}, 6, 0, false,
			[]float64{614.9715593, 608.1182954, 601.4193426, 594.8623900, 588.4366816, 582.1327543}, 0.005},
		{`thetaf(Nile, h=6)$upper[,2]`, Theta, Series{Values: rNile}, 6, 1, true,
			[]float64{1082.501050, 1089.549474, 1096.361899, 1102.957154, 1109.351689, 1115.559975}, 0.005},
		{`thetaf(WWWusage, h=10)$mean`, Theta, Series{Values: rWWWusage}, 10, -1, false,
			[]float64{220.3096281, 220.6190250, 220.9284220, 221.2378189, 221.5472158, 221.8566128, 222.1660097, 222.4754067, 222.7848036, 223.0942005}, 0.002},
		// thetaf's own seasonality test (90%, as M4) and multiplicative
		// decomposition.
		{`thetaf(AirPassengers, h=12)$mean`, Theta, Series{Values: rAirPassengers, Frequency: 12}, 12, -1, false,
			[]float64{440.0781911, 428.3842806, 489.7070987, 475.7046277, 479.6703887, 545.3662722, 602.7520018, 601.1007631, 523.9514922, 456.6271449, 397.9537347, 447.6449087}, 0.005},
		// ets(Nile) selects ETS(M,N,N).
		{`forecast(ets(Nile), h=6)$mean`, ETS, Series{Values: rNile}, 6, -1, false,
			[]float64{838.8751613, 838.8751613, 838.8751613, 838.8751613, 838.8751613, 838.8751613}, 0.03},
		{`forecast(ets(Nile), h=6)$upper[,2]`, ETS, Series{Values: rNile}, 6, 1, true,
			[]float64{1093.360142, 1096.329465, 1099.266533, 1102.172427, 1105.048167, 1107.894723}, 0.05},
		// ets(WWWusage) selects ETS(A,Ad,N).
		{`forecast(ets(WWWusage), h=10)$mean`, ETS, Series{Values: rWWWusage}, 10, -1, false,
			[]float64{218.3663349, 217.0350687, 215.9501425, 215.0659733, 214.3454124, 213.7581856, 213.2796204, 212.8896098, 212.5717676, 212.3127395}, 0.02},
		{`forecast(ets(WWWusage, model="AAN", damped=TRUE), h=10)$lower[,1]`, ETS, Series{Values: rWWWusage}, 10, 0, false,
			[]float64{213.8855960, 207.7611413, 201.4969186, 195.2867417, 189.2333282, 183.3892900, 177.7786383, 172.4085923, 167.2764563, 162.3737883}, 0.03},
		{`forecast(ets(WWWusage, model="AAN", damped=TRUE), h=10)$upper[,2]`, ETS, Series{Values: rWWWusage}, 10, 1, true,
			[]float64{225.2190337, 231.2183166, 238.0544411, 245.3156976, 252.7510312, 260.2034034, 267.5736871, 274.7999836, 281.8449683, 288.6877744}, 0.03},
		// ets(AirPassengers) selects ETS(M,Ad,M).
		{`forecast(ets(AirPassengers), h=12)$mean`, ETS, Series{Values: rAirPassengers, Frequency: 12}, 12, -1, false,
			[]float64{441.8018473, 434.1186201, 496.6300468, 483.2374794, 483.9913534, 551.0244000, 613.1796792, 609.3648308, 530.5408345, 463.0332145, 402.7478001, 451.9693731}, 0.05},
		// ets(USAccDeaths) selects ETS(A,N,A).
		{`forecast(ets(USAccDeaths), h=12)$mean`, ETS, Series{Values: rUSAccDeaths, Frequency: 12}, 12, -1, false,
			[]float64{8397.496909, 7599.220613, 8396.594687, 8646.509703, 9443.411945, 9893.064727, 10819.123703, 10107.104631, 9015.232645, 9354.407375, 8880.417695, 9085.492104}, 0.03},
		{`snaive(USAccDeaths, h=14)$mean`, SNaive, Series{Values: rUSAccDeaths, Frequency: 12}, 14, -1, false,
			[]float64{7836, 6892, 7791, 8192, 9115, 9434, 10484, 9827, 9110, 9070, 8633, 9240, 7836, 6892}, 1e-12},
		{`naive(Nile, h=3)$upper[,1]`, Naive, Series{Values: rNile}, 3, 0, true,
			[]float64{954.4351551, 1043.2571046, 1111.4125836}, 1e-6},
	} {
		r, err := Forecast(c.series, Options{Method: c.method, Horizon: c.h})
		if err != nil {
			t.Fatalf("%s: %v", c.rcall, err)
		}
		got := r.Mean
		switch {
		case c.level >= 0 && c.upper:
			got = r.Upper[c.level]
		case c.level >= 0:
			got = r.Lower[c.level]
		}
		relClose(t, c.rcall+" vs "+r.Method, got, c.want, c.tol)
	}
}

func TestETSModelsAgainstR(t *testing.T) {
	for _, c := range []struct {
		rcall string
		y     []float64
		m     int
		sp    etsSpec
		h     int
		want  []float64
		hi80  []float64
		tol   float64
	}{
		{`forecast(ets(Nile, model="ANN"), h=6)`, rNile, 1, etsSpec{}, 6,
			[]float64{805.3812829, 805.3812829, 805.3812829, 805.3812829, 805.3812829, 805.3812829}, nil, 0.005},
		{`forecast(ets(WWWusage, model="AAN", damped=TRUE), h=10)`, rWWWusage, 1, etsSpec{trend: trendAd}, 10,
			[]float64{218.3663349, 217.0350687, 215.9501425, 215.0659733, 214.3454124, 213.7581856, 213.2796204, 212.8896098, 212.5717676, 212.3127395}, nil, 0.01},
		{`forecast(ets(USAccDeaths, model="AAA", damped=FALSE), h=12)`, rUSAccDeaths, 12, etsSpec{trend: trendA, season: seasonA}, 12,
			[]float64{8034.843135, 7485.725361, 8238.492860, 8446.993597, 9277.194879, 9677.864734, 10603.751713, 9875.753783, 8820.356716, 9081.019398, 8570.248642, 8869.226024},
			[]float64{8421.128079, 7924.552527, 8724.407181, 8975.999089, 9846.204498, 10284.402904, 11245.777449, 10551.548013, 9528.446650, 9820.125619, 9339.246827, 9667.118486},
			// Our fit reaches a higher likelihood than R's here (see
			// TestLikelihoodAtLeastR), so forecasts differ by up to 4%.
			0.04},
	} {
		em, err := etsFit(c.y, c.sp, c.m, false)
		if err != nil {
			t.Fatalf("%s: %v", c.rcall, err)
		}
		f := em.fitted(c.h)
		relClose(t, c.rcall+"$mean", f.mean, c.want, c.tol)
		if c.hi80 != nil {
			_, up := f.intervals([]float64{80}, 0, 0, 0)
			relClose(t, c.rcall+"$upper[,1]", up[0], c.hi80, c.tol)
		}
	}
}

// TestLikelihoodAtLeastR checks that the maximum likelihood fit is at least
// as good as R's: our −2·log-likelihood (up to the same constant as R's
// ets, n·log(SSE) + 2Σlog|ŷ|) must not exceed R's −2*fit$loglik by more
// than 0.01.
func TestLikelihoodAtLeastR(t *testing.T) {
	for _, c := range []struct {
		rcall string
		y     []float64
		m     int
		sp    etsSpec
		want  float64
	}{
		{`-2*ets(Nile, model="ANN")$loglik`, rNile, 1, etsSpec{}, 1452.781},
		{`-2*ets(Nile, model="MNN")$loglik`, rNile, 1, etsSpec{multErr: true}, 1452.302},
		{`-2*ets(WWWusage, model="AAN", damped=TRUE)$loglik`, rWWWusage, 1, etsSpec{trend: trendAd}, 705.731},
		{`-2*ets(USAccDeaths, model="AAA", damped=FALSE)$loglik`, rUSAccDeaths, 12, etsSpec{trend: trendA, season: seasonA}, 1111.850},
		{`-2*ets(AirPassengers, model="MAM", damped=TRUE)$loglik`, rAirPassengers, 12, etsSpec{multErr: true, trend: trendAd, season: seasonM}, 1359.166},
		{`-2*ets(AirPassengers, model="MAM", damped=FALSE)$loglik`, rAirPassengers, 12, etsSpec{multErr: true, trend: trendA, season: seasonM}, 1364.807},
	} {
		em, err := etsFit(c.y, c.sp, c.m, false)
		if err != nil {
			t.Fatalf("%s: %v", c.rcall, err)
		}
		if em.lik > c.want+0.01 {
			t.Errorf("%s: got %.3f, R %.3f", c.rcall, em.lik, c.want)
		} else {
			t.Logf("%s: got %.3f, R %.3f", c.rcall, em.lik, c.want)
		}
	}
}

// mY1 is M4 yearly series Y1 (training part), /work/shared/m4.
var mY1 = []float64{5172.1, 5133.5, 5186.9, 5084.6, 5182, 5414.3, 5576.2, 5752.9, 5955.2, 6087.8, 6238.9, 6317.2, 6262.7, 6361, 6427.4, 6654.9, 6835.4, 6925.5, 7073.5, 7144, 7230.6, 7349.6, 7339.2, 7250.8, 7294.6, 7393.9, 7560.9, 7651.4, 7587.3, 7530.5, 7261.1}

// TestMSEAtLeastR checks that the MSE fits of the M4 benchmarks reach an
// in-sample MSE no larger than R's. R's value:
// holt(y, h=6)$model$mse with y the training part of M4 series Y1 = 12349.7711
// (forecast 8.20; R's optimum there is alpha=0.9627, beta=0.6392).
func TestMSEAtLeastR(t *testing.T) {
	em, err := etsFit(mY1, etsSpec{trend: trendA}, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if em.mse > 12349.7711*(1+1e-6) {
		t.Errorf("MSE %v, R 12349.7711", em.mse)
	}
	// thetaf(y, h=6)$mean on the same series. Our SES reaches the exact
	// least-squares initial level (etsprofile.go), R's optimiser a point
	// near it, so the forecasts agree to 1e-5 rather than to R's digits.
	f, err := thetaFit(mY1, 1, 6)
	if err != nil {
		t.Fatal(err)
	}
	relClose(t, "thetaf(Y1)", []float64{f.mean[0], f.mean[5]}, []float64{7307.4635, 7539.1232}, 1e-5)
}

// TestClass2IntervalsAgainstR checks the analytic forecast variance of the
// class 2 models (multiplicative error, additive components; Hyndman et al.
// 2008, sec. 6.3) against R's forecast.ets, which uses the same formula:
// with R's fitted parameters, final state and σ², our intervals must be
// R's. R calls (forecast 8.20):
//
//	fit <- ets(y, model = M, damped = D); fc <- forecast(fit, h = 6)
//	fit$par; fit$states[nrow(fit$states), ]; fit$sigma2
//	fc$lower[, 1]; fc$upper[, 2]
func TestClass2IntervalsAgainstR(t *testing.T) {
	for _, c := range []struct {
		rcall      string
		sp         etsSpec
		par        etsPar
		l, b, sig2 float64
		lo80, hi95 []float64
	}{
		{`forecast(ets(WWWusage, model="MAN", damped=FALSE), h=6)`, etsSpec{multErr: true, trend: trendA},
			etsPar{alpha: 0.99989915162651255, beta: 0.99987568920205960, phi: 1},
			219.9997982673380079, -2.0004505341098096, 0.00089798069915192303,
			[]float64{209.62743330241727, 197.30791260588953, 182.77047019692387, 166.34710986518888, 148.25401938272381, 128.63886346735541},
			[]float64{230.80308595742338, 244.58429135979267, 261.75751530732316, 281.81500182048501, 304.42612023369520, 329.36503684934144}},
		{`forecast(ets(WWWusage, model="MAN", damped=TRUE), h=6)`, etsSpec{multErr: true, trend: trendAd},
			etsPar{alpha: 0.99989994246291025, beta: 0.99989924515030015, phi: 0.80000016771149784},
			219.9998799198308461, -2.0003611812066255, 0.00082659893153889984,
			[]float64{210.35256610773996, 200.56841051840087, 190.45918412588480, 180.39076710238479, 170.55279315005720, 161.03872222985413},
			[]float64{230.70645264069859, 242.43185022788643, 255.30203558488523, 268.62791640897763, 282.01585146461713, 295.24000884642248}},
		{`forecast(ets(Nile, model="MNN"), h=6)`, etsSpec{multErr: true},
			etsPar{alpha: 0.1514031662366615, phi: 1},
			838.87516132299515, 0, 0.023957056555940173,
			[]float64{672.47637669179142, 670.53484042754724, 668.61439467712080, 666.71433307882512, 664.83398744760257, 662.97272495079756},
			[]float64{1093.3601416521353, 1096.3294651307265, 1099.2665334518902, 1102.1724269026033, 1105.0481673837266, 1107.8947227292874}},
	} {
		em := &etsModel{spec: c.sp, m: 1, par: c.par, final: etsState{l: c.l, b: c.b, s: make([]float64, 1)}, sigma2: c.sig2}
		f := em.fitted(6)
		if f.sdh == nil {
			t.Fatalf("%s: no analytic variance for %v", c.rcall, c.sp)
		}
		lo, up := f.intervals([]float64{80, 95}, 0, 0, 0)
		relClose(t, c.rcall+"$lower[,1]", lo[0], c.lo80, 1e-9)
		relClose(t, c.rcall+"$upper[,2]", up[1], c.hi95, 1e-9)
	}
}

// TestBenchmarksAgainstR checks the M4 benchmarks fitted by MSE and the
// drift method against R (forecast 8.20): point forecasts within 0.5 %
// (our MSE fits find the least-squares initial state exactly, R's
// optimiser a point near it) and an in-sample MSE no larger than R's.
func TestBenchmarksAgainstR(t *testing.T) {
	for _, c := range []struct {
		rcall  string
		method Method
		y      []float64
		want   []float64
		tol    float64
	}{
		{`rwf(Nile, h=5, drift=TRUE)$mean`, Drift, rNile,
			[]float64{736.1616162, 732.3232323, 728.4848485, 724.6464646, 720.8080808}, 1e-9},
		{`ses(Nile, h=3)$mean`, SES, rNile, []float64{805.3363293, 805.3363293, 805.3363293}, 0.005},
		{`holt(WWWusage, damped=TRUE, h=5)$mean`, Damped, rWWWusage,
			[]float64{218.3664285, 217.0353165, 215.9505796, 215.0666161, 214.3462652}, 0.005},
	} {
		r, err := Forecast(Series{Values: c.y}, Options{Method: c.method, Horizon: len(c.want), PointOnly: true})
		if err != nil {
			t.Fatalf("%s: %v", c.rcall, err)
		}
		relClose(t, c.rcall+" vs "+r.Method, r.Mean, c.want, c.tol)
	}
	for _, c := range []struct {
		rcall string
		y     []float64
		sp    etsSpec
		want  float64
	}{
		{`ses(Nile)$model$mse`, rNile, etsSpec{}, 20386.74438},
		{`holt(WWWusage, damped=TRUE)$model$mse`, rWWWusage, etsSpec{trend: trendAd}, 11.61317011},
	} {
		em, err := etsFit(c.y, c.sp, 1, true)
		if err != nil {
			t.Fatal(err)
		}
		if em.mse > c.want*(1+1e-6) {
			t.Errorf("%s: MSE %v, R %v", c.rcall, em.mse, c.want)
		}
	}
}

// TestThetaRunByHand checks the optimised Theta recursions of Fiorucci et
// al. (2016) on y = 1, 2, 4 with ℓ0 = 1, α = 0.5, θ = 2 (static: the
// regression line of all three values, A = −2/3, B = 3/2), computed by
// hand: μ = 1.416667, 1.958333, 2.729167; SSE over all steps (n < 4)
// 1.790365; one step ahead 4.114583.
func TestThetaRunByHand(t *testing.T) {
	mu := make([]float64, 3)
	sse, fc := thetaRun([]float64{1, 2, 4}, thetaModel{l0: 1, alpha: 0.5, theta: 2}, 1, mu)
	relClose(t, "μ", mu, []float64{1.4166667, 1.9583333, 2.7291667}, 1e-6)
	relClose(t, "SSE", []float64{sse}, []float64{1.7903646}, 1e-6)
	relClose(t, "forecast", fc, []float64{4.1145833}, 1e-6)
}
