package rules

import (
	"slices"
	"testing"
)

// TestPriorityTrendBelowTarget checks the priority rule with the default
// bands (oversupply from 1.5, shortage below 0.9, declining below −1 %/yr):
// a program feeding a priority industry whose trend is below the plan's
// target is never cut on demand grounds alone.
func TestPriorityTrendBelowTarget(t *testing.T) {
	ministry, err := Lookup("ministry")
	if err != nil {
		t.Fatal(err)
	}
	shanxi, err := Lookup("shanxi_2025")
	if err != nil {
		t.Fatal(err)
	}
	f := func(scope Scope, below bool, ratio, growth float64, placement ...float64) Facts {
		x := row(scope)
		x.PriorityBelowTarget, x.Ratio, x.DemandGrowth, x.Placement, x.Score = below, ratio, growth, placement, 0.5
		return x
	}
	const code = PriorityTrendBelowTarget
	cases := []struct {
		name    string
		p       Preset
		f       Facts
		signal  Signal
		rec     Recommendation
		reasons []string
	}{
		// 1.6 ≥ 1.5: oversupplied on the trend; the plan's target says the
		// industry should grow faster, so a planner judges.
		{"oversupplied", ministry, f(Province, true, 1.6, 0.03), Yellow, Review, []string{"supply_exceeds_demand", code}},
		{"oversupplied, no priority", ministry, f(Province, false, 1.6, 0.03), Yellow, Reduce, []string{"supply_exceeds_demand"}},
		// Oversupplied and falling −2 %/yr: red close without the priority,
		// held to yellow review with it (the escalation does not apply).
		{"oversupplied and falling", ministry, f(City, true, 1.6, -0.02), Yellow, Review, []string{"supply_exceeds_demand", "demand_declining", code}},
		{"oversupplied and falling, no priority", ministry, f(City, false, 1.6, -0.02), Red, Close, []string{"supply_exceeds_demand", "demand_declining"}},
		// No demand rule fires (ratio 1.0, growth +2 %): nothing to hold,
		// no row.
		{"balanced", ministry, f(Province, true, 1.0, 0.02), None, Maintain, nil},
		// Placement 55 % and 58 %: the Ministry's rule still closes the
		// school row; the reasons say the priority rule fired as well.
		{"placement closes", ministry, f(School, true, 1.6, 0.03, 0.55, 0.58), Red, Close, []string{"placement_below_60_two_years", "supply_exceeds_demand", code}},
		// A NaN ratio and −3 %/yr: demand_declining fires and is held.
		{"unknown ratio, falling", ministry, f(City, true, nan, -0.03), Yellow, Review, []string{"demand_declining", code}},
	}
	for _, c := range cases {
		v := c.p.Evaluate(c.f)
		if v.Signal != c.signal || v.Recommendation != c.rec || !slices.Equal(v.Reasons, c.reasons) {
			t.Errorf("%s: %s %s %v, want %s %s %v", c.name, v.Signal, v.Recommendation, v.Reasons, c.signal, c.rec, c.reasons)
		}
	}
	// A green shortage program that feeds a priority industry stays green.
	g := f(City, true, 0.5, 0.05)
	g.FeedsShortage = true
	if v := ministry.Evaluate(g); v.Signal != Green || v.Recommendation != Expand || !slices.Equal(v.Reasons, []string{"shortage_industry"}) {
		t.Errorf("shortage: %s %s %v, want green expand [shortage_industry]", v.Signal, v.Recommendation, v.Reasons)
	}
	// Shanxi's control list caps sites (no growth), it does not cut: with
	// the demand rule held by the priority, the row is for review, all
	// three among its reasons.
	c := f(Province, true, 1.6, 0.03)
	c.ControlList = true
	if v := shanxi.Evaluate(c); v.Signal != Yellow || v.Recommendation != Review || !slices.Equal(v.Reasons, []string{"control_list", "supply_exceeds_demand", code}) {
		t.Errorf("control list: %s %s %v, want yellow review", v.Signal, v.Recommendation, v.Reasons)
	}
	// EvaluateAll agrees with Evaluate.
	if vs := ministry.EvaluateAll([]Facts{f(City, true, 1.6, -0.02)}); vs[0].Signal != Yellow || vs[0].Recommendation != Review {
		t.Errorf("EvaluateAll: %+v", vs[0])
	}
	for lang, want := range map[string]string{
		"zh": "对接规划重点产业，其趋势增速低于规划目标增速：不按趋势缩减，待研判",
		"en": "feeds a priority industry of the plan whose trend growth is below the plan's target: not cut on the trend alone, for a planner to judge",
	} {
		if got := ReasonText(code, lang); got != want {
			t.Errorf("ReasonText(%s) = %q, want %q", lang, got, want)
		}
	}
}
