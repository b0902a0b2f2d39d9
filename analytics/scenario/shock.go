package scenario

import (
	"fmt"
	"math"
	"strings"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// Shock adds Growth to the annual employment growth rate of an industry in
// a region for the years From..To, both included (a scenario's "shocks").
// Industry is an industry code (C36) or a section letter (C: every code of
// the section); Region is a city, or a province (every city of it, or the
// province itself where its cities have no series of the industry).
type Shock struct {
	Industry, Region string
	Growth           float64
	From, To         int
}

// Matches reports whether the shock applies to the industry code: the same
// code, or a section letter and a code of that section (C and C36). The
// shock's code is compared in upper case.
func (s Shock) Matches(industry string) bool {
	code := strings.ToUpper(s.Industry)
	return industry == code || (len(code) == 1 && industry != "" && strings.ToUpper(industry[:1]) == code)
}

// Factor returns the factor by which shocks move a forecast of year y
// whose last observed year is base:
//
//	F(y) = Π_{k = base+1..y} max(1 + Σ_{s: From_s ≤ k ≤ To_s} Growth_s, 0)
//
// the growth of shocks that hold in the same year adds up, and a year
// whose growth is −100 % or less leaves nothing. It is 1 for y ≤ base and
// for shocks outside base+1..y. Growth values are not checked (Apply
// checks them): a NaN growth gives NaN.
func Factor(shocks []Shock, base, y int) float64 {
	f := 1.0
	for k := base + 1; k <= y; k++ {
		g, any := 0.0, false
		for _, s := range shocks {
			if s.From <= k && k <= s.To {
				g += s.Growth
				any = true
			}
		}
		if any {
			f *= math.Max(1+g, 0)
		}
	}
	return f
}

// Series is one region's forecast of an industry's employment for the
// years Base+1, Base+2, …: the mean path, and the prediction bounds and
// Monte Carlo draws, which move in proportion to the mean. A bound or draw
// shorter than Mean moves where it has a step.
type Series struct {
	Region string
	Base   int
	Mean   []float64
	Bands  [][]float64
	Draws  [][]float64
	// Last is the employment observed in the base year, from which a
	// plan target grows (ApplyTargets); shocks do not read it.
	Last float64
}

// Industry is one province's employment forecasts of one industry: the
// province's own series (Total, nil if the province has none) and its
// cities' (none where only the province reports the industry, as the data
// contract allows).
type Industry struct {
	Code, Province string
	Total          *Series
	Cities         []*Series
}

// Apply applies the shocks to the series of ind in place, where the data
// exist, and returns matched[k]: whether shocks[k] reached a series.
//
//   - A city's series is multiplied by Factor of the shocks on the
//     industry that name the city or the province.
//   - With city series, the province's mean moves by the cities' change in
//     jobs, Total.Mean[h] += Σ_c (new_c[h] − old_c[h]), floored at 0, and
//     its bounds and draws by the same ratio (none where the mean was 0).
//     A province that is the sum of its cities stays so; a shock naming the
//     province reaches it through its cities.
//   - Without city series, the province's series is multiplied by Factor
//     of the shocks that name the province.
//
// A shock naming a city without a series of the industry matches nothing.
// A NaN or ±Inf growth of a shock that applies to ind is an error, and ind
// is then left unchanged.
func Apply(ind Industry, shocks []Shock) (matched []bool, err error) {
	matched = make([]bool, len(shocks))
	for k, s := range shocks {
		if s.Matches(ind.Code) && !numeric.Finite(s.Growth) {
			return matched, fmt.Errorf("scenario: shock %d (%s in %s): growth %v must be finite", k, s.Industry, s.Region, s.Growth)
		}
	}
	pick := func(regions ...string) []Shock {
		var out []Shock
		for k, s := range shocks {
			if !s.Matches(ind.Code) {
				continue
			}
			for _, r := range regions {
				if s.Region == r {
					out = append(out, s)
					matched[k] = true
					break
				}
			}
		}
		return out
	}
	if len(ind.Cities) == 0 {
		if t := ind.Total; t != nil {
			if mine := pick(ind.Province, t.Region); len(mine) > 0 {
				for h := range t.Mean {
					scale(t, h, Factor(mine, t.Base, t.Base+h+1))
				}
			}
		}
		return matched, nil
	}
	var delta []float64
	if ind.Total != nil {
		delta = make([]float64, len(ind.Total.Mean))
	}
	for _, c := range ind.Cities {
		mine := pick(c.Region, ind.Province)
		if len(mine) == 0 {
			continue
		}
		for h, old := range c.Mean {
			f := Factor(mine, c.Base, c.Base+h+1)
			if h < len(delta) {
				delta[h] += old * (f - 1)
			}
			scale(c, h, f)
		}
	}
	if t := ind.Total; t != nil {
		for h, old := range t.Mean {
			if delta[h] == 0 {
				continue
			}
			ratio := 1.0
			if old > 0 {
				ratio = math.Max(old+delta[h], 0) / old
			}
			scale(t, h, ratio)
			t.Mean[h] = math.Max(old+delta[h], 0)
		}
	}
	return matched, nil
}

// scale multiplies step h of s's mean, bounds and draws by f. It reads
// every value of the step before it writes any, so a bound or draw that
// shares its array with the mean (a forecast held flat) is scaled once.
func scale(s *Series, h int, f float64) {
	at := func(v []float64) float64 {
		if h < len(v) {
			return v[h]
		}
		return math.NaN()
	}
	mean := at(s.Mean)
	bands := make([]float64, len(s.Bands))
	for i, b := range s.Bands {
		bands[i] = at(b)
	}
	draws := make([]float64, len(s.Draws))
	for i, d := range s.Draws {
		draws[i] = at(d)
	}
	if h < len(s.Mean) {
		s.Mean[h] = mean * f
	}
	for i, b := range s.Bands {
		if h < len(b) {
			b[h] = bands[i] * f
		}
	}
	for i, d := range s.Draws {
		if h < len(d) {
			d[h] = draws[i] * f
		}
	}
}
