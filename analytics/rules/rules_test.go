package rules

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vocmap/vocmap/analytics/match"
)

var nan = math.NaN()

// row returns facts at scope s with the unknowns NaN, as callers should
// pass them.
func row(s Scope) Facts {
	return Facts{Scope: s, Ratio: nan, DemandGrowth: nan, Score: nan}
}

func TestSignal(t *testing.T) {
	cases := []struct {
		s        Signal
		text     string
		severity int
		rec      string
		zh, en   string
	}{
		{None, "none", 0, "", "无(维持)", "none (maintain)"},
		{Green, "green", 1, "expand", "绿色(扩大)", "green (expand)"},
		{Yellow, "yellow", 2, "reduce", "黄色(缩减)", "yellow (reduce)"},
		{Red, "red", 3, "close", "红色(撤销或停招)", "red (close or stop intake)"},
	}
	for _, c := range cases {
		if got := c.s.Severity(); got != c.severity {
			t.Errorf("%q.Severity() = %d, want %d", c.s, got, c.severity)
		}
		if got := c.s.Recommendation(); got != c.rec {
			t.Errorf("%q.Recommendation() = %q, want %q", c.s, got, c.rec)
		}
		if got, err := ParseSignal(c.text); err != nil || got != c.s {
			t.Errorf("ParseSignal(%q) = %q, %v; want %q", c.text, got, err, c.s)
		}
		if got := SignalText(c.s, "zh"); got != c.zh {
			t.Errorf("SignalText(%q, zh) = %q, want %q", c.s, got, c.zh)
		}
		if got := SignalText(c.s, ""); got != c.zh {
			t.Errorf("SignalText(%q, \"\") = %q, want the Chinese %q", c.s, got, c.zh)
		}
		if got := SignalText(c.s, "en"); got != c.en {
			t.Errorf("SignalText(%q, en) = %q, want %q", c.s, got, c.en)
		}
	}
	if got, err := ParseSignal(""); err != nil || got != None {
		t.Errorf("ParseSignal(\"\") = %q, %v; want None", got, err)
	}
	for _, s := range []string{"Red", "amber", " red", "0"} {
		if _, err := ParseSignal(s); err == nil || !strings.HasPrefix(err.Error(), "rules: ") {
			t.Errorf("ParseSignal(%q) error = %v, want a rules: error", s, err)
		}
	}
	if got := Signal("purple").Severity(); got != 0 {
		t.Errorf("unknown signal severity %d, want 0", got)
	}
}

