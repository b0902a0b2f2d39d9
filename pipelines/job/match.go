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

// progMatch is a program's supply and allocated openings in a market (a
// province, or a city) over the horizon.
type progMatch struct {
	supply, openings, ratio float64
	// noDemand: fewer than one opening in the market (match.MarketRatio);
	// the ratio is then NaN.
	noDemand bool
}

// indMatchRow is an industry's supply and openings for one level in one
// region over the horizon.
type indMatchRow struct {
	region, industry, level string
	supply, openings, ratio float64
}

// marketOf returns the market a row of the program is judged in and the
// region whose figures it carries: the province for a province row and
// for every row of a province-market level; the row's city for a
// city-market level, and for a program whose graduates' destinations are
// observed in the province (flows; docs/models.md, "Labour markets").
func (m *model) marketOf(scope, level, province, city, program string) (match.Market, string) {
	if scope == "province" || city == "" {
		return match.ProvinceMarket, province
	}
	if len(m.flows[key2{province, program}]) > 0 {
		return match.FlowsMarket, city
	}
	if mk := m.markets().Of(level); mk == match.CityMarket {
		return mk, city
	}
	return match.ProvinceMarket, province
}

// markets returns the run's markets (the zero value: match.DefaultMarkets).
func (m *model) markets() match.Markets {
	if m.opts.Markets.Level == nil {
		return match.DefaultMarkets()
	}
	return m.opts.Markets
}

// match compares supply and openings in every province and city, by
// level, each level in its labour market: each industry's openings go to
// the programs that feed it in proportion to their graduates
// (analytics/match.Allocate). A province's market holds all its
// graduates; a city's holds the graduates who work there
// (match.MarketSupply: a city-market level's graduates stay in their city
// but for the share that works in the other cities; a province-market
// level's are spread over the cities by their openings). The probability
// of oversupply of every market comes from paired draws of both
// forecasts.
func (m *model) match(ctx context.Context) error {
	m.progMatch = map[key2]*progMatch{}
	m.prob = map[key2]float64{}
	m.ratioDraws = map[key2][]float64{}
	m.readFlows()
	industries := m.industries()
	provs, cities := m.marketRegions()
	for _, p := range provs {
		for _, level := range Levels {
			if err := m.matchRegion(p, level, industries); err != nil {
				return err
			}
			if err := m.matchCities(cities[p], level, industries); err != nil {
				return err
			}
		}
	}
	probs := make([]map[key2]float64, len(provs))
	ratios := make([]map[key2][]float64, len(provs))
	errs := make([]error, len(provs))
	err := forecast.Each(ctx, len(provs), m.opts.Workers, func(i int) {
		probs[i], ratios[i], errs[i] = m.monteCarlo(provs[i], cities[provs[i]], industries)
	})
	if err != nil {
		return err
	}
	for i := range provs {
		if errs[i] != nil {
			return errs[i]
		}
		for k, v := range probs[i] {
			m.prob[k] = v
		}
		for k, v := range ratios[i] {
			m.ratioDraws[k] = v
		}
	}
	return nil
}

