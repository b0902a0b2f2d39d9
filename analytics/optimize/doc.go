// Package optimize proposes next year's enrollment plan: the intake x_c of
// each cell c (a program in a city) that closes the forecast gaps between
// graduate supply and job openings, changes this year's plan little, and
// keeps within the limits the planners set. It is pure Go over []float64
// and imports only the standard library and gonum, whose lp.Simplex
// solves every linear program here.
//
// # The model
//
// Each cell has this year's intake Current_c, the intake Target_c that
// would balance forecast supply and openings (x*_c, NaN when there is
// none), a weight Weight_c per student of mismatch, and bounds
// Lower_c ≤ x_c ≤ Upper_c (Upper_c may be +Inf). Solve minimises
//
//	Σ_c Weight_c·|x_c − Target_c|  +  λ·Σ_c |x_c − Current_c|  +  Σ_k Penalty_k·s_k
//
// (the mismatch term only for cells with a target, λ = ChangePenalty) over
// the intakes and the shortfalls s_k ≥ 0, subject to
//
//	Lower_c ≤ x_c ≤ Upper_c                               bounds of the cells
//	(1 − δ)·Σ_c Current_c ≤ Σ_c x_c ≤ (1 + δ)·Σ_c Current_c   total bound, δ = TotalChange ≥ 0
//	Min_j ≤ Σ_c a_jc·x_c ≤ Max_j                           each Linear j (±Inf: side absent)
//	Σ_c a_kc·x_c + s_k ≥ Min_k                             each Soft k
//
// A Soft target is met where it can be for less than its Penalty and
// missed, at Penalty per unit of shortfall, where it cannot; so a plan
// always exists unless the hard constraints (bounds, total, Linear)
// conflict. For example the soft target that vocational-bachelor intake
// be at least 15 % of higher-vocational intake is
//
//	optimize.Soft{Name: "bachelor_share", Coef: coef, Min: 0, Penalty: 2}
//
// with coef 1 for the bachelor cells and −0.15 for the higher-vocational
// ones, and a city's school capacity is optimize.AtMost("taiyuan", coef,
// 12000) with coef 1 for the city's cells.
//
// # The linear program
//
// The absolute values are linear through the usual split (Bertsimas &
// Tsitsiklis 1997, sec. 1.3): x_c − Target_c = u_c − v_c and
// x_c − Current_c = p_c − q_c with u, v, p, q ≥ 0, the cost
// Weight_c·(u_c + v_c) + λ·(p_c + q_c) being |·| at the optimum. Shifting
// x'_c = x_c − Lower_c ≥ 0 and giving each finite upper bound and each
// inequality a slack t ≥ 0 yields the standard form min cᵀz s.t. Az = b,
// z ≥ 0 of lp.Simplex, with rows
//
//	x'_c − u_c + v_c      = Target_c − Lower_c
//	x'_c − p_c + q_c      = Current_c − Lower_c
//	x'_c + t_c            = Upper_c − Lower_c
//	Σ_c a_rc·x'_c ∓ t_r (+ s_k) = b_r − Σ_c a_rc·Lower_c    (− for ≥, + for ≤)
//
// Every row has a column of its own (u_c, p_c, t_c or t_r), so A has full
// row rank, as lp.Simplex requires. The tests solve this program directly
// as their reference. It has about three rows per cell, though, and
// lp.Simplex factorises its dense basis afresh at every pivot, so its time
// grows with about the fourth power of the cells: on the province-shaped
// problems of the benchmarks (10 cities) 1.3 s for 80 cells, 10 s for 160
// and 137 s for 320; a province's 1,500 would take hours. Fixing the
// cells with Lower = Upper would not help enough.
//
// # Dantzig–Wolfe decomposition
//
// Only the R coupling rows (total, Linear, Soft; typically ten to twenty)
// tie the cells together; without them each cell would just minimise its
// own cost f_c. Solve therefore applies Dantzig–Wolfe decomposition
// (Dantzig & Wolfe 1960; Bertsimas & Tsitsiklis 1997, sec. 6.4) with the
// box of the bounds as the block. A plan is a vector x in the box; the
// restricted master problem chooses a convex combination of the plans
// found so far, plus rays e_c for cells without upper bound, plus the
// shortfalls:
//
//	min  Σ_j f(x^j)·λ_j + Σ_c slope_c·μ_c + Σ_k Penalty_k·s_k + M·Σ_r w_r
//	s.t. Σ_j (a_r·x^j)·λ_j + Σ_c a_rc·μ_c (+ s_k) ± w_r  ≥ or ≤ b_r   for each row r
//	     Σ_j λ_j = 1,   λ, μ, s, w ≥ 0
//
// an LP with R + 1 rows whatever the number of cells. Its dual gives
// prices y_r (≥ 0 for a ≥ row, ≤ 0 for a ≤ row) and σ for the convexity
// row. Pricing then finds the plan of least reduced cost
//
//	min_x Σ_c [f_c(x_c) − z_c·x_c] − σ,    z_c = Σ_r y_r·a_rc
//
// which separates by cell: f_c − z_c·x is convex and piecewise linear, so
// its minimum lies at Lower_c, Upper_c or Target_c or Current_c clamped to
// the bounds (ties go to Current_c, so a cell with nothing at stake keeps
// its intake), and is unbounded, giving a ray, when Upper_c = +Inf and
// z_c exceeds the slope Weight_c + λ above both. Plans and rays with a
// negative reduced cost join the master problem, and the rounds repeat
// until none is found; the master problem's optimum is then the LP's, and
// its dual prices are optimal duals of the LP. The optimal intakes are
// x = Σ_j λ_j·x^j + Σ_c μ_c·e_c; x may lie between breakpoints, as an
// optimum with binding coupling rows must. The pool keeps the columns with
// zero reduced cost and at most ten more.
//
// The artificial variables w_r with cost M make every master problem
// feasible (the big-M method; Bertsimas & Tsitsiklis 1997, sec. 3.5). If
// at the end a hard row's dual value has reached M, phase 1 minimises
// Σ_r w_r alone: a positive minimum proves the hard constraints
// inconsistent, and the rows with positive dual values, a Farkas
// certificate (sec. 4.6), are named in an *InfeasibleError; otherwise M
// grows a hundredfold (up to 1e12) and the rounds resume. A single hard
// row that no intakes within the bounds can meet (Σ Lower above the total
// maximum, say) is reported before any LP, with the numbers.
//
// All the LPs are small: the dual master problem has a row per pool
// column (R + 11 at most, plus R), the primal master problem R + 1 rows.
// Intakes are divided by the largest current intake, target or lower
// bound, costs by the largest slope Weight_c + λ and each row by its
// largest coefficient, and each LP's rows and columns are equilibrated
// (Tomlin 1975) before lp.Simplex sees them, because lp.Simplex tests
// reduced costs and steps against absolute tolerances. A province of 136
// programs × 11 cities (1,496 cells, 14 coupling rows) takes about 180
// rounds and 0.5 s (BenchmarkSolveProvince).
//
// # Shadow prices
//
// Solution.Shadow holds, for each side of the total bound, of each Linear
// constraint and of each Soft target, the dual value y_r of its row in
// the units of the problem: the change of the optimal objective per unit
// increase of the right-hand side b_r (Bertsimas & Tsitsiklis 1997, sec.
// 4.4). They come from the dual of the final master problem, solved with
// lp.Simplex like the rest. Raising the maximum of a binding ≤ side lowers
// the cost, so its shadow price is ≤ 0; raising the minimum of a binding
// ≥ side or of a Soft target raises it, ≥ 0 (at most the Penalty of the
// target). A side that does not bind has 0. For example a city capacity
// with shadow price −1.5 says that one more place in the city's schools
// would cut the cost by 1.5, the marginal value of building capacity
// there. Where the optimal objective has a kink in b_r (a degenerate
// optimum), the two one-sided slopes differ, and the shadow price is one
// of them or lies between them. The tests check the prices against finite
// differences and check that they close the duality gap.
//
// # Errors
//
// Solve validates the whole problem first and reports every fault it
// finds, each naming its cell or constraint, in an error wrapping
// ErrInvalid: NaN, negative intakes, weights or penalties, Lower above
// Upper, a coefficient for a cell that does not exist, Min above Max,
// missing or repeated names. Nonzero numbers must lie between 1e-9 and
// 1e15 in magnitude. Conflicting hard constraints give an *InfeasibleError
// (wrapping ErrInfeasible). Every plan returned is checked against the
// hard constraints; should rounding defeat the LPs (conceivable only when
// the numbers of a problem span many orders of magnitude), Solve returns
// an error wrapping ErrNumerical rather than a plan. lp.Simplex has no
// iteration limit of its own, so every call is given a budget of pivots.
//
// # References
//
//   - Bertsimas, D. & Tsitsiklis, J.N. (1997). Introduction to Linear
//     Optimization. Athena Scientific: sec. 1.3 (absolute values), 3.5
//     (big-M, phase 1), 4.4 (dual variables as marginal costs), 4.6
//     (Farkas' lemma), 6.4 (Dantzig–Wolfe decomposition).
//   - Dantzig, G.B. & Wolfe, P. (1960). Decomposition principle for linear
//     programs. Operations Research 8(1), 101–111.
//   - Tomlin, J.A. (1975). On scaling linear programming problems.
//     Mathematical Programming Study 4, 146–166.
package optimize