// TestRuleBoundaries checks each kind at its threshold, through a preset
// of that one rule. The boundaries are those of the Kind documentation:
// strict "<" for placement, growth, shortage and score, ">=" for the
// ratio, ">" for sites.
func TestRuleBoundaries(t *testing.T) {
	below60 := Rule{Code: "r", Kind: PlacementBelow, Threshold: 0.60, Years: 2}
	below30 := Rule{Code: "r", Kind: PlacementBelow, Threshold: 0.30, Years: 1}
	ratio := Rule{Code: "r", Kind: SupplyExceedsDemand, Threshold: 1.5}
	decl := Rule{Code: "r", Kind: DemandDeclining, Threshold: -0.01}
	short := Rule{Code: "r", Kind: ShortageIndustry, Threshold: 0.9}
	none3 := Rule{Code: "r", Kind: NoIntake, Years: 3}
	sites := Rule{Code: "r", Kind: TooManySites, Threshold: 15}
	ctrl := Rule{Code: "r", Kind: ControlList}
	enc := Rule{Code: "r", Kind: EncouragedList}
	low := Rule{Code: "r", Kind: LowScore, Threshold: 0.3}
	schoolOnly := below60
	schoolOnly.Scopes = []Scope{School}

	cases := []struct {
		name string
		rule Rule
		set  func(*Facts)
		want bool
	}{
		{"placement both below", below60, func(f *Facts) { f.Placement = []float64{0.55, 0.58} }, true},
		{"placement just below", below60, func(f *Facts) { f.Placement = []float64{0.5999, 0.59} }, true},
		{"placement exactly 0.60 latest", below60, func(f *Facts) { f.Placement = []float64{0.55, 0.60} }, false},
		{"placement exactly 0.60 older", below60, func(f *Facts) { f.Placement = []float64{0.60, 0.55} }, false},
		{"placement NaN latest", below60, func(f *Facts) { f.Placement = []float64{0.55, nan} }, false},
		{"placement NaN older", below60, func(f *Facts) { f.Placement = []float64{nan, 0.55} }, false},
		{"placement one year only", below60, func(f *Facts) { f.Placement = []float64{0.55} }, false},
		{"placement none", below60, func(f *Facts) {}, false},
		{"placement last two of three", below60, func(f *Facts) { f.Placement = []float64{0.9, 0.55, 0.58} }, true},
		{"placement not skipping a NaN", below60, func(f *Facts) { f.Placement = []float64{0.5, 0.55, nan} }, false},
		{"placement older two of three", below60, func(f *Facts) { f.Placement = []float64{0.55, 0.58, 0.9} }, false},
		{"placement 1 year at 0.30", below30, func(f *Facts) { f.Placement = []float64{0.1, 0.30} }, false},
		{"placement 1 year below 0.30", below30, func(f *Facts) { f.Placement = []float64{0.9, 0.29} }, true},
		{"placement scope applies", schoolOnly, func(f *Facts) { f.Placement = []float64{0.5, 0.5} }, true},
		{"placement scope does not apply", schoolOnly, func(f *Facts) { f.Scope = City; f.Placement = []float64{0.5, 0.5} }, false},

		{"ratio exactly 1.5", ratio, func(f *Facts) { f.Ratio = 1.5 }, true},
		{"ratio just below 1.5", ratio, func(f *Facts) { f.Ratio = 1.4999 }, false},
		{"ratio +Inf", ratio, func(f *Facts) { f.Ratio = math.Inf(1) }, true},
		{"ratio NaN", ratio, func(f *Facts) {}, false},

		{"growth exactly -0.01", decl, func(f *Facts) { f.DemandGrowth = -0.01 }, false},
		{"growth -0.0101", decl, func(f *Facts) { f.DemandGrowth = -0.0101 }, true},
		{"growth 0", decl, func(f *Facts) { f.DemandGrowth = 0 }, false},
		{"growth NaN", decl, func(f *Facts) {}, false},

		{"shortage ratio 0.89", short, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.89 }, true},
		{"shortage ratio exactly 0.9", short, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.9 }, false},
		{"shortage ratio NaN", short, func(f *Facts) { f.FeedsShortage = true }, true},
		{"shortage ratio +Inf", short, func(f *Facts) { f.FeedsShortage = true; f.Ratio = math.Inf(1) }, false},
		{"shortage not feeding", short, func(f *Facts) { f.Ratio = 0.5 }, false},

		{"no intake 3 zeros", none3, func(f *Facts) { f.Intake = []float64{0, 0, 0} }, true},
		{"no intake after intake", none3, func(f *Facts) { f.Intake = []float64{40, 0, 0, 0} }, true},
		{"no intake zeros and NaN", none3, func(f *Facts) { f.Intake = []float64{0, nan, 0} }, true},
		{"no intake all NaN", none3, func(f *Facts) { f.Intake = []float64{nan, nan, nan} }, true},
		{"no intake too short", none3, func(f *Facts) { f.Intake = []float64{0, 0} }, false},
		{"no intake one year with intake", none3, func(f *Facts) { f.Intake = []float64{0, 1, 0} }, false},
		{"no intake latest with intake", none3, func(f *Facts) { f.Intake = []float64{0, 0, 0, 3} }, false},

		{"sites exactly 15", sites, func(f *Facts) { f.Sites = 15 }, false},
		{"sites 16", sites, func(f *Facts) { f.Sites = 16 }, true},

		{"control list", ctrl, func(f *Facts) { f.ControlList = true }, true},
		{"not on control list", ctrl, func(f *Facts) { f.EncouragedList = true }, false},
		{"encouraged list", enc, func(f *Facts) { f.EncouragedList = true }, true},
		{"not on encouraged list", enc, func(f *Facts) { f.ControlList = true }, false},

		{"score exactly 0.3", low, func(f *Facts) { f.Score = 0.3 }, false},
		{"score 0.2999", low, func(f *Facts) { f.Score = 0.2999 }, true},
		{"score NaN", low, func(f *Facts) {}, false},

		{"unknown kind", Rule{Code: "r", Kind: "nonsense"}, func(f *Facts) { f.Ratio = 9 }, false},
	}
	for _, c := range cases {
		r := c.rule
		r.Signal = Yellow
		p := Preset{Name: "one", Rules: []Rule{r}}
		f := row(School)
		c.set(&f)
		v := p.Evaluate(f)
		got := v.Signal == Yellow && reflect.DeepEqual(v.Reasons, []string{"r"})
		if got != c.want || (!c.want && (v.Signal != None || len(v.Reasons) != 0)) {
			t.Errorf("%s: verdict %+v, want fired = %v", c.name, v, c.want)
		}
	}
}

