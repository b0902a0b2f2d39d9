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

// intakeHist is a city's (or province's) intake and graduates by year.
type intakeHist struct {
	province, region, program string
	first                     int
	intake, graduates         []float64
}

func (h *intakeHist) last() int { return h.first + len(h.intake) - 1 }

// supply projects the graduates entering the labour market of every
// program and city to the horizon: completion rate and further study by
// program from history, stay-in-province where known, intake beyond the
// latest year by the intake method (naive holds it).
func (m *model) supply(ctx context.Context) error {
	t := m.in.intake
	prov, city, prog, years := t.S("province_code"), t.S("city_code"), t.S("program_code"), t.I("year")
	intake, grads := t.F("intake"), t.F("graduates")
	var cities []*intakeHist
	provH := map[key2]*intakeHist{}
	for i := 0; i < len(prog); {
		j := i
		for j < len(prog) && prog[j] == prog[i] && city[j] == city[i] {
			j++
		}
		if m.in.programs[prog[i]] == nil { // a program outside the crosswalk feeds no industry
			i = j
			continue
		}
		h := &intakeHist{province: prov[i], region: city[i], program: prog[i]}
		h.first, h.intake = yearSeries(years[i:j], intake[i:j])
		_, h.graduates = yearSeries(years[i:j], grads[i:j])
		cities = append(cities, h)
		k := key2{prov[i], prog[i]}
		p := provH[k]
		if p == nil {
			p = &intakeHist{province: prov[i], region: prov[i], program: prog[i], first: h.first}
			provH[k] = p
		}
		p.add(h)
		i = j
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
	keys := make([]key2, 0, len(provH))
	for k := range provH {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].a+keys[i].b < keys[j].a+keys[j].b })
	for _, k := range keys {
		h, p := provH[k], m.in.programs[k.b]
		c, _, err := supply.CompletionRate(h.intake, h.graduates, p.duration, m.opts.DefaultCompletion)
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
	}
	// Intake forecasts: cities (point) and provinces (draws).
	m.sup = map[key2]*supplyForecast{}
	project := func(h *intakeHist, fc []float64) (*supplyForecast, error) {
		p, r := m.in.programs[h.program], rate[key2{h.province, h.program}]
		base := m.provBase[h.province]
		if base == 0 {
			base = h.last()
		}
		n := m.opts.Horizon - base
		s := &supplyForecast{province: h.province, region: h.region, program: h.program, graduates: make([]float64, n)}
		hist := make([]float64, len(h.intake))
		for i, v := range h.intake {
			hist[i] = nanZero(v)
		}
		ahead := m.opts.Horizon - h.last()
		var g []float64
		if ahead > 0 {
			padded := hist
			if len(padded) < p.duration { // a new program: no intake before its first year
				padded = append(make([]float64, p.duration-len(padded)), padded...)
			}
			var err error
			if g, err = supply.Graduates(padded, fc, p.duration, r.completion, ahead); err != nil {
				return nil, err
			}
		}
		for y := base + 1; y <= m.opts.Horizon; y++ {
			switch idx := y - h.first; {
			case idx < 0:
			case y > h.last():
				s.graduates[y-base-1] = g[y-h.last()-1]
			case !math.IsNaN(h.graduates[idx]):
				s.graduates[y-base-1] = h.graduates[idx]
			case idx-p.duration >= 0:
				s.graduates[y-base-1] = r.completion * hist[idx-p.duration]
			}
		}
		var err error
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

// add adds a city's history to a province's.
func (p *intakeHist) add(h *intakeHist) {
	if h.first < p.first || len(p.intake) == 0 {
		shift := 0
		if len(p.intake) > 0 {
			shift = p.first - h.first
		}
		p.first = h.first
		p.intake = append(make([]float64, shift), p.intake...)
		p.graduates = append(nanSlice(shift), p.graduates...)
	}
	for len(p.intake) < h.last()-p.first+1 {
		p.intake = append(p.intake, 0)
		p.graduates = append(p.graduates, math.NaN())
	}
	for i := range h.intake {
		k := h.first - p.first + i
		p.intake[k] += nanZero(h.intake[i])
		if g := h.graduates[i]; !math.IsNaN(g) {
			p.graduates[k] = nanZero(p.graduates[k]) + g
		}
	}
}

func nanSlice(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
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
