package rules

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Escalation raises a row's signal to Signal when every rule in Codes
// fired for the row, e.g. oversupply together with declining demand
// becomes Red.
type Escalation struct {
	// Codes are the reason codes that must all have fired; at least one.
	Codes []string
	// Signal is the signal the row gets at least: Yellow or Red.
	Signal Signal
}

// Preset is a named rule set. Presets returns the built-in ones; a
// caller may change their thresholds, or build its own and check it with
// Validate.
type Preset struct {
	// Name identifies the preset in config, in snake_case, e.g.
	// "shanxi_2025".
	Name string
	// Rules are the preset's rules; their order is the order of the
	// reasons of equal signal.
	Rules []Rule
	// Escalations raise the signal of rows on which several rules fired.
	Escalations []Escalation
	// GreenMinScore is the score a row needs for a Green signal: with
	// Score < GreenMinScore the green rules that fired give no signal. A
	// NaN score passes.
	GreenMinScore float64
	// ReviewBelow keeps the demand rules (supply_exceeds_demand,
	// demand_declining: Kind.onDemand) from cutting a program whose
	// market is short of graduates: for a row whose Ratio is below
	// ReviewBelow, they give at most Yellow with the recommendation
	// Review, and the escalations that need them do not apply. Falling
	// demand that supply still does not meet is no reason to cut (the
	// openings that replace retiring workers continue). 0 switches the
	// guard off; a NaN Ratio is never below.
	ReviewBelow float64
}

// Verdict is the outcome of the rules for one Facts.
type Verdict struct {
	// Signal is the final signal.
	Signal Signal
	// Recommendation is the action: Close for Red, Expand for Green,
	// Maintain for None; for Yellow, Review when every red or yellow rule
	// that fired recommends Review (or was held to Review by
	// ReviewBelow), else Reduce.
	Recommendation Recommendation
	// Reasons are the codes of all the rules that fired, green ones too
	// when the signal is Red or Yellow, ordered by the signal each rule
	// gives (red first, then yellow, then green) and then by their order
	// in the preset. Codes of an escalation that applied are among them,
	// since they fired. Reasons is empty when no rule fired; it holds only
	// green codes, with Signal None, when green rules fired but the score
	// is below GreenMinScore.
	Reasons []string
}

// maxYears is the largest Years Validate accepts.
const maxYears = 10

// Validate reports every problem of the preset, joined with errors.Join,
// each as "rules: preset NAME: ...". It checks that the name is non-empty
// snake_case ([a-z0-9_]+); that rule codes are non-empty snake_case,
// unique and not "override" (reserved for planners' decisions); that kinds
// are known and signals are green, yellow or red; that thresholds are
// finite, with rates and shares in [0,1] (PlacementBottom in (0,1]),
// ratios positive, site counts non-negative and demand growth in (-1,1);
// that Years is between 1 and 10 where the kind uses it; that scopes are
// known; that each escalation has codes, all of them rule codes, and
// raises to yellow or red; and that GreenMinScore is in [0,1].
func (p Preset) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("rules: preset %s: "+format, append([]any{p.Name}, a...)...))
	}
	if p.Name == "" {
		bad("empty name")
	} else if !snake(p.Name) {
		bad("name %q is not snake_case ([a-z0-9_]+)", p.Name)
	}
	seen := map[string]bool{}
	for i, r := range p.Rules {
		where := fmt.Sprintf("rule %d (%s)", i+1, r.Code)
		switch {
		case r.Code == "":
			bad("rule %d: empty code", i+1)
		case !snake(r.Code):
			bad("%s: code is not snake_case ([a-z0-9_]+)", where)
		case r.Code == overrideCode:
			bad("%s: code %q is reserved", where, overrideCode)
		case seen[r.Code]:
			bad("%s: duplicate code", where)
		}
		seen[r.Code] = true
		if !slices.Contains(kinds, r.Kind) {
			bad("%s: unknown kind %q", where, r.Kind)
		}
		if r.Signal != Green && r.Signal != Yellow && r.Signal != Red {
			bad("%s: signal %q must be green, yellow or red", where, r.Signal)
		}
		if r.Recommendation != Maintain && r.Recommendation != DefaultRecommendation(r.Signal) &&
			!(r.Recommendation == Review && r.Signal == Yellow) {
			bad("%s: recommendation %q does not go with signal %q (only a yellow rule may recommend review)", where, r.Recommendation, r.Signal)
		}
		if msg := thresholdProblem(r); msg != "" {
			bad("%s: threshold %v %s", where, r.Threshold, msg)
		}
		if r.Kind.usesYears() && (r.Years < 1 || r.Years > maxYears) {
			bad("%s: years = %d must be between 1 and %d", where, r.Years, maxYears)
		}
		for _, s := range r.Scopes {
			if !s.known() {
				bad("%s: unknown scope %q", where, s)
			}
		}
	}
	for i, e := range p.Escalations {
		if len(e.Codes) == 0 {
			bad("escalation %d: no codes", i+1)
		}
		for _, c := range e.Codes {
			if !seen[c] || c == "" {
				bad("escalation %d: code %q is not a rule of the preset", i+1, c)
			}
		}
		if e.Signal != Yellow && e.Signal != Red {
			bad("escalation %d: signal %q must be yellow or red", i+1, e.Signal)
		}
	}
	if !(p.GreenMinScore >= 0 && p.GreenMinScore <= 1) {
		bad("green_min_score %v must be in [0,1]", p.GreenMinScore)
	}
	if !(p.ReviewBelow >= 0) || math.IsInf(p.ReviewBelow, 1) {
		bad("review_below %v must be finite and non-negative", p.ReviewBelow)
	}
	return errors.Join(errs...)
}

