package rules

// The province's own rules on a program's offering, which every preset
// keeps (withCommon adds them after the preset's own rules): a row of the
// warning list must never contradict them — cut an intake of zero instead
// of revoking it, or expand a program the province controls. The source
// is Shanxi's rule set for 2025 (晋教职成函〔2024〕68号, POLICY.md
// "Program-warning rules in force"): a program with no intake for 3 years
// is revoked; a program offered at more than 15 sites in the province may
// only shrink; the province publishes a control list (program_lists).

// SiteCap is the default site cap of the control_list rule: a program
// offered at more than this many schools in the province is under the
// province's control (Shanxi 2025: more than 15 sites, only shrink).
// rules.thresholds.control_list sets another province's cap.
const SiteCap = 15

// qualityRules returns the rules every preset keeps:
//
//   - no_intake_3_years (red, close; every scope): no intake in each of
//     the three latest years (0 or no enrollment row). Shanxi revokes such
//     programs, so the row's recommendation is close, whatever the
//     supply–demand rules say of it.
//   - control_list (yellow, review): at the province's scope, the program
//     is on the control list or offered at more than SiteCap schools in
//     the province (a count of the province's schools: a city's row is not
//     judged on it); at a city's scope, the program is on the province's
//     or the city's control list. It keeps a listed program from being
//     published green (expand) there. A school's row is not flagged for it
//     (every school offering the program would be): the province and city
//     rows carry the decision. A Threshold of 0 leaves the site cap out
//     (the list alone). The province's rule caps the sites and says the
//     program may only shrink; it does not say by how much, and a row
//     in shortage must never be told to cut: so the row is yellow for a
//     planner to review (no growth), not reduce.
func qualityRules() []Rule {
	return []Rule{
		{Code: "no_intake_3_years", Kind: NoIntake, Years: 3, Signal: Red},
		{Code: "control_list", Kind: ControlList, Threshold: SiteCap, Signal: Yellow, Recommendation: Review, Scopes: []Scope{Province, City}},
	}
}
