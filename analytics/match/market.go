package match

import (
	"fmt"
	"math"
)

// Market is the labour market in which a level's graduates look for work
// and in which a program is judged (docs/models.md, "Labour markets").
type Market string

// The markets.
const (
	// CityMarket: graduates work in the city where they studied, but for
	// the share Markets.OtherCities that works in the province's other
	// cities.
	CityMarket Market = "city"
	// ProvinceMarket: graduates look for work across the province; a city
	// or school row carries the province's ratio and probability.
	ProvinceMarket Market = "province"
	// FlowsMarket: the observed destinations of the graduates
	// (graduate_destinations) say in which city they work.
	FlowsMarket Market = "flows"
)

// Markets says in which market each level is judged.
type Markets struct {
	// Level maps a program level ("secondary", "higher", "bachelor") to
	// CityMarket or ProvinceMarket; a level not in the map is judged in
	// the province.
	Level map[string]Market
	// OtherCities is the share, in [0,1], of a city-market level's
	// graduates who work in the province's other cities.
	OtherCities float64
}

// DefaultMarkets returns the default markets: secondary graduates in
// their city, 10 % of them in the province's other cities; higher and
// bachelor graduates across the province. The 10 % is an assumption of
// this project until a province measures it (graduate_destinations).
func DefaultMarkets() Markets {
	return Markets{Level: map[string]Market{"secondary": CityMarket, "higher": ProvinceMarket, "bachelor": ProvinceMarket},
		OtherCities: 0.10}
}

// Of returns the market of a level: its entry in Level, ProvinceMarket
// if it has none.
func (m Markets) Of(level string) Market {
	if x, ok := m.Level[level]; ok {
		return x
	}
	return ProvinceMarket
}

// Validate reports a market other than city or province (flows is not
// configured: the data choose it) and an OtherCities share outside [0,1].
func (m Markets) Validate() error {
	for l, x := range m.Level {
		if x != CityMarket && x != ProvinceMarket {
			return fmt.Errorf("match: market of %s is %q, want city or province", l, x)
		}
	}
	if !(m.OtherCities >= 0 && m.OtherCities <= 1) {
		return fmt.Errorf("match: other-cities share %v must be in [0,1]", m.OtherCities)
	}
	return nil
}

// Destinations says where the graduates of one source (a city's schools,
// or one school) work, as shares of those entering work in the province;
// the shares sum to 1.
type Destinations struct {
	// Home is the index of the source's city.
	Home int
	// City[c] is the share who work in city c (its own city included).
	City []float64
	// Pool is the share who work somewhere in the province, the city not
	// known: they are spread over all cities in proportion to each city's
	// openings of the industry.
	Pool float64
	// Away is the share who work in one of the other cities: spread over
	// the cities other than Home in proportion to their openings.
	Away float64
}

// LevelDestinations returns the destinations of a source in city home of
// nCities under a level's market m: in a city market a share other of
// the graduates is Away and the rest stays at home; in a province market
// they are all in the Pool.
func LevelDestinations(m Market, home, nCities int, other float64) Destinations {
	d := Destinations{Home: home, City: make([]float64, nCities)}
	if m == CityMarket {
		d.City[home] = 1 - other
		d.Away = other
	} else {
		d.Pool = 1
	}
	return d
}

// FlowDestinations returns the destinations of a source in city home
// from its observed employed graduates: employed[c] in city c, inProvince
// in the province with the city not known (the Pool). Graduates employed
// outside the province are not counted: the stay-in-province rate has
// already removed them from the supply. With no one employed in the
// province the second result is false.
func FlowDestinations(home int, employed []float64, inProvince float64) (Destinations, bool) {
	d := Destinations{Home: home, City: make([]float64, len(employed))}
	tot := math.Max(inProvince, 0)
	for _, e := range employed {
		tot += math.Max(e, 0)
	}
	if !(tot > 0) || math.IsInf(tot, 0) {
		return d, false
	}
	for c, e := range employed {
		d.City[c] = math.Max(e, 0) / tot
	}
	d.Pool = math.Max(inProvince, 0) / tot
	return d, true
}

