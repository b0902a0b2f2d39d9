package structure

import (
	"errors"
	"fmt"

	"github.com/vocmap/vocmap/analytics/internal/numeric"
)

// ShiftShare is the shift-share decomposition of a region's employment
// change by industry between a base year and an end year (Dunn 1960). For
// every industry i,
//
//	Change[i] = Growth[i] + Mix[i] + Competitive[i]
//
// and each total is the sum of its slice.
type ShiftShare struct {
	// Change is the employment change e1_i − e0_i.
	Change []float64
	// Growth is the reference growth effect (份额分量, national share)
	// e0_i·G: the change had the industry grown at the reference's
	// overall rate G.
	Growth []float64
	// Mix is the industry-mix effect (结构偏离分量, proportional shift)
	// e0_i·(G_i − G): the extra change had the industry grown at its own
	// reference rate G_i.
	Mix []float64
	// Competitive is the competitive effect (竞争力偏离分量, differential
	// shift) e0_i·(g_i − G_i): the change due to the region's industry
	// growing faster or slower than the same industry in the reference.
	Competitive []float64
	// TotalChange is Σ_i Change[i].
	TotalChange float64
	// TotalGrowth is Σ_i Growth[i].
	TotalGrowth float64
	// TotalMix is Σ_i Mix[i].
	TotalMix float64
	// TotalCompetitive is Σ_i Competitive[i].
	TotalCompetitive float64
}

// Decompose returns the shift-share decomposition (偏离—份额分析) of a
// region's employment change against a reference region, usually the
// province for a city (Dunn 1960). e0 and e1 are the region's employment by
// industry in the base and end year, ref0 and ref1 the reference's. With
//
//	G   = Σ ref1 / Σ ref0 − 1     the reference's overall growth rate
//	G_i = ref1_i / ref0_i − 1     the reference's growth of industry i
//	g_i = e1_i / e0_i − 1         the region's growth of industry i
//
// the effects are
//
//	Growth_i      = e0_i · G
//	Mix_i         = e0_i · (G_i − G)
//	Competitive_i = e0_i · (g_i − G_i)
//
// and they sum to e1_i − e0_i. Competitive_i is computed as the remainder
// (e1_i − e0_i) − e0_i·G_i, which equals e0_i·(g_i − G_i) when e0_i > 0 and
// makes the whole employment of an industry new to the region (e0_i = 0)
// competitive effect. An industry absent from the reference in the base
// year (ref0_i = 0) has no growth rate G_i; it may be absent from the
// region too (its Mix_i is 0 and its Competitive_i is e1_i), and is an
// error otherwise. Slices of unequal length, NaN, ±Inf or negative values,
// a zero reference total in the base year and effects beyond the range of
// float64 are errors.
func Decompose(e0, e1, ref0, ref1 []float64) (ShiftShare, error) {
	n := len(e0)
	if len(e1) != n || len(ref0) != n || len(ref1) != n {
		return ShiftShare{}, fmt.Errorf("structure: lengths e0 %d, e1 %d, ref0 %d, ref1 %d differ", n, len(e1), len(ref0), len(ref1))
	}
	for _, v := range []struct {
		name string
		x    []float64
	}{{"e0", e0}, {"e1", e1}, {"ref0", ref0}, {"ref1", ref1}} {
		if err := checkValues(v.name, v.x); err != nil {
			return ShiftShare{}, err
		}
	}
	// G + 1 = (m1·S1)/(m0·S0) with S = Σ x/m, m the largest value: the
	// sums cannot overflow.
	m0, m1 := 0.0, 0.0
	for i := range n {
		m0 = max(m0, ref0[i])
		m1 = max(m1, ref1[i])
	}
	if m0 == 0 {
		return ShiftShare{}, errors.New("structure: reference total in the base year is zero")
	}
	s0, s1 := 0.0, 0.0
	for i := range n {
		s0 += ref0[i] / m0
		if m1 > 0 {
			s1 += ref1[i] / m1
		}
	}
	G := (m1/m0)*(s1/s0) - 1

	ss := ShiftShare{
		Change:      make([]float64, n),
		Growth:      make([]float64, n),
		Mix:         make([]float64, n),
		Competitive: make([]float64, n),
	}
	for i := range n {
		Gi := G
		if ref0[i] > 0 {
			Gi = ref1[i]/ref0[i] - 1
		} else if e0[i] > 0 {
			return ShiftShare{}, fmt.Errorf("structure: industry %d is absent from the reference in the base year (ref0 = 0) but not from the region (e0 = %v): its reference growth is undefined", i, e0[i])
		}
		ss.Change[i] = e1[i] - e0[i]
		ss.Growth[i] = e0[i] * G
		ss.Mix[i] = e0[i] * (Gi - G)
		ss.Competitive[i] = ss.Change[i] - e0[i]*Gi
		ss.TotalChange += ss.Change[i]
		ss.TotalGrowth += ss.Growth[i]
		ss.TotalMix += ss.Mix[i]
		ss.TotalCompetitive += ss.Competitive[i]
	}
	for _, x := range []float64{ss.TotalChange, ss.TotalGrowth, ss.TotalMix, ss.TotalCompetitive} {
		if !numeric.Finite(x) {
			return ShiftShare{}, errors.New("structure: shift-share effects overflow float64")
		}
	}
	for i := range n {
		if !numeric.Finite(ss.Growth[i]) || !numeric.Finite(ss.Mix[i]) || !numeric.Finite(ss.Competitive[i]) {
			return ShiftShare{}, fmt.Errorf("structure: shift-share effects of industry %d overflow float64", i)
		}
	}
	return ss, nil
}
