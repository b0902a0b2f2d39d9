//go:build duckdb_arrow

package job

import (
	"math"

	"github.com/vocmap/vocmap/analytics/rules"
	"github.com/vocmap/vocmap/analytics/scenario"
)

// Shock is a scenario's shock to an industry's employment growth in a
// region (analytics/scenario).
type Shock = scenario.Shock

// IntakeChange is a scenario's change to a program's yearly intake in a
// region (analytics/scenario).
type IntakeChange = scenario.IntakeChange

// applyShocks applies the scenario's shocks to the employment forecasts,
// one province and industry at a time (scenario.Apply): at city level
// where the industry has city series, the province moving with its
// cities, and at province level where only the province reports it. A
// shock that reaches no series is logged.
func (m *model) applyShocks() {
	if len(m.opts.Shocks) == 0 {
		return
	}
	groups, order := m.scenarioGroups()
	matched := make([]bool, len(m.opts.Shocks))
	for _, gk := range order {
		got, err := scenario.Apply(*groups[gk], m.opts.Shocks)
		if err != nil {
			m.opts.Logger.Warn("scenario shock not applied", "province", gk.a, "industry", gk.b, "err", err)
			continue
		}
		for k, ok := range got {
			matched[k] = matched[k] || ok
		}
	}
	for k, ok := range matched {
		if !ok {
			s := m.opts.Shocks[k]
			m.opts.Logger.Warn("scenario shock matches no employment series", "industry", s.Industry, "region", s.Region)
		}
	}
}

// scenarioGroups returns the employment forecasts as analytics/scenario
// sees them, one group per province and industry (the province's series
// and its cities'), sharing their slices with the forecasts so that a
// change to a group changes the forecasts; order lists the groups in a
// fixed order.
func (m *model) scenarioGroups() (map[key2]*scenario.Industry, []key2) {
	keys := make([]key2, 0, len(m.emp))
	for k := range m.emp {
		keys = append(keys, k)
	}
	sortKeys(keys)
	groups := map[key2]*scenario.Industry{}
	var order []key2
	for _, k := range keys {
		f := m.emp[k]
		if f.level != "city" && f.level != "province" {
			continue
		}
		gk := key2{f.province, f.industry}
		g := groups[gk]
		if g == nil {
			g = &scenario.Industry{Code: f.industry, Province: f.province}
			groups[gk] = g
			order = append(order, gk)
		}
		s := &scenario.Series{Region: f.region, Base: m.opts.Horizon - len(f.mean), Mean: f.mean,
			Bands: [][]float64{f.lo80, f.hi80, f.lo95, f.hi95}, Draws: f.paths, Last: f.last}
		if f.level == "city" {
			g.Cities = append(g.Cities, s)
		} else {
			g.Total = s
		}
	}
	return groups, order
}

// planTargets returns the plan's target growth of industries by region
// (industry_priorities.target_growth; rows without one are left out).
func (m *model) planTargets() []scenario.Target {
	p := m.in.priorities
	var out []scenario.Target
	for i, r := range p.S("region_code") {
		if g := p.F("target_growth")[i]; !math.IsNaN(g) {
			out = append(out, scenario.Target{Industry: p.S("industry_code")[i], Region: r, Growth: g})
		}
	}
	return out
}

// applyTargets grows employment at the plan's target growth where
// industry_priorities gives one (opts.PlanTargets; scenario.ApplyTargets),
// one province and industry at a time, cities first and the province
// moving with them. A dataset without targets is logged and keeps the
// trend.
func (m *model) applyTargets() {
	if !m.opts.PlanTargets {
		return
	}
	targets := m.planTargets()
	if len(targets) == 0 {
		m.opts.Logger.Warn("plan targets asked for, but industry_priorities gives no target_growth: demand keeps its trend")
		return
	}
	groups, order := m.scenarioGroups()
	n := 0
	for _, gk := range order {
		regions, err := scenario.ApplyTargets(*groups[gk], targets)
		if err != nil {
			m.opts.Logger.Warn("plan target not applied", "province", gk.a, "industry", gk.b, "err", err)
			continue
		}
		n += len(regions)
	}
	m.opts.Logger.Info("plan targets applied", "series", n)
}

// intakeDeltas returns, for each city and program, the seats a scenario
// adds to its intake in a year (scenario.CitySeats, one province and
// program at a time). An intake change that reaches no city is logged.
func (m *model) intakeDeltas(cities []*intakeHist) map[key2]func(year int) float64 {
	if len(m.opts.IntakeChanges) == 0 {
		return nil
	}
	type group struct {
		regions []string
		latest  []float64
	}
	groups := map[key2]*group{} // province, program
	var order []key2
	for _, h := range cities {
		k := key2{h.province, h.program}
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			order = append(order, k)
		}
		g.regions = append(g.regions, h.region)
		g.latest = append(g.latest, h.intake[len(h.intake)-1])
	}
	out := map[key2]func(int) float64{}
	matched := make([]bool, len(m.opts.IntakeChanges))
	for _, k := range order {
		g := groups[k]
		seats, got, err := scenario.CitySeats(m.opts.IntakeChanges, k.b, k.a, g.regions, g.latest)
		if err != nil {
			m.opts.Logger.Warn("scenario intake change not applied", "province", k.a, "program", k.b, "err", err)
			continue
		}
		for i, s := range seats {
			if s != nil {
				out[key2{g.regions[i], k.b}] = s.At
			}
		}
		for c, ok := range got {
			matched[c] = matched[c] || ok
		}
	}
	for c, ok := range matched {
		if !ok {
			ch := m.opts.IntakeChanges[c]
			m.opts.Logger.Warn("scenario intake change matches no city offering the program", "program", ch.Program, "region", ch.Region)
		}
	}
	return out
}

// addIntake applies a city's scenario seats to its intake forecast of the
// years last+1, last+2, … (scenario.AddIntake).
func addIntake(fc []float64, last int, add func(int) float64) []float64 {
	if add == nil {
		return fc
	}
	return scenario.AddIntake(fc, last+1, add)
}

// signalDraws gives each row the probability of each signal of the
// published preset: the rules are evaluated once per Monte Carlo draw
// with the row's ratio as its market's ratio in that draw (the province's
// for a province-market row, its city's for a city-market row; a draw
// without demand is no_demand). The other facts are fixed.
func (m *model) signalDraws(facts []rules.Facts) {
	if !m.opts.SignalDraws || len(m.ratioDraws) == 0 {
		return
	}
	draws := m.opts.Draws
	counts := make([][3]int, len(m.rows))
	work := make([]rules.Facts, len(facts))
	for d := range draws {
		copy(work, facts)
		for i, r := range m.rows {
			rd := m.ratioDraws[key2{r.marketRegion, r.program}]
			if rd == nil || d >= len(rd) {
				continue
			}
			work[i].Ratio, work[i].NoDemand = rd[d], math.IsNaN(rd[d])
		}
		for i, v := range m.opts.Preset.EvaluateAll(work) {
			switch v.Signal {
			case rules.Red:
				counts[i][0]++
			case rules.Yellow:
				counts[i][1]++
			case rules.Green:
				counts[i][2]++
			}
		}
	}
	for i, r := range m.rows {
		r.probSignal = [3]float64{float64(counts[i][0]) / float64(draws), float64(counts[i][1]) / float64(draws), float64(counts[i][2]) / float64(draws)}
	}
}
