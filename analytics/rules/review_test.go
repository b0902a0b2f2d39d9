package rules

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRecommendation(t *testing.T) {
	cases := []struct {
		r      Recommendation
		zh, en string
	}{
		{Close, "撤销或停招", "close or stop intake"},
		{Reduce, "缩减", "reduce"},
		{Review, "待研判", "review"},
		{Expand, "扩大", "expand"},
		{Maintain, "维持", "maintain"},
	}
	for _, c := range cases {
		if got := RecommendationText(c.r, "zh"); got != c.zh {
			t.Errorf("RecommendationText(%q, zh) = %q, want %q", c.r, got, c.zh)
		}
		if got := RecommendationText(c.r, "en"); got != c.en {
			t.Errorf("RecommendationText(%q, en) = %q, want %q", c.r, got, c.en)
		}
		if got, err := ParseRecommendation(string(c.r)); err != nil || got != c.r {
			t.Errorf("ParseRecommendation(%q) = %q, %v", c.r, got, err)
		}
	}
	for _, s := range []string{"Review", "cut", " reduce"} {
		if _, err := ParseRecommendation(s); err == nil {
			t.Errorf("ParseRecommendation(%q) accepted", s)
		}
	}
	for s, want := range map[Signal]Recommendation{Red: Close, Yellow: Reduce, Green: Expand, None: Maintain} {
		if got := DefaultRecommendation(s); got != want {
			t.Errorf("DefaultRecommendation(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestReviewBelow checks the guard of the demand rules with the ministry
// preset's default bands: ReviewBelow is match.slight_undersupply, 0.9.
func TestReviewBelow(t *testing.T) {
	p, err := Lookup("ministry")
	if err != nil {
		t.Fatal(err)
	}
	if p.ReviewBelow != 0.9 {
		t.Fatalf("ReviewBelow = %v, want the slight-undersupply limit 0.9", p.ReviewBelow)
	}
	f := func(scope Scope, ratio, growth float64, placement ...float64) Facts {
		x := row(scope)
		x.Ratio, x.DemandGrowth, x.Placement = ratio, growth, placement
		return x
	}
	cases := []struct {
		name    string
		f       Facts
		signal  Signal
		rec     Recommendation
		reasons []string
	}{
		// 化学工艺 in 太原 in the issue: ratio 0.086, demand falling 3 %/yr.
		{"declining in a short market", f(City, 0.086, -0.03), Yellow, Review, []string{"demand_declining"}},
		// 0.8999 < 0.9: still short.
		{"just below the band", f(City, 0.8999, -0.03), Yellow, Review, []string{"demand_declining"}},
		// 0.9 is balanced: falling demand in a balanced market reduces.
		{"balanced market", f(City, 0.9, -0.03), Yellow, Reduce, []string{"demand_declining"}},
		// 1.6 ≥ 1.5 and falling: the escalation to red still applies.
		{"oversupplied and falling", f(City, 1.6, -0.03), Red, Close, []string{"supply_exceeds_demand", "demand_declining"}},
		{"oversupplied", f(City, 1.6, 0.02), Yellow, Reduce, []string{"supply_exceeds_demand"}},
		// A NaN ratio is not below: the demand rule reduces as before.
		{"unknown ratio", f(City, nan, -0.03), Yellow, Reduce, []string{"demand_declining"}},
		// The Ministry's rule still closes a school row of a short market,
		// and its reasons carry the demand rule as well.
		{"placement closes", f(School, 0.5, -0.03, 0.55, 0.58), Red, Close, []string{"placement_below_60_two_years", "demand_declining"}},
		{"placement without decline", f(School, 0.5, 0.0, 0.55, 0.58), Red, Close, []string{"placement_below_60_two_years"}},
	}
	for _, c := range cases {
		v := p.Evaluate(c.f)
		if v.Signal != c.signal || v.Recommendation != c.rec || !slices.Equal(v.Reasons, c.reasons) {
			t.Errorf("%s: got %q %q %v, want %q %q %v", c.name, v.Signal, v.Recommendation, v.Reasons, c.signal, c.rec, c.reasons)
		}
	}

	// A yellow rule that recommends review, beside one that reduces:
	// reduce wins; alone it reviews.
	q := Preset{Name: "q", Rules: []Rule{
		{Code: "a", Kind: ControlList, Signal: Yellow, Recommendation: Review},
		{Code: "b", Kind: EncouragedList, Signal: Yellow},
	}}
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	if v := q.Evaluate(Facts{ControlList: true, Ratio: nan, DemandGrowth: nan, Score: nan}); v.Recommendation != Review {
		t.Errorf("review rule alone: %q", v.Recommendation)
	}
	if v := q.Evaluate(Facts{ControlList: true, EncouragedList: true, Ratio: nan, DemandGrowth: nan, Score: nan}); v.Recommendation != Reduce {
		t.Errorf("review and reduce rules: %q, want reduce", v.Recommendation)
	}
	bad := Preset{Name: "bad", Rules: []Rule{{Code: "a", Kind: ControlList, Signal: Red, Recommendation: Review}}}
	if bad.Validate() == nil {
		t.Error("a red rule recommending review was accepted")
	}
	bad = Preset{Name: "bad", ReviewBelow: math.NaN()}
	if bad.Validate() == nil {
		t.Error("ReviewBelow NaN was accepted")
	}
}

// TestNoCutWhileShort is the property of issue 15: whatever the facts, no
// row of any built-in preset whose market ratio is below the shortage
// limit recommends reduce or close unless a rule other than the demand
// rules fired at that severity.
func TestNoCutWhileShort(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 1))
	rate := func() float64 {
		if rng.IntN(5) == 0 {
			return nan
		}
		return rng.Float64()
	}
	for _, p := range Presets() {
		for range 3000 {
			f := Facts{
				Scope:         []Scope{Province, City, School}[rng.IntN(3)],
				Placement:     []float64{rate(), rate(), rate()},
				Ratio:         rng.Float64() * 0.9, // always below 0.9
				DemandGrowth:  rng.Float64()*0.1 - 0.05,
				FeedsShortage: rng.IntN(2) == 0,
				Intake:        []float64{float64(rng.IntN(2)), float64(rng.IntN(2)), float64(rng.IntN(2))},
				Sites:         rng.IntN(30),
				ControlList:   rng.IntN(4) == 0,
				Score:         rng.Float64(),
			}
			v := p.EvaluateAll([]Facts{f})[0]
			if v.Recommendation != Reduce && v.Recommendation != Close {
				continue
			}
			other := false
			for _, r := range p.Rules {
				if slices.Contains(v.Reasons, r.Code) && !r.Kind.onDemand() && r.Signal.Severity() >= v.Signal.Severity() {
					other = true
				}
			}
			if !other {
				t.Fatalf("%s: %+v cuts (%q, %v) on demand grounds while short", p.Name, f, v.Recommendation, v.Reasons)
			}
		}
	}
}

// TestNoDemand: a market with fewer than one opening gives no ratio and a
// yellow review with no_demand, never a cut on demand grounds; the
// Ministry's rule still closes a school row.
func TestNoDemand(t *testing.T) {
	p, err := Lookup("ministry")
	if err != nil {
		t.Fatal(err)
	}
	f := row(City)
	f.NoDemand = true
	if v := p.Evaluate(f); v.Signal != Yellow || v.Recommendation != Review || !slices.Equal(v.Reasons, []string{"no_demand"}) {
		t.Errorf("no demand: %q %q %v", v.Signal, v.Recommendation, v.Reasons)
	}
	f.DemandGrowth = -0.05 // falling too: the unknown ratio is not short, so demand_declining reduces
	if v := p.Evaluate(f); v.Signal != Yellow || v.Recommendation != Reduce || !slices.Equal(v.Reasons, []string{"demand_declining", "no_demand"}) {
		t.Errorf("no demand, falling: %q %q %v", v.Signal, v.Recommendation, v.Reasons)
	}
	s := row(School)
	s.NoDemand, s.Placement = true, []float64{0.5, 0.4}
	if v := p.Evaluate(s); v.Signal != Red || v.Recommendation != Close || !slices.Equal(v.Reasons, []string{"placement_below_60_two_years", "no_demand"}) {
		t.Errorf("no demand, low placement: %q %q %v", v.Signal, v.Recommendation, v.Reasons)
	}
	if ReasonText("no_demand", "zh") == "no_demand" || ReasonText("no_demand", "en") == "no_demand" {
		t.Error("no_demand has no text")
	}
}
