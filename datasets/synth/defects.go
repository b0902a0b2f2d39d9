package synth

import (
	"fmt"
	"slices"
)

// Defects plants in a province-scale dataset the gaps that real
// provinces' data drops have, so that the engine can be tested on
// incomplete data (pipelines/job's messy-data tests). The zero value
// plants none. Every defect leaves the random draws as they are: the rows
// it does not touch are byte-identical to those of the same Options
// without it, so a test can compare a run with and without the defect.
// Summary.Planted names what each defect touched.
type Defects struct {
	// ProvinceOnlySection gives the industry map of one GB/T 4754 section
	// (e.g. "Q") at province level only: the cities write no row of the
	// section, and the province writes one row a year for each division
	// of the section, holding the sum of its cities' modelled employment
	// (value_added empty). Contract v1 allows province rows; the engine
	// then has no city series for those divisions.
	ProvinceOnlySection string
	// GraduatesMissingYears > 0 stops the schools of one city (the city
	// with the most schools; Planted.GraduatesMissingCity) reporting
	// graduates for that many latest years: their enrollments rows keep
	// intake and enrolled_total but leave graduates empty, and their
	// outcomes rows of those graduation years are left out.
	GraduatesMissingYears int
	// PostingsMissingMonths are months (YYYY-MM) that job_postings leaves
	// out in every city.
	PostingsMissingMonths []string
	// PostingsStopAfter, a month YYYY-MM, ends the job postings of one
	// city (the first; Planted.PostingsStoppedCity) after that month: a
	// source that stopped sending.
	PostingsStopAfter string
	// NoIntakeYears > 0 gives one school's program (Planted.NoIntakeSchool
	// and NoIntakeProgram: the first school's last program, open since
	// before the first year) intake 0 for that many latest years; its
	// students already enrolled still graduate.
	NoIntakeYears int
	// UnmappedDivision leaves out of the industry map every row of one
	// division that the crosswalk uses (Planted.UnmappedDivision: the
	// second industry of the first higher-vocational program with two or
	// more whose first is in manufacturing, section C, whose employment
	// does not fall: so that its first industry still has openings), so
	// that the crosswalk names an industry the map lacks. Its job
	// postings stay.
	UnmappedDivision bool
}

// Planted says where Generate planted the Options.Defects (empty fields:
// not planted).
type Planted struct {
	// GraduatesMissingCity is the city whose schools stopped reporting
	// graduates, and GraduatesMissingFrom the first year they lack.
	GraduatesMissingCity string
	GraduatesMissingFrom int
	// PostingsStoppedCity is the city whose job postings stop after
	// Defects.PostingsStopAfter.
	PostingsStoppedCity string
	// NoIntakeSchool and NoIntakeProgram have no intake from
	// NoIntakeFrom on.
	NoIntakeSchool, NoIntakeProgram string
	NoIntakeFrom                    int
	// UnmappedDivision is the crosswalk division the map leaves out, and
	// UnmappedProgram a program mapped to it and to other industries.
	UnmappedDivision, UnmappedProgram string
}

// defectPlan is Defects resolved against the world.
type defectPlan struct {
	Defects
	provOnly       string // section letter, "" for none
	gradCity       int    // city index, -1 for none
	gradFrom       int    // first year without graduates
	missingMonths  map[string]bool
	stopCity       int // city index, -1 for none
	noIntakeSchool int // school index, -1 for none
	noIntakeFrom   int
	unmapped       string // division code, "" for none
	planted        Planted
}

// checkDefects validates d.
func checkDefects(d Defects, scale Scale) error {
	if d.isZero() {
		return nil
	}
	if scale != ScaleProvince {
		return fmt.Errorf("%w: defects are planted at province scale only", ErrBadOptions)
	}
	if s := d.ProvinceOnlySection; s != "" {
		ok := false
		for _, ind := range gbt4754 {
			ok = ok || len(ind.code) == 1 && ind.code == s && s != "T"
		}
		if !ok {
			return fmt.Errorf("%w: province-only section %q is not a GB/T 4754 section with employment", ErrBadOptions, s)
		}
	}
	if d.GraduatesMissingYears < 0 || d.GraduatesMissingYears > nYears {
		return fmt.Errorf("%w: graduates missing for %d years", ErrBadOptions, d.GraduatesMissingYears)
	}
	if d.NoIntakeYears < 0 || d.NoIntakeYears > nYears {
		return fmt.Errorf("%w: no intake for %d years", ErrBadOptions, d.NoIntakeYears)
	}
	months := slices.Clone(d.PostingsMissingMonths)
	if d.PostingsStopAfter != "" {
		months = append(months, d.PostingsStopAfter)
	}
	for _, m := range months {
		var y, mo int
		if _, err := fmt.Sscanf(m, "%4d-%2d", &y, &mo); err != nil || len(m) != 7 || mo < 1 || mo > 12 {
			return fmt.Errorf("%w: month %q is not YYYY-MM", ErrBadOptions, m)
		}
	}
	return nil
}

func (d Defects) isZero() bool {
	return d.ProvinceOnlySection == "" && d.GraduatesMissingYears == 0 && len(d.PostingsMissingMonths) == 0 &&
		d.PostingsStopAfter == "" && d.NoIntakeYears == 0 && !d.UnmappedDivision
}

// planDefects resolves d against w (at province scale: one province).
func (w *world) planDefects(d Defects) *defectPlan {
	p := &defectPlan{Defects: d, provOnly: d.ProvinceOnlySection, gradCity: -1, stopCity: -1, noIntakeSchool: -1,
		missingMonths: map[string]bool{}}
	for _, m := range d.PostingsMissingMonths {
		p.missingMonths[m] = true
	}
	if d.GraduatesMissingYears > 0 {
		count := make([]int, len(w.cities))
		for _, s := range w.schools {
			count[s.city]++
		}
		best := 0
		for c := range count {
			if count[c] > count[best] {
				best = c
			}
		}
		p.gradCity, p.gradFrom = best, lastYear-d.GraduatesMissingYears+1
		p.planted.GraduatesMissingCity, p.planted.GraduatesMissingFrom = w.cities[best].code, p.gradFrom
	}
	if d.PostingsStopAfter != "" {
		p.stopCity = 0
		p.planted.PostingsStoppedCity = w.cities[0].code
	}
	if d.NoIntakeYears > 0 {
		// The program is chosen when the school's programs are drawn
		// (writeEnrollmentsOutcomes): its last.
		p.noIntakeSchool, p.noIntakeFrom = 0, lastYear-d.NoIntakeYears+1
		p.planted.NoIntakeSchool, p.planted.NoIntakeFrom = w.schools[0].code, p.noIntakeFrom
	}
	if d.UnmappedDivision {
		for _, pr := range w.programs {
			if pr.level == levelHigher && len(pr.inds) >= 2 && pr.inds[0][0] == 'C' {
				p.unmapped = pr.inds[1]
				p.planted.UnmappedDivision, p.planted.UnmappedProgram = pr.inds[1], pr.code
				break
			}
		}
	}
	return p
}

// skipMapRow says whether the industry map leaves out a city's row of
// code (a division or a section).
func (p *defectPlan) skipMapRow(code, section string) bool {
	return p != nil && (p.provOnly != "" && section == p.provOnly || p.unmapped != "" && code == p.unmapped)
}

// skipPosting says whether job_postings leaves out a city's month.
func (p *defectPlan) skipPosting(city int, month string) bool {
	if p == nil {
		return false
	}
	return p.missingMonths[month] || city == p.stopCity && month > p.PostingsStopAfter
}