// marketRegions lists the provinces with demand or supply and, for each,
// its cities with demand or supply, sorted.
func (m *model) marketRegions() ([]string, map[string][]string) {
	seen := map[string]bool{}
	var provs []string
	cities := map[string][]string{}
	add := func(region, province string) {
		if seen[region] {
			return
		}
		seen[region] = true
		if region == province {
			provs = append(provs, region)
		} else {
			cities[province] = append(cities[province], region)
		}
	}
	for _, f := range m.emp {
		if f.level == "province" || f.level == "city" {
			add(f.region, f.province)
			add(f.province, f.province)
		}
	}
	for _, s := range m.sup {
		add(s.region, s.province)
		add(s.province, s.province)
	}
	sort.Strings(provs)
	for _, c := range cities {
		sort.Strings(c)
	}
	return provs, cities
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

// levelOpenings returns a region's openings of each industry over the
// horizon that are open to graduates of a level.
func (m *model) levelOpenings(region, level string, industries []string) []float64 {
	openings := make([]float64, len(industries))
	for i, ind := range industries {
		if f := m.emp[key2{region, ind}]; f != nil {
			openings[i] = sum(f.openings) * m.share(ind, level)
		}
	}
	return openings
}

// levelPrograms lists the programs of a level that have supply in one of
// the regions.
func (m *model) levelPrograms(level string, regions []string) []string {
	var progs []string
	for _, code := range m.in.progList {
		if m.in.programs[code].level != level {
			continue
		}
		for _, r := range regions {
			if m.sup[key2{r, code}] != nil {
				progs = append(progs, code)
				break
			}
		}
	}
	return progs
}

// matchRegion matches one province and level over the horizon: all the
// province's graduates against its openings.
func (m *model) matchRegion(region, level string, industries []string) error {
	openings := m.levelOpenings(region, level, industries)
	progs := m.levelPrograms(level, []string{region})
	g := make([][]float64, len(progs))
	for k, code := range progs {
		g[k] = m.spread(m.in.programs[code], sum(m.sup[key2{region, code}].entering), industries)
	}
	return m.matchMarket(region, level, industries, openings, progs, g)
}

// matchMarket allocates a market's openings to its programs' graduates
// g (programs × industries) and records the industries and programs.
func (m *model) matchMarket(region, level string, industries []string, openings []float64, progs []string, g [][]float64) error {
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
		r, _ := match.MarketRatio(supplyBy[i], openings[i])
		m.indMatch = append(m.indMatch, indMatchRow{region: region, industry: ind, level: level,
			supply: supplyBy[i], openings: openings[i], ratio: r})
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
		pm.ratio, pm.noDemand = match.MarketRatio(pm.supply, pm.openings)
		m.progMatch[key2{region, code}] = pm
	}
	return nil
}

// schoolFlow is what graduate_destinations says of one school and
// program: its home city, its employed by destination city ("" in the
// province, city not known) and its share of its city's latest intake.
type schoolFlow struct {
	home     string
	employed map[string]float64
	share    float64
}

// readFlows reads the observed destinations (sql/017_destinations.sql)
// by province and program; a school whose share of its city's intake is
// unknown is left out (its graduates follow the level's assumption).
func (m *model) readFlows() {
	m.flows = map[key2][]schoolFlow{}
	d := m.in.destinations
	if d == nil || d.Len() == 0 {
		return
	}
	idx := map[[2]string]int{} // school, program -> index in its list
	for i := range d.Len() {
		prov, school, prog := d.S("province_code")[i], d.S("school_code")[i], d.S("program_code")[i]
		si, ci := d.F("school_intake")[i], d.F("city_intake")[i]
		if !(ci > 0) || math.IsNaN(si) {
			continue
		}
		k := key2{prov, prog}
		j, ok := idx[[2]string{school, prog}]
		if !ok {
			j = len(m.flows[k])
			idx[[2]string{school, prog}] = j
			m.flows[k] = append(m.flows[k], schoolFlow{home: d.S("home_city")[i], employed: map[string]float64{}, share: math.Min(si/ci, 1)})
		}
		m.flows[k][j].employed[d.S("dest_city")[i]] += d.F("employed")[i]
	}
}

