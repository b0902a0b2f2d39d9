package synth

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Years covered by the annual tables, and the months of job_postings.
const (
	firstYear      = 2013
	lastYear       = 2025
	nYears         = lastYear - firstYear + 1
	firstPostYear  = 2019
	firstOutcome   = 2015 // first graduation year with an outcomes survey
	prehistory     = 5    // years of intake simulated before firstYear
	baseGrowthYear = 2019 // year at which trends are centred
)

// Program levels and school types, in the contract's spelling.
const (
	levelSecondary = "secondary"
	levelHigher    = "higher"
	levelBachelor  = "bachelor"
	typeTechnician = "technician"
)

// world is everything that several tables share: regions, industries,
// programs, schools and the employment model. It is built once from the
// seed and then only read.
type world struct {
	seed      uint64
	scale     Scale
	provs     []provState
	cities    []city
	divs      []int          // indexes into gbt4754 of the divisions
	divIndex  map[string]int // division code -> index into divs
	sections  []int          // indexes into gbt4754 of the sections
	secDivs   map[string][]int
	programs  []program
	byLevel   map[string][]int         // level -> program indexes
	byLevCat  map[string]map[int][]int // level -> category -> program indexes
	schools   []school
	emp       []float64   // employment per city, division, year: [(c*len(divs)+d)*nYears+y]
	yearNoise []float64   // same layout, multiplicative noise of postings
	defects   *defectPlan // nil: none planted
}

// provState is one province of the dataset.
type provState struct {
	province
	short    string
	cities   []int              // indexes into world.cities
	tier     map[string]string  // division code -> tier
	target   map[string]float64 // division code -> target growth
	growth   []float64          // realised employment growth per division
	cityPrio map[int]string     // city index -> a strategic division
}

// city is one prefecture-level city.
type city struct {
	code, name string
	prov       int
	pop        float64 // population, 万人
	divMode    []bool  // per section index: write divisions (true) or the section row
}

// program is one catalogue entry.
type program struct {
	code, name, level string
	cat               int // 0..18
	catCode           string
	duration          int
	inds              []string
	weights           []float64
	placeBase         float64 // typical placement rate
	furtherShare      float64 // share of the placed who go on studying
	matchBase         float64
	salary            float64 // monthly salary in 2015, CNY
	trend             float64 // yearly log growth of intake
}

// school is one vocational school.
type school struct {
	code, name, typ, own string
	city                 int
	capacity             int64
	size                 float64 // intake multiplier
}

// stream derives a PCG stream identifier from a tag and ids, so that each
// table and entity draws from its own reproducible sequence.
func stream(tag string, ids ...int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(tag))
	var b [8]byte
	for _, id := range ids {
		for i := range b {
			b[i] = byte(uint64(id) >> (8 * i))
		}
		h.Write(b[:])
	}
	return h.Sum64()
}

// rng returns a PCG generator seeded by seed for the given stream.
func (w *world) rng(tag string, ids ...int) *rand.Rand {
	return rand.New(rand.NewPCG(w.seed, stream(tag, ids...)))
}

// uniform returns a value in [lo, hi).
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*r.Float64() }

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func round(x float64) int64 { return int64(math.Round(x)) }

// shortName strips the administrative suffix of a province's name.
func shortName(name string) string {
	for _, suf := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
		if s, ok := strings.CutSuffix(name, suf); ok {
			return s
		}
	}
	return name
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// chineseNumber writes 1..99 in Chinese numerals.
func chineseNumber(n int) string {
	switch {
	case n <= 10:
		return chineseDigits[n]
	case n < 20:
		return "十" + chineseDigits[n-10]
	case n%10 == 0:
		return chineseDigits[n/10] + "十"
	default:
		return chineseDigits[n/10] + "十" + chineseDigits[n%10]
	}
}

