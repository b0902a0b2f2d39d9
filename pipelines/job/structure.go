//go:build duckdb_arrow

package job

import (
	"context"
	"math"
	"sort"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/structure"
	"github.com/vocmap/vocmap/pipelines/warehouse"
)

// Sectors are the three sectors of GB/T 4754 (NBS 三次产业划分规定).
var Sectors = []string{"1", "2", "3"}

// ShiftShareSpans are the spans, in years ending at the base year, of the
// shift-share decomposition.
var ShiftShareSpans = []int{5, 10}

// regionYear is one region's map in one year.
type regionYear struct {
	emp, va map[string]float64 // by industry code as the map gives it
}

// regionMap is one region's map over the years.
type regionMap struct {
	region, level, province string
	years                   map[int]*regionYear
	sector                  map[string]string // industry -> sector
}

// structureOut holds the structure tables of a run.
type structureOut struct {
	industry, sectors, deviation, lq, shift, index, forecast *frameBuilder
}

// newStructureOut returns the empty structure tables.
func newStructureOut() *structureOut {
	return &structureOut{
		industry:  newFrame("run_id", "period", "year:i", "region_code", "industry_code", "employment:f", "value_added:f", "employment_share:f", "value_added_share:f"),
		sectors:   newFrame("run_id", "period", "year:i", "region_code", "sector", "employment:f", "value_added:f", "employment_share:f", "value_added_share:f"),
		deviation: newFrame("run_id", "period", "year:i", "region_code", "sector", "deviation:f"),
		lq:        newFrame("run_id", "period", "year:i", "region_code", "industry_code", "lq:f"),
		shift:     newFrame("run_id", "period", "region_code", "industry_code", "base_year:i", "end_year:i", "change:f", "growth:f", "mix:f", "competitive:f"),
		index:     newFrame("run_id", "period", "year:i", "region_code", "measure", "value:f"),
		forecast:  newFrame("run_id", "period", "year:i", "region_code", "sector", "measure", "share:f"),
	}
}

// structureStage computes the industry-structure tables (analytics/structure)
// from the industry map: shares, structural deviation, location quotients
// against the province, shift-share over ShiftShareSpans, concentration and
// structural change, and sector shares forecast to the horizon.
func (m *model) structureStage(ctx context.Context) error {
	regions := map[string]*regionMap{}
	var order []string
	for _, row := range m.in.structure {
		r := regions[row.Region]
		if r == nil {
			r = &regionMap{region: row.Region, level: row.Level, province: row.Province, years: map[int]*regionYear{}, sector: map[string]string{}}
			regions[row.Region] = r
			order = append(order, row.Region)
		}
		y := r.years[int(row.Year)]
		if y == nil {
			y = &regionYear{emp: map[string]float64{}, va: map[string]float64{}}
			r.years[int(row.Year)] = y
		}
		y.emp[row.Industry] += row.Employment
		y.va[row.Industry] += orNaN(row.ValueAdded) // NaN stays NaN: value added is optional
		r.sector[row.Industry] = row.Sector
	}
	p := m.opts.Period
	o := newStructureOut()
	noVA := true
	var sectorSeries []forecast.Series
	var sectorKeys []key2
	for _, code := range order {
		r := regions[code]
		ys := sortedYears(r.years)
		var prevShares map[string]float64
		sectorEmp := map[string][]float64{}
		for _, year := range ys {
			y := r.years[year]
			codes := sortedKeys(y.emp)
			e, v := values(y.emp, codes), values(y.va, codes)
			es, vs := structure.Shares(e), structure.Shares(v)
			for k, c := range codes {
				o.industry.add(m.runID, p, year, code, c, e[k], v[k], es[k], vs[k])
			}
			se, sv := make([]float64, 3), make([]float64, 3)
			for k, c := range codes {
				for s, name := range Sectors {
					if r.sector[c] == name {
						se[s] += e[k]
						sv[s] += v[k]
					}
				}
			}
			ses, svs := structure.Shares(se), structure.Shares(sv)
			for s, name := range Sectors {
				o.sectors.add(m.runID, p, year, code, name, se[s], sv[s], ses[s], svs[s])
				sectorEmp[name] = append(sectorEmp[name], se[s])
			}
			if d, total, err := structure.Deviation(sv, se); err == nil && !math.IsNaN(total) {
				noVA = false
				for s, name := range Sectors {
					o.deviation.add(m.runID, p, year, code, name, d[s])
				}
				o.deviation.add(m.runID, p, year, code, "total", total)
				if th, err := structure.Theil(sv, se); err == nil {
					o.deviation.add(m.runID, p, year, code, "theil", th)
				}
			}
			o.index.add(m.runID, p, year, code, "hhi_employment", structure.HHI(e))
			if h := structure.HHI(v); !math.IsNaN(h) {
				o.index.add(m.runID, p, year, code, "hhi_value_added", h)
			}
			shares := map[string]float64{}
			for k, c := range codes {
				shares[c] = es[k]
			}
			if prevShares != nil {
				all := unionKeys(shares, prevShares)
				if _, angle, err := structure.Moore(values(prevShares, all), values(shares, all)); err == nil {
					o.index.add(m.runID, p, year, code, "moore_employment", angle)
				}
			}
			prevShares = shares
		}
		if len(ys) >= 3 {
			for _, name := range Sectors {
				sectorSeries = append(sectorSeries, forecast.Series{ID: code + "/" + name, Values: sectorEmp[name], Frequency: 1})
				sectorKeys = append(sectorKeys, key2{code, name})
			}
		}
	}
	if noVA {
		m.notes = append(m.notes, "no_value_added")
	}
	m.locationQuotients(regions, order, o)
	m.shiftShare(regions, order, o)
	if err := m.shareForecasts(ctx, regions, sectorSeries, sectorKeys, o); err != nil {
		return err
	}
	m.structure = o
	return nil
}

