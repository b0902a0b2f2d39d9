package supply

import (
	"fmt"
	"math"

	"github.com/vocmap/vocmap/analytics/forecast"
)

// Cohorts is the intake and graduates of one program by year, at one unit
// that reports them (a school) or summed over a region's units (Aggregate):
// Intake[i] and Graduates[i] are those of year First+i. NaN marks a value
// the unit did not report. Intake and Graduates have the same length.
type Cohorts struct {
	First             int
	Intake, Graduates []float64
}

// Last returns the last year of c (First − 1 when c holds no year).
func (c Cohorts) Last() int { return c.First + len(c.Intake) - 1 }

// check returns an error naming the unit (name) if its slices differ in
// length or hold ±Inf or negative counts.
func (c Cohorts) check(name string) error {
	if len(c.Intake) != len(c.Graduates) {
		return fmt.Errorf("supply: %s: %d years of intake but %d of graduates", name, len(c.Intake), len(c.Graduates))
	}
	if err := checkCounts(name+".intake", c.Intake); err != nil {
		return err
	}
	return checkCounts(name+".graduates", c.Graduates)
}

// NewCohorts builds the Cohorts of a unit from its rows: years strictly
// increasing, with the intake and graduates of each (NaN where the row
// gives none). The years between two rows are NaN in both: not reported,
// neither zero nor interpolated. Unsorted or repeated years, slices of
// different lengths and ±Inf or negative counts are errors.
func NewCohorts(years []int, intake, graduates []float64) (Cohorts, error) {
	if len(years) != len(intake) || len(years) != len(graduates) {
		return Cohorts{}, fmt.Errorf("supply: %d years but %d intakes and %d graduates", len(years), len(intake), len(graduates))
	}
	if len(years) == 0 {
		return Cohorts{}, nil
	}
	for i := 1; i < len(years); i++ {
		if years[i] <= years[i-1] {
			return Cohorts{}, fmt.Errorf("supply: years[%d] = %d does not follow years[%d] = %d", i, years[i], i-1, years[i-1])
		}
	}
	c := Cohorts{First: years[0], Intake: nans(years[len(years)-1] - years[0] + 1)}
	c.Graduates = nans(len(c.Intake))
	for i, y := range years {
		c.Intake[y-c.First], c.Graduates[y-c.First] = intake[i], graduates[i]
	}
	return c, c.check("cohorts")
}

