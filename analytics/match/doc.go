// Package match compares forecast graduate supply with forecast job
// openings: the supply–demand ratio, the five policy bands from shortage to
// oversupply, the allocation of an industry's openings to the programs that
// feed it, and the probability of oversupply from Monte Carlo draws. It is
// pure Go over []float64 and imports only the standard library.
//
// # Ratios and bands
//
// The ratio of a cell (industry × city × year, or a program) is supply ÷
// openings. Ratio defines the zero cases: no openings and some supply is
// +Inf, no supply and no openings is NaN (undefined). Classify places a
// ratio in one of five bands with the half-open intervals of POLICY.md,
// after a leading commercial gap analysis:
//
//	r < 0.60            Shortage           供给不足
//	0.60 ≤ r < 0.90     SlightUndersupply  略有不足
//	0.90 ≤ r ≤ 1.20     Balanced           基本平衡
//	1.20 < r < 1.50     SlightOversupply   略有过剩
//	r ≥ 1.50            Oversupply         供给过剩
//
// Both ends of the balanced band belong to it; 0.60 is slight undersupply
// and 1.50 oversupply. The thresholds are a Thresholds value (the zero
// value means DefaultThresholds):
//
//	b, err := match.Classify(match.Ratio(supply, openings), match.Thresholds{})
//	// b.String() == "slight_oversupply", b.ChineseName() == "略有过剩"
//
// Classify rejects NaN and negative ratios with an error; +Inf (openings
// zero, supply positive) is Oversupply. The undefined ratio 0/0 is
// therefore an error of Classify: a cell with neither supply nor openings
// has nothing to match, and the caller decides whether to show it.
// ClassifyCounts, which sees supply and openings separately, reports such
// a cell as Balanced instead, as the Monte Carlo helpers do.
//
// # Allocating openings to programs
//
// Several programs feed one industry through the program–industry
// crosswalk, and a program feeds several industries. Allocate shares each
// industry's openings among the programs in proportion to their graduates
// in that industry:
//
//	a[p][i] = openings[i] · g[p][i] / Σ_q g[q][i]
//
// so every program in an industry gets the industry's ratio, and a
// program's ratio (ProgramRatios) is its graduates over the openings
// allocated to it, Σ_i g[p][i] / Σ_i a[p][i], a graduate-weighted
// combination of the ratios of the industries it feeds. This proportional
// rule is the one the issue proposes; it is a choice of ours, not a
// published method. An industry to which no program sends graduates keeps
// its openings unallocated (Unallocated returns them): they are unmet
// demand, not demand of any program.
//
// # Uncertainty
//
// The forecasts of supply and demand come with simulated sample paths.
// Given paired draws (draw k of supply with draw k of demand),
// ProbabilityOversupplied is the share of pairs whose ratio is at least a
// threshold, and BandProbabilities the share of pairs in each band. Sample
// paths of Gaussian models may dip below zero; a negative draw is treated
// as zero (a count below zero means none). NaN and ±Inf draws are errors.
//
// # References
//
//   - POLICY.md, "Program-warning rules in force": the band thresholds.
//   - Robert, C.P. & Casella, G. (2004). Monte Carlo Statistical Methods,
//     2nd ed. Springer, sec. 3.2: a probability estimated as the share of
//     draws in which the event occurs.
package match
