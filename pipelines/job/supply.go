//go:build duckdb_arrow

package job

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/vocmap/vocmap/analytics/forecast"
	"github.com/vocmap/vocmap/analytics/supply"
)

// supplyForecast is the graduate supply of one program in one region
// (a city, or a province as the sum of its cities).
type supplyForecast struct {
	province, region, program string
	graduates, entering       []float64 // years base+1..horizon
	entDraws                  []float64 // province only: Σ entering over the horizon, per draw
}

// intakeHist is a city's (or province's) intake and graduates by year,
// summed over its schools (supply.Aggregate).
type intakeHist struct {
	province, region, program string
	first                     int
	intake, graduates         []float64
}

func (h *intakeHist) last() int { return h.first + len(h.intake) - 1 }

func (h *intakeHist) cohorts() supply.Cohorts {
	return supply.Cohorts{First: h.first, Intake: h.intake, Graduates: h.graduates}
}

// schoolBlock is the schools of one city that offer one program.
type schoolBlock struct {
	province, city, program string
	schools                 []supply.Cohorts
}

// schools reads the intake mart (004) into the schools' cohorts of each
// city and program of the crosswalk, in the mart's order (province, city,
// program), and the schools of each province and program.
func (m *model) schools() ([]*schoolBlock, map[key2][]supply.Cohorts, error) {
	t := m.in.intake
	var blocks []*schoolBlock
	byProv := map[key2][]supply.Cohorts{}
	for i := 0; i < len(t); {
		r := t[i]
		j := i
		for j < len(t) && t[j].Program == r.Program && t[j].School == r.School && t[j].City == r.City {
			j++
		}
		if m.in.programs[r.Program] == nil { // a program outside the crosswalk feeds no industry
			i = j
			continue
		}
		ys := make([]int, j-i)
		intake, grads := make([]float64, j-i), make([]float64, j-i)
		for k, x := range t[i:j] {
			ys[k], intake[k], grads[k] = int(x.Year), orNaN(x.Intake), orNaN(x.Graduates)
		}
		c, err := supply.NewCohorts(ys, intake, grads)
		if err != nil {
			return nil, nil, fmt.Errorf("job: intake of %s at school %s: %w", r.Program, r.School, err)
		}
		if n := len(blocks); n == 0 || blocks[n-1].city != r.City || blocks[n-1].program != r.Program {
			blocks = append(blocks, &schoolBlock{province: r.Province, city: r.City, program: r.Program})
		}
		b := blocks[len(blocks)-1]
		b.schools = append(b.schools, c)
		k := key2{r.Province, r.Program}
		byProv[k] = append(byProv[k], c)
		i = j
	}
	return blocks, byProv, nil
}