func nans(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// PooledCompletionRate estimates the completion rate of a program from
// the cohorts of several units (the schools of a province):
//
//	Σ_{u,y} graduates_u[y] / Σ_{u,y} intake_u[y−duration]
//
// over the cells (unit u, year y) where the unit reports both its
// graduates of y and its intake of y − duration, and that intake is
// positive; clamped to [0,1]. Numerator and denominator cover the same
// cohorts, so a unit that does not report its graduates (for some years
// or at all) leaves the rate to the units that do, instead of adding its
// intake without its graduates: two units of intake 100 a year, one with
// 90 graduates a year and one that reports none, have the rate 0.9, not
// 90/200 = 0.45. It returns the rate and n, the number of cells used;
// with n == 0 the rate is def. A duration below 1, def outside [0,1],
// a unit whose slices differ in length and ±Inf or negative counts are
// errors. With one unit it is CompletionRate.
func PooledCompletionRate(units []Cohorts, duration int, def float64) (float64, int, error) {
	if duration < 1 {
		return 0, 0, fmt.Errorf("supply: duration %d must be at least 1", duration)
	}
	if !(def >= 0 && def <= 1) {
		return 0, 0, fmt.Errorf("supply: default completion rate %v must be in [0,1]", def)
	}
	for i, u := range units {
		if err := u.check(fmt.Sprintf("units[%d]", i)); err != nil {
			return 0, 0, err
		}
	}
	used := func(u Cohorts, y int) bool {
		g, in := u.Graduates[y], u.Intake[y-duration]
		return !math.IsNaN(g) && !math.IsNaN(in) && in > 0
	}
	// Scale by the largest value used, so that the sums cannot overflow.
	m, n := 0.0, 0
	for _, u := range units {
		for y := duration; y < len(u.Graduates); y++ {
			if used(u, y) {
				m = max(m, u.Graduates[y], u.Intake[y-duration])
				n++
			}
		}
	}
	if n == 0 {
		return def, 0, nil
	}
	var sg, si float64
	for _, u := range units {
		for y := duration; y < len(u.Graduates); y++ {
			if used(u, y) {
				sg += u.Graduates[y] / m
				si += u.Intake[y-duration] / m
			}
		}
	}
	r := 1.0 // si underflowed next to a huge graduates count: sg ≥ 1
	if si > 0 {
		r = min(sg/si, 1)
	}
	return r, n, nil
}

// Aggregate sums the units of a region (its schools) into the region's
// history of one program, from the earliest first year of a unit to the
// latest last year:
//
//	intake[y]    = Σ_u intake_u[y]
//	graduates[y] = Σ_u graduates_u[y] where u reports them,
//	               completion · intake_u[y−duration] where it does not
//
// A unit's intake missing between two years it reports is interpolated
// linearly; before its first reported intake and after its last the unit
// has no students (it adds 0). intake[y] is NaN where no unit has an
// intake in y. A unit that does not report its graduates of y adds the
// graduates its cohort of y − duration is expected to give at the
// completion rate (0 if it had no intake then), so that a school that
// stops reporting its graduates does not take its graduates out of the
// region's; graduates[y] is NaN where no unit reports graduates of y (then
// the whole year is to be estimated, as Project does). completion must be
// in [0,1] and the units valid (see PooledCompletionRate). No unit, or
// units with no year, give an empty Cohorts.
func Aggregate(units []Cohorts, duration int, completion float64) (Cohorts, error) {
	if duration < 1 {
		return Cohorts{}, fmt.Errorf("supply: duration %d must be at least 1", duration)
	}
	if !(completion >= 0 && completion <= 1) {
		return Cohorts{}, fmt.Errorf("supply: completion rate %v must be in [0,1]", completion)
	}
	first, last := math.MaxInt, math.MinInt
	for i, u := range units {
		if err := u.check(fmt.Sprintf("units[%d]", i)); err != nil {
			return Cohorts{}, err
		}
		if len(u.Intake) > 0 {
			first, last = min(first, u.First), max(last, u.Last())
		}
	}
	if first > last {
		return Cohorts{}, nil
	}
	n := last - first + 1
	out := Cohorts{First: first, Intake: nans(n), Graduates: nans(n)}
	imputed := make([]float64, n) // Σ of the graduates expected of the units that do not report them
	for _, u := range units {
		if len(u.Intake) == 0 {
			continue
		}
		in := forecast.FillGaps(u.Intake)
		off := u.First - first
		for i, v := range in {
			if !math.IsNaN(v) {
				out.Intake[off+i] = nanZero(out.Intake[off+i]) + v
			}
		}
		for k := range n {
			i := k + first - u.First // the unit's index of year first+k
			if i >= 0 && i < len(u.Graduates) && !math.IsNaN(u.Graduates[i]) {
				out.Graduates[k] = nanZero(out.Graduates[k]) + u.Graduates[i]
				continue
			}
			if j := i - duration; j >= 0 && j < len(in) && !math.IsNaN(in[j]) {
				imputed[k] += completion * in[j]
			}
		}
	}
	for k, g := range out.Graduates {
		if !math.IsNaN(g) {
			out.Graduates[k] = g + imputed[k]
		}
	}
	return out, nil
}

func nanZero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

// Project returns the graduates of the years from..to of a region whose
// history is h (from Aggregate), index 0 being year from:
//
//   - a year of the history: its graduates where known, else
//     completion · intake[y−duration] (0 before the history, and a NaN
//     intake counts as 0);
//   - a year after the history (h.Last()): Graduates from the history and
//     intakeForecast, whose element 0 is the intake of year h.Last()+1
//     and which must cover the years to h.Last() + (to − h.Last() −
//     duration); a history shorter than duration is padded with zeros
//     before its first year (a new program).
//
// Years before h.First are 0. to = from − 1 gives no year; to < from − 1
// is an error (e.g. a base year past the horizon), as are a duration below
// 1, completion outside [0,1], an invalid h (see PooledCompletionRate) and
// the errors of Graduates. A history that runs past to is cut.
func Project(h Cohorts, intakeForecast []float64, duration int, completion float64, from, to int) ([]float64, error) {
	if to < from-1 {
		return nil, fmt.Errorf("supply: no years from %d to %d: the last year is before the first", from, to)
	}
	if duration < 1 {
		return nil, fmt.Errorf("supply: duration %d must be at least 1", duration)
	}
	if !(completion >= 0 && completion <= 1) {
		return nil, fmt.Errorf("supply: completion rate %v must be in [0,1]", completion)
	}
	if err := h.check("history"); err != nil {
		return nil, err
	}
	out := make([]float64, to-from+1)
	if len(out) == 0 || len(h.Intake) == 0 {
		return out, nil
	}
	hist := make([]float64, len(h.Intake))
	for i, v := range h.Intake {
		hist[i] = nanZero(v)
	}
	var g []float64
	if ahead := to - h.Last(); ahead > 0 {
		padded := hist
		if len(padded) < duration {
			padded = append(make([]float64, duration-len(padded)), padded...)
		}
		var err error
		if g, err = Graduates(padded, intakeForecast, duration, completion, ahead); err != nil {
			return nil, err
		}
	}
	for y := from; y <= to; y++ {
		switch i := y - h.First; {
		case i < 0:
		case y > h.Last():
			out[y-from] = g[y-h.Last()-1]
		case !math.IsNaN(h.Graduates[i]):
			out[y-from] = h.Graduates[i]
		case i-duration >= 0:
			out[y-from] = completion * hist[i-duration]
		}
	}
	return out, nil
}
