//go:build duckdb_arrow

package job

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/vocmap/vocmap/analytics/demand"
	"github.com/vocmap/vocmap/analytics/forecast"
)

// model holds a run's working state between stages.
type model struct {
	opts  *Options
	in    *inputs
	runID string
	notes []string
	fresh Freshness

	// demand: employment forecasts by region and industry
	emp      map[key2]*empForecast
	provBase map[string]int // province -> base year (last year of its map)
	// supply: entering graduates by region and program
	sup map[key2]*supplyForecast
	// matching
	progMatch map[key2]*progMatch // region, program
	indMatch  []indMatchRow
	indIndex  map[[3]string]*indMatchRow
	prob      map[key2]float64 // province, program -> P(oversupply)
	// ratioDraws: market region, program -> the ratio in each Monte Carlo draw
	ratioDraws map[key2][]float64
	// flows: province, program -> the schools with observed graduate
	// destinations (match.go)
	flows map[key2][]schoolFlow
	// programs at every scope
	rows      []*programRow
	published []*publishedRow
	unmatched []string // overrides that match no row
	structure *structureOut
	priority  *priorityIndex // the plan's tiers and targets, read once (priority.go)
}

type key2 struct{ a, b string }

// empForecast is the employment forecast of one region and industry.
type empForecast struct {
	level, province, region, industry string
	last                              float64   // last observed employment
	mean                              []float64 // years base+1..horizon
	lo80, hi80, lo95, hi95            []float64
	openings                          []float64
	method                            string
	growth                            float64
	// paths are the Monte Carlo draws of employment (run.draws of them,
	// years base+1..horizon) from the calibrated forecast, for the province
	// and every city; a city's are scaled with its mean by reconciliation.
	paths [][]float64
}

func (m *model) baseYear() int {
	b := 0
	for _, y := range m.provBase {
		b = max(b, y)
	}
	return b
}

// sectionOf returns the section letter of an industry code (C34 -> C).
func sectionOf(code string) string {
	if code == "" {
		return ""
	}
	return strings.ToUpper(code[:1])
}

func (m *model) replacement(code string) float64 {
	if r, ok := m.opts.ReplacementRate[sectionOf(code)]; ok {
		return r
	}
	if r, ok := m.opts.ReplacementRate["default"]; ok {
		return r
	}
	return 0.03
}

// share is the share of an industry's openings open to vocational
// graduates of a level.
func (m *model) share(code, level string) float64 {
	if s, ok := m.opts.VocationalShare[sectionOf(code)]; ok {
		if v, ok := s[level]; ok {
			return v
		}
	}
	if s, ok := m.opts.VocationalShare["default"]; ok {
		return s[level]
	}
	return 0
}

