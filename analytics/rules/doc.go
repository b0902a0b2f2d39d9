// Package rules turns what is known about a program — its placement
// rates, forecast supply–demand ratio, demand growth, intake, number of
// sites, list membership and score — into a published signal, red, yellow
// or green, with the reason codes of the rules that gave it. The rule sets
// are presets after the warning rules in force in POLICY.md; every
// threshold is a value of the preset, so config can change it. It is pure
// Go and imports only the standard library.
//
// # Evaluating a program
//
// A Facts value describes one program at one scope (the province, a city
// or a school). Series such as Placement and Intake run oldest first,
// latest last; a missing year is NaN. A Preset's Evaluate applies its
// rules to it:
//
//	p, err := rules.Lookup("ministry") // or rules.Presets()[0]
//	v := p.Evaluate(rules.Facts{
//		Scope:     rules.School,
//		Placement: []float64{0.55, 0.58}, // the two latest graduating classes
//		Ratio:     math.NaN(), DemandGrowth: math.NaN(), Score: math.NaN(),
//	})
//	// v.Signal == rules.Red, v.Reasons == []string{"placement_below_60_two_years"}
//	// p.ReasonText(v.Reasons[0], "zh") == "近两届毕业去向落实率均低于60%"
//
// Use NaN, not 0, for an unknown ratio, growth or score: 0 is a value, and
// a growth of 0 or a score of 0 can make rules fire.
//
// Relative rules (PlacementBottom: the bottom 10% of the peers) need the
// other rows, so Evaluate, which sees one row, never fires them. EvaluateAll
// evaluates a whole slice, ranking each row among the rows with the same
// Peer and Scope; its result does not depend on the order of the rows.
//
// # How signals combine
//
// Each rule tests one Kind of fact against its Threshold (and Years) and
// gives its Signal when it fires; it applies only to the scopes in its
// Scopes (all when empty). Then:
//
//  1. the signal is the most severe of the red and yellow rules that fired
//     and of the escalations that apply: an Escalation raises the signal
//     when all of its codes fired (oversupply and declining demand
//     together give red, where each alone gives yellow);
//  2. if no red or yellow rule fired, a green rule that fired gives Green,
//     provided the score is at least the preset's GreenMinScore (an
//     unknown, NaN, score passes); otherwise the signal is None, which
//     means "maintain" and no row in the warning list.
//
// The Reasons are the codes of all the rules that fired, green ones too,
// red first, then yellow, then green, each group in the preset's order.
// The Verdict's Recommendation is the action: red "close" (close or stop
// intake), yellow "reduce", green "expand" — or yellow "review" (待研判,
// v1.2), which neither cuts nor grows the program and leaves it to a
// planner: a rule may recommend it (Rule.Recommendation), and the demand
// rules (supply_exceeds_demand, demand_declining) are held to it for a row
// whose market ratio is below the preset's ReviewBelow (the slight
// undersupply limit, 0.9): falling demand that supply still does not meet
// is no reason to cut, since the openings that replace retiring workers
// continue. A placement or intake rule may still close such a row; its
// reasons then list the demand rule too.
//
// # The presets
//
// Presets returns the built-in presets, each a fresh copy (ministry is the
// default). The sources are the items of POLICY.md, "Program-warning rules
// in force"; all placement rules apply at school scope.
//
//	preset       source                              rules (signal)
//	ministry     Ministry of Education 2011,         placement_below_60_two_years: placement
//	             placement rate since the 2021       < 0.60 in both latest years (red)
//	             graduating class
//	shanxi_2025  晋教职成函〔2024〕68号              placement_below_60_two_years (red);
//	                                                 too_many_sites: > 15 sites, any scope (yellow);
//	                                                 encouraged_list (green)
//	tianjin      Tianjin 2009                        placement_below_30 (red);
//	                                                 placement_below_40_two_years (red);
//	                                                 placement_below_40 (yellow);
//	                                                 placement_below_60 (yellow)
//	anhui        Anhui 2022–25                       placement_below_60_three_years (red)
//	bottom_10    Fujian and Sichuan, higher          placement_bottom_10_two_years: bottom 10%
//	             vocational                          of peers in both latest years (red)
//
// Every preset keeps the province's rules that no row may contradict
// (quality.go, after its own rules): no_intake_3_years (no intake in each
// of the three latest years, any scope: red, close — Shanxi revokes such
// programs) and control_list (yellow, reduce: on the province's or
// city's control list, at province and city scope; or, at the province's
// scope, offered at more than SiteCap = 15 schools in the province, the
// rule's threshold).
//
// Every preset ends with the same supply–demand rules, at all scopes:
// supply_exceeds_demand (ratio in the oversupply band of POLICY.md's
// supply/demand bands, ≥ 1.5 by default, yellow), demand_declining (employment in the
// mapped industries falling by more than 1% a year, yellow: the policy's
// 职业岗位消失, jobs disappearing, item (八)), the escalation of the two
// together to red, and shortage_industry (feeding a shortage or strategic
// emerging industry whose ratio is below the balanced band, 0.9 by
// default, green: item (八)'s programs in shortage). The two supply rules
// read the bands (match.Thresholds) that Configure is given, so that they
// move with them. Their GreenMinScore is 0.3. Shanxi's
// rules on a school's whole catalogue (at most 5 new programs a year, no
// growth at 30 or more programs) are not program rules and are not here.
//
// # Texts
//
// ReasonText and ReasonsText give the Chinese or English text of reason
// codes with the built-in thresholds; Preset.ReasonText formats the
// preset's own threshold into the text, so a threshold changed to 0.55
// reads 55%. SignalText and Preset.Title name signals and presets in
// reports.
//
// # References
//
//   - POLICY.md, "Program-warning rules in force": the rules of the
//     presets and the supply/demand bands.
//   - POLICY.md, item (八): merge or close over-supplied programs, programs
//     with low employment and programs whose jobs are disappearing; add
//     programs in shortage.
package rules