// newWorld builds the shared model for opts (already normalised).
func newWorld(opts Options) *world {
	w := &world{seed: opts.Seed, scale: opts.Scale, divIndex: map[string]int{}, secDivs: map[string][]int{}}
	for i, ind := range gbt4754 {
		if len(ind.code) == 1 {
			w.sections = append(w.sections, i)
			continue
		}
		w.divIndex[ind.code] = len(w.divs)
		w.secDivs[ind.section] = append(w.secDivs[ind.section], len(w.divs))
		w.divs = append(w.divs, i)
	}
	w.buildRegions()
	w.buildPrograms()
	w.buildSchools(opts.Factor)
	w.buildEmployment()
	if !opts.Defects.isZero() {
		w.defects = w.planDefects(opts.Defects)
	}
	return w
}

func (w *world) buildRegions() {
	var chosen []province
	if w.scale == ScaleNational {
		chosen = provinces
	} else {
		r := w.rng("province")
		chosen = []province{provinces[r.IntN(len(provinces))]}
	}
	for pi, p := range chosen {
		r := w.rng("regions", pi)
		ps := provState{province: p, short: shortName(p.name), tier: map[string]string{}, target: map[string]float64{}, cityPrio: map[int]string{}}
		n := 9 + r.IntN(5)
		prefix := p.code[:2]
		for k := 1; k <= n; k++ {
			c := city{
				code: fmt.Sprintf("%s%02d00", prefix, k),
				name: ps.short + "合成" + chineseNumber(k) + "市",
				prov: pi,
				pop:  math.Exp(uniform(r, math.Log(120), math.Log(700))),
			}
			c.divMode = make([]bool, len(w.sections))
			for si, s := range w.sections {
				c.divMode[si] = len(w.secDivs[gbt4754[s].section]) > 1 && r.Float64() < 0.6
			}
			ps.cities = append(ps.cities, len(w.cities))
			w.cities = append(w.cities, c)
		}
		// Tiers: draw from each pool without reusing a division.
		for _, pool := range tierPools {
			idx := r.Perm(len(pool.divisions))
			want := pool.min + r.IntN(pool.max-pool.min+1)
			for _, i := range idx {
				if want == 0 {
					break
				}
				d := pool.divisions[i]
				if _, dup := ps.tier[d]; dup {
					continue
				}
				ps.tier[d] = pool.tier
				ps.target[d] = math.Round(uniform(r, pool.gLo, pool.gHi)*1000) / 1000
				want--
			}
		}
		var strategic []string
		for _, pool := range tierPools[:1] {
			for _, d := range pool.divisions {
				if ps.tier[d] == tierStrategic {
					strategic = append(strategic, d)
				}
			}
		}
		for _, c := range ps.cities {
			ps.cityPrio[c] = strategic[r.IntN(len(strategic))]
		}
		ps.growth = make([]float64, len(w.divs))
		for d, gi := range w.divs {
			ind := gbt4754[gi]
			g := 0.02
			switch sectorOf(ind.code, ind.section) {
			case 1:
				g = -0.03
			case 2:
				g = 0
			}
			if t, ok := ps.target[ind.code]; ok {
				g = 0.7 * t
			}
			ps.growth[d] = g + uniform(r, -0.015, 0.015)
		}
		w.provs = append(w.provs, ps)
	}
}

