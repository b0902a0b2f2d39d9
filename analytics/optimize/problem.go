package optimize

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Cell is one program × city: its intake this year, the intake that would
// balance forecast supply and openings, and the bounds on next year's
// intake. Intakes are head counts (students).
type Cell struct {
	// Current is this year's intake (finite, ≥ 0).
	Current float64
	// Target is the intake x*_c that would balance forecast supply and
	// openings (finite, ≥ 0), or NaN for a cell without a target: it then
	// has no mismatch term.
	Target float64
	// Weight is the cost per student of the mismatch |x − Target|
	// (finite, ≥ 0). It is ignored when Target is NaN.
	Weight float64
	// Lower and Upper bound the proposed intake: 0 ≤ Lower ≤ Upper, Lower
	// finite, Upper finite or +Inf (no upper bound). Lower == Upper fixes
	// the cell.
	Lower, Upper float64
}

// Linear is the named linear constraint Min ≤ Σ_i Coef[i]·x_i ≤ Max over
// the proposed intakes, a key of Coef being an index into Problem.Cells.
// Min = −Inf or Max = +Inf leaves that side out; at least one side must be
// finite. Beware the zero value: Min = Max = 0 is the equality Σ = 0. Use
// AtMost and AtLeast for one-sided constraints.
//
// The sides are named "<Name>:min" and "<Name>:max" in Solution.Binding and
// Solution.Shadow.
type Linear struct {
	Name     string
	Coef     map[int]float64
	Min, Max float64
}

// AtMost returns the constraint Σ_i coef[i]·x_i ≤ max, e.g. the capacity of
// a city's schools.
func AtMost(name string, coef map[int]float64, max float64) Linear {
	return Linear{Name: name, Coef: coef, Min: math.Inf(-1), Max: max}
}

// AtLeast returns the constraint Σ_i coef[i]·x_i ≥ min.
func AtLeast(name string, coef map[int]float64, min float64) Linear {
	return Linear{Name: name, Coef: coef, Min: min, Max: math.Inf(1)}
}

// Soft is the soft target Σ_i Coef[i]·x_i ≥ Min. Its shortfall
// s = max(0, Min − Σ_i Coef[i]·x_i) costs Penalty per unit, so a plan
// always exists. For example, vocational-bachelor intake at least 15 % of
// higher-vocational intake is Coef {bachelor cells: 1, higher-vocational
// cells: −0.15}, Min 0. It is named Name in Solution.Binding and
// Solution.Shadow.
type Soft struct {
	Name    string
	Coef    map[int]float64
	Min     float64 // finite
	Penalty float64 // finite, ≥ 0
}

// Problem is an enrollment plan to optimise: the cells and the constraints
// that tie them together.
type Problem struct {
	Cells []Cell
	// TotalChange bounds the total intake Σ_c x_c within
	// (1 ± TotalChange)·Σ_c Current_c, e.g. 0.05; a negative value means no
	// bound. The two sides are named "total_max" and "total_min".
	TotalChange float64
	// ChangePenalty λ ≥ 0 is the cost per student of changing a cell's
	// intake, weighting Σ_c |x_c − Current_c|.
	ChangePenalty float64
	// Constraints are the hard linear constraints.
	Constraints []Linear
	// Soft are the soft targets.
	Soft []Soft
}

// Solution is an optimal plan.
type Solution struct {
	// X is the proposed intake of each cell, in the order of Problem.Cells.
	X []float64
	// Objective is the optimal cost, the sum of the three parts below:
	//  Σ_c Weight_c·|X_c − Target_c| + λ·Σ_c |X_c − Current_c| + Σ_k Penalty_k·Shortfall_k.
	Objective float64
	// MismatchCost, ChangeCost and ShortfallCost are the three parts of
	// Objective.
	MismatchCost, ChangeCost, ShortfallCost float64
	// Shortfall is the shortfall of each Soft target, ≥ 0.
	Shortfall []float64
	// Binding names, in sorted order, the constraints active at the
	// optimum: "total_max", "total_min", "cell_lower:i" and "cell_upper:i"
	// for the bounds of cell i, "<Name>:min" and "<Name>:max" for the sides
	// of a Linear constraint, and the Name of a Soft target that is met
	// exactly or missed.
	Binding []string
	// Shadow holds the shadow price of each side of the total bound, of
	// each side of each Linear constraint and of each Soft target, keyed as
	// in Binding: the change of the optimal Objective per unit increase of
	// the right-hand side (the bound: (1 ± TotalChange)·Σ Current, Max, Min).
	// So the shadow price of a "≤ Max" side is ≤ 0 (more room costs less),
	// that of a "≥ Min" side or a Soft target is ≥ 0, and a side that does
	// not bind has 0. Where the optimal objective has a kink in that
	// right-hand side the shadow price is one of its one-sided slopes or a
	// value between them.
	Shadow map[string]float64
	// Rounds is the number of pricing rounds of the decomposition.
	Rounds int
}

// ErrInvalid is wrapped by the error Solve returns for a malformed Problem.
var ErrInvalid = errors.New("optimize: invalid problem")

// ErrInfeasible is wrapped by the *InfeasibleError Solve returns when the
// hard constraints (bounds, total, Linear) cannot all be met.
var ErrInfeasible = errors.New("optimize: infeasible")