// MarketSupply places the graduates of every source in the cities where
// they work. graduates[s][i] are source s's graduates entering work in
// industry i; dest[s] where they work; openings[c][i] city c's openings of
// industry i. The supply in city c's market is
//
//	S[c][i] = Σ_s g[s][i] · ( City_s[c]
//	          + Pool_s · O[c][i] / Σ_c' O[c'][i]
//	          + Away_s · O[c][i] / Σ_{c' ≠ home(s)} O[c'][i]   (c ≠ home(s)) )
//
// An industry without openings in any city (without openings in the other
// cities, for Away) keeps those graduates in their home city. The cities'
// supplies of an industry add up to the sources' graduates of it. Shapes
// that do not agree, shares that are negative or do not sum to 1 (±1e-9),
// a home out of range and values that are negative or not finite are
// errors.
func MarketSupply(graduates [][]float64, dest []Destinations, openings [][]float64) ([][]float64, error) {
	if len(dest) != len(graduates) {
		return nil, fmt.Errorf("match: %d sources but %d destinations", len(graduates), len(dest))
	}
	nc := len(openings)
	ni := -1
	for c, row := range openings {
		if ni < 0 {
			ni = len(row)
		}
		if len(row) != ni {
			return nil, fmt.Errorf("match: openings row %d has %d industries, want %d", c, len(row), ni)
		}
		for i, o := range row {
			if !finiteNonNeg(o) {
				return nil, fmt.Errorf("match: openings[%d][%d] = %v must be finite and non-negative", c, i, o)
			}
		}
	}
	for s, row := range graduates {
		if ni < 0 {
			ni = len(row)
		}
		if len(row) != ni {
			return nil, fmt.Errorf("match: graduates row %d has %d industries, want %d", s, len(row), ni)
		}
		for i, g := range row {
			if !finiteNonNeg(g) {
				return nil, fmt.Errorf("match: graduates[%d][%d] = %v must be finite and non-negative", s, i, g)
			}
		}
		d := dest[s]
		if d.Home < 0 || d.Home >= nc || len(d.City) != nc {
			return nil, fmt.Errorf("match: source %d: home %d or %d city shares do not fit %d cities", s, d.Home, len(d.City), nc)
		}
		tot := d.Pool + d.Away
		for _, x := range append([]float64{d.Pool, d.Away}, d.City...) {
			if !finiteNonNeg(x) {
				return nil, fmt.Errorf("match: source %d: share %v must be finite and non-negative", s, x)
			}
		}
		for _, x := range d.City {
			tot += x
		}
		if math.Abs(tot-1) > 1e-9 {
			return nil, fmt.Errorf("match: source %d: shares sum to %v, want 1", s, tot)
		}
	}
	if ni < 0 {
		ni = 0
	}
	total := make([]float64, ni)
	for _, row := range openings {
		for i, o := range row {
			total[i] += o
		}
	}
	out := make([][]float64, nc)
	for c := range out {
		out[c] = make([]float64, ni)
	}
	for s, row := range graduates {
		d := dest[s]
		for i, g := range row {
			if g == 0 {
				continue
			}
			for c, x := range d.City {
				out[c][i] += g * x
			}
			if d.Pool > 0 {
				spread(out, i, g*d.Pool, openings, total[i], -1, d.Home)
			}
			if d.Away > 0 {
				spread(out, i, g*d.Away, openings, total[i]-openings[d.Home][i], d.Home, d.Home)
			}
		}
	}
	return out, nil
}

// spread adds x graduates of industry i to the cities other than skip in
// proportion to their openings, whose sum is tot; with tot 0 they go to
// home.
func spread(out [][]float64, i int, x float64, openings [][]float64, tot float64, skip, home int) {
	if !(tot > 0) {
		out[home][i] += x
		return
	}
	for c := range out {
		if c != skip {
			out[c][i] += x * (openings[c][i] / tot)
		}
	}
}

func finiteNonNeg(x float64) bool { return x >= 0 && !math.IsInf(x, 1) }

// MinOpenings is the fewest openings over the horizon against which a
// ratio is shown: below one opening in the row's market the ratio is
// undefined and the row says no_demand.
const MinOpenings = 1.0

// MarketRatio returns supply ÷ openings of a row in its market, and
// whether the market has no demand: with fewer than MinOpenings openings
// the ratio is NaN (never a huge number) and noDemand is true. Otherwise
// it is Ratio.
func MarketRatio(supply, openings float64) (ratio float64, noDemand bool) {
	if math.IsNaN(openings) || math.IsNaN(supply) {
		return math.NaN(), false
	}
	if openings < MinOpenings {
		return math.NaN(), true
	}
	return Ratio(supply, openings), false
}
