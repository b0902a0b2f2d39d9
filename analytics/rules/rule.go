package rules

import (
	"math"
	"slices"
)

// Facts is what the rules know about one program at one scope: the
// province, a city or a school. Series are ordered oldest first, latest
// last, and aligned at their end: the last entry is the latest year.
type Facts struct {
	// Scope is the level of the row: Province, City or School.
	Scope Scope
	// Level is the program's level: "secondary", "higher" or "bachelor".
	Level string
	// Peer names the row's peers for relative rules (PlacementBottom):
	// rows with the same Peer and Scope are ranked together, e.g.
	// "140000/school/higher". The empty Peer is a group like any other.
	Peer string
	// Placement holds the placement rates (毕业去向落实率, fractions) of
	// the latest graduation years, oldest first, latest last; NaN where
	// the year has no graduates.
	Placement []float64
	// Ratio is the forecast supply–demand ratio over the horizon in the
	// row's labour market (its city, or the province): NaN if undefined,
	// as when the market has no demand.
	Ratio float64
	// NoDemand is true when the row's market has fewer than one forecast
	// opening over the horizon for the program (match.MarketRatio): the
	// ratio is then NaN.
	NoDemand bool
	// DemandGrowth is the mean annual growth, as a fraction, of forecast
	// employment in the program's mapped industries over the horizon; NaN
	// if unknown.
	DemandGrowth float64
	// FeedsShortage is true when the program feeds a plan-shortage or
	// strategic emerging industry whose openings exceed its supply at this
	// scope. The caller decides which crosswalk weight counts as feeding.
	FeedsShortage bool
	// Intake holds the intake of the latest years, oldest first, latest
	// last; NaN where there is no row. NoIntake rules read it.
	Intake []float64
	// Sites is the number of schools in the province with intake of the
	// program in the latest year.
	Sites int
	// ControlList is true when the program is on the province's control
	// list (program_lists).
	ControlList bool
	// EncouragedList is true when the program is on the province's
	// encouraged list (program_lists).
	EncouragedList bool
	// Score is the program's TOPSIS score in [0,1]; NaN if unknown.
	Score float64
	// PriorityBelowTarget is true when the program feeds a priority
	// industry of the plan whose forecast (trend) growth is below the
	// plan's target growth. The caller decides which crosswalk weight
	// counts as feeding and which tiers are priorities.
	PriorityBelowTarget bool
}

// Kind is what a rule tests.
type Kind string

// The kinds of rule. Threshold and Years are fields of Rule; NaN facts
// never make a rule fire except where said.
const (
	// PlacementBelow fires when each of the last Years placement rates is
	// below Threshold. It looks at exactly the last Years entries of
	// Facts.Placement: a NaN among them is not below, so fewer than Years
	// known values there never fire.
	PlacementBelow Kind = "placement_below"
	// PlacementBottom fires when, in each of the last Years years, the
	// row's placement rate is in the bottom Threshold share (e.g. 0.10) of
	// the rows with the same Peer and Scope that have a placement rate
	// that year. Of n such rows the ceil(Threshold·n) lowest are the
	// bottom share, and rows tied with the highest of them are in it too.
	// It needs the peers, so only EvaluateAll fires it.
	PlacementBottom Kind = "placement_bottom"
	// SupplyExceedsDemand fires when Ratio >= Threshold (e.g. 1.5); +Inf
	// fires, NaN does not.
	SupplyExceedsDemand Kind = "supply_exceeds_demand"
	// DemandDeclining fires when DemandGrowth < Threshold (e.g. -0.01).
	DemandDeclining Kind = "demand_declining"
	// ShortageIndustry fires when FeedsShortage is true and Ratio is below
	// Threshold (e.g. 0.9) or NaN.
	ShortageIndustry Kind = "shortage_industry"
	// NoIntake fires when Intake has at least Years entries and the last
	// Years of them are all 0 or NaN.
	NoIntake Kind = "no_intake"
	// TooManySites fires when Sites > Threshold (e.g. 15).
	TooManySites Kind = "too_many_sites"
	// ControlList fires when the program is on the control list, or, at
	// the province's scope and with a Threshold above 0 (the province's
	// site cap, e.g. 15), when Sites > Threshold: offered at more sites
	// than the cap, the program is under the province's control too
	// (quality.go). Sites counts the province's schools, so the cap is
	// judged on the province's row only.
	ControlList Kind = "control_list"
	// EncouragedList fires when the program is on the encouraged list.
	EncouragedList Kind = "encouraged_list"
	// LowScore fires when Score < Threshold; NaN does not.
	LowScore Kind = "low_score"
	// PriorityBelowTarget fires when Facts.PriorityBelowTarget is true and
	// a demand rule (SupplyExceedsDemand, DemandDeclining) of the preset
	// fires: it then holds the demand rules to Yellow Review (priority.go).
	// It needs the preset, so Rule.fires never fires it on its own.
	PriorityBelowTarget Kind = "priority_below_target"
	// NoDemand fires when Facts.NoDemand is true: fewer than one opening
	// over the horizon in the row's market.
	NoDemand Kind = "no_demand"
)

