package rules

import (
	"math"
	"slices"
	"testing"

	"github.com/vocmap/vocmap/analytics/match"
)

// TestQualityRules works through the province's rules that every preset
// keeps (quality.go) on the default preset, each case by hand.
func TestQualityRules(t *testing.T) {
	nan := math.NaN()
	base := func(s Scope) Facts {
		return Facts{Scope: s, Level: "higher", Ratio: nan, DemandGrowth: nan, Score: nan}
	}
	type want struct {
		signal  Signal
		rec     Recommendation
		reasons []string
	}
	cases := []struct {
		name string
		f    func() Facts
		want want
	}{
		// no intake in each of the three latest years: close, even where
		// supply exceeds demand (the row used to read "reduce" an intake
		// of zero)
		{"no intake, oversupplied", func() Facts {
			f := base(School)
			f.Intake, f.Ratio = []float64{0, 0, 0}, 2.0
			return f
		}, want{Red, Close, []string{"no_intake_3_years", "supply_exceeds_demand"}}},
		// no row (NaN) is no intake
		{"no rows", func() Facts { f := base(School); f.Intake = []float64{nan, 0, nan}; return f },
			want{Red, Close, []string{"no_intake_3_years"}}},
		{"intake in the latest year", func() Facts { f := base(School); f.Intake = []float64{0, 0, 5}; return f },
			want{None, Maintain, nil}},
		// two years known are not three years without intake
		{"two years only", func() Facts { f := base(School); f.Intake = []float64{0, 0}; return f },
			want{None, Maintain, nil}},
		{"no intake at the province", func() Facts { f := base(Province); f.Intake = []float64{0, 0, 0}; return f },
			want{Red, Close, []string{"no_intake_3_years"}}},
		// the site cap: more than 15 sites, not 15
		{"16 sites", func() Facts { f := base(Province); f.Sites = 16; return f },
			want{Yellow, Review, []string{"control_list"}}},
		{"15 sites", func() Facts { f := base(Province); f.Sites = 15; return f },
			want{None, Maintain, nil}},
		{"on the list, 3 sites", func() Facts { f := base(City); f.ControlList, f.Sites = true, 3; return f },
			want{Yellow, Review, []string{"control_list"}}},
		// the site cap counts the province's schools: judged at the
		// province's scope only
		{"a city's row, 40 sites in the province", func() Facts { f := base(City); f.Sites = 40; return f },
			want{None, Maintain, nil}},
		// not at school scope: the province and city rows carry it
		{"school of a controlled program", func() Facts { f := base(School); f.ControlList, f.Sites = true, 40; return f },
			want{None, Maintain, nil}},
		// a controlled program is never published green, even in shortage
		// (ratio 0.5, score 0.9); the shortage reason stays listed
		{"controlled shortage", func() Facts {
			f := base(City)
			f.ControlList, f.FeedsShortage, f.Ratio, f.Score = true, true, 0.5, 0.9
			return f
		}, want{Yellow, Review, []string{"control_list", "shortage_industry"}}},
	}
	p, err := Lookup("ministry")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		v := p.Evaluate(c.f())
		if v.Signal != c.want.signal || v.Recommendation != c.want.rec || !slices.Equal(v.Reasons, c.want.reasons) {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, v.Signal, v.Recommendation, v.Reasons, c.want.signal, c.want.rec, c.want.reasons)
		}
	}
}

// TestQualityRulesEveryPreset: every built-in preset has the two rules
// once, with the same definition.
func TestQualityRulesEveryPreset(t *testing.T) {
	for _, p := range Presets() {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
		for _, code := range []string{"no_intake_3_years", "control_list"} {
			var got []Rule
			for _, r := range p.Rules {
				if r.Code == code {
					got = append(got, r)
				}
			}
			if len(got) != 1 {
				t.Errorf("%s: %d rules %s, want 1", p.Name, len(got), code)
				continue
			}
			r := got[0]
			switch code {
			case "no_intake_3_years":
				if r.Kind != NoIntake || r.Years != 3 || r.Signal != Red || len(r.Scopes) != 0 {
					t.Errorf("%s: %+v", p.Name, r)
				}
			case "control_list":
				if r.Kind != ControlList || r.Threshold != 15 || r.Signal != Yellow || !slices.Equal(r.Scopes, []Scope{Province, City}) {
					t.Errorf("%s: %+v", p.Name, r)
				}
			}
		}
	}
}

// TestSiteCapConfigured: rules.thresholds.control_list moves the cap; 0
// leaves the list alone.
func TestSiteCapConfigured(t *testing.T) {
	nan := math.NaN()
	f := func(sites int, listed bool) Facts {
		return Facts{Scope: Province, Ratio: nan, DemandGrowth: nan, Score: nan, Sites: sites, ControlList: listed}
	}
	for _, c := range []struct {
		cap    float64
		facts  Facts
		signal Signal
	}{
		{20, f(18, false), None},   // 18 ≤ 20
		{20, f(21, false), Yellow}, // 21 > 20
		{0, f(100, false), None},   // no cap
		{0, f(1, true), Yellow},    // the list
	} {
		p, _, err := Configure("ministry", match.Thresholds{}, map[string]float64{"control_list": c.cap}, 0.3)
		if err != nil {
			t.Fatal(err)
		}
		if v := p.Evaluate(c.facts); v.Signal != c.signal {
			t.Errorf("cap %v, %d sites, listed %v: %q, want %q", c.cap, c.facts.Sites, c.facts.ControlList, v.Signal, c.signal)
		}
	}
	for _, c := range []struct{ lang, want string }{
		{"zh", "列入省级调控专业名单或全省开设学校超过15所"},
		{"en", "on the province's control list or offered at more than 15 schools in the province"},
	} {
		if got := ReasonText("control_list", c.lang); got != c.want {
			t.Errorf("ReasonText(control_list, %s) = %q, want %q", c.lang, got, c.want)
		}
	}
	if got, want := ReasonText("no_intake_3_years", "en"), "no intake for three years running"; got != want {
		t.Errorf("ReasonText(no_intake_3_years, en) = %q, want %q", got, want)
	}
}