func (w *world) buildPrograms() {
	r := w.rng("programs")
	counts := map[string]int{levelSecondary: 100, levelHigher: 170, levelBachelor: 30}
	if w.scale == ScaleNational {
		counts = map[string]int{levelSecondary: 130, levelHigher: 230, levelBachelor: 40}
	}
	var totalW float64
	for _, c := range categories {
		totalW += c.weight
	}
	w.byLevel = map[string][]int{}
	w.byLevCat = map[string]map[int][]int{}
	weights2 := [][]float64{{0.6, 0.4}, {0.7, 0.3}, {0.8, 0.2}, {0.5, 0.5}}
	weights3 := [][]float64{{0.5, 0.3, 0.2}, {0.6, 0.2, 0.2}, {0.4, 0.4, 0.2}, {0.5, 0.25, 0.25}}
	for _, lv := range []struct {
		level string
		base  int
	}{{levelSecondary, 60}, {levelHigher, 40}, {levelBachelor, 20}} {
		w.byLevCat[lv.level] = map[int][]int{}
		perCat := make([]int, len(categories))
		for range counts[lv.level] {
			x := r.Float64() * totalW
			ci := 0
			for ; ci < len(categories)-1; ci++ {
				x -= categories[ci].weight
				if x < 0 {
					break
				}
			}
			perCat[ci]++
		}
		for ci, n := range perCat {
			cat := categories[ci]
			catCode := strconv.Itoa(lv.base + ci + 1)
			for j := range n {
				stem := cat.stems[j%len(cat.stems)]
				if j >= len(cat.stems) {
					stem += strconv.Itoa(j/len(cat.stems) + 1)
				}
				p := program{
					code:    fmt.Sprintf("%s%02d%02d", catCode, j/9+1, j%9+1),
					name:    stem,
					level:   lv.level,
					cat:     ci,
					catCode: catCode,
				}
				u := r.Float64()
				switch lv.level {
				case levelSecondary:
					p.duration = 3
					if u < 0.05 {
						p.duration = 2
					} else if u < 0.1 {
						p.duration = 4
					}
					p.furtherShare = uniform(r, 0.25, 0.55)
					p.salary = 3000
				case levelHigher:
					p.duration = 3
					if u < 0.05 {
						p.duration = 2
					} else if u < 0.1 {
						p.duration = 5
					}
					p.furtherShare = uniform(r, 0.08, 0.2)
					p.salary = 3800
				default:
					p.duration = 4
					if u < 0.05 {
						p.duration = 5
					}
					p.furtherShare = uniform(r, 0.05, 0.15)
					p.salary = 4800
				}
				p.salary *= uniform(r, 0.85, 1.25)
				k := 1
				if u := r.Float64(); u > 0.7 {
					k = 3
				} else if u > 0.3 {
					k = 2
				}
				k = min(k, len(cat.industries))
				perm := r.Perm(len(cat.industries))
				for _, i := range perm[:k] {
					p.inds = append(p.inds, cat.industries[i])
				}
				switch k {
				case 1:
					p.weights = []float64{1}
				case 2:
					p.weights = weights2[r.IntN(len(weights2))]
				default:
					p.weights = weights3[r.IntN(len(weights3))]
				}
				if r.Float64() < 0.08 {
					p.placeBase = uniform(r, 0.45, 0.65)
					p.trend = uniform(r, -0.15, -0.02)
				} else {
					p.placeBase = uniform(r, 0.85, 0.98)
					p.trend = uniform(r, -0.08, 0.1)
				}
				p.matchBase = uniform(r, 0.45, 0.85)
				idx := len(w.programs)
				w.programs = append(w.programs, p)
				w.byLevel[lv.level] = append(w.byLevel[lv.level], idx)
				w.byLevCat[lv.level][ci] = append(w.byLevCat[lv.level][ci], idx)
			}
		}
	}
}

