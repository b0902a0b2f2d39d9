package demand

import (
	"fmt"
	"math"
	"slices"
)

// PostingsMonths is the length of the postings window: the two years of
// calendar months whose postings PostingsFactor compares.
const PostingsMonths = 24

// MinPostingsPairs is the fewest calendar months reported in both years
// of the window (a month and the same month a year before) from which
// PostingsFactor reads a growth; with fewer it says nothing (factor 1).
const MinPostingsPairs = 6

// MonthIndex numbers a calendar month (month 1..12) so that consecutive
// months are consecutive integers: year·12 + month − 1 (2025-12 is 24311,
// 2026-01 24312).
func MonthIndex(year, month int) int { return year*12 + month - 1 }

// PostingsWindow returns the postings of the PostingsMonths calendar
// months ending at month end (a MonthIndex, inclusive), oldest first,
// from a series given as months (MonthIndex, strictly increasing) and
// their postings. A month the series does not give is NaN: missing, not
// zero, and never filled by the next month given, so a gap does not shift
// the window. Months outside the window are ignored: postings that stopped
// before it count for nothing. Unequal lengths, months not strictly
// increasing and ±Inf or negative postings within the window are errors;
// a NaN value is a missing month.
func PostingsWindow(months []int, postings []float64, end int) ([]float64, error) {
	if len(months) != len(postings) {
		return nil, fmt.Errorf("demand: %d months but %d postings", len(months), len(postings))
	}
	out := make([]float64, PostingsMonths)
	for i := range out {
		out[i] = math.NaN()
	}
	start := end - PostingsMonths + 1
	for i, m := range months {
		if i > 0 && m <= months[i-1] {
			return nil, fmt.Errorf("demand: months[%d] = %d does not follow months[%d] = %d", i, m, i-1, months[i-1])
		}
		if m < start || m > end {
			continue
		}
		if v := postings[i]; math.IsInf(v, 0) || v < 0 {
			return nil, fmt.Errorf("demand: postings[%d] = %v must be finite and non-negative", i, v)
		}
		out[m-start] = postings[i]
	}
	return out, nil
}

// PoolPostings pools the windows (PostingsWindow) of several regions, the
// cities of a province, into one window: a month of the first year and
// the same month of the second are each summed over the regions that
// report both, and are NaN where none does. A city that misses a month
// thus leaves that month's growth to the cities that report it, instead
// of counting as a fall of the province's postings, and PostingsFactor of
// the pooled window compares the same cities in both years. Windows of a
// length other than PostingsMonths and ±Inf or negative values are
// errors; no window gives a window of NaN.
func PoolPostings(windows [][]float64) ([]float64, error) {
	const half = PostingsMonths / 2
	out := make([]float64, PostingsMonths)
	for i := range out {
		out[i] = math.NaN()
	}
	for w, win := range windows {
		if len(win) != PostingsMonths {
			return nil, fmt.Errorf("demand: windows[%d] holds %d months, want %d", w, len(win), PostingsMonths)
		}
		for i, v := range win {
			if math.IsInf(v, 0) || v < 0 {
				return nil, fmt.Errorf("demand: windows[%d][%d] = %v must be finite and non-negative", w, i, v)
			}
		}
		for i := range half {
			prev, last := win[i], win[i+half]
			if math.IsNaN(prev) || math.IsNaN(last) {
				continue
			}
			if math.IsNaN(out[i]) {
				out[i], out[i+half] = 0, 0
			}
			out[i] += prev
			out[i+half] += last
		}
	}
	return out, nil
}

// PostingsFactor says how the monthly job postings inform near-term demand.
// The growth of the latest 12 months of postings over the 12 before,
//
//	g_p = Σ_m last[m] / Σ_m prev[m] − 1
//
// over the calendar months m reported in both years, is compared with the
// employment forecast's first-year growth g_e (firstYearGrowth, e.g.
// Growth(last, path[:1])), and the first forecast year's openings are to
// be multiplied by the factor
//
//	clamp(1 + weight·(g_p − g_e), 1 − cap, 1 + cap)
//
// monthly holds calendar months, oldest first, as PostingsWindow gives
// them; only its last 24 are used, NaN marks a missing month (it and the
// same month of the other year are left out, so a gap compares like with
// like) and the others must be finite and non-negative. Fewer than 24
// values, fewer than MinPostingsPairs months reported in both years, or a
// zero sum over the first year give the factor 1 (no information), as do
// weight 0 and cap 0. weight and cap must be in [0,1] and firstYearGrowth
// finite; anything else is an error. The rule is our own (see the package
// documentation), not a published method.
func PostingsFactor(monthly []float64, firstYearGrowth, weight, cap float64) (float64, error) {
	if !(weight >= 0 && weight <= 1) {
		return 0, fmt.Errorf("demand: postings weight %v must be in [0,1]", weight)
	}
	if !(cap >= 0 && cap <= 1) {
		return 0, fmt.Errorf("demand: postings cap %v must be in [0,1]", cap)
	}
	if !finite(firstYearGrowth) {
		return 0, fmt.Errorf("demand: first-year growth %v must be finite", firstYearGrowth)
	}
	if len(monthly) < PostingsMonths {
		return 1, nil
	}
	const half = PostingsMonths / 2
	start := len(monthly) - PostingsMonths
	win := monthly[start:]
	m, pairs := 0.0, 0
	for i, v := range win {
		if math.IsInf(v, 0) || v < 0 {
			return 0, fmt.Errorf("demand: monthly[%d] = %v must be finite and non-negative", start+i, v)
		}
		if i < half && !math.IsNaN(v) && !math.IsNaN(win[i+half]) {
			m = max(m, v, win[i+half])
			pairs++
		}
	}
	if pairs < MinPostingsPairs || m == 0 || weight == 0 {
		return 1, nil
	}
	// Scale by the largest month so that the sums cannot overflow.
	var prev, last float64
	prevSome := false
	for i := range half {
		p, l := win[i], win[i+half]
		if math.IsNaN(p) || math.IsNaN(l) {
			continue
		}
		prev += p / m
		last += l / m
		prevSome = prevSome || p > 0
	}
	if !prevSome {
		return 1, nil
	}
	gp := math.Inf(1) // prev underflowed next to a huge last
	if prev > 0 {
		gp = last/prev - 1
	}
	f := 1 + weight*(gp-firstYearGrowth)
	return min(max(f, 1-cap), 1+cap), nil
}

// Repeat returns n copies of path, each its own slice. A forecast without
// uncertainty (a series held at its last value, or one whose Monte Carlo
// paths could not be drawn) has its bounds and its draws equal to its
// mean; they must still be separate slices, since a scenario scales each
// of them in place and would otherwise scale one slice many times.
func Repeat(path []float64, n int) [][]float64 {
	out := make([][]float64, max(n, 0))
	for i := range out {
		out[i] = slices.Clone(path)
		if out[i] == nil {
			out[i] = []float64{}
		}
	}
	return out
}