// kinds lists the known kinds.
var kinds = []Kind{PlacementBelow, PlacementBottom, SupplyExceedsDemand, DemandDeclining,
	ShortageIndustry, NoIntake, TooManySites, ControlList, EncouragedList, LowScore, PriorityBelowTarget, NoDemand}

// usesYears reports whether rules of kind k read Rule.Years.
func (k Kind) usesYears() bool {
	return k == PlacementBelow || k == PlacementBottom || k == NoIntake
}

// Rule is one rule of a preset.
type Rule struct {
	// Code is the reason code the rule reports when it fires, in
	// snake_case, e.g. "placement_below_60_two_years".
	Code string
	// Kind is what the rule tests.
	Kind Kind
	// Threshold is the value the rule compares with (see Kind); rates and
	// shares are fractions (0.60, not 60).
	Threshold float64
	// Years is the number of latest years PlacementBelow, PlacementBottom
	// and NoIntake look at; other kinds ignore it.
	Years int
	// Signal is the signal the rule gives when it fires: Green, Yellow or
	// Red.
	Signal Signal
	// Scopes are the scopes the rule applies to; empty means all.
	Scopes []Scope
	// Recommendation is what the rule recommends when it fires: Maintain
	// (the zero value) means the default of its Signal (close, reduce,
	// expand); a Yellow rule may say Review instead.
	Recommendation Recommendation
}

// onDemand reports whether rules of kind k judge a program on demand
// grounds: its market's supply exceeding the openings, or the openings
// falling. Preset.ReviewBelow keeps such rules from cutting a program
// whose market is short of graduates.
func (k Kind) onDemand() bool {
	return k == SupplyExceedsDemand || k == DemandDeclining
}

// recommendation returns what r recommends when it fires.
func (r Rule) recommendation() Recommendation {
	if r.Recommendation != Maintain {
		return r.Recommendation
	}
	return DefaultRecommendation(r.Signal)
}

// appliesTo reports whether the rule applies to rows of scope s.
func (r Rule) appliesTo(s Scope) bool {
	return len(r.Scopes) == 0 || slices.Contains(r.Scopes, s)
}

// fires reports whether the rule fires for f on its own. PlacementBottom,
// which needs the peers, and unknown kinds never fire here.
func (r Rule) fires(f Facts) bool {
	switch r.Kind {
	case PlacementBelow:
		last, ok := lastN(f.Placement, r.Years)
		if !ok {
			return false
		}
		for _, v := range last {
			if !(v < r.Threshold) { // NaN is not below
				return false
			}
		}
		return true
	case SupplyExceedsDemand:
		return f.Ratio >= r.Threshold
	case DemandDeclining:
		return f.DemandGrowth < r.Threshold
	case ShortageIndustry:
		return f.FeedsShortage && (math.IsNaN(f.Ratio) || f.Ratio < r.Threshold)
	case NoIntake:
		last, ok := lastN(f.Intake, r.Years)
		if !ok {
			return false
		}
		for _, v := range last {
			if v != 0 && !math.IsNaN(v) {
				return false
			}
		}
		return true
	case TooManySites:
		return float64(f.Sites) > r.Threshold
	case ControlList:
		return f.ControlList || f.Scope == Province && r.Threshold > 0 && float64(f.Sites) > r.Threshold
	case EncouragedList:
		return f.EncouragedList
	case LowScore:
		return f.Score < r.Threshold
	case NoDemand:
		return f.NoDemand
	}
	return false
}

// lastN returns the last n entries of v, and false if n < 1 or v is
// shorter than n.
func lastN(v []float64, n int) ([]float64, bool) {
	if n < 1 || len(v) < n {
		return nil, false
	}
	return v[len(v)-n:], true
}

// back returns the entry k years before the latest (k = 0 is the latest),
// or NaN if v does not reach that far.
func back(v []float64, k int) float64 {
	if k < 0 || k >= len(v) {
		return math.NaN()
	}
	return v[len(v)-1-k]
}