func (w *world) buildSchools(factor float64) {
	perProv := 450.0
	if w.scale == ScaleNational {
		perProv = 12000.0 / float64(len(provinces))
	}
	for pi := range w.provs {
		ps := &w.provs[pi]
		r := w.rng("schools", pi)
		n := int(math.Round(perProv * factor * uniform(r, 0.9, 1.1)))
		// At least one bachelor school at any Factor, so that a reduced
		// province still has all three levels (and cities without them).
		nBach := min(n, max(1, int(math.Round(float64(1+r.IntN(4))*factor))))
		nHigh := int(math.Round(0.19 * float64(n)))
		nTech := int(math.Round(0.15 * float64(n)))
		nSec := max(0, n-nBach-nHigh-nTech)
		var popSum float64
		for _, c := range ps.cities {
			popSum += w.cities[c].pop
		}
		seq := map[string]int{}
		for _, tc := range []struct {
			typ    string
			n      int
			digit  string
			suffix string
		}{
			{levelBachelor, nBach, "2", "职业技术大学"},
			{levelHigher, nHigh, "1", "职业技术学院"},
			{typeTechnician, nTech, "5", "技工学校"},
			{levelSecondary, nSec, "3", "职业中学"},
		} {
			for range tc.n {
				x := r.Float64() * popSum
				ci := ps.cities[len(ps.cities)-1]
				for _, c := range ps.cities {
					x -= w.cities[c].pop
					if x < 0 {
						ci = c
						break
					}
				}
				c := w.cities[ci]
				key := c.code + tc.typ
				seq[key]++
				k := seq[key]
				s := school{
					code: tc.digit + c.code[:4] + fmt.Sprintf("%05d", k),
					name: c.name + "第" + chineseNumber(min(k, 99)) + tc.suffix,
					typ:  tc.typ,
					own:  "public",
					city: ci,
					size: math.Exp(uniform(r, -0.5, 0.5)),
				}
				if k > 99 {
					s.name = c.name + "第" + strconv.Itoa(k) + tc.suffix
				}
				priv := 0.22
				capBase := 1800.0
				switch tc.typ {
				case levelHigher:
					priv, capBase = 0.25, 9000
				case levelBachelor:
					priv, capBase = 0.4, 15000
				case typeTechnician:
					priv, capBase = 0.15, 1500
				}
				if r.Float64() < priv {
					s.own = "private"
				}
				s.capacity = round(capBase*s.size*uniform(r, 0.9, 1.3)/10) * 10
				w.schools = append(w.schools, s)
			}
		}
	}
}

// productivity is value added per employed person in 2013 by section,
// 万元 (ten thousand CNY), calibrated so that a province's value added per
// worker in 2023 is of the order of Shanxi's (25,698亿元 for 1,704万
// employed: about 15万元).
var productivity = map[string]float64{
	"A": 2, "B": 26, "C": 16.2, "D": 39, "E": 7.8, "F": 7.8, "G": 11.7, "H": 5.2,
	"I": 29.2, "J": 39, "K": 32.5, "L": 13, "M": 16.2, "N": 6.5, "O": 3.9, "P": 7.8,
	"Q": 7.8, "R": 7.8, "S": 6.5, "T": 6.5,
}

// buildEmployment fills the city × division × year employment model that
// industry_map and job_postings share.
func (w *world) buildEmployment() {
	nd := len(w.divs)
	w.emp = make([]float64, len(w.cities)*nd*nYears)
	w.yearNoise = make([]float64, len(w.cities)*nd*nYears)
	for ci, c := range w.cities {
		r := w.rng("employment", ci)
		ps := &w.provs[c.prov]
		workers := c.pop * 1e4 * 0.52
		for _, s := range w.sections {
			sec := gbt4754[s].section
			dl := w.secDivs[sec]
			share := make([]float64, len(dl))
			var sum float64
			for i, d := range dl {
				wt, ok := divisionWeight[gbt4754[w.divs[d]].code]
				if !ok {
					wt = 1
				}
				share[i] = wt * uniform(r, 0.5, 1.5)
				sum += share[i]
			}
			secEmp := workers * sectionShare[sec] * uniform(r, 0.7, 1.3)
			for i, d := range dl {
				base := secEmp * share[i] / sum
				if gbt4754[w.divs[d]].code == "T97" {
					base = 0
				}
				g := ps.growth[d]
				for y := range nYears {
					k := (ci*nd+d)*nYears + y
					w.emp[k] = base * math.Exp(g*float64(firstYear+y-baseGrowthYear)) * uniform(r, 0.97, 1.03)
					w.yearNoise[k] = uniform(r, 0.85, 1.15)
				}
			}
		}
	}
}

// empAt is the modelled employment of city ci in division d in year.
func (w *world) empAt(ci, d, year int) float64 {
	return w.emp[(ci*len(w.divs)+d)*nYears+year-firstYear]
}