// demand forecasts employment of every region and crosswalk industry to
// the horizon, reconciles the cities to their province, and derives the
// openings of each year.
func (m *model) demand(ctx context.Context) error {
	if !forecast.Calibrated(m.opts.DemandMethod, 1) {
		return fmt.Errorf("job: demand method %q: its intervals and draws are not calibrated, and every probability of the run comes from the draws: use %q (docs/models.md §1)", m.opts.DemandMethod, forecast.Auto)
	}
	e := m.in.employment
	m.emp = map[key2]*empForecast{}
	m.provBase = map[string]int{}
	type raw struct {
		f      *empForecast
		first  int
		values []float64
	}
	var all []raw
	level, prov, region, ind := e.S("level"), e.S("province_code"), e.S("region_code"), e.S("industry_code")
	years, emp := e.I("year"), e.F("employment")
	for i := 0; i < len(region); {
		j := i
		for j < len(region) && region[j] == region[i] && ind[j] == ind[i] && level[j] == level[i] {
			j++
		}
		first, vals := yearSeries(years[i:j], emp[i:j])
		f := &empForecast{level: level[i], province: prov[i], region: region[i], industry: ind[i]}
		all = append(all, raw{f, first, vals})
		last := first + len(vals) - 1
		if level[i] == "province" {
			m.provBase[prov[i]] = max(m.provBase[prov[i]], last)
		}
		i = j
	}
	if len(all) == 0 {
		return fmt.Errorf("job: the industry map has no employment for the industries of the program–industry crosswalk")
	}
	// Group the series by horizon length (one per province base year).
	byH := map[int][]int{}
	for k, r := range all {
		base, ok := m.provBase[r.f.province]
		if !ok {
			base = r.first + len(r.values) - 1
		}
		h := m.opts.Horizon - base
		if h < 1 {
			return &HorizonError{Province: r.f.province, Base: base, Horizon: m.opts.Horizon}
		}
		// A region whose series ends before its province's base year is
		// carried to it with its last value.
		for r.first+len(r.values)-1 < base {
			r.values = append(r.values, r.values[len(r.values)-1])
		}
		all[k] = r
		byH[h] = append(byH[h], k)
	}
	hs := make([]int, 0, len(byH))
	for h := range byH {
		hs = append(hs, h)
	}
	sort.Ints(hs)
	for _, h := range hs {
		idx := byH[h]
		series := make([]forecast.Series, len(idx))
		for n, k := range idx {
			r := all[k]
			series[n] = forecast.Series{ID: r.f.region + "/" + r.f.industry, Values: r.values, Frequency: 1}
		}
		// One fit per series gives the intervals and the Monte Carlo draws.
		res, err := forecast.ForecastAll(ctx, series, forecast.Options{Method: m.opts.DemandMethod, Horizon: h,
			Levels: []float64{80, 95}, Seed: m.opts.Seed, Workers: m.opts.Workers, Paths: m.opts.Draws, WithPaths: true})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			m.opts.Logger.Debug("some employment series fell back to their last value", "err", err)
		}
		for n, k := range idx {
			r, f := all[k], res[n]
			r.f.last = r.values[len(r.values)-1]
			if f.Mean == nil { // could not be forecast: hold the last value
				c := demand.Repeat(constant(r.f.last, h), 5) // separate slices: scenarios scale each in place
				r.f.mean, r.f.lo80, r.f.hi80, r.f.lo95, r.f.hi95 = c[0], c[1], c[2], c[3], c[4]
				r.f.method = "hold"
				r.f.paths = demand.Repeat(r.f.mean, m.opts.Draws)
			} else {
				r.f.mean = clampZero(f.Mean)
				r.f.lo80, r.f.hi80 = clampZero(f.Lower[0]), clampZero(f.Upper[0])
				r.f.lo95, r.f.hi95 = clampZero(f.Lower[1]), clampZero(f.Upper[1])
				r.f.method = f.Method
				r.f.paths = f.Paths
			}
			m.emp[key2{r.f.region, r.f.industry}] = r.f
		}
	}
	if err := m.reconcile(); err != nil {
		return err
	}
	m.applyTargets()
	m.applyShocks()
	return m.openings()
}

// dropDraws releases the employment draws once matching has turned them
// into probabilities: at national scale they are about 290 MB (18,057
// series × 200 draws × 10 years) that the store stage, where the run's
// memory peaks, does not need.
func (m *model) dropDraws() {
	for _, f := range m.emp {
		f.paths = nil
	}
}

// reconcile scales each province's city forecasts so that they add up to
// the province's forecast (forecast proportions, analytics/demand).
func (m *model) reconcile() error {
	type group struct{ cities []*empForecast }
	groups := map[key2]*group{}
	var keys []key2
	for _, f := range m.emp {
		if f.level != "city" {
			continue
		}
		k := key2{f.province, f.industry}
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
			keys = append(keys, k)
		}
		g.cities = append(g.cities, f)
	}
	for _, k := range keys {
		p := m.emp[k]
		g := groups[k]
		if p == nil {
			continue
		}
		sort.Slice(g.cities, func(i, j int) bool { return g.cities[i].region < g.cities[j].region })
		children := make([][]float64, len(g.cities))
		lasts := make([]float64, len(g.cities))
		for i, c := range g.cities {
			children[i], lasts[i] = c.mean, c.last
		}
		rec, err := demand.Reconcile(p.mean, children, lasts)
		if err != nil {
			return fmt.Errorf("job: reconcile %s %s: %w", k.a, k.b, err)
		}
		for i, c := range g.cities {
			for h := range c.mean {
				f := 1.0
				if c.mean[h] > 0 {
					f = rec[i][h] / c.mean[h]
				}
				c.lo80[h], c.hi80[h], c.lo95[h], c.hi95[h] = c.lo80[h]*f, c.hi80[h]*f, c.lo95[h]*f, c.hi95[h]*f
				for _, p := range c.paths {
					p[h] *= f
				}
			}
			c.mean = rec[i]
		}
	}
	return nil
}