// TestPresets checks the built-in presets on planted cases whose expected
// signals follow from POLICY.md's rules by hand.
func TestPresets(t *testing.T) {
	type want struct {
		signal  Signal
		reasons []string
	}
	cases := []struct {
		name   string
		preset string
		scope  Scope
		set    func(*Facts)
		want   want
	}{
		{"ministry two years below 60", "ministry", School, func(f *Facts) { f.Placement = []float64{0.55, 0.58} },
			want{Red, []string{"placement_below_60_two_years"}}},
		{"ministry only latest below", "ministry", School, func(f *Facts) { f.Placement = []float64{0.62, 0.55} },
			want{None, nil}},
		{"ministry province scope", "ministry", Province, func(f *Facts) { f.Placement = []float64{0.55, 0.58} },
			want{None, nil}},
		{"ministry city scope", "ministry", City, func(f *Facts) { f.Placement = []float64{0.55, 0.58} },
			want{None, nil}},

		{"anhui two years are not enough", "anhui", School, func(f *Facts) { f.Placement = []float64{0.55, 0.58} },
			want{None, nil}},
		{"anhui three years", "anhui", School, func(f *Facts) { f.Placement = []float64{0.5, 0.55, 0.58} },
			want{Red, []string{"placement_below_60_three_years"}}},
		{"anhui third year above", "anhui", School, func(f *Facts) { f.Placement = []float64{0.7, 0.55, 0.58} },
			want{None, nil}},

		{"tianjin below 30", "tianjin", School, func(f *Facts) { f.Placement = []float64{0.25} },
			want{Red, []string{"placement_below_30", "placement_below_40", "placement_below_60"}}},
		{"tianjin below 40 two years", "tianjin", School, func(f *Facts) { f.Placement = []float64{0.35, 0.38} },
			want{Red, []string{"placement_below_40_two_years", "placement_below_40", "placement_below_60"}}},
		{"tianjin below 40 once", "tianjin", School, func(f *Facts) { f.Placement = []float64{0.7, 0.38} },
			want{Yellow, []string{"placement_below_40", "placement_below_60"}}},
		{"tianjin below 60", "tianjin", School, func(f *Facts) { f.Placement = []float64{0.7, 0.55} },
			want{Yellow, []string{"placement_below_60"}}},
		{"tianjin exactly 60", "tianjin", School, func(f *Facts) { f.Placement = []float64{0.1, 0.60} },
			want{None, nil}},

		{"escalation", "ministry", Province, func(f *Facts) { f.Ratio = 2; f.DemandGrowth = -0.05 },
			want{Red, []string{"supply_exceeds_demand", "demand_declining"}}},
		{"oversupply alone", "ministry", Province, func(f *Facts) { f.Ratio = 2 },
			want{Yellow, []string{"supply_exceeds_demand"}}},
		{"oversupply with mild decline", "ministry", Province, func(f *Facts) { f.Ratio = 2; f.DemandGrowth = -0.005 },
			want{Yellow, []string{"supply_exceeds_demand"}}},
		{"declining alone", "anhui", City, func(f *Facts) { f.Ratio = 1; f.DemandGrowth = -0.05 },
			want{Yellow, []string{"demand_declining"}}},

		{"green", "ministry", Province, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.5; f.Score = 0.8 },
			want{Green, []string{"shortage_industry"}}},
		{"green at GreenMinScore", "ministry", Province, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.5; f.Score = 0.3 },
			want{Green, []string{"shortage_industry"}}},
		{"green with unknown score", "ministry", Province, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.5 },
			want{Green, []string{"shortage_industry"}}},
		{"green withheld by low score", "ministry", Province, func(f *Facts) { f.FeedsShortage = true; f.Ratio = 0.5; f.Score = 0.29 },
			want{None, []string{"shortage_industry"}}},
		{"red beats green", "ministry", School, func(f *Facts) {
			f.Placement = []float64{0.5, 0.5}
			f.FeedsShortage = true
			f.Ratio = 0.5
			f.Score = 0.9
		}, want{Red, []string{"placement_below_60_two_years", "shortage_industry"}}},

		{"shanxi everything, ordered", "shanxi_2025", School, func(f *Facts) {
			f.Placement = []float64{0.5, 0.5}
			f.Sites = 20
			f.ControlList = true
			f.EncouragedList = true
			f.FeedsShortage = true
			f.Ratio = 0.5
			f.Intake = []float64{0, 0, 0}
			f.Score = 0.9
		}, want{Red, []string{"placement_below_60_two_years", "no_intake_3_years", "too_many_sites", "encouraged_list", "shortage_industry"}}}, // control_list: not at school scope
		{"shanxi yellow with green", "shanxi_2025", City, func(f *Facts) { f.ControlList = true; f.EncouragedList = true },
			want{Yellow, []string{"control_list", "encouraged_list"}}},
		{"shanxi encouraged", "shanxi_2025", Province, func(f *Facts) { f.EncouragedList = true; f.Score = 0.5 },
			want{Green, []string{"encouraged_list"}}},
		{"shanxi 16 sites", "shanxi_2025", Province, func(f *Facts) { f.Sites = 16 },
			want{Yellow, []string{"too_many_sites", "control_list"}}}, // the site cap: every preset (quality.go)
		{"shanxi 15 sites", "shanxi_2025", Province, func(f *Facts) { f.Sites = 15 },
			want{None, nil}},
		{"shanxi no intake at city scope", "shanxi_2025", City, func(f *Facts) { f.Intake = []float64{0, 0, 0} },
			want{Red, []string{"no_intake_3_years"}}}, // every scope (quality.go)
		{"shanxi no intake at school", "shanxi_2025", School, func(f *Facts) { f.Intake = []float64{12, 0, 0, 0} },
			want{Red, []string{"no_intake_3_years"}}},
	}
	for _, c := range cases {
		p, err := Lookup(c.preset)
		if err != nil {
			t.Fatal(err)
		}
		f := row(c.scope)
		c.set(&f)
		v := p.Evaluate(f)
		if v.Signal != c.want.signal || !slices.Equal(v.Reasons, c.want.reasons) {
			t.Errorf("%s: got %q %q, want %q %q", c.name, v.Signal, v.Reasons, c.want.signal, c.want.reasons)
		}
		all := p.EvaluateAll([]Facts{f})
		if !reflect.DeepEqual(all, []Verdict{v}) {
			t.Errorf("%s: EvaluateAll = %+v, Evaluate = %+v", c.name, all, v)
		}
	}
}

