//go:build duckdb_arrow

package job

import (
	"math"
	"strings"

	"github.com/vocmap/vocmap/analytics/rules"
)

// Shock adds Growth to an industry's annual employment growth rate in a
// region for the years From..To (a scenario's "shocks"). Industry is a
// crosswalk code or a section letter (all its codes); Region a city or a
// province (all its cities).
type Shock struct {
	Industry, Region string
	Growth           float64
	From, To         int
}

// IntakeChange adds Change seats a year to a program's intake in a region
// from the year From on (a scenario's "intake"). A province's change is
// shared among its cities by their latest intake.
type IntakeChange struct {
	Program, Region string
	Change          float64
	From            int
}

// shockFactor is the factor a shock series applies in forecast year y:
// Π over the shocked years k ≤ y of (1 + growth).
func shockFactor(shocks []Shock, base, y int) float64 {
	f := 1.0
	for _, s := range shocks {
		for k := max(s.From, base+1); k <= min(s.To, y); k++ {
			f *= 1 + s.Growth
		}
	}
	return math.Max(f, 0)
}

func shockMatches(s Shock, industry string) bool {
	code := strings.ToUpper(s.Industry)
	return industry == code || (len(code) == 1 && sectionOf(industry) == code)
}

// applyShocks changes the employment forecasts by the scenario's shocks:
// a shocked city's path is multiplied by its shock factor; its province's
// path moves by the same number of jobs (a province-wide shock shocks
// every city, so the province moves by their sum and stays coherent).
func (m *model) applyShocks() {
	if len(m.opts.Shocks) == 0 {
		return
	}
	provDelta := map[key2][]float64{}
	keys := make([]key2, 0, len(m.emp))
	for k := range m.emp {
		keys = append(keys, k)
	}
	sortKeys(keys)
	for _, k := range keys {
		f := m.emp[k]
		if f.level != "city" {
			continue
		}
		var mine []Shock
		for _, s := range m.opts.Shocks {
			if shockMatches(s, f.industry) && (s.Region == f.region || s.Region == f.province) {
				mine = append(mine, s)
			}
		}
		if len(mine) == 0 {
			continue
		}
		base := m.opts.Horizon - len(f.mean)
		pk := key2{f.province, f.industry}
		if provDelta[pk] == nil {
			provDelta[pk] = make([]float64, len(f.mean))
		}
		for h := range f.mean {
			factor := shockFactor(mine, base, base+h+1)
			provDelta[pk][h] += f.mean[h] * (factor - 1)
			f.mean[h] *= factor
			f.lo80[h], f.hi80[h], f.lo95[h], f.hi95[h] = f.lo80[h]*factor, f.hi80[h]*factor, f.lo95[h]*factor, f.hi95[h]*factor
		}
	}
	for pk, d := range provDelta {
		p := m.emp[pk]
		if p == nil {
			continue
		}
		for h := range p.mean {
			old := p.mean[h]
			p.mean[h] = math.Max(old+d[h], 0)
			ratio := 1.0
			if old > 0 {
				ratio = p.mean[h] / old
			}
			p.lo80[h], p.hi80[h], p.lo95[h], p.hi95[h] = p.lo80[h]*ratio, p.hi80[h]*ratio, p.lo95[h]*ratio, p.hi95[h]*ratio
			for _, path := range p.paths {
				if h < len(path) {
					path[h] *= ratio
				}
			}
		}
	}
}

// intakeDeltas returns, for each city and program, the seats a scenario
// adds in each year after the city's last intake year (index 0 = the
// year after last).
func (m *model) intakeDeltas(cities []*intakeHist) map[key2]func(year int) float64 {
	if len(m.opts.IntakeChanges) == 0 {
		return nil
	}
	latest := map[key2]float64{}    // city, program -> latest intake
	provTotal := map[key2]float64{} // province, program -> Σ latest intake
	cityCount := map[key2]float64{} // province, program -> cities offering it
	for _, h := range cities {
		v := nanZero(h.intake[len(h.intake)-1])
		latest[key2{h.region, h.program}] = v
		provTotal[key2{h.province, h.program}] += v
		cityCount[key2{h.province, h.program}]++
	}
	out := map[key2]func(int) float64{}
	for _, h := range cities {
		h := h
		var mine []IntakeChange
		var shares []float64
		for _, c := range m.opts.IntakeChanges {
			if c.Program != h.program {
				continue
			}
			switch c.Region {
			case h.region:
				mine, shares = append(mine, c), append(shares, 1)
			case h.province:
				share := 1 / cityCount[key2{h.province, h.program}]
				if t := provTotal[key2{h.province, h.program}]; t > 0 {
					share = latest[key2{h.region, h.program}] / t
				}
				mine, shares = append(mine, c), append(shares, share)
			}
		}
		if len(mine) == 0 {
			continue
		}
		out[key2{h.region, h.program}] = func(year int) float64 {
			s := 0.0
			for i, c := range mine {
				if year >= c.From {
					s += c.Change * shares[i]
				}
			}
			return s
		}
	}
	return out
}

// addIntake applies a city's scenario seats to its intake forecast
// (years last+1, last+2, ...), never below zero.
func addIntake(fc []float64, last int, add func(int) float64) []float64 {
	if add == nil {
		return fc
	}
	out := make([]float64, len(fc))
	for i, v := range fc {
		out[i] = math.Max(v+add(last+1+i), 0)
	}
	return out
}

// signalDraws gives each row the probability of each signal of the
// published preset: the rules are evaluated once per Monte Carlo draw
// with the row's ratio moved as its province's ratio moved in that draw.
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
			rd := m.ratioDraws[key2{r.province, r.program}]
			if rd == nil || d >= len(rd) {
				continue
			}
			pm := m.progMatch[key2{r.province, r.program}]
			switch {
			case pm != nil && pm.ratio > 0 && !math.IsInf(pm.ratio, 0) && !math.IsNaN(r.ratio):
				work[i].Ratio = r.ratio * rd[d] / pm.ratio
			default:
				work[i].Ratio = rd[d]
			}
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
