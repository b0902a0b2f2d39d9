package synth

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ctxEvery is how many entities (cities, schools) pass between two checks
// of the context in the big tables.
const ctxEvery = 16

func writeRegions(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for _, ps := range w.provs {
		t.str(ps.code)
		t.str(ps.name)
		t.null()
		t.str("province")
		if err := t.end(); err != nil {
			return err
		}
		for _, ci := range ps.cities {
			c := w.cities[ci]
			t.str(c.code)
			t.str(c.name)
			t.str(ps.code)
			t.str("city")
			if err := t.end(); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func writeIndustries(ctx context.Context, _ *world, tws []*tableWriter) error {
	t := tws[0]
	for _, ind := range gbt4754 {
		t.str(ind.code)
		t.str(ind.name)
		t.int(int64(sectorOf(ind.code, ind.section)))
		if len(ind.code) == 1 {
			t.null()
		} else {
			t.str(ind.section)
		}
		if err := t.end(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func writeIndustryMap(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for ci, c := range w.cities {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := w.rng("industry_map", ci)
		for y := firstYear; y <= lastYear; y++ {
			vaGrowth := math.Pow(1.05, float64(y-firstYear))
			for si, s := range w.sections {
				sec := gbt4754[s].section
				if sec == "T" {
					continue // 国际组织: nobody works in it; not listed
				}
				prod := productivity[sec] * vaGrowth / 1e4 // 亿元 per person
				row := func(code string, emp float64) error {
					t.int(int64(y))
					t.str(c.code)
					t.str(code)
					e := round(emp)
					t.int(e)
					if r.Float64() < 0.02 {
						t.null()
					} else {
						t.fixed(float64(e)*prod, 2)
					}
					if w.defects.skipMapRow(code, sec) {
						t.drop()
						return nil
					}
					return t.end()
				}
				dl := w.secDivs[sec]
				if c.divMode[si] {
					for _, d := range dl {
						if err := row(gbt4754[w.divs[d]].code, w.empAt(ci, d, y)); err != nil {
							return err
						}
					}
					continue
				}
				var sum float64
				for _, d := range dl {
					sum += w.empAt(ci, d, y)
				}
				if err := row(sec, sum); err != nil {
					return err
				}
			}
		}
	}
	return w.writeProvinceOnly(t)
}

// writeProvinceOnly writes the province rows of Defects.ProvinceOnlySection:
// each division's employment summed over the province's cities, one row a
// year, value_added empty.
func (w *world) writeProvinceOnly(t *tableWriter) error {
	p := w.defects
	if p == nil || p.provOnly == "" {
		return nil
	}
	ps := w.provs[0]
	for y := firstYear; y <= lastYear; y++ {
		for _, d := range w.secDivs[p.provOnly] {
			code := gbt4754[w.divs[d]].code
			if code == p.unmapped {
				continue
			}
			var sum int64
			for _, ci := range ps.cities {
				sum += round(w.empAt(ci, d, y))
			}
			t.int(int64(y))
			t.str(ps.code)
			t.str(code)
			t.int(sum)
			t.null()
			if err := t.end(); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeIndustryPriorities(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for pi, ps := range w.provs {
		r := w.rng("industry_priorities", pi)
		for _, gi := range w.divs {
			code := gbt4754[gi].code
			tier, ok := ps.tier[code]
			if !ok {
				continue
			}
			t.str(ps.code)
			t.str(code)
			t.str(tier)
			if r.Float64() < 0.1 {
				t.null()
			} else {
				t.fixed(ps.target[code], -1)
			}
			t.str(ps.name + "“十四五”产业发展规划（合成）")
			if err := t.end(); err != nil {
				return err
			}
		}
		for _, ci := range ps.cities {
			c := w.cities[ci]
			code := ps.cityPrio[ci]
			t.str(c.code)
			t.str(code)
			t.str(tierStrategic)
			t.fixed(math.Round((ps.target[code]+uniform(r, 0, 0.03))*1000)/1000, -1)
			t.str(c.name + "产业发展规划（合成）")
			if err := t.end(); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func writePrograms(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for _, p := range w.programs {
		t.str(p.code)
		t.str(p.name)
		t.str(p.level)
		t.str(p.catCode)
		t.str(categories[p.cat].name)
		t.int(int64(p.duration))
		if err := t.end(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func writeProgramIndustry(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for _, p := range w.programs {
		for i, ind := range p.inds {
			t.str(p.code)
			t.str(ind)
			t.fixed(p.weights[i], -1)
			if err := t.end(); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func writeSchools(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	r := w.rng("schools_table")
	for i, s := range w.schools {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		t.str(s.code)
		t.str(s.name)
		t.str(w.cities[s.city].code)
		t.str(s.typ)
		t.str(s.own)
		if r.Float64() < 0.03 {
			t.null()
		} else {
			t.int(s.capacity)
		}
		if err := t.end(); err != nil {
			return err
		}
	}
	return nil
}

// offer picks the programs a school teaches: about 40% from a focus
// category, the rest from all programs of the school's level.
func (w *world) offer(r *rand.Rand, s school, taken []bool) []int {
	level, lo, hi := levelSecondary, 14, 26
	switch s.typ {
	case typeTechnician:
		lo, hi = 12, 20
	case levelHigher:
		level, lo, hi = levelHigher, 30, 50
	case levelBachelor:
		level, lo, hi = levelBachelor, 30, 50
	}
	want := lo + r.IntN(hi-lo+1)
	focus := r.IntN(len(categories))
	var out []int
	pick := func(lv string, n int) {
		all := w.byLevel[lv]
		n = min(n, len(all))
		for tries := 0; n > 0 && tries < 50*n+100; tries++ {
			var p int
			if fc := w.byLevCat[lv][focus]; len(fc) > 0 && r.Float64() < 0.4 {
				p = fc[r.IntN(len(fc))]
			} else {
				p = all[r.IntN(len(all))]
			}
			if taken[p] {
				continue
			}
			taken[p] = true
			out = append(out, p)
			n--
		}
	}
	if level == levelBachelor {
		nb := want * 6 / 10
		pick(levelBachelor, nb)
		pick(levelHigher, want-nb)
	} else {
		pick(level, want)
	}
	for _, p := range out {
		taken[p] = false
	}
	slices.Sort(out)
	return out
}

func writeEnrollmentsOutcomes(ctx context.Context, w *world, tws []*tableWriter) error {
	en, out := tws[0], tws[1]
	taken := make([]bool, len(w.programs))
	var intake [prehistory + nYears]float64
	for si, s := range w.schools {
		if si%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r := w.rng("enrollments", si)
		ps := &w.provs[w.cities[s.city].prov]
		schoolOff := uniform(r, -0.05, 0.05)
		offered := w.offer(r, s, taken)
		for j, pi := range offered {
			p := &w.programs[pi]
			open := firstYear - prehistory
			if p.level == levelBachelor && r.Float64() < 0.85 {
				open = 2019 + r.IntN(5)
			} else if r.Float64() < 0.2 {
				open = 2014 + r.IntN(10)
			}
			closeY := math.MaxInt
			pClose := 0.07
			if p.placeBase < 0.7 {
				pClose = 0.35
			}
			if r.Float64() < pClose {
				if lo := max(open+2, 2016); lo <= lastYear {
					closeY = lo + r.IntN(lastYear-lo+1)
				}
			}
			// Defects.NoIntakeYears: the school's last program, open
			// throughout (the last, so that the draws its change moves
			// are the school's last).
			noIntake := w.defects != nil && si == w.defects.noIntakeSchool && j == len(offered)-1
			if noIntake {
				open, closeY = firstYear-prehistory, math.MaxInt
				w.defects.planted.NoIntakeProgram = p.code
			}
			var i0 float64
			switch s.typ {
			// Intake per program and year, calibrated so that a province's
			// totals are of the order of Shanxi's (2021: 15.5万 secondary
			// and 15.1万 higher vocational intake).
			case levelSecondary:
				i0 = uniform(r, 12, 48)
			case typeTechnician:
				i0 = uniform(r, 8, 32)
			case levelHigher:
				i0 = uniform(r, 20, 90)
			default:
				i0 = uniform(r, 30, 90)
			}
			i0 *= s.size
			g := p.trend + 0.5*ps.growth[mainDiv(w, p)] + uniform(r, -0.03, 0.03)
			for k := range intake {
				y := firstYear - prehistory + k
				if y < open || y >= closeY {
					intake[k] = 0
					continue
				}
				intake[k] = math.Round(i0 * math.Exp(g*float64(y-baseGrowthYear)) * uniform(r, 0.85, 1.15))
			}
			if noIntake {
				for k := range intake {
					if firstYear-prehistory+k >= w.defects.noIntakeFrom {
						intake[k] = 0
					}
				}
			}
			gradsMissing := false
			surv := uniform(r, 0.93, 0.985)
			d := p.duration
			survD := math.Pow(surv, float64(d))
			for y := firstYear; y <= lastYear; y++ {
				k := y - firstYear + prehistory
				in := int64(intake[k])
				var tot float64
				f := 1.0
				for j := 0; j < d; j++ {
					tot += intake[k-j] * f
					f *= surv
				}
				total := round(tot)
				grads := round(intake[k-d] * survD)
				if in == 0 && total == 0 && grads == 0 {
					continue
				}
				en.int(int64(y))
				en.str(s.code)
				en.str(p.code)
				en.int(in)
				en.int(total)
				gradsMissing = w.defects != nil && s.city == w.defects.gradCity && y >= w.defects.gradFrom
				if gradsMissing {
					en.null()
				} else {
					en.int(grads)
				}
				switch {
				case r.Float64() < 0.05:
					en.null()
				case in == 0:
					en.int(0)
				default:
					en.int(round(float64(in) * uniform(r, 1, 1.25)))
				}
				if err := en.end(); err != nil {
					return err
				}
				if y < firstOutcome || grads == 0 {
					continue
				}
				gf := float64(grads)
				rate := clamp(p.placeBase+schoolOff+0.04*r.NormFloat64(), 0.2, 1)
				placed := min(grads, round(gf*rate))
				further := min(placed, round(float64(placed)*p.furtherShare*uniform(r, 0.8, 1.2)))
				employed := placed - further
				out.int(int64(y))
				out.str(s.code)
				out.str(p.code)
				out.int(grads)
				out.int(employed)
				out.int(further)
				if r.Float64() < 0.02 {
					out.null()
				} else {
					out.int(min(employed, round(float64(employed)*clamp(p.matchBase+0.05*r.NormFloat64(), 0, 1))))
				}
				if r.Float64() < 0.03 || employed == 0 {
					out.null()
				} else {
					sal := p.salary * math.Pow(1.045, float64(y-firstOutcome)) * uniform(r, 0.9, 1.1)
					out.int(round(sal/10) * 10)
				}
				if r.Float64() < 0.05 {
					out.null()
				} else {
					out.int(min(employed, round(float64(employed)*uniform(r, 0.55, 0.9))))
				}
				if gradsMissing {
					out.drop()
					continue
				}
				if err := out.end(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// mainDiv is the division index of a program's first industry.
func mainDiv(w *world, p *program) int {
	return w.divIndex[p.inds[0]]
}

// season is the relative level of postings per calendar month (spring
// hiring peak after the Spring Festival, a lull in December).
var season = [12]float64{1.0, 1.25, 1.35, 1.15, 1.0, 0.95, 0.9, 0.95, 1.05, 1.0, 0.9, 0.8}

func writeJobPostings(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	nMonths := (lastYear - firstPostYear + 1) * 12
	months := make([]string, nMonths)
	for m := range months {
		months[m] = fmt.Sprintf("%04d-%02d", firstPostYear+m/12, m%12+1)
	}
	turn := make([]float64, len(w.divs))
	seek := make([]float64, len(w.divs))
	for ci, c := range w.cities {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := w.rng("job_postings", ci)
		for d := range w.divs {
			turn[d] = uniform(r, 0.004, 0.015)
			seek[d] = uniform(r, 0.5, 1.6)
		}
		for m, month := range months {
			y := firstPostYear + m/12
			shock, seekShock := 1.0, 1.0
			switch month {
			case "2020-02":
				shock, seekShock = 0.4, 1.3
			case "2020-03":
				shock, seekShock = 0.7, 1.2
			case "2022-04", "2022-05":
				shock, seekShock = 0.85, 1.1
			}
			for d, gi := range w.divs {
				code := gbt4754[gi].code
				if code == "T97" {
					continue
				}
				k := (ci*len(w.divs)+d)*nYears + y - firstYear
				posts := round(w.emp[k] * turn[d] * season[m%12] * w.yearNoise[k] * shock * uniform(r, 0.9, 1.1))
				t.str(month)
				t.str(c.code)
				t.str(code)
				t.int(posts)
				if r.Float64() < 0.02 {
					t.null()
				} else {
					t.int(round(float64(posts) * seek[d] * seekShock * uniform(r, 0.85, 1.15)))
				}
				if w.defects.skipPosting(ci, month) {
					t.drop()
					continue
				}
				if err := t.end(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func writeEducationTotals(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for ci, c := range w.cities {
		r := w.rng("education_totals", ci)
		for y := firstYear; y <= lastYear; y++ {
			t.int(int64(y))
			t.str(c.code)
			t.int(round(c.pop * 1e4 * 0.007 * (1 + 0.012*float64(y-firstYear)) * uniform(r, 0.95, 1.05)))
			if err := t.end(); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func writeProgramLists(ctx context.Context, w *world, tws []*tableWriter) error {
	t := tws[0]
	for pi, ps := range w.provs {
		r := w.rng("program_lists", pi)
		var control, encouraged []int
		for i := range w.programs {
			p := &w.programs[i]
			switch ps.tier[p.inds[0]] {
			case tierDeclining:
				control = append(control, i)
				continue
			case tierStrategic:
				encouraged = append(encouraged, i)
				continue
			}
			if p.placeBase < 0.7 {
				control = append(control, i)
			}
		}
		for _, l := range []struct {
			name string
			idx  []int
			max  int
		}{{"control", control, 12}, {"encouraged", encouraged, 15}} {
			r.Shuffle(len(l.idx), func(i, j int) { l.idx[i], l.idx[j] = l.idx[j], l.idx[i] })
			sel := l.idx[:min(l.max, len(l.idx))]
			slices.Sort(sel)
			for _, i := range sel {
				t.str(ps.code)
				t.str(w.programs[i].code)
				t.str(l.name)
				t.str(ps.name + "职业教育专业设置调控清单（合成，2025）")
				if err := t.end(); err != nil {
					return err
				}
			}
		}
	}
	return ctx.Err()
}