// peer returns a school row of the given Peer with placement rates
// older, latest.
func peer(group string, older, latest float64) Facts {
	f := row(School)
	f.Peer = group
	f.Placement = []float64{older, latest}
	return f
}

// rising returns n rows of group with both placement rates 0.5 + 0.02·i,
// so that row i is the i-th lowest in both years.
func rising(group string, n int) []Facts {
	fs := make([]Facts, n)
	for i := range fs {
		x := 0.5 + 0.02*float64(i)
		fs[i] = peer(group, x, x)
	}
	return fs
}

// TestPlacementBottom checks bottom_10 among peers, and variants of its
// rule. With n ranked rows the bottom share is ceil(0.1·n) rows (2 of 20,
// 3 of 30, 1 of 10), plus the rows tied with the last of them; the
// expected rows are counted by hand.
func TestPlacementBottom(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Rule) // changes to the bottom_10 rule, or nil
		rows func() []Facts
		red  []int
	}{
		{"two lowest in both years", nil, func() []Facts { return rising("A", 20) }, []int{0, 1}},
		{"lowest in one year only", nil, func() []Facts {
			fs := rising("A", 20)
			fs[10].Placement[1] = 0.1 // lowest in the latest year, middling before
			return fs                 // latest bottom: 10, 0; older bottom: 0, 1
		}, []int{0}},
		{"ties at the cut-off are in", nil, func() []Facts {
			fs := rising("A", 20)
			fs[2] = peer("A", 0.52, 0.52) // tied with row 1
			return fs
		}, []int{0, 1, 2}},
		{"rows without a rate do not count", nil, func() []Facts {
			fs := rising("A", 20) // 21 rows would give ceil(2.1) = 3
			return append(fs, peer("A", nan, nan))
		}, []int{0, 1}},
		{"a missing year is not the bottom", nil, func() []Facts {
			fs := rising("A", 20)
			fs[0].Placement = []float64{0.1} // latest only, aligned at the end
			return fs                        // older bottom: 1, 2; latest bottom: 0, 1
		}, []int{1}},
		{"no row has the older year", nil, func() []Facts {
			fs := rising("A", 20)
			for i := range fs {
				fs[i].Placement = fs[i].Placement[1:]
			}
			return fs
		}, nil},
		{"series aligned at the latest year", nil, func() []Facts {
			fs := rising("A", 20)
			fs[0].Placement = []float64{0.99, 0.5, 0.5}
			return fs
		}, []int{0, 1}},
		{"3 of 30", nil, func() []Facts { return rising("A", 30) }, []int{0, 1, 2}},
		{"7 of 50 at 14%, not 8 from rounding", func(r *Rule) { r.Threshold = 0.14 },
			func() []Facts { return rising("A", 50) }, []int{0, 1, 2, 3, 4, 5, 6}},
		{"one year", func(r *Rule) { r.Years = 1 }, func() []Facts {
			fs := rising("A", 20)
			fs[10].Placement[1] = 0.1
			return fs
		}, []int{0, 10}},
		{"peer groups ranked separately", nil, func() []Facts {
			fs := rising("A", 20)
			for i := range 10 { // all above group A; 1 of 10 is the bottom
				x := 0.9 + 0.005*float64(i)
				fs = append(fs, peer("B", x, x))
			}
			return fs
		}, []int{0, 1, 20}},
		{"scopes ranked separately, rule at all scopes", func(r *Rule) { r.Scopes = nil }, func() []Facts {
			fs := rising("A", 20)
			for i := range 10 { // low, but ranked among cities
				x := 0.01 + 0.01*float64(i)
				f := peer("A", x, x)
				f.Scope = City
				fs = append(fs, f)
			}
			return fs
		}, []int{0, 1, 20}},
		{"scopes ranked separately, rule at school only", nil, func() []Facts {
			fs := rising("A", 20)
			for range 5 {
				f := peer("A", 0.01, 0.01)
				f.Scope = City
				fs = append(fs, f)
			}
			return fs
		}, []int{0, 1}},
	}
	code := []string{"placement_bottom_10_two_years"}
	rng := rand.New(rand.NewPCG(2025, 68))
	for _, c := range cases {
		p := bottom10(match.DefaultThresholds())
		if c.edit != nil {
			c.edit(&p.Rules[0])
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		fs := c.rows()
		vs := p.EvaluateAll(fs)
		if len(vs) != len(fs) {
			t.Fatalf("%s: %d verdicts for %d rows", c.name, len(vs), len(fs))
		}
		var red []int
		for i, v := range vs {
			switch {
			case v.Signal == Red && slices.Equal(v.Reasons, code):
				red = append(red, i)
			case v.Signal != None || len(v.Reasons) != 0:
				t.Errorf("%s: row %d: unexpected verdict %+v", c.name, i, v)
			}
			if single := p.Evaluate(fs[i]); single.Signal != None {
				t.Errorf("%s: row %d: Evaluate without peers gave %+v", c.name, i, single)
			}
		}
		if !slices.Equal(red, c.red) {
			t.Errorf("%s: red rows %v, want %v", c.name, red, c.red)
		}
		for range 20 {
			perm := rng.Perm(len(fs))
			shuffled := make([]Facts, len(fs))
			for j, i := range perm {
				shuffled[j] = fs[i]
			}
			for j, v := range p.EvaluateAll(shuffled) {
				if !reflect.DeepEqual(v, vs[perm[j]]) {
					t.Fatalf("%s: shuffled row %d (was %d): %+v, unshuffled %+v", c.name, j, perm[j], v, vs[perm[j]])
				}
			}
		}
	}
}

