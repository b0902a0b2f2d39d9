//go:build duckdb_arrow

package job

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/vocmap/vocmap/analytics/demand"
	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/match"
)

// Levels are the program levels, each matched against its own share of
// the openings.
var Levels = []string{"secondary", "higher", "bachelor"}

// progMatch is a program's supply and allocated openings in a region over
// the horizon.
type progMatch struct {
	supply, openings, ratio float64
}

// indMatchRow is an industry's supply and openings for one level in one
// region over the horizon.
type indMatchRow struct {
	region, industry, level string
	supply, openings, ratio float64
}

// match compares supply and openings in every province and city, by
// level: each industry's openings go to the programs that feed it in
// proportion to their graduates (analytics/match.Allocate), and a
// province's probability of oversupply comes from paired draws of both
// forecasts.
func (m *model) match(ctx context.Context) error {
	m.progMatch = map[key2]*progMatch{}
	m.prob = map[key2]float64{}
	m.ratioDraws = map[key2][]float64{}
	// Regions with demand: provinces and cities.
	regions := map[string]bool{}
	for _, f := range m.emp {
		regions[f.region] = true
	}
	for _, s := range m.sup {
		regions[s.region] = true
	}
	list := make([]string, 0, len(regions))
	for r := range regions {
		list = append(list, r)
	}
	sort.Strings(list)
	industries := m.industries()
	for _, r := range list {
		for _, level := range Levels {
			if err := m.matchRegion(r, level, industries); err != nil {
				return err
			}
		}
	}
	var provs []string
	for _, r := range list {
		if m.in.level[r] == "province" {
			provs = append(provs, r)
		}
	}
	probs := make([]map[string]float64, len(provs))
	ratios := make([]map[string][]float64, len(provs))
	errs := make([]error, len(provs))
	err := forecast.Each(ctx, len(provs), m.opts.Workers, func(i int) {
		probs[i], ratios[i], errs[i] = m.monteCarlo(provs[i], industries)
	})
	if err != nil {
		return err
	}
	for i, p := range provs {
		if errs[i] != nil {
			return errs[i]
		}
		for prog, v := range probs[i] {
			m.prob[key2{p, prog}] = v
		}
		for prog, v := range ratios[i] {
			m.ratioDraws[key2{p, prog}] = v
		}
	}
	return nil
}

// industries lists the crosswalk's industry codes.
func (m *model) industries() []string {
	seen := map[string]bool{}
	var out []string
	for _, code := range m.in.progList {
		for _, ind := range m.in.programs[code].industries {
			if !seen[ind] {
				seen[ind] = true
				out = append(out, ind)
			}
		}
	}
	sort.Strings(out)
	return out
}

// matchRegion matches one region and level over the horizon.
func (m *model) matchRegion(region, level string, industries []string) error {
	openings := make([]float64, len(industries))
	for i, ind := range industries {
		if f := m.emp[key2{region, ind}]; f != nil {
			openings[i] = sum(f.openings) * m.share(ind, level)
		}
	}
	var progs []string
	var g [][]float64
	for _, code := range m.in.progList {
		p := m.in.programs[code]
		s := m.sup[key2{region, code}]
		if p.level != level || s == nil {
			continue
		}
		progs = append(progs, code)
		g = append(g, m.spread(p, sum(s.entering), industries))
	}
	supplyBy := make([]float64, len(industries))
	for _, row := range g {
		for i, v := range row {
			supplyBy[i] += v
		}
	}
	for i, ind := range industries {
		if openings[i] == 0 && supplyBy[i] == 0 {
			continue
		}
		m.indMatch = append(m.indMatch, indMatchRow{region: region, industry: ind, level: level,
			supply: supplyBy[i], openings: openings[i], ratio: match.Ratio(supplyBy[i], openings[i])})
	}
	if len(progs) == 0 {
		return nil
	}
	alloc, err := match.Allocate(openings, g)
	if err != nil {
		return fmt.Errorf("job: allocate openings in %s (%s): %w", region, level, err)
	}
	for k, code := range progs {
		pm := &progMatch{supply: sum(g[k]), openings: sum(alloc[k])}
		pm.ratio = match.Ratio(pm.supply, pm.openings)
		m.progMatch[key2{region, code}] = pm
	}
	return nil
}

// spread spreads a program's graduates over the industries list by its
// crosswalk weights.
func (m *model) spread(p *program, total float64, industries []string) []float64 {
	row := make([]float64, len(industries))
	for k, ind := range p.industries {
		i := sort.SearchStrings(industries, ind)
		row[i] += total * p.weights[k]
	}
	return row
}

// monteCarlo returns each program's probability of oversupply in a
// province: the share of paired draws (employment paths of every
// industry, intake paths of every program) whose ratio of supply to
// allocated openings is in the oversupply band.
func (m *model) monteCarlo(province string, industries []string) (map[string]float64, map[string][]float64, error) {
	draws := m.opts.Draws
	out := map[string]float64{}
	ratios := map[string][]float64{}
	openDraws := make([][]float64, len(industries)) // industry -> draw -> openings over the horizon
	for i, ind := range industries {
		f := m.emp[key2{province, ind}]
		if f == nil {
			continue
		}
		openDraws[i] = make([]float64, draws)
		for d := 0; d < draws && d < len(f.paths); d++ {
			o, err := demand.Openings(f.last, clampZero(f.paths[d]), m.replacement(ind))
			if err != nil {
				return nil, nil, fmt.Errorf("job: openings draw of %s %s: %w", province, ind, err)
			}
			openDraws[i][d] = sum(o)
		}
	}
	thr := m.opts.Thresholds
	if thr == (match.Thresholds{}) {
		thr = match.DefaultThresholds()
	}
	for _, level := range Levels {
		var progs []string
		for _, code := range m.in.progList {
			if s := m.sup[key2{province, code}]; s != nil && s.entDraws != nil && m.in.programs[code].level == level {
				progs = append(progs, code)
			}
		}
		if len(progs) == 0 {
			continue
		}
		supplyD := make([][]float64, len(progs))
		demandD := make([][]float64, len(progs))
		for k := range progs {
			supplyD[k], demandD[k] = make([]float64, draws), make([]float64, draws)
		}
		openings := make([]float64, len(industries))
		g := make([][]float64, len(progs))
		for d := range draws {
			for i, ind := range industries {
				openings[i] = 0
				if openDraws[i] != nil {
					openings[i] = openDraws[i][d] * m.share(ind, level)
				}
			}
			for k, code := range progs {
				g[k] = m.spread(m.in.programs[code], m.sup[key2{province, code}].entDraws[d], industries)
			}
			alloc, err := match.Allocate(openings, g)
			if err != nil {
				return nil, nil, err
			}
			for k := range progs {
				supplyD[k][d], demandD[k][d] = sum(g[k]), sum(alloc[k])
			}
		}
		for k, code := range progs {
			rd := make([]float64, draws)
			for d := range rd {
				rd[d] = match.Ratio(math.Max(supplyD[k][d], 0), math.Max(demandD[k][d], 0))
			}
			ratios[code] = rd
			p, err := match.ProbabilityOversupplied(supplyD[k], demandD[k], thr.SlightHigh)
			if err != nil {
				p = math.NaN()
			}
			out[code] = p
		}
	}
	return out, ratios, nil
}