// thresholdProblem returns what is wrong with the threshold of r, or "".
func thresholdProblem(r Rule) string {
	t := r.Threshold
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return "must be finite"
	}
	switch r.Kind {
	case PlacementBelow, LowScore:
		if t < 0 || t > 1 {
			return "must be in [0,1] (a fraction, not a percentage)"
		}
	case PlacementBottom:
		if t <= 0 || t > 1 {
			return "must be in (0,1] (a share, not a percentage)"
		}
	case SupplyExceedsDemand, ShortageIndustry:
		if t <= 0 {
			return "must be positive"
		}
	case TooManySites, ControlList:
		if t < 0 {
			return "must be non-negative"
		}
	case DemandDeclining:
		if t <= -1 || t >= 1 {
			return "must be in (-1,1) (a fraction, not a percentage)"
		}
	}
	return ""
}

// snake reports whether s is non-empty and made of [a-z0-9_].
func snake(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Evaluate applies the preset to a single row. PlacementBottom rules
// cannot fire here, since a single row has no peers: use EvaluateAll for
// presets that have them (bottom_10).
//
// A rule applies only when the row's Scope is among its Scopes (or its
// Scopes are empty). The final signal is the most severe of the signals
// of the red and yellow rules that fired and of the escalations that
// apply; if there is none, it is Green when a green rule fired and the
// score passes GreenMinScore, and None otherwise. Evaluate does not
// validate the preset: rules of unknown kind or signal never fire, and
// escalations without codes or to a signal other than yellow or red never
// apply.
func (p Preset) Evaluate(f Facts) Verdict {
	return p.evaluate(f, func(int) bool { return false })
}

// EvaluateAll applies the preset to every row and returns the verdicts in
// the order of fs. It is Evaluate, except that PlacementBottom rules rank
// each row among the rows of fs with the same Peer and Scope to which the
// rule applies. The result does not depend on the order of fs.
//
// In a group of n rows the bottom share counts ceil(Threshold·n) rows
// (with a tolerance of 1e-9, so that 0.14·50 is 7): in a group smaller than
// 1/Threshold the lowest row is always in it, as the rule reads.
func (p Preset) EvaluateAll(fs []Facts) []Verdict {
	bottom := make(map[int][]bool) // rule index → row → in the bottom share every year
	for ri, r := range p.Rules {
		if r.Kind == PlacementBottom {
			bottom[ri] = bottomShare(r, fs)
		}
	}
	out := make([]Verdict, len(fs))
	for i, f := range fs {
		out[i] = p.evaluate(f, func(ri int) bool { return bottom[ri][i] })
	}
	return out
}

// evaluate applies the preset to f; bottom(ri) tells whether the
// PlacementBottom rule p.Rules[ri] fires for f.
func (p Preset) evaluate(f Facts, bottom func(ri int) bool) Verdict {
	type hit struct {
		code string
		sev  int
		rec  Recommendation
	}
	var hits []hit
	held := map[string]bool{} // demand rules held to review by ReviewBelow or the priority rule
	// A NaN ratio is never below; priority.go says when the priority rule holds.
	hold := f.Ratio < p.ReviewBelow || p.priorityHolds(f)
	worst := 0 // most severe red or yellow signal
	green := false
	for ri, r := range p.Rules {
		sev := r.Signal.Severity()
		if sev == 0 || !r.appliesTo(f.Scope) {
			continue
		}
		ok := r.fires(f)
		if r.Kind == PlacementBottom {
			ok = bottom(ri)
		}
		if r.Kind == PriorityBelowTarget {
			ok = p.priorityFires(f)
		}
		if !ok {
			continue
		}
		rec := r.recommendation()
		if hold && r.Kind.onDemand() && r.Signal != Green {
			sev, rec = Yellow.Severity(), Review
			held[r.Code] = true
		}
		hits = append(hits, hit{r.Code, sev, rec})
		if r.Signal == Green {
			green = true
		} else {
			worst = max(worst, sev)
		}
	}
	escalated := 0
	for _, e := range p.Escalations {
		if (e.Signal != Yellow && e.Signal != Red) || len(e.Codes) == 0 {
			continue
		}
		all := true
		for _, c := range e.Codes {
			all = all && !held[c] && slices.ContainsFunc(hits, func(h hit) bool { return h.code == c })
		}
		if all {
			escalated = max(escalated, e.Signal.Severity())
		}
	}
	worst = max(worst, escalated)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].sev > hits[j].sev })
	var v Verdict
	for _, h := range hits {
		v.Reasons = append(v.Reasons, h.code)
	}
	switch {
	case worst == Red.Severity():
		v.Signal = Red
	case worst == Yellow.Severity():
		v.Signal = Yellow
	case green && !(f.Score < p.GreenMinScore): // a NaN score passes
		v.Signal = Green
	}
	v.Recommendation = DefaultRecommendation(v.Signal)
	if v.Signal == Yellow && escalated < Yellow.Severity() {
		review := true
		for _, h := range hits {
			if h.sev >= Yellow.Severity() && h.rec != Review {
				review = false
			}
		}
		if review {
			v.Recommendation = Review
		}
	}
	return v
}

