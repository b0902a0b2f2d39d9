package rules

import (
	"fmt"
	"strings"

	"github.com/vocmap/vocmap/analytics/match"
)

// The built-in presets, in the order of Presets. Each constructor returns
// a fresh Preset, so that a caller may change its thresholds without
// changing anyone else's. The sources are the items of POLICY.md,
// "Program-warning rules in force".

// ministry is the default preset: Ministry of Education (2011), a program
// whose employment rate is below 60% two years running has its intake cut,
// down to suspension; measured by the placement rate (毕业去向落实率) of
// the two latest graduation years since the 2021 graduating class.
func ministry(b match.Thresholds) Preset {
	return withCommon(b, Preset{
		Name:  "ministry",
		Rules: []Rule{placementBelow60TwoYears()},
	})
}

// placementBelow60TwoYears is the Ministry of Education rule (2011),
// shared by ministry and shanxi_2025.
func placementBelow60TwoYears() Rule {
	return Rule{Code: "placement_below_60_two_years", Kind: PlacementBelow, Threshold: 0.60, Years: 2, Signal: Red, Scopes: []Scope{School}}
}

// shanxi2025 is Shanxi's rule set for 2025 (晋教职成函〔2024〕68号): the
// Ministry rule; a program offered at more than 15 sites in the province
// may only shrink, at every scope; the encouraged list (green). Its rules
// that no row may contradict — a program with no intake for 3 years is
// revoked; the control list — every preset keeps (quality.go). The document's
// rules on schools (at most 5 new programs a year, no growth at 30 or more
// programs) and its stricter control above 10 sites concern a school's
// whole catalogue or need data the Facts do not carry, and are left to
// the planners.
func shanxi2025(b match.Thresholds) Preset {
	return withCommon(b, Preset{
		Name: "shanxi_2025",
		Rules: []Rule{
			placementBelow60TwoYears(),
			{Code: "too_many_sites", Kind: TooManySites, Threshold: 15, Signal: Yellow, Scopes: []Scope{Province, City, School}},
			{Code: "encouraged_list", Kind: EncouragedList, Signal: Green},
		},
	})
}

// tianjin is Tianjin's rule set (2009): below 60%, the next intake is at
// most the number employed (yellow); below 40%, enroll every other year
// (yellow); below 30%, or below 40% two years running, stop (red).
func tianjin(b match.Thresholds) Preset {
	return withCommon(b, Preset{
		Name: "tianjin",
		Rules: []Rule{
			{Code: "placement_below_30", Kind: PlacementBelow, Threshold: 0.30, Years: 1, Signal: Red, Scopes: []Scope{School}},
			{Code: "placement_below_40_two_years", Kind: PlacementBelow, Threshold: 0.40, Years: 2, Signal: Red, Scopes: []Scope{School}},
			{Code: "placement_below_40", Kind: PlacementBelow, Threshold: 0.40, Years: 1, Signal: Yellow, Scopes: []Scope{School}},
			{Code: "placement_below_60", Kind: PlacementBelow, Threshold: 0.60, Years: 1, Signal: Yellow, Scopes: []Scope{School}},
		},
	})
}

// anhui is Anhui's rule (2022–25): below 60% three years running, suspend.
func anhui(b match.Thresholds) Preset {
	return withCommon(b, Preset{
		Name: "anhui",
		Rules: []Rule{
			{Code: "placement_below_60_three_years", Kind: PlacementBelow, Threshold: 0.60, Years: 3, Signal: Red, Scopes: []Scope{School}},
		},
	})
}

// bottom10 is the rule of Fujian and Sichuan for higher vocational
// programs: the bottom 10% by placement rate two years running is cut or
// suspended.
func bottom10(b match.Thresholds) Preset {
	return withCommon(b, Preset{
		Name: "bottom_10",
		Rules: []Rule{
			{Code: "placement_bottom_10_two_years", Kind: PlacementBottom, Threshold: 0.10, Years: 2, Signal: Red, Scopes: []Scope{School}},
		},
	})
}

// withCommon appends the supply–demand rules every preset shares, after
// the preset's own rules, with their escalation and GreenMinScore 0.3. The
// supply rules read the band limits b (POLICY.md, "Supply/demand bands";
// match.DefaultThresholds: 1.50 and 0.90), so that a rule and the bands
// never disagree: supply_exceeds_demand fires from the oversupply band
// (b.SlightHigh) and shortage_industry below the balanced band (b.Slight).
// The -1% a year of declining demand stands for the policy's 职业岗位消失
// (jobs disappearing, item (八)), and the shortage rule for its call to
// add programs in shortage and ahead of strategic emerging industries
// (item (八)). no_demand (yellow, review) marks a row whose market has
// fewer than one opening over the horizon: graduates without openings
// would be oversupply, but a market without a single opening for the
// program more often means that the industry map leaves the industry out
// of the city, so a planner judges it rather than a rule cutting it.
func withCommon(b match.Thresholds, p Preset) Preset {
	p.Rules = append(p.Rules, qualityRules()...) // quality.go: no_intake_3_years, control_list
	p.Rules = append(p.Rules,
		Rule{Code: "supply_exceeds_demand", Kind: SupplyExceedsDemand, Threshold: b.SlightHigh, Signal: Yellow},
		Rule{Code: "demand_declining", Kind: DemandDeclining, Threshold: -0.01, Signal: Yellow},
		Rule{Code: "shortage_industry", Kind: ShortageIndustry, Threshold: b.Slight, Signal: Green},
		priorityRule(), // priority.go: a priority industry's trend below the plan's target holds the demand rules
		Rule{Code: "no_demand", Kind: NoDemand, Signal: Yellow, Recommendation: Review},
	)
	p.Escalations = append(p.Escalations, Escalation{Codes: []string{"supply_exceeds_demand", "demand_declining"}, Signal: Red})
	p.GreenMinScore = 0.3
	p.ReviewBelow = b.Slight
	return p
}

