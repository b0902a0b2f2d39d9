package rules

// PriorityTrendBelowTarget is the reason code of the priority rule
// (priorityRule): the program feeds a priority industry whose trend is
// below the plan's target growth.
const PriorityTrendBelowTarget = "priority_industry_trend_below_target"

// priorityRule is the rule every built-in preset has after its demand
// rules: a program that feeds a priority industry of the plan whose
// forecast (trend) growth is below the plan's target growth
// (Facts.PriorityBelowTarget) is not cut on demand grounds alone. When a
// demand rule (supply_exceeds_demand, demand_declining) fires for such a
// row, the priority rule fires too: the demand rules are held to yellow
// with the recommendation Review, as for a short market (Preset.ReviewBelow),
// and their escalation to red does not apply. The trend is what the plan
// means to change — policy item (八) asks to lay programs out ahead of
// strategic emerging industries — so whether to cut is for a planner to
// judge. A placement or intake rule still closes the row, its reasons
// then listing this one too. Without a demand rule the row is left as
// the other rules make it (a green shortage program stays green).
func priorityRule() Rule {
	return Rule{Code: PriorityTrendBelowTarget, Kind: PriorityBelowTarget, Signal: Yellow, Recommendation: Review}
}

// priorityFires reports whether the preset's priority rule fires for f:
// f.PriorityBelowTarget and a demand rule of the preset that applies to
// f's scope fires.
func (p Preset) priorityFires(f Facts) bool {
	if !f.PriorityBelowTarget {
		return false
	}
	for _, r := range p.Rules {
		if r.Kind.onDemand() && r.Signal != Green && r.appliesTo(f.Scope) && r.fires(f) {
			return true
		}
	}
	return false
}

// priorityHolds reports whether the preset has a priority rule for f's
// scope and it fires: the demand rules are then held to review.
func (p Preset) priorityHolds(f Facts) bool {
	for _, r := range p.Rules {
		if r.Kind == PriorityBelowTarget && r.appliesTo(f.Scope) {
			return p.priorityFires(f)
		}
	}
	return false
}
