// Package score ranks alternatives — programs at province, city or school
// scope — on several indicators at once: it normalises the indicators,
// weighs them by the entropy method or by given weights, and combines them
// with TOPSIS into a score in [0,1], keeping each indicator's squared
// distances to the ideal and anti-ideal points for explanation. It is pure Go over gonum/mat and imports only the
// standard library and gonum.
//
// # The decision matrix
//
// The input is an n × m matrix x, one row per alternative and one column
// per indicator (forecast supply–demand ratio, placement rate, employment
// rate, match rate, relative salary, intake trend, demand growth, plan
// priority, …), and benefit[j], true when more of indicator j is better
// (placement rate) and false when less is better (supply–demand ratio).
// Values must be finite; a NaN or ±Inf is a *ValueError naming its row and
// column (0-based, all of them joined with errors.Join).
//
//	x := mat.NewDense(3, 2, []float64{
//		0.92, 1.4, // program A: placement rate, supply–demand ratio
//		0.85, 0.7,
//		0.60, 2.1,
//	})
//	benefit := []bool{true, false}
//	w, err := score.EntropyWeights(x, benefit) // or weights from config
//	r, err := score.TOPSIS(x, w, benefit)
//	// r.Closeness[i] is the score of program i in [0,1], 1 best;
//	// r.SqIdeal.At(i, j) indicator j's part of D⁺_i².
//
// # Entropy weights
//
// EntropyWeights follows the standard formulation of the entropy weight
// method (Zou, Yun & Sun 2006, eqs. 1–4; Shannon 1948 for the entropy):
//
//  1. min–max normalise each column by its direction, benefit
//     x'_ij = (x_ij − min_j)/(max_j − min_j), cost
//     x'_ij = (max_j − x_ij)/(max_j − min_j) (MinMax);
//  2. proportions p_ij = x'_ij / Σ_i x'_ij;
//  3. entropy e_j = −(1/ln n) Σ_i p_ij ln p_ij, with 0·ln 0 = 0;
//  4. weights w_j = (1 − e_j) / Σ_k (1 − e_k).
//
// An indicator that spreads the alternatives unevenly has low entropy and
// gets a large weight. A constant column (zero spread) says nothing about
// the alternatives and gets weight 0; if every column is constant, every
// indicator gets the same weight 1/m. At least two rows are needed
// (ln n = 0 for n = 1).
//
// # Weights from config
//
// NormalizeWeights checks weights given by planners (finite, non-negative,
// positive sum) and rescales them to sum to 1; TOPSIS applies it to its
// weights argument, and computes entropy weights when that argument is nil.
//
// # TOPSIS
//
// TOPSIS (Hwang & Yoon 1981, ch. 3, sec. 3.2.5) ranks alternatives by their
// relative closeness to an ideal alternative:
//
//  1. vector normalisation r_ij = x_ij / sqrt(Σ_i x_ij²) (VectorNormalize;
//     an all-zero column stays zero);
//  2. weighting v_ij = w_j r_ij;
//  3. ideal v⁺_j = max_i v_ij for a benefit indicator and min_i v_ij for a
//     cost indicator; anti-ideal v⁻_j the other way round;
//  4. Euclidean distances D⁺_i = sqrt(Σ_j (v_ij − v⁺_j)²) and
//     D⁻_i = sqrt(Σ_j (v_ij − v⁻_j)²);
//  5. closeness C_i = D⁻_i / (D⁺_i + D⁻_i) in [0,1].
//
// An alternative that is at least as good as every other on every
// indicator is the ideal and scores 1; one at least as bad as every other
// scores 0. When D⁺_i + D⁻_i = 0 (every alternative alike on every weighted
// indicator) the closeness is 0.5, halfway, by our convention. Scaling an
// indicator by a positive constant (yuan or thousands of yuan) leaves the
// closeness unchanged, and permuting the alternatives permutes the scores.
//
// # Explaining a score
//
// TOPSIS is not additive: a score is not a sum of one part per indicator.
// What does add up is the squared distances. Result keeps, for every
// alternative i and indicator j, the normalised value r_ij, the weighted
// value v_ij = w_j r_ij and the two squared distances
//
//	SqIdeal_ij     = (v_ij − v⁺_j)²    Σ_j SqIdeal_ij     = D⁺_i²
//	SqAntiIdeal_ij = (v_ij − v⁻_j)²    Σ_j SqAntiIdeal_ij = D⁻_i²
//
// so that SqIdeal_ij / D⁺_i² is indicator j's share of the distance to
// the ideal (what keeps the alternative from the best) and
// SqAntiIdeal_ij / D⁻_i² its share of the distance to the anti-ideal
// (what lifts it above the worst). From the two sums,
// D⁺_i = sqrt(Σ_j SqIdeal_ij), D⁻_i = sqrt(Σ_j SqAntiIdeal_ij) and
// C_i = D⁻_i / (D⁺_i + D⁻_i) (Closeness): every step of the score can be
// shown and recomputed.
//
// # References
//
//   - Hwang, C.L. & Yoon, K. (1981). Multiple Attribute Decision Making:
//     Methods and Applications. Springer, Lecture Notes in Economics and
//     Mathematical Systems 186.
//   - Shannon, C.E. (1948). A mathematical theory of communication. Bell
//     System Technical Journal 27(3), 379–423.
//   - Zou, Z., Yun, Y. & Sun, J. (2006). Entropy method for determination of
//     weight of evaluating indicators in fuzzy synthetic evaluation for
//     water quality assessment. Journal of Environmental Sciences 18(5),
//     1020–1023.
package score