// supply projects the graduates entering the labour market of every
// program and city to the horizon: completion rate by province and
// program over the schools that report both intake and graduates,
// further study and stay-in-province where known, intake beyond the
// latest year by the intake method (naive holds it).
func (m *model) supply(ctx context.Context) error {
	blocks, byProv, err := m.schools()
	if err != nil {
		return err
	}
	// Rates by province and program.
	facts := m.in.facts
	type rates struct{ completion, further, stay float64 }
	rate := map[key2]rates{}
	fr, sr := map[key2]float64{}, map[key2]float64{}
	for i, sc := range facts.S("scope") {
		if sc == "province" {
			k := key2{facts.S("province_code")[i], facts.S("program_code")[i]}
			fr[k], sr[k] = facts.F("further_rate")[i], facts.F("stay_rate")[i]
		}
	}
	keys := make([]key2, 0, len(byProv))
	for k := range byProv {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].a+keys[i].b < keys[j].a+keys[j].b })
	provH := map[key2]*intakeHist{}
	for _, k := range keys {
		p := m.in.programs[k.b]
		c, _, err := supply.PooledCompletionRate(byProv[k], p.duration, m.opts.DefaultCompletion)
		if err != nil {
			return fmt.Errorf("job: completion rate of %s: %w", k.b, err)
		}
		r := rates{completion: c, further: fr[k], stay: sr[k]}
		if math.IsNaN(r.further) {
			r.further = m.opts.DefaultFurtherStudy
		}
		if math.IsNaN(r.stay) {
			r.stay = m.opts.DefaultStay
		}
		rate[k] = r
		if provH[k], err = m.aggregate(k.a, k.a, k.b, byProv[k], c); err != nil {
			return err
		}
	}
	cities := make([]*intakeHist, len(blocks))
	for i, b := range blocks {
		if cities[i], err = m.aggregate(b.province, b.city, b.program, b.schools, rate[key2{b.province, b.program}].completion); err != nil {
			return err
		}
	}
	// Intake forecasts: cities (point) and provinces (draws).
	m.sup = map[key2]*supplyForecast{}
	project := func(h *intakeHist, fc []float64) (*supplyForecast, error) {
		p, r := m.in.programs[h.program], rate[key2{h.province, h.program}]
		base := m.provBase[h.province]
		if base == 0 { // a province without an industry map: the run's base year
			base = m.baseYear()
		}
		g, err := supply.Project(h.cohorts(), fc, p.duration, r.completion, base+1, m.opts.Horizon)
		if err != nil {
			return nil, err
		}
		s := &supplyForecast{province: h.province, region: h.region, program: h.program, graduates: g}
		s.entering, err = supply.EnteringWork(s.graduates, r.further, r.stay)
		return s, err
	}
	series := make([]forecast.Series, len(cities))
	for i, h := range cities {
		series[i] = forecast.Series{ID: h.region + "/" + h.program, Values: zeroNaN(h.intake), Frequency: 1}
	}
	fcs, err := m.intakeForecasts(ctx, series, cities)
	if err != nil {
		return err
	}
	deltas := m.intakeDeltas(cities)
	provAdd := map[key2][]func(int) float64{}
	for i, h := range cities {
		if add := deltas[key2{h.region, h.program}]; add != nil {
			fcs[i] = addIntake(fcs[i], h.last(), add)
			pk := key2{h.province, h.program}
			provAdd[pk] = append(provAdd[pk], add)
		}
	}
	for i, h := range cities {
		s, err := project(h, fcs[i])
		if err != nil {
			return fmt.Errorf("job: supply of %s in %s: %w", h.program, h.region, err)
		}
		m.sup[key2{h.region, h.program}] = s
		k := key2{h.province, h.program}
		ps := m.sup[k]
		if ps == nil {
			ps = &supplyForecast{province: h.province, region: h.province, program: h.program,
				graduates: make([]float64, len(s.graduates)), entering: make([]float64, len(s.entering))}
			m.sup[k] = ps
		}
		for y := range s.graduates {
			ps.graduates[y] += s.graduates[y]
			ps.entering[y] += s.entering[y]
		}
	}
	// Draws of the province's supply for the probability of oversupply.
	err = forecast.Each(ctx, len(keys), m.opts.Workers, func(q int) {
		k := keys[q]
		h := provH[k]
		ahead := m.opts.Horizon - h.last()
		ps := m.sup[k]
		if ps == nil {
			return
		}
		ps.entDraws = make([]float64, m.opts.Draws)
		var paths [][]float64
		if ahead > 0 {
			paths, _, _ = forecast.SamplePaths(forecast.Series{ID: k.a + "/" + k.b, Values: zeroNaN(h.intake), Frequency: 1},
				forecast.Options{Method: m.opts.IntakeMethod, Horizon: ahead, Paths: m.opts.Draws, Seed: m.opts.Seed})
		}
		for d := range ps.entDraws {
			var fc []float64
			if paths != nil {
				fc = clampZero(paths[d])
			} else if ahead > 0 {
				fc = constant(nanZero(h.intake[len(h.intake)-1]), ahead)
			}
			for _, add := range provAdd[k] {
				fc = addIntake(fc, h.last(), add)
			}
			s, err := project(h, fc)
			if err != nil {
				ps.entDraws[d] = sum(ps.entering)
				continue
			}
			ps.entDraws[d] = sum(s.entering)
		}
	})
	return err
}

// intakeForecasts forecasts future intake of each city series; a series
// that cannot be forecast holds its latest intake.
func (m *model) intakeForecasts(ctx context.Context, series []forecast.Series, hs []*intakeHist) ([][]float64, error) {
	out := make([][]float64, len(series))
	byH := map[int][]int{}
	for i, h := range hs {
		if a := m.opts.Horizon - h.last(); a > 0 {
			byH[a] = append(byH[a], i)
		}
	}
	for a, idx := range byH {
		sub := make([]forecast.Series, len(idx))
		for n, i := range idx {
			sub[n] = series[i]
		}
		res, err := forecast.ForecastAll(ctx, sub, forecast.Options{Method: m.opts.IntakeMethod, Horizon: a, PointOnly: true,
			Seed: m.opts.Seed, Workers: m.opts.Workers})
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		_ = err // failures hold the latest value below
		for n, i := range idx {
			if res[n].Mean != nil {
				out[i] = clampZero(res[n].Mean)
			} else {
				v := series[i].Values
				out[i] = constant(v[len(v)-1], a)
			}
		}
	}
	return out, nil
}

// aggregate sums a region's schools into its history (supply.Aggregate).
func (m *model) aggregate(province, region, program string, schools []supply.Cohorts, completion float64) (*intakeHist, error) {
	c, err := supply.Aggregate(schools, m.in.programs[program].duration, completion)
	if err != nil {
		return nil, fmt.Errorf("job: intake of %s in %s: %w", program, region, err)
	}
	return &intakeHist{province: province, region: region, program: program, first: c.First, intake: c.Intake, graduates: c.Graduates}, nil
}

func nanZero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

func zeroNaN(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = nanZero(v)
	}
	return out
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}