func TestBottomCount(t *testing.T) {
	cases := []struct {
		t    float64
		n, m int
	}{
		{0.1, 0, 0}, {0.1, 1, 1}, {0.1, 9, 1}, {0.1, 10, 1}, {0.1, 11, 2},
		{0.1, 20, 2}, {0.1, 30, 3}, {0.1, 70, 7}, {0.3, 10, 3}, {0.7, 10, 7},
		{1, 5, 5}, {2, 5, 5}, {0, 5, 0}, {nan, 5, 0},
		// Products that floating point puts just above an integer:
		// 0.14·50 = 7.000000000000001, 0.07·100 = 7.000000000000001,
		// 0.28·25 = 7.000000000000001 (checked in python3).
		{0.14, 50, 7}, {0.07, 100, 7}, {0.28, 25, 7},
	}
	for _, c := range cases {
		if got := bottomCount(c.t, c.n); got != c.m {
			t.Errorf("bottomCount(%v, %d) = %d, want %d", c.t, c.n, got, c.m)
		}
	}
}

func TestPresetsList(t *testing.T) {
	var names []string
	for _, p := range Presets() {
		names = append(names, p.Name)
		if err := p.Validate(); err != nil {
			t.Errorf("built-in preset %s: %v", p.Name, err)
		}
		q, err := Lookup(p.Name)
		if err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("Lookup(%q) = %+v, %v", p.Name, q, err)
		}
		if p.GreenMinScore != 0.3 {
			t.Errorf("%s: GreenMinScore %v, want 0.3", p.Name, p.GreenMinScore)
		}
		n := len(p.Rules)
		if n < 6 || p.Rules[n-5].Code != "supply_exceeds_demand" || p.Rules[n-4].Code != "demand_declining" || p.Rules[n-3].Code != "shortage_industry" ||
			p.Rules[n-2].Code != PriorityTrendBelowTarget || p.Rules[n-1].Code != "no_demand" {
			t.Errorf("%s: the common rules are not last: %+v", p.Name, p.Rules)
		}
	}
	want := []string{"ministry", "shanxi_2025", "tianjin", "anhui", "bottom_10"}
	if !slices.Equal(names, want) {
		t.Errorf("Presets() names %v, want %v", names, want)
	}
	_, err := Lookup("fujian")
	if err == nil || !strings.HasPrefix(err.Error(), "rules: ") {
		t.Fatalf("Lookup(fujian) error = %v", err)
	}
	for _, n := range want {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("Lookup error %q does not list %s", err, n)
		}
	}
	// Fresh copies: changing one does not change the next.
	p := Presets()[0]
	p.Rules[0].Threshold = 0.5
	p.Rules[0].Scopes[0] = City
	if q, _ := Lookup("ministry"); q.Rules[0].Threshold != 0.60 || q.Rules[0].Scopes[0] != School {
		t.Errorf("changing a preset changed the built-in one: %+v", q.Rules[0])
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Preset)
		want string
	}{
		{"empty name", func(p *Preset) { p.Name = "" }, "empty name"},
		{"name not snake_case", func(p *Preset) { p.Name = "Shanxi 2025" }, "not snake_case"},
		{"empty code", func(p *Preset) { p.Rules[0].Code = "" }, "empty code"},
		{"code not snake_case", func(p *Preset) { p.Rules[0].Code = "Placement-60" }, "not snake_case"},
		{"duplicate code", func(p *Preset) { p.Rules[1].Code = p.Rules[0].Code }, "duplicate code"},
		{"reserved code", func(p *Preset) { p.Rules[0].Code = "override" }, "reserved"},
		{"unknown kind", func(p *Preset) { p.Rules[0].Kind = "placement_above" }, "unknown kind"},
		{"no signal", func(p *Preset) { p.Rules[0].Signal = None }, "must be green, yellow or red"},
		{"unknown signal", func(p *Preset) { p.Rules[0].Signal = "amber" }, "must be green, yellow or red"},
		{"NaN threshold", func(p *Preset) { p.Rules[0].Threshold = nan }, "finite"},
		{"Inf threshold", func(p *Preset) { p.Rules[1].Threshold = math.Inf(1) }, "finite"},
		{"NaN threshold of a list rule", func(p *Preset) { p.Rules[0] = Rule{Code: "c", Kind: ControlList, Signal: Yellow, Threshold: nan} }, "finite"},
		{"percentage for a rate", func(p *Preset) { p.Rules[0].Threshold = 60 }, "fraction, not a percentage"},
		{"zero bottom share", func(p *Preset) {
			p.Rules[0] = Rule{Code: "b", Kind: PlacementBottom, Years: 2, Signal: Red}
		}, "must be in (0,1]"},
		{"negative ratio", func(p *Preset) { p.Rules[3].Threshold = -1 }, "positive"},        // supply_exceeds_demand
		{"percentage for growth", func(p *Preset) { p.Rules[4].Threshold = -1 }, "(-1,1)"},   // demand_declining
		{"negative site cap", func(p *Preset) { p.Rules[2].Threshold = -1 }, "non-negative"}, // control_list
		{"negative sites", func(p *Preset) { p.Rules[0] = Rule{Code: "s", Kind: TooManySites, Threshold: -1, Signal: Yellow} }, "non-negative"},
		{"years 0", func(p *Preset) { p.Rules[0].Years = 0 }, "years = 0"},
		{"years 11", func(p *Preset) { p.Rules[0].Years = 11 }, "years = 11"},
		{"no intake without years", func(p *Preset) { p.Rules[0] = Rule{Code: "n", Kind: NoIntake, Signal: Red} }, "years = 0"},
		{"unknown scope", func(p *Preset) { p.Rules[0].Scopes = []Scope{"county"} }, "unknown scope"},
		{"escalation unknown code", func(p *Preset) { p.Escalations[0].Codes[1] = "demand_falling" }, "not a rule"},
		{"escalation no codes", func(p *Preset) { p.Escalations[0].Codes = nil }, "no codes"},
		{"escalation to green", func(p *Preset) { p.Escalations[0].Signal = Green }, "yellow or red"},
		{"escalation to none", func(p *Preset) { p.Escalations[0].Signal = None }, "yellow or red"},
		{"green score above 1", func(p *Preset) { p.GreenMinScore = 1.5 }, "green_min_score"},
		{"green score negative", func(p *Preset) { p.GreenMinScore = -0.1 }, "green_min_score"},
		{"green score NaN", func(p *Preset) { p.GreenMinScore = nan }, "green_min_score"},
	}
	for _, c := range cases {
		p := ministry(match.DefaultThresholds())
		c.edit(&p)
		err := p.Validate()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "rules: preset "+p.Name+": ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q, want one starting %q and containing %q", c.name, err, "rules: preset "+p.Name+": ", c.want)
		}
	}
	// Every problem is reported, not only the first.
	p := ministry(match.DefaultThresholds())
	p.Rules[0].Years = 0
	p.GreenMinScore = 2
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), "years = 0") || !strings.Contains(err.Error(), "green_min_score") {
		t.Errorf("two problems: error %v, want both", err)
	}
	// A changed but sensible threshold is fine.
	p = ministry(match.DefaultThresholds())
	p.Rules[0].Threshold = 0.55
	if err := p.Validate(); err != nil {
		t.Errorf("threshold 0.55: %v", err)
	}
}