// peerKey identifies a group of peers.
type peerKey struct {
	peer  string
	scope Scope
}

// bottomShare returns, for each row of fs, whether the PlacementBottom
// rule r fires: whether the row is in the bottom r.Threshold share of its
// peers (same Peer and Scope, r applying to the scope, a placement rate
// that year) in each of the last r.Years years.
func bottomShare(r Rule, fs []Facts) []bool {
	out := make([]bool, len(fs))
	if r.Years < 1 || !(r.Threshold > 0) {
		return out
	}
	groups := map[peerKey][]int{}
	for i, f := range fs {
		if r.appliesTo(f.Scope) {
			k := peerKey{f.Peer, f.Scope}
			groups[k] = append(groups[k], i)
		}
	}
	for _, rows := range groups {
		in := make([]bool, len(rows))
		for j := range in {
			in[j] = true
		}
		vals := make([]float64, 0, len(rows))
		for k := 0; k < r.Years; k++ {
			vals = vals[:0]
			for _, i := range rows {
				if v := back(fs[i].Placement, k); !math.IsNaN(v) {
					vals = append(vals, v)
				}
			}
			m := bottomCount(r.Threshold, len(vals))
			if m == 0 {
				clear(in)
				break
			}
			sort.Float64s(vals)
			cut := vals[m-1]
			for j, i := range rows {
				if v := back(fs[i].Placement, k); math.IsNaN(v) || v > cut {
					in[j] = false
				}
			}
		}
		for j, i := range rows {
			out[i] = in[j]
		}
	}
	return out
}

// bottomCount returns how many of n ranked rows form the bottom share t:
// ceil(t·n) with a tolerance of 1e-9 against rounding (0.14·50 is
// 7.000000000000001 in floating point), between 0 and n.
func bottomCount(t float64, n int) int {
	if !(t > 0) || n == 0 {
		return 0
	}
	m := math.Ceil(t*float64(n) - 1e-9)
	if m > float64(n) {
		return n
	}
	return int(m)
}