// citySources returns, for one program, the graduates entering work from
// each city where it is taught (spread over the industries, scaled by
// factor) and where they work: a school with observed destinations
// (its share of the city's graduates, as of its intake) where they were
// observed (match.FlowDestinations; a destination city without figures
// of its own goes to the province-wide pool), the rest under the level's
// market.
func (m *model) citySources(code string, cities []string, industries []string, factor float64) ([][]float64, []match.Destinations) {
	p := m.in.programs[code]
	mk := m.markets()
	index := make(map[string]int, len(cities))
	for c, city := range cities {
		index[city] = c
	}
	var flows []schoolFlow
	if len(cities) > 0 {
		flows = m.flows[key2{m.in.province[cities[0]], code}]
	}
	var g [][]float64
	var dest []match.Destinations
	for c, city := range cities {
		s := m.sup[key2{city, code}]
		if s == nil {
			continue
		}
		total := sum(s.entering) * factor
		rest := 1.0
		for _, f := range flows {
			if f.home != city || rest <= 0 {
				continue
			}
			employed := make([]float64, len(cities))
			pool := 0.0
			for dc, e := range f.employed {
				if j, ok := index[dc]; ok {
					employed[j] += e
				} else {
					pool += e
				}
			}
			d, ok := match.FlowDestinations(c, employed, pool)
			if !ok {
				continue
			}
			share := math.Min(f.share, rest)
			rest -= share
			g = append(g, m.spread(p, total*share, industries))
			dest = append(dest, d)
		}
		if rest > 0 {
			g = append(g, m.spread(p, total*rest, industries))
			dest = append(dest, match.LevelDestinations(mk.Of(p.level), c, len(cities), mk.OtherCities))
		}
	}
	return g, dest
}

