// Package demand turns employment forecasts into job openings: the openings
// of each forecast year (expansion plus replacement), the reconciliation of
// city forecasts with the province's, the mean growth of a forecast, and an
// adjustment of the first year's openings by the trend of online job
// postings. It is pure Go over []float64 and imports only the standard
// library.
//
// # Openings
//
// An industry hires for two reasons: it grows (expansion demand) and it
// replaces the workers who leave it, by retirement, death or moving to
// another industry (replacement demand). With E[0] = last, the last
// observed employment, and E[1..H] the forecast path, Openings computes
//
//	openings[h] = max(0, (E[h] − E[h−1]) + rate · E[h−1]),  h = 1..H
//
// where rate is the industry's annual replacement (separation) rate in
// [0,1]. The sum is the U.S. Bureau of Labor Statistics' openings,
// employment change plus occupational separations, and Cedefop's total job
// openings, expansion demand plus replacement demand. A shrinking industry
// still offers the replacement demand its decline leaves ("for declining
// occupations, not all workers who separate need to be replaced", BLS):
// with rate 0.04, a fall from 100 to 98 leaves 4 − 2 = 2 openings. One
// shrinking faster than its workers leave (100 to 90 at rate 0.05) offers
// none: the sum −5 is floored at zero, our convention, because openings
// are counts and a year's decline beyond the separations is not negative
// hiring. Forecast paths of
// Gaussian models may dip below zero; a negative employment is treated as
// zero.
//
//	o, err := demand.Openings(100, []float64{110, 121}, 0.05)
//	// o == [15 16.5]: 10 + 5, then 11 + 5.5
//
// # Coherent hierarchies
//
// Cities are forecast one by one and the province as a whole, and the city
// forecasts need not add up to the province's. Reconcile makes them
// coherent top-down by forecast proportions (Athanasopoulos, Ahmed &
// Hyndman 2009; Hyndman & Athanasopoulos 2021, sec. 11.2): the
// province's forecast is split in the proportions of the cities' forecasts
// at each step,
//
//	child[c][h] · parent[h] / Σ_d child[d][h]
//
// so the cities sum to the province at every step and keep their relative
// sizes. Negative values count as zero (a negative parent splits into
// zeros). Where every city's forecast is zero the proportions are those of
// the last observed values, and where those are all zero too the parent is
// split equally.
//
// # Growth
//
// Growth is the mean annual growth rate of a forecast path, the compound
// rate (E[H]/E[0])^(1/H) − 1. It is a score indicator ("demand growth")
// and, with H = 1, the first-year growth that PostingsFactor compares the
// postings with.
//
// # Job postings
//
// Monthly online job postings react faster than the annual employment
// statistics. PostingsFactor compares their growth over the last year,
// g_p = Σ last 12 months / Σ 12 months before − 1, with the employment
// forecast's first-year growth g_e and scales the first forecast year's
// openings by
//
//	factor = clamp(1 + weight · (g_p − g_e), 1 − cap, 1 + cap)
//
// The months are calendar months: PostingsWindow cuts the 24 months ending
// at the run's period from a series of (month, postings), a month the
// series lacks being NaN (missing, not zero, and not filled by the next
// month given), and PostingsFactor sums only the months reported in both
// years, a month with the same month a year before, needing at least
// MinPostingsPairs of them. PoolPostings pools the windows of a
// province's cities the same way, month by month over the cities that
// report both months.
// Comparing whole years of postings removes their seasonality. weight says
// how far the postings are trusted, cap how far they may move the
// openings; weight 0 or cap 0 turns the adjustment off. This adjustment is
// a choice of ours, not a published method: postings count vacancies
// advertised online, not openings, and the factor only tilts the forecast
// towards their recent trend.
//
//	w, err := demand.PostingsWindow(months, postings, demand.MonthIndex(2025, 12))
//	f, err := demand.PostingsFactor(w, demand.Growth(last, path[:1]), 0.5, 0.2)
//	openings[0] *= f
//
// # Errors
//
// Invalid arguments (a rate outside [0,1], NaN or ±Inf values, ragged
// lengths) are errors prefixed "demand: " naming the argument and index;
// no input makes a function panic. Growth, which returns no error, returns
// NaN where the growth is undefined.
//
// # References
//
//   - U.S. Bureau of Labor Statistics, Employment Projections, "Occupational
//     Separations" (https://www.bls.gov/emp/documentation/separations.htm)
//     and its FAQ: projections of separations are combined with projections
//     of employment change to determine occupational openings.
//   - Cedefop (2012). Future skills supply and demand in Europe: forecast
//     2012. Research paper No 26. Luxembourg: Publications Office of the
//     European Union. Total job openings as expansion plus replacement
//     demand.
//   - Athanasopoulos, G., Ahmed, R.A. & Hyndman, R.J. (2009). Hierarchical
//     forecasts for Australian domestic tourism. International Journal of
//     Forecasting 25(1), 146–166: top-down reconciliation by forecast
//     proportions.
//   - Hyndman, R.J. & Athanasopoulos, G. (2021). Forecasting: Principles
//     and Practice, 3rd ed. OTexts, sec. 11.2 "Single level approaches".
package demand