// Presets returns fresh copies of the built-in presets with the default
// bands (match.DefaultThresholds), in this order: ministry (the default),
// shanxi_2025, tianjin, anhui, bottom_10.
func Presets() []Preset {
	return presets(match.DefaultThresholds())
}

// presets returns the built-in presets whose supply rules read the bands b.
func presets(b match.Thresholds) []Preset {
	return []Preset{ministry(b), shanxi2025(b), tianjin(b), anhui(b), bottom10(b)}
}

// bandKind reports whether rules of kind k take their threshold from the
// bands, and which limit they take.
func bandKind(k Kind) (limit string, ok bool) {
	switch k {
	case SupplyExceedsDemand:
		return "slight_high", true
	case ShortageIndustry:
		return "slight", true
	}
	return "", false
}

// Lookup returns a fresh copy of the built-in preset called name; an
// unknown name is an error that lists the known names.
func Lookup(name string) (Preset, error) {
	ps := Presets()
	names := make([]string, len(ps))
	for i, p := range ps {
		if p.Name == name {
			return p, nil
		}
		names[i] = p.Name
	}
	return Preset{}, fmt.Errorf("rules: unknown preset %q (known: %s)", name, strings.Join(names, ", "))
}

// Title returns the preset's name for reports, in Chinese ("zh", the
// default) or English ("en"), e.g. "教育部(去向落实率连续两年低于60%)" or
// "山西2025". The percentages in the titles of ministry and bottom_10
// come from their rules' thresholds. A preset that is not built in is
// titled by its Name.
func (p Preset) Title(lang string) string {
	en := isEnglish(lang)
	switch p.Name {
	case "ministry":
		pct := "60"
		if r, ok := p.rule("placement_below_60_two_years"); ok {
			pct = percent(r.Threshold)
		}
		return pick(en, "教育部(去向落实率连续两年低于"+pct+"%)",
			"Ministry of Education (placement rate below "+pct+"% two years running)")
	case "shanxi_2025":
		return pick(en, "山西2025", "Shanxi 2025")
	case "tianjin":
		return pick(en, "天津", "Tianjin")
	case "anhui":
		return pick(en, "安徽", "Anhui")
	case "bottom_10":
		pct := "10"
		if r, ok := p.rule("placement_bottom_10_two_years"); ok {
			pct = percent(r.Threshold)
		}
		return pick(en, "末位"+pct+"%", "Bottom "+pct+"%")
	}
	return p.Name
}

// rule returns the preset's first rule with the given code.
func (p Preset) rule(code string) (Rule, bool) {
	for _, r := range p.Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Configure returns the built-in presets with the supply rules reading
// the bands (the zero Thresholds means match.DefaultThresholds), the other
// thresholds set by reason code (a code no preset has is ignored) and
// GreenMinScore set, each validated, and the one called chosen among
// them. An unknown chosen name, invalid bands, and a threshold given for
// a rule that reads the bands (supply_exceeds_demand, shortage_industry:
// one definition, the bands) are errors.
func Configure(chosen string, bands match.Thresholds, thresholds map[string]float64, greenMinScore float64) (Preset, []Preset, error) {
	if bands == (match.Thresholds{}) {
		bands = match.DefaultThresholds()
	}
	if err := bands.Validate(); err != nil {
		return Preset{}, nil, fmt.Errorf("rules: %w", err)
	}
	var pick Preset
	all := presets(bands)
	names := make([]string, len(all))
	for i := range all {
		p := &all[i]
		for k := range p.Rules {
			t, ok := thresholds[p.Rules[k].Code]
			if !ok {
				continue
			}
			if limit, band := bandKind(p.Rules[k].Kind); band {
				return Preset{}, nil, fmt.Errorf("rules: the threshold of %s is the band limit %s, not a rule threshold", p.Rules[k].Code, limit)
			}
			p.Rules[k].Threshold = t
		}
		p.GreenMinScore = greenMinScore
		if err := p.Validate(); err != nil {
			return Preset{}, nil, err
		}
		names[i] = p.Name
		if p.Name == chosen {
			pick = *p
		}
	}
	if pick.Name == "" {
		return Preset{}, nil, fmt.Errorf("rules: unknown preset %q (known: %s)", chosen, strings.Join(names, ", "))
	}
	return pick, all, nil
}