func TestReasonText(t *testing.T) {
	for _, p := range Presets() {
		for _, r := range p.Rules {
			zh, en := ReasonText(r.Code, "zh"), ReasonText(r.Code, "en")
			if zh == r.Code || en == r.Code || zh == en || zh == "" || en == "" {
				t.Errorf("%s: ReasonText zh %q, en %q", r.Code, zh, en)
			}
			if !strings.ContainsFunc(zh, func(c rune) bool { return c >= 0x4e00 && c <= 0x9fff }) {
				t.Errorf("%s: Chinese text %q has no Chinese", r.Code, zh)
			}
			if got := p.ReasonText(r.Code, "zh"); got != zh {
				t.Errorf("%s: %s.ReasonText = %q, package ReasonText %q", r.Code, p.Name, got, zh)
			}
			if got := p.ReasonText(r.Code, "en"); got != en {
				t.Errorf("%s: %s.ReasonText(en) = %q, package ReasonText %q", r.Code, p.Name, got, en)
			}
		}
	}
	cases := []struct{ code, lang, want string }{
		{"placement_below_60_two_years", "zh", "近两届毕业去向落实率均低于60%"},
		{"placement_below_60_two_years", "", "近两届毕业去向落实率均低于60%"},
		{"placement_below_60_two_years", "en", "placement rate below 60% in each of the last two graduating classes"},
		{"placement_below_60_three_years", "zh", "近三届毕业去向落实率均低于60%"},
		{"placement_below_30", "zh", "最近一届毕业去向落实率低于30%"},
		{"placement_bottom_10_two_years", "zh", "近两届毕业去向落实率均处于同类专业末位10%"},
		{"supply_exceeds_demand", "zh", "预测供给超过需求(供需比≥1.5)"},
		{"supply_exceeds_demand", "en", "forecast supply exceeds demand (supply–demand ratio ≥ 1.5)"},
		{"demand_declining", "zh", "对口行业预测用人需求年均下降超过1%"},
		{"shortage_industry", "zh", "对接紧缺或战略性新兴产业，预测供给不足(供需比<0.9)"},
		{"no_intake_3_years", "zh", "连续三年未招生"},
		{"too_many_sites", "zh", "全省开设学校超过15所"},
		{"too_many_sites", "en", "offered at more than 15 schools in the province"},
		{"override", "zh", "规划部门决定"},
		{"override", "en", "planners' decision"},
		{"no_such_code", "zh", "no_such_code"},
		{"no_such_code", "en", "no_such_code"},
	}
	for _, c := range cases {
		if got := ReasonText(c.code, c.lang); got != c.want {
			t.Errorf("ReasonText(%q, %q) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
	if got, want := ReasonsText([]string{"placement_below_60_two_years", "override"}, "zh"), "近两届毕业去向落实率均低于60%；规划部门决定"; got != want {
		t.Errorf("ReasonsText zh = %q, want %q", got, want)
	}
	if got, want := ReasonsText([]string{"control_list", "override"}, "en"), "on the province's control list or offered at more than 15 schools in the province; planners' decision"; got != want {
		t.Errorf("ReasonsText en = %q, want %q", got, want)
	}
	if got := ReasonsText(nil, "zh"); got != "" {
		t.Errorf("ReasonsText(nil) = %q", got)
	}
}

// TestPresetReasonText checks that texts carry the preset's thresholds.
func TestPresetReasonText(t *testing.T) {
	p := ministry(match.DefaultThresholds())
	p.Rules[0].Threshold = 0.55
	p.Rules[3].Threshold = 1.3    // supply_exceeds_demand (after no_intake_3_years, control_list: quality.go)
	p.Rules[4].Threshold = -0.025 // demand_declining
	cases := []struct{ code, lang, want string }{
		{"placement_below_60_two_years", "zh", "近两届毕业去向落实率均低于55%"},
		{"placement_below_60_two_years", "en", "placement rate below 55% in each of the last two graduating classes"},
		{"supply_exceeds_demand", "zh", "预测供给超过需求(供需比≥1.3)"},
		{"demand_declining", "en", "forecast employment in the program's industries falls by more than 2.5% a year"},
		{"too_many_sites", "zh", "全省开设学校超过15所"}, // not a ministry rule: the default text
		{"override", "zh", "规划部门决定"},
		{"other", "en", "other"},
	}
	for _, c := range cases {
		if got := p.ReasonText(c.code, c.lang); got != c.want {
			t.Errorf("ReasonText(%q, %q) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
	if got, want := p.Title("zh"), "教育部(去向落实率连续两年低于55%)"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	// A custom rule gets a text from its kind.
	p.Rules = append(p.Rules, Rule{Code: "no_intake_2", Kind: NoIntake, Years: 2, Signal: Red})
	if got, want := p.ReasonText("no_intake_2", "zh"), "连续两年未招生"; got != want {
		t.Errorf("custom rule text %q, want %q", got, want)
	}
}

func TestTitle(t *testing.T) {
	cases := []struct{ name, zh, en string }{
		{"ministry", "教育部(去向落实率连续两年低于60%)", "Ministry of Education (placement rate below 60% two years running)"},
		{"shanxi_2025", "山西2025", "Shanxi 2025"},
		{"tianjin", "天津", "Tianjin"},
		{"anhui", "安徽", "Anhui"},
		{"bottom_10", "末位10%", "Bottom 10%"},
	}
	for _, c := range cases {
		p, err := Lookup(c.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Title("zh"); got != c.zh {
			t.Errorf("%s Title(zh) = %q, want %q", c.name, got, c.zh)
		}
		if got := p.Title("en"); got != c.en {
			t.Errorf("%s Title(en) = %q, want %q", c.name, got, c.en)
		}
	}
	if got := (Preset{Name: "mine"}).Title("zh"); got != "mine" {
		t.Errorf("custom Title = %q", got)
	}
}

func TestNumberFormat(t *testing.T) {
	cases := []struct {
		x    float64
		want string
	}{
		{0.55 * 100, "55"}, {0.125 * 100, "12.5"}, {1.5, "1.5"}, {15, "15"}, {-0.0, "0"}, {0.1 + 0.2, "0.3"},
	}
	for _, c := range cases {
		if got := number(c.x); got != c.want {
			t.Errorf("number(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}

// TestConfigure: thresholds by code reach every preset that has the rule,
// the supply rules of every preset read the bands, and an unknown preset
// name, a threshold for a rule that reads the bands, and invalid bands
// are errors.
func TestConfigure(t *testing.T) {
	bands := match.Thresholds{Shortage: 0.5, Slight: 0.8, BalancedHigh: 1.1, SlightHigh: 1.3}
	p, all, err := Configure("tianjin", bands, map[string]float64{"placement_below_40": 0.45, "no_such_code": 3}, 0.4)
	if err != nil || p.Name != "tianjin" || len(all) != 5 {
		t.Fatalf("Configure: %v %q %d", err, p.Name, len(all))
	}
	for _, q := range all {
		if q.GreenMinScore != 0.4 {
			t.Errorf("%s: GreenMinScore %v", q.Name, q.GreenMinScore)
		}
		// The bands' 1.3 and 0.8, not the built-in 1.5 and 0.9.
		if r, ok := q.rule("supply_exceeds_demand"); !ok || r.Threshold != 1.3 {
			t.Errorf("%s: supply_exceeds_demand threshold %v, want 1.3", q.Name, r.Threshold)
		}
		if r, ok := q.rule("shortage_industry"); !ok || r.Threshold != 0.8 {
			t.Errorf("%s: shortage_industry threshold %v, want 0.8", q.Name, r.Threshold)
		}
	}
	if r, _ := p.rule("placement_below_40"); r.Threshold != 0.45 {
		t.Errorf("tianjin: placement_below_40 threshold %v, want 0.45", r.Threshold)
	}
	// A ratio of 1.4 is oversupply with these bands: the rule fires.
	if v := p.Evaluate(Facts{Scope: Province, Ratio: 1.4, DemandGrowth: 0, Score: 0.5}); !slices.Contains(v.Reasons, "supply_exceeds_demand") {
		t.Errorf("ratio 1.4 with oversupply from 1.3: reasons %v", v.Reasons)
	}
	// The zero bands are the defaults.
	_, all, err = Configure("ministry", match.Thresholds{}, nil, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := all[0].rule("supply_exceeds_demand"); r.Threshold != 1.5 {
		t.Errorf("default bands: supply_exceeds_demand threshold %v, want 1.5", r.Threshold)
	}
	if _, _, err := Configure("nope", bands, nil, 0.3); err == nil || !strings.Contains(err.Error(), "ministry") {
		t.Errorf("unknown preset: %v", err)
	}
	if _, _, err := Configure("ministry", bands, map[string]float64{"placement_below_60_two_years": 60}, 0.3); err == nil {
		t.Error("a percentage written as 60: want a validation error")
	}
	if _, _, err := Configure("ministry", bands, map[string]float64{"supply_exceeds_demand": 1.7}, 0.3); err == nil || !strings.Contains(err.Error(), "band") {
		t.Errorf("a threshold for supply_exceeds_demand: %v, want an error naming the bands", err)
	}
	if _, _, err := Configure("ministry", match.Thresholds{Shortage: 0.9, Slight: 0.6, BalancedHigh: 1.2, SlightHigh: 1.5}, nil, 0.3); err == nil {
		t.Error("bands out of order: want an error")
	}
}