// locationQuotients: every city and industry of the map against its
// province's whole employment, year by year (structure.RegionQuotients).
func (m *model) locationQuotients(regions map[string]*regionMap, order []string, o *structureOut) {
	for _, pc := range order {
		pr := regions[pc]
		if pr.level != "province" {
			continue
		}
		var cities []*regionMap
		for _, cc := range order {
			if c := regions[cc]; c.level == "city" && c.province == pc {
				cities = append(cities, c)
			}
		}
		for _, year := range sortedYears(pr.years) {
			py := pr.years[year]
			for _, c := range cities {
				cy := c.years[year]
				if cy == nil {
					continue
				}
				codes, lq, err := structure.RegionQuotients(cy.emp, py.emp)
				if err != nil {
					continue
				}
				for k, code := range codes {
					o.lq.add(m.runID, m.opts.Period, year, c.region, code, lq[k])
				}
			}
		}
	}
}

// shiftShare decomposes each city's employment change by industry
// against its province's whole employment over each span ending at the
// last year (structure.RegionShiftShare).
func (m *model) shiftShare(regions map[string]*regionMap, order []string, o *structureOut) {
	for _, cc := range order {
		c := regions[cc]
		pr := regions[c.province]
		if c.level != "city" || pr == nil {
			continue
		}
		ys := sortedYears(c.years)
		if len(ys) == 0 {
			continue
		}
		end := ys[len(ys)-1]
		for _, span := range ShiftShareSpans {
			base := end - span
			c0, c1, p0, p1 := c.years[base], c.years[end], pr.years[base], pr.years[end]
			if c0 == nil || c1 == nil || p0 == nil || p1 == nil {
				continue
			}
			codes, d, err := structure.RegionShiftShare(c0.emp, c1.emp, p0.emp, p1.emp)
			if err != nil {
				continue
			}
			for k, code := range codes {
				o.shift.add(m.runID, m.opts.Period, c.region, code, base, end, d.Change[k], d.Growth[k], d.Mix[k], d.Competitive[k])
			}
		}
	}
}

// shareForecasts forecasts each region's sector employment to the horizon
// and turns it into shares.
func (m *model) shareForecasts(ctx context.Context, regions map[string]*regionMap, series []forecast.Series, keys []key2, o *structureOut) error {
	byRegion := map[string][]int{}
	var order []string
	for i, k := range keys {
		if _, ok := byRegion[k.a]; !ok {
			order = append(order, k.a)
		}
		byRegion[k.a] = append(byRegion[k.a], i)
	}
	for _, code := range order {
		idx := byRegion[code]
		ys := sortedYears(regions[code].years)
		last := ys[len(ys)-1]
		h := m.opts.Horizon - last
		if h < 1 {
			continue
		}
		sub := make([]forecast.Series, len(idx))
		for n, i := range idx {
			sub[n] = series[i]
		}
		res, err := forecast.ForecastAll(ctx, sub, forecast.Options{Method: m.opts.DemandMethod, Horizon: h, PointOnly: true,
			Seed: m.opts.Seed, Workers: m.opts.Workers})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			continue
		}
		comps := make([][]float64, len(res))
		for n, r := range res {
			comps[n] = r.Mean
		}
		shares, err := structure.ShareForecast(comps)
		if err != nil {
			continue
		}
		for hh, row := range shares {
			for n, i := range idx {
				o.forecast.add(m.runID, m.opts.Period, last+hh+1, code, keys[i].b, "employment", row[n])
			}
		}
	}
	return nil
}

func (o *structureOut) frames() []*warehouse.Frame {
	return []*warehouse.Frame{&o.industry.f, &o.sectors.f, &o.deviation.f, &o.lq.f, &o.shift.f, &o.index.f, &o.forecast.f}
}

// structureTables are the tables of structureOut.frames, in order.
var structureTables = []string{"results.industry_structure", "results.sector_shares", "results.structural_deviation",
	"results.location_quotients", "results.shift_share", "results.structure_index", "results.sector_share_forecast"}

func sortedYears(m map[int]*regionYear) []int {
	out := make([]int, 0, len(m))
	for y := range m {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

func sortedKeys(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func unionKeys(a, b map[string]float64) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// values returns m's values for keys (0 for a missing key).
func values(m map[string]float64, keys []string) []float64 {
	out := make([]float64, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