// ErrNumerical is wrapped by the error Solve returns when rounding defeats
// the linear programs, which is conceivable only when the numbers of a
// problem span many orders of magnitude; Solve never returns a plan that
// misses a hard constraint.
var ErrNumerical = errors.New("optimize: numerical failure")

// InfeasibleError reports hard constraints that cannot all be met.
type InfeasibleError struct {
	// Constraints names the constraints in conflict, as in
	// Solution.Binding.
	Constraints []string
	// Detail explains the conflict when a single constraint is at fault.
	Detail string
}

// Error returns "optimize: infeasible: " followed by the constraints and
// the detail.
func (e *InfeasibleError) Error() string {
	s := "optimize: infeasible: " + strings.Join(e.Constraints, ", ")
	if len(e.Constraints) > 1 {
		s += " cannot all be met"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns ErrInfeasible.
func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// minValue and maxValue bound the magnitude of every nonzero finite
// number of a Problem: sums over thousands of cells stay far from
// overflow, and the linear programs stay within the precision of float64.
const minValue, maxValue = 1e-9, 1e15

// maxErrors is the number of input errors reported before the rest are
// counted.
const maxErrors = 20

// checkValue returns what is wrong with v, or "".
func checkValue(v float64, nonnegative bool) string {
	switch {
	case math.IsNaN(v):
		return "is not a number"
	case math.IsInf(v, 0):
		return "must be finite"
	case nonnegative && v < 0:
		return "must be ≥ 0"
	case v != 0 && math.Abs(v) < minValue:
		return "is too small: use 0 or a magnitude ≥ 1e-9"
	case math.Abs(v) > maxValue:
		return "is too large: the limit is 1e15"
	}
	return ""
}

// validate checks the Problem and returns all its errors, joined and
// wrapping ErrInvalid, or nil.
func (p *Problem) validate() error {
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(format, args...))
	}
	value := func(where, field string, v float64, nonnegative bool) {
		if msg := checkValue(v, nonnegative); msg != "" {
			add("%s%s = %v %s", where, field, v, msg)
		}
	}
	if len(p.Cells) == 0 {
		add("no cells")
	}
	for i, c := range p.Cells {
		where := "cell " + strconv.Itoa(i) + ": "
		value(where, "Current", c.Current, true)
		if !math.IsNaN(c.Target) {
			value(where, "Target", c.Target, true)
		}
		value(where, "Weight", c.Weight, true)
		value(where, "Lower", c.Lower, true)
		if !math.IsInf(c.Upper, 1) {
			value(where, "Upper", c.Upper, true)
		}
		if c.Upper < c.Lower {
			add("%sLower = %v exceeds Upper = %v", where, c.Lower, c.Upper)
		}
	}
	if math.IsNaN(p.TotalChange) || p.TotalChange >= 0 {
		value("", "TotalChange", p.TotalChange, true)
	}
	value("", "ChangePenalty", p.ChangePenalty, true)
	keys := map[string]bool{"total_max": true, "total_min": true}
	useKey := func(where, key string) {
		switch {
		case keys[key]:
			add("%sthe name %q is already taken", where, key)
		case strings.HasPrefix(key, "cell_lower:") || strings.HasPrefix(key, "cell_upper:"):
			add("%snames beginning cell_lower: or cell_upper: are reserved", where)
		}
		keys[key] = true
	}
	coefs := func(where string, coef map[int]float64) {
		for _, i := range sortedKeys(coef) {
			if i < 0 || i >= len(p.Cells) {
				add("%scoefficient of cell %d: no such cell (%d cells)", where, i, len(p.Cells))
			}
			value(where, "coefficient of cell "+strconv.Itoa(i), coef[i], false)
		}
	}
	for _, l := range p.Constraints {
		where := fmt.Sprintf("constraint %q: ", l.Name)
		if l.Name == "" {
			add("constraint without a name")
		}
		coefs(where, l.Coef)
		switch {
		case math.IsInf(l.Min, 1) || math.IsInf(l.Max, -1):
			add("%sMin = %v must be < +Inf and Max = %v > −Inf", where, l.Min, l.Max)
		case math.IsInf(l.Min, -1) && math.IsInf(l.Max, 1):
			add("%sneither Min nor Max is set", where)
		case l.Min > l.Max:
			add("%sMin = %v exceeds Max = %v", where, l.Min, l.Max)
		}
		if !math.IsInf(l.Min, 0) {
			value(where, "Min", l.Min, false)
		}
		if !math.IsInf(l.Max, 0) {
			value(where, "Max", l.Max, false)
		}
		if !math.IsInf(l.Min, -1) {
			useKey(where, l.Name+":min")
		}
		if !math.IsInf(l.Max, 1) {
			useKey(where, l.Name+":max")
		}
	}
	for _, s := range p.Soft {
		where := fmt.Sprintf("soft target %q: ", s.Name)
		if s.Name == "" {
			add("soft target without a name")
		}
		coefs(where, s.Coef)
		value(where, "Min", s.Min, false)
		value(where, "Penalty", s.Penalty, true)
		useKey(where, s.Name)
	}
	if len(errs) == 0 {
		return nil
	}
	if len(errs) > maxErrors {
		n := len(errs) - maxErrors
		errs = append(errs[:maxErrors], fmt.Errorf("and %d more", n))
	}
	return fmt.Errorf("%w: %w", ErrInvalid, errors.Join(errs...))
}