// openings derives each series' openings and growth; the monthly job
// postings, where the dataset has them, scale the first year's openings.
func (m *model) openings() error {
	post, err := m.postingWindows()
	if err != nil {
		return err
	}
	if len(post) == 0 {
		m.notes = append(m.notes, "no_job_postings")
	}
	for _, f := range m.emp {
		o, err := demand.Openings(f.last, f.mean, m.replacement(f.industry))
		if err != nil {
			return fmt.Errorf("job: openings of %s %s: %w", f.region, f.industry, err)
		}
		if p, ok := post[key2{f.region, f.industry}]; ok && f.last > 0 && len(o) > 0 {
			factor, err := demand.PostingsFactor(p, demand.Growth(f.last, f.mean[:1]), m.opts.PostingsWeight, m.opts.PostingsCap)
			if err == nil {
				o[0] *= factor
			}
		}
		f.openings = o
		f.growth = demand.Growth(f.last, f.mean)
	}
	return nil
}

// postingWindows returns the job postings of the 24 calendar months
// ending at the run's period (demand.PostingsWindow) by city and
// industry, and by province and industry the windows of its cities pooled
// (demand.PoolPostings).
func (m *model) postingWindows() (map[key2][]float64, error) {
	p := m.in.postings
	end, err := monthIndex(m.opts.Period)
	if err != nil {
		return nil, fmt.Errorf("job: period: %w", err)
	}
	out := map[key2][]float64{}
	cities := map[key2][][]float64{} // province, industry -> its cities' windows
	var provKeys []key2
	prov, reg, ind, month, val := p.S("province_code"), p.S("region_code"), p.S("industry_code"), p.S("month"), p.F("postings")
	for i := 0; i < len(reg); {
		j := i
		for j < len(reg) && reg[j] == reg[i] && ind[j] == ind[i] {
			j++
		}
		months := make([]int, j-i)
		for k, s := range month[i:j] {
			if months[k], err = monthIndex(s); err != nil {
				return nil, fmt.Errorf("job: job postings of %s %s: %w", reg[i], ind[i], err)
			}
		}
		w, err := demand.PostingsWindow(months, val[i:j], end)
		if err != nil {
			return nil, fmt.Errorf("job: job postings of %s %s: %w", reg[i], ind[i], err)
		}
		out[key2{reg[i], ind[i]}] = w
		pk := key2{prov[i], ind[i]}
		if cities[pk] == nil {
			provKeys = append(provKeys, pk)
		}
		cities[pk] = append(cities[pk], w)
		i = j
	}
	for _, pk := range provKeys {
		w, err := demand.PoolPostings(cities[pk])
		if err != nil {
			return nil, fmt.Errorf("job: job postings of %s %s: %w", pk.a, pk.b, err)
		}
		out[pk] = w
	}
	return out, nil
}

// monthIndex reads a month YYYY-MM as a demand.MonthIndex.
func monthIndex(s string) (int, error) {
	var y, mo int
	if _, err := fmt.Sscanf(s, "%4d-%2d", &y, &mo); err != nil || len(s) != 7 || mo < 1 || mo > 12 {
		return 0, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	return demand.MonthIndex(y, mo), nil
}

func constant(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func clampZero(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Max(v, 0)
	}
	return out
}

// HorizonError reports a horizon (config run.horizon) that is not after
// the last year of a province's industry map: nothing would be forecast.
type HorizonError struct {
	Province      string
	Base, Horizon int
}

func (e *HorizonError) Error() string {
	return fmt.Sprintf("job: the industry map of %s reaches %d, past the horizon %d", e.Province, e.Base, e.Horizon)
}
