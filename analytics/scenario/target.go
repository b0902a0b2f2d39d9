package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// Target is the plan's target annual growth of an industry's employment
// in a region (industry_priorities.target_growth in the data contract):
// 0.15 is 15 % a year. Industry is an industry code (C36) or a section
// letter (C: every code of the section); Region is a city or a province.
type Target struct {
	Industry, Region string
	Growth           float64
}

// TargetPath returns the employment of the h years after the base year
// when it grows from last at the target rate g every year:
//
//	E(base + k) = last · (1 + g)^k,  k = 1..h
//
// so 100 at +15 %/yr is 115 after a year and 100 · 1.15² = 132.25 after
// two. g ≤ −1 leaves 0 from the first year.
func TargetPath(last, g float64, h int) []float64 {
	out := make([]float64, max(h, 0))
	f := 1.0
	for k := range out {
		f *= math.Max(1+g, 0)
		out[k] = last * f
	}
	return out
}

// TargetFor returns the target growth that applies to an industry code
// in a region of a province, and whether there is one: the region's own
// target for the code, else the province's for the code, else the
// region's for the code's section, else the province's for the section.
// The plan's target for the province thus holds in each of its cities
// that has none of its own.
func TargetFor(targets []Target, industry, region, province string) (float64, bool) {
	section := ""
	if industry != "" {
		section = strings.ToUpper(industry[:1])
	}
	for _, want := range [][2]string{{industry, region}, {industry, province}, {section, region}, {section, province}} {
		if want[0] == "" || want[1] == "" {
			continue
		}
		for _, t := range targets {
			if strings.ToUpper(t.Industry) == want[0] && t.Region == want[1] {
				return t.Growth, true
			}
		}
	}
	return math.NaN(), false
}

// ApplyTargets replaces, in place, the forecasts of ind by the plan's
// target growth where targets give one (TargetFor), keeping the province
// coherent with its cities as Apply does:
//
//   - a city's mean becomes TargetPath(Last, g, len(Mean)), its bounds and
//     draws moving in proportion (set to the new mean where the old one
//     was 0);
//   - where the industry has city series, the province's series moves by
//     the cities' change in jobs, year by year (cities without a target
//     keep their trend);
//   - where it has none, the province's own series takes its target.
//
// A series whose Last is not positive and finite cannot grow at a rate
// and keeps its trend. It returns the regions whose series took a target
// (the province only when it took its own). A target that applies with
// a growth that is not finite or is −100 % or less is an error, and ind
// is then left unchanged.
func ApplyTargets(ind Industry, targets []Target) (regions []string, err error) {
	for _, t := range targets {
		if sectionOrCode(t.Industry, ind.Code) && !(numeric.Finite(t.Growth) && t.Growth > -1) {
			return nil, fmt.Errorf("scenario: target of %s in %s: growth %v must be finite and above -1", t.Industry, t.Region, t.Growth)
		}
	}
	set := func(s *Series) bool {
		g, ok := TargetFor(targets, ind.Code, s.Region, ind.Province)
		if !ok || !(s.Last > 0) || math.IsInf(s.Last, 1) {
			return false
		}
		path := TargetPath(s.Last, g, len(s.Mean))
		for h, old := range s.Mean {
			if old > 0 {
				scale(s, h, path[h]/old)
			} else {
				fill(s, h, path[h])
			}
			s.Mean[h] = path[h]
		}
		return true
	}
	if len(ind.Cities) == 0 {
		if t := ind.Total; t != nil && set(t) {
			regions = append(regions, t.Region)
		}
		return regions, nil
	}
	var delta []float64
	if ind.Total != nil {
		delta = make([]float64, len(ind.Total.Mean))
	}
	for _, c := range ind.Cities {
		old := append([]float64(nil), c.Mean...)
		if !set(c) {
			continue
		}
		regions = append(regions, c.Region)
		for h := range old {
			if h < len(delta) {
				delta[h] += c.Mean[h] - old[h]
			}
		}
	}
	if t := ind.Total; t != nil {
		for h, old := range t.Mean {
			if delta[h] == 0 {
				continue
			}
			now := math.Max(old+delta[h], 0)
			if old > 0 {
				scale(t, h, now/old)
			} else {
				fill(t, h, now)
			}
			t.Mean[h] = now
		}
	}
	return regions, nil
}

// sectionOrCode reports whether a target's industry (a code or a section
// letter) covers the industry code.
func sectionOrCode(target, industry string) bool {
	return Shock{Industry: target}.Matches(industry)
}

// fill sets step h of s's mean, bounds and draws to v: a forecast of 0
// has no spread to move in proportion.
func fill(s *Series, h int, v float64) {
	if h < len(s.Mean) {
		s.Mean[h] = v
	}
	for _, b := range s.Bands {
		if h < len(b) {
			b[h] = v
		}
	}
	for _, d := range s.Draws {
		if h < len(d) {
			d[h] = v
		}
	}
}
