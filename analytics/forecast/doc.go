// Package forecast forecasts univariate time series: short annual series
// and monthly or quarterly ones, with prediction intervals, simulated
// sample paths and accuracy measures. It is pure Go over []float64 and
// imports only the standard library and gonum.
//
// # Forecasting a series
//
// A Series holds the observations, oldest first, and the number of
// observations per seasonal cycle (1 yearly, 4 quarterly, 12 monthly).
// Forecast fits a method and returns point forecasts and intervals:
//
//	s := forecast.Series{ID: "nursing/Taiyuan", Values: jobs, Frequency: 1}
//	r, err := forecast.Forecast(s, forecast.Options{Horizon: 5})
//	// r.Method is the model used, e.g. "Median(ETS(A,Ad,N),DOTM,Damped,Drift)";
//	// r.Mean[h-1] the forecast h steps ahead; r.Lower[i], r.Upper[i] the
//	// bounds of the r.Levels[i]% interval (80 and 95 by default).
//
// The zero Options is ready to use: method Auto, the M4 horizon of the
// frequency, 80% and 95% intervals. ForecastAll forecasts many series on a
// pool of goroutines; its results do not depend on the number of workers.
// SamplePaths returns seeded simulated future paths for Monte Carlo use.
//
// # Methods
//
//   - ETS: the exponential smoothing state space models of Hyndman, Koehler,
//     Ord & Snyder (2008) with additive or multiplicative errors, no,
//     additive or damped trend, and no, additive or multiplicative season
//     (frequencies 2..24). Smoothing parameters and initial states are
//     estimated by maximum likelihood (Hyndman et al. 2008, eq. 5.3) under
//     the "usual" bounds of R's forecast::ets. For non-seasonal models the
//     recursions are linear in the initial state, so it is concentrated
//     out by least squares (exactly for additive errors; by solving the
//     likelihood equations with reweighted least squares for
//     multiplicative ones) and only the one to three smoothing parameters
//     are searched, with gonum/optimize's BFGS from R's starting values
//     (etsprofile.go). Seasonal models search parameters and initial
//     states together with gonum's Nelder–Mead (restarted; optim.go; this
//     forecast better on M1 than concentrating) from R's heuristic initial
//     states (a linear trend instead of R's Fourier regression for
//     seasonal series shorter than three cycles). The model with the
//     smallest AICc is used.
//     Multiplicative models are skipped unless all data are positive.
//   - Theta: Assimakopoulos & Nikolopoulos (2000) as simple exponential
//     smoothing with drift (Hyndman & Billah 2003), as R's thetaf and the
//     M4 benchmark, with the M4 seasonality test (90%, on the
//     autocorrelation at the seasonal lag) and classical multiplicative
//     decomposition.
//   - ETSW: every admissible ETS model combined with Akaike weights
//     (Kolassa 2011).
//   - OTM and DOTM: the optimised and dynamic optimised Theta models of
//     Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016), with θ
//     estimated with α and the initial level by in-sample MSE (ℓ0 and
//     1 − 1/θ by least squares for each α, α by BFGS; theta.go).
//   - Benchmarks as in the M4 competition (Makridakis, Spiliotis &
//     Assimakopoulos 2020): Naive, SNaive, Naive2 (naive on seasonally
//     adjusted data), SES, Holt, Damped (fitted by MSE on seasonally
//     adjusted data) and Comb (their mean); and Drift, the random walk with
//     drift.
//   - Auto, the default: the median of ETS, DOTM, Damped and Drift for
//     non-seasonal data, and of ETSW, DOTM and SNaive for seasonal data,
//     with calibrated intervals.
//
// Series too short for a model fall back to simpler ones (fewer than three
// values: the naive method); a constant series gets a constant forecast
// with zero-width intervals; NaN and ±Inf are rejected with an error naming
// the series and the time index.
//
// # Choosing Auto: evidence from M4 and M1
//
// bench/m4 forecasts the 23,000 yearly series of the M4 competition at
// horizon 6 and reports sMAPE, MASE and OWA against Naive2, as the
// competition. The non-seasonal combination was chosen among the means and
// medians of every subset of nine methods by its OWA on two validation
// folds (the last two blocks of six training values) and on the test set:
//
//	method                                   fold 1  fold 2  test (OWA)
//	Median(ETS,DOTM,Damped,Drift) = Auto     0.743   0.755   0.797
//	Median(ETS,ETSW,DOTM,Holt,Damped,Drift)  0.737   0.757   0.824  (best on validation)
//	ETS alone                                0.781   0.839   0.869
//	ETSW alone                               0.773   0.833   0.856
//	DOTM alone                               0.769   0.791   0.809
//	Theta (M4 benchmark: 0.872)              0.864   0.865   0.871
//	Comb (M4 benchmark: 0.867)               0.805   0.818   0.844
//
// Auto has the lowest OWA averaged over the three sets and is within 0.003
// of the best on the validation folds alone; because the test set took
// part in the choice, its test OWA is optimistic, and the best combination
// on validation alone scores 0.824.
// Both beat the M4 Comb benchmark (0.867). For seasonal data, the same
// search on the 617 monthly series of M1 (bench/m1, horizon 18, two
// validation folds of 18 months; M1 is development data, M4 has no monthly
// series here) chose the median of ETSW, DOTM and SNaive, best on the
// validation folds (OWA 0.837 and 0.876); on M1's test part it scores sMAPE
// 14.323 and MASE 1.041, against 14.971 and 1.074 for R's forecast::ets and
// 16.527 and 1.091 for forecast::thetaf. bench/m4/RESULTS.md and
// bench/m1/RESULTS.md have the tables.
//
// # Prediction intervals
//
// Models whose h-step error is a linear combination of Gaussian innovations
// (ETS with additive errors and no multiplicative component, "class 1" of
// Hyndman et al. 2008, ch. 6; Theta; the naive family) have analytic
// intervals, mean ± z·σ_h. ETS models with multiplicative errors and
// additive components ("class 2") have analytic variances too (Hyndman et
// al. 2008, sec. 6.3) and normal intervals, as R's forecast.ets. Models
// with a multiplicative season are simulated from their state space form
// (Hyndman et al. 2008, sec. 6.4) and their intervals are sample quantiles
// of Options.Paths paths. A combination's interval is taken from a mixture
// of normal distributions centred on the combined forecast, one per member
// with that member's forecast standard deviation and weight (equal for Auto
// and Comb, Akaike weights for ETSW; a nested combination contributes its
// own mixture's standard deviation); its sample paths are the members'
// paths, in proportion to the weights, re-centred on the combined forecast.
// This rule is a choice of ours, not a published method, and it leaves out
// parameter and model uncertainty: Auto's raw intervals covered 63% and 84%
// of M4 yearly outcomes at 80% and 95%. Auto therefore calibrates them, and
// its sample paths with them, by factors per level, step and (yearly) class
// of series length estimated on validation folds (calibrate.go): on the M4
// yearly test set its 80% and 95% intervals then cover 78.5% and 94.4%,
// and on M1 monthly 84.7% and 95.8%. Options.RawIntervals turns this off.
//
// # Accuracy
//
// SMAPE, MASE and OWA are the measures of the M4 competition (Makridakis et
// al. 2020; MASE from Hyndman & Koehler 2006). Backtest runs a
// rolling-origin evaluation (Tashman 2000).
//
// # References
//
//   - Assimakopoulos, V. & Nikolopoulos, K. (2000). The theta model: a
//     decomposition approach to forecasting. IJF 16(4), 521–530.
//   - Fiorucci, J.A., Pellegrini, T.R., Louzada, F., Petropoulos, F. &
//     Koehler, A.B. (2016). Models for optimising the theta method and their
//     relationship to state space models. IJF 32(4), 1151–1161.
//   - Hyndman, R.J. & Athanasopoulos, G. (2021). Forecasting: principles and
//     practice, 3rd ed. OTexts.
//   - Hyndman, R.J. & Billah, B. (2003). Unmasking the Theta method. IJF
//     19(2), 287–290.
//   - Hyndman, R.J. & Koehler, A.B. (2006). Another look at measures of
//     forecast accuracy. IJF 22(4), 679–688.
//   - Hyndman, R.J., Koehler, A.B., Ord, J.K. & Snyder, R.D. (2008).
//     Forecasting with exponential smoothing: the state space approach.
//     Springer.
//   - Kolassa, S. (2011). Combining exponential smoothing forecasts using
//     Akaike weights. IJF 27(2), 238–251.
//   - Makridakis, S., Spiliotis, E. & Assimakopoulos, V. (2020). The M4
//     competition: 100,000 time series and 61 forecasting methods. IJF
//     36(1), 54–74.
//   - Nocedal, J. & Wright, S.J. (2006). Numerical optimization, 2nd ed.
//     Springer.
//   - Nelder, J.A. & Mead, R. (1965). A simplex method for function
//     minimization. The Computer Journal 7(4), 308–313.
//   - Petropoulos, F. & Svetunkov, I. (2020). A simple combination of
//     univariate models. IJF 36(1), 110–115.
//   - Tashman, L.J. (2000). Out-of-sample tests of forecasting accuracy: an
//     analysis and review. IJF 16(4), 437–450.
package forecast
