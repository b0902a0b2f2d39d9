// Package supply projects the vocational graduates who enter a province's
// labour market, by program and industry: cohort-based supply (DESIGN.md
// "Supply"). It is pure Go over []float64 and imports only the standard
// library.
//
// # The cohort chain
//
// Students enrolled in year t (the intake) leave a program of duration d
// as graduates in year t + d, if they complete it. Some graduates go on
// studying (to higher vocational college or university), some leave the
// province, and the rest enter its labour market, spread over industries by
// the program–industry crosswalk:
//
//	intake[t]
//	  → graduates[t+d]  = completion · intake[t]              Graduates
//	  → entering[t+d]   = graduates · (1 − furtherStudy) · stay  EnteringWork
//	  → industry i      = entering · w[i] / Σ_j w[j]            ToIndustries
//
// Each step follows a cohort, not a year's stock of students, so a change of
// intake reaches the labour market d years later. The rates come from
// history:
//
//   - completion, the share of an intake cohort that graduates d years
//     later: CompletionRate, Σ_y graduates[y] / Σ_y intake[y−d] over the
//     years where both are known;
//   - furtherStudy = further study / graduates and stay = employed in the
//     province / employed: Rate, a ratio of sums over the years given.
//
// Ratios of sums weigh each year by its size, so a small year with an odd
// ratio moves the rate little, and a year with a missing value (NaN) is left
// out of both sums rather than counted as zero. Every rate is clamped to
// [0,1]: graduates can exceed the intake d years before (transfers in,
// repeaters), but a completion rate above 1 would create students.
//
//	c, n, err := supply.CompletionRate(intake, graduates, 3, 0.9) // 0.9 if no cohort is known
//	g, err := supply.Graduates(intake, intakeForecast, 3, c, 5)   // next 5 years
//	fs, _ := supply.Rate(furtherStudy, graduatesHist, 0.2)
//	st, _ := supply.Rate(employedInProvince, employed, 0.8)
//	e, err := supply.EnteringWork(g, fs, st)
//	byIndustry, err := supply.ToIndustries(e, crosswalkWeights)
//
// The years d or fewer ahead graduate students already enrolled, so their
// graduates come from the observed intake alone; later years need a
// forecast of the intake (the enrollment plan, or a forecast from
// analytics/forecast).
//
// # Schools, regions and incomplete data
//
// A province's data come by school, and schools do not all report every
// year. Cohorts holds one school's intake and graduates of a program by
// year (NewCohorts builds it from rows, NaN where a year is not
// reported). The functions over several schools keep numerator and
// denominator on the same population:
//
//   - PooledCompletionRate is CompletionRate over the cells (school, year)
//     that report both the graduates and the intake duration years
//     before: a school that does not report its graduates leaves the rate
//     to the others instead of adding its intake without its graduates;
//   - Aggregate sums a region's schools into one Cohorts, counting for a
//     school that does not report its graduates of a year the graduates
//     its cohort gives at the completion rate;
//   - Project gives a region's graduates of the forecast years from its
//     history (observed graduates where known) and its intake forecast.
//
// For a province's schools and one of its cities:
//
//	c, _, err := supply.PooledCompletionRate(schools, 3, 0.9)
//	city, err := supply.Aggregate(schoolsOfCity, 3, c)
//	g, err := supply.Project(city, intakeForecast, 3, c, base+1, horizon)
//
// # Sources
//
// The completion rate is an apparent-cohort rate, after the cohort flow
// indicators of UNESCO Institute for Statistics (2009): the UIS
// reconstructs cohorts from enrolment, promotion and repetition by grade to
// get survival and completion rates; we have only intake and graduates by
// program and year, and divide the graduates by the intake d years before.
// The chain intake → graduates → labour-market entrants is a simplified
// flow model after the supply side of Cedefop's skills forecast (Cedefop
// 2012), which projects labour supply by qualification from the inflows of
// graduates; the further-study and stay-in-province deductions and the
// crosswalk to industries are our adaptation to a province's planning
// data.
//
// # Errors
//
// Invalid arguments (a duration below 1, a rate outside [0,1], ±Inf or
// negative counts, too short a forecast) are errors prefixed "supply: "
// naming the argument and index; no input makes a function panic. NaN
// marks a missing observation in historical counts.
//
// # References
//
//   - UNESCO Institute for Statistics (2009). Education Indicators:
//     Technical Guidelines. Montreal: UIS. Survival rate by grade and the
//     reconstructed cohort method.
//   - Cedefop (2012). Future skills supply and demand in Europe: forecast
//     2012. Research paper No 26. Luxembourg: Publications Office of the
//     European Union.
package supply
