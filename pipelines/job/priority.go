//go:build duckdb_arrow

package job

import (
	"math"

	"github.com/vocmap/vocmap/analytics/scenario"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// priorityTiers are the tiers of industry_priorities that the priority
// rule counts as the plan's priorities: the industries the plan means to
// grow or secure.
var priorityTiers = map[string]bool{"strategic_emerging": true, "pillar": true, "shortage": true}

// priorityBelowTarget reports whether the row's program feeds priority
// industries (priorityTiers) whose forecast growth in the row's market
// (the province for a province-market row, else the row's city; the
// province's where the city has no series) is below the plan's
// target growth (scenario.TargetFor: the region's target, else the
// province's), with crosswalk weights that add up to at least
// opts.PriorityWeight: half its graduates or more go to such industries
// (智能制造工程技术: C35 0.4 and C38 0.2, both below target, 0.6).
// Under plan targets (opts.PlanTargets) demand already grows at the
// targets and no row is below them.
func (m *model) priorityBelowTarget(r *programRow) bool {
	p := m.in.programs[r.program]
	if p == nil || m.opts.PlanTargets {
		return false
	}
	x := m.priorityIdx()
	region := r.marketRegion // judged in the row's market, as its ratio is
	if region == "" {
		region = r.region
	}
	below := 0.0 // crosswalk weight of the priority industries below their target
	for k, ind := range p.industries {
		if !priorityTiers[x.tier(region, r.province, ind)] {
			continue
		}
		g, ok := scenario.TargetFor(x.targets, ind, region, r.province)
		if !ok {
			continue
		}
		f := m.emp[key2{region, ind}]
		if f == nil {
			f = m.emp[key2{r.province, ind}]
		}
		// 1e-9: the growth of a series that took its target equals it up
		// to rounding.
		if f != nil && !math.IsNaN(f.growth) && f.growth < g-1e-9 {
			below += p.weights[k]
		}
	}
	return below >= m.opts.PriorityWeight-1e-9 && below > 0
}

// priorityIndex holds industry_priorities as the priority rule reads it.
type priorityIndex struct {
	targets []scenario.Target
	tiers   map[key2]string // region, industry -> tier
}

// priorityIdx returns industry_priorities' tiers and targets, read once.
func (m *model) priorityIdx() *priorityIndex {
	if m.priority == nil {
		m.priority = &priorityIndex{targets: m.planTargets(), tiers: map[key2]string{}}
		pr := m.in.priorities
		for i, region := range pr.S("region_code") {
			m.priority.tiers[key2{region, pr.S("industry_code")[i]}] = pr.S("tier")[i]
		}
	}
	return m.priority
}

// tier returns the plan's tier of an industry in a region: the region's,
// else its province's, else that of the industry's section in the
// province (as industryFacts reads it).
func (x *priorityIndex) tier(region, province, ind string) string {
	if t := x.tiers[key2{region, ind}]; t != "" {
		return t
	}
	if t := x.tiers[key2{province, ind}]; t != "" {
		return t
	}
	return x.tiers[key2{province, sectionOf(ind)}]
}

// industryTargetsFrame is results.industry_targets: for every employment
// series (province or city) to which the plan gives a target growth
// (scenario.TargetFor), the run's forecast beside the target — growth a
// year and employment at the horizon — for explain and the talent-demand
// report's trend-vs-target table. The target's employment grows from the
// base year's at the target (scenario.TargetPath).
func (m *model) industryTargetsFrame() *warehouse.Frame {
	b := newFrame("run_id", "region_code", "industry_code", "tier", "base_employment:f", "growth:f", "target_growth:f",
		"employment:f", "target_employment:f")
	x := m.priorityIdx()
	keys := make([]key2, 0, len(m.emp))
	for k := range m.emp {
		keys = append(keys, k)
	}
	sortKeys(keys)
	for _, k := range keys {
		f := m.emp[k]
		if (f.level != "city" && f.level != "province") || len(f.mean) == 0 {
			continue
		}
		g, ok := scenario.TargetFor(x.targets, f.industry, f.region, f.province)
		if !ok {
			continue
		}
		target := math.NaN()
		if f.last > 0 {
			p := scenario.TargetPath(f.last, g, len(f.mean))
			target = p[len(p)-1]
		}
		b.add(m.runID, f.region, f.industry, x.tier(f.region, f.province, f.industry), f.last, f.growth, g,
			f.mean[len(f.mean)-1], target)
	}
	return &b.f
}
