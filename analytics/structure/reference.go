package structure

import "sort"

// Reference lines up a region's employment with that of a reference
// economy that contains it (a city and its province) for LocationQuotients
// and Decompose. row and ref hold the region's and the reference's
// employment in the industries codes, in that order, and one more, last
// entry: 0 for the region, and for the reference its employment in every
// other industry (the rest of the reference economy),
//
//	ref[len(codes)] = Σ_{i ∉ codes} E_i
//
// so that Σ ref is the reference's whole employment E, whatever industries
// the region lacks: its shares E_i / E and its overall growth G are its
// own, not those of the region's industries. region and reference map
// industry codes to employment; a code missing from a map counts as 0, and
// the rest is summed in the order of its codes, so the result does not
// depend on the maps' order. Values are copied as they are: NaN, ±Inf and
// negative values are left for LocationQuotients and Decompose to reject.
func Reference(codes []string, region, reference map[string]float64) (row, ref []float64) {
	row = make([]float64, len(codes)+1)
	ref = make([]float64, len(codes)+1)
	in := make(map[string]bool, len(codes))
	for i, c := range codes {
		row[i], ref[i] = region[c], reference[c]
		in[c] = true
	}
	rest := make([]string, 0, len(reference))
	for c := range reference {
		if !in[c] {
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	for _, c := range rest {
		ref[len(codes)] += reference[c]
	}
	return row, ref
}

// RegionQuotients returns the location quotients of a region's industries
// against a reference economy that contains it, usually a city against its
// province:
//
//	lq[i] = (e_i / e) / (E_i / E)
//
// where e is the region's whole employment and E the reference's, over all
// its industries, including those the region lacks (Reference). codes are
// the region's industries, sorted, and lq[i] is the quotient of codes[i];
// it is NaN for an industry absent from the reference (E_i = 0). region and
// reference map industry codes to employment. The errors are those of
// LocationQuotients.
func RegionQuotients(region, reference map[string]float64) (codes []string, lq []float64, err error) {
	codes = sortedCodes(region)
	row, ref := Reference(codes, region, reference)
	q, err := LocationQuotients([][]float64{row}, ref)
	if err != nil {
		return nil, nil, err
	}
	return codes, q[0][:len(codes):len(codes)], nil
}

// RegionShiftShare returns the shift-share decomposition (Decompose) of a
// region's employment change between a base year (e0) and an end year
// (e1) against a reference economy that contains it (ref0, ref1), usually
// a city against its province. The reference's overall growth G is that
// of its whole employment, including the industries the region lacks
// (Reference), not of the region's industries alone:
//
//	G = Σ_i ref1_i / Σ_i ref0_i − 1   over every industry of the reference
//
// codes are the region's industries in either year, sorted, and the
// slices of the result are indexed like codes; the totals are over them.
// The maps give employment by industry code; a missing code counts as 0.
// The errors are those of Decompose; in particular an industry the region
// has in the base year and the reference lacks has no reference growth.
func RegionShiftShare(e0, e1, ref0, ref1 map[string]float64) (codes []string, ss ShiftShare, err error) {
	seen := make(map[string]float64, len(e0)+len(e1))
	for c := range e0 {
		seen[c] = 0
	}
	for c := range e1 {
		seen[c] = 0
	}
	codes = sortedCodes(seen)
	r0, p0 := Reference(codes, e0, ref0)
	r1, p1 := Reference(codes, e1, ref1)
	ss, err = Decompose(r0, r1, p0, p1)
	if err != nil {
		return nil, ShiftShare{}, err
	}
	// The rest of the reference has no employment in the region, so its
	// effects are all zero (e0 = e1 = 0) and the totals stand without it.
	n := len(codes)
	ss.Change, ss.Growth, ss.Mix, ss.Competitive = ss.Change[:n:n], ss.Growth[:n:n], ss.Mix[:n:n], ss.Competitive[:n:n]
	return codes, ss, nil
}

func sortedCodes(m map[string]float64) []string {
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