// matchCities matches one level in each city of a province: the
// graduates who work in the city (match.MarketSupply) against its
// openings.
func (m *model) matchCities(cities []string, level string, industries []string) error {
	if len(cities) == 0 {
		return nil
	}
	openings := make([][]float64, len(cities))
	for c, city := range cities {
		openings[c] = m.levelOpenings(city, level, industries)
	}
	progs := m.levelPrograms(level, cities)
	placed := make([][][]float64, len(progs)) // program -> city -> industry
	for k, code := range progs {
		g, dest := m.citySources(code, cities, industries, 1)
		s, err := match.MarketSupply(g, dest, openings)
		if err != nil {
			return fmt.Errorf("job: market supply of %s: %w", code, err)
		}
		placed[k] = s
	}
	for c, city := range cities {
		var cp []string
		var g [][]float64
		for k, code := range progs {
			if sum(placed[k][c]) > 0 || m.sup[key2{city, code}] != nil {
				cp = append(cp, code)
				g = append(g, placed[k][c])
			}
		}
		if err := m.matchMarket(city, level, industries, openings[c], cp, g); err != nil {
			return err
		}
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

// monteCarlo returns the probability of oversupply of every program in
// the province's market and, for the city-market levels, in each city's
// market: the share of paired draws (employment paths of every industry
// and region, the province's intake paths of every program) whose ratio
// of supply to allocated openings is in the oversupply band. The ratio of
// each draw is kept (NaN for a draw without demand) for the signal
// probabilities. A city's graduates in a draw are its forecast scaled as
// the province's moved in that draw.
func (m *model) monteCarlo(province string, cities, industries []string) (map[key2]float64, map[key2][]float64, error) {
	draws := m.opts.Draws
	out := map[key2]float64{}
	ratios := map[key2][]float64{}
	thr := m.opts.Thresholds
	if thr == (match.Thresholds{}) {
		thr = match.DefaultThresholds()
	}
	record := func(region, code string, s, d []float64) {
		rd := make([]float64, draws)
		for k := range rd {
			rd[k], _ = match.MarketRatio(math.Max(s[k], 0), math.Max(d[k], 0))
		}
		k := key2{region, code}
		ratios[k] = rd
		p, err := match.ProbabilityOversupplied(s, d, thr.SlightHigh)
		if err != nil {
			p = math.NaN()
		}
		out[k] = p
	}
	provOpen, err := m.openingDraws(province, industries)
	if err != nil {
		return nil, nil, err
	}
	cityOpen := make([][][]float64, len(cities))
	for c, city := range cities {
		if cityOpen[c], err = m.openingDraws(city, industries); err != nil {
			return nil, nil, err
		}
	}
	mk := m.markets()
	for _, level := range Levels {
		var progs []string
		for _, code := range m.levelPrograms(level, []string{province}) {
			if m.sup[key2{province, code}].entDraws != nil {
				progs = append(progs, code)
			}
		}
		if len(progs) == 0 {
			continue
		}
		cityLevel := (mk.Of(level) == match.CityMarket || m.levelHasFlows(province, progs)) && len(cities) > 0
		supplyD := make([][]float64, len(progs))
		demandD := make([][]float64, len(progs))
		citySupplyD := make([][][]float64, len(progs)) // program -> city -> draw
		cityDemandD := make([][][]float64, len(progs))
		for k := range progs {
			supplyD[k], demandD[k] = make([]float64, draws), make([]float64, draws)
			if cityLevel {
				citySupplyD[k], cityDemandD[k] = make([][]float64, len(cities)), make([][]float64, len(cities))
				for c := range cities {
					citySupplyD[k][c], cityDemandD[k][c] = make([]float64, draws), make([]float64, draws)
				}
			}
		}
		openings := make([]float64, len(industries))
		cityOpenings := make([][]float64, len(cities))
		for c := range cities {
			cityOpenings[c] = make([]float64, len(industries))
		}
		g := make([][]float64, len(progs))
		for d := range draws {
			for i, ind := range industries {
				openings[i] = 0
				if provOpen[i] != nil {
					openings[i] = provOpen[i][d] * m.share(ind, level)
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
			if !cityLevel {
				continue
			}
			for c := range cities {
				for i, ind := range industries {
					cityOpenings[c][i] = 0
					if cityOpen[c][i] != nil {
						cityOpenings[c][i] = cityOpen[c][i][d] * m.share(ind, level)
					}
				}
			}
			placed := make([][][]float64, len(progs))
			for k, code := range progs {
				ps := m.sup[key2{province, code}]
				factor := 1.0
				if point := sum(ps.entering); point > 0 {
					factor = ps.entDraws[d] / point
				}
				src, dest := m.citySources(code, cities, industries, factor)
				if placed[k], err = match.MarketSupply(src, dest, cityOpenings); err != nil {
					return nil, nil, fmt.Errorf("job: market supply draw of %s: %w", code, err)
				}
			}
			for c := range cities {
				gc := make([][]float64, len(progs))
				for k := range progs {
					gc[k] = placed[k][c]
				}
				ac, err := match.Allocate(cityOpenings[c], gc)
				if err != nil {
					return nil, nil, err
				}
				for k := range progs {
					citySupplyD[k][c][d], cityDemandD[k][c][d] = sum(gc[k]), sum(ac[k])
				}
			}
		}
		for k, code := range progs {
			record(province, code, supplyD[k], demandD[k])
			if !cityLevel {
				continue
			}
			for c, city := range cities {
				if m.progMatch[key2{city, code}] != nil {
					record(city, code, citySupplyD[k][c], cityDemandD[k][c])
				}
			}
		}
	}
	return out, ratios, nil
}

// levelHasFlows reports whether one of the programs has observed
// destinations in the province.
func (m *model) levelHasFlows(province string, progs []string) bool {
	for _, code := range progs {
		if len(m.flows[key2{province, code}]) > 0 {
			return true
		}
	}
	return false
}

// openingDraws returns a region's openings over the horizon of each
// industry in each draw (nil for an industry without a series there).
func (m *model) openingDraws(region string, industries []string) ([][]float64, error) {
	out := make([][]float64, len(industries))
	for i, ind := range industries {
		f := m.emp[key2{region, ind}]
		if f == nil {
			continue
		}
		out[i] = make([]float64, m.opts.Draws)
		for d := 0; d < m.opts.Draws && d < len(f.paths); d++ {
			o, err := demand.Openings(f.last, clampZero(f.paths[d]), m.replacement(ind))
			if err != nil {
				return nil, fmt.Errorf("job: openings draw of %s %s: %w", region, ind, err)
			}
			out[i][d] = sum(o)
		}
	}
	return out, nil
}
