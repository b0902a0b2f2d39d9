package match

import (
	"errors"
	"fmt"
	"math"
)

// checkDraws checks that the paired draws are non-empty, of equal length and
// finite.
func checkDraws(supplyDraws, demandDraws []float64) error {
	if len(supplyDraws) != len(demandDraws) {
		return fmt.Errorf("match: %d supply draws but %d demand draws", len(supplyDraws), len(demandDraws))
	}
	if len(supplyDraws) == 0 {
		return errors.New("match: no draws")
	}
	for k := range supplyDraws {
		if s := supplyDraws[k]; math.IsNaN(s) || math.IsInf(s, 0) {
			return fmt.Errorf("match: supply draw %d = %v is not finite", k, s)
		}
		if d := demandDraws[k]; math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("match: demand draw %d = %v is not finite", k, d)
		}
	}
	return nil
}

// ProbabilityOversupplied returns the share of paired Monte Carlo draws
// (supplyDraws[k], demandDraws[k]) whose ratio supply ÷ openings is at
// least threshold: the Monte Carlo estimate of P(r ≥ threshold) (Robert &
// Casella 2004, sec. 3.2). Negative draws count as zero; a pair with
// positive supply and zero openings has ratio +Inf and counts; a pair with
// neither does not. Mismatched or empty draws, NaN or infinite draws and a
// threshold that is not finite and positive are errors.
func ProbabilityOversupplied(supplyDraws, demandDraws []float64, threshold float64) (float64, error) {
	if err := checkDraws(supplyDraws, demandDraws); err != nil {
		return 0, err
	}
	if math.IsNaN(threshold) || math.IsInf(threshold, 0) || threshold <= 0 {
		return 0, fmt.Errorf("match: threshold %v must be finite and positive", threshold)
	}
	n := 0
	for k := range supplyDraws {
		s, d := max(supplyDraws[k], 0), max(demandDraws[k], 0)
		if s == 0 && d == 0 {
			continue
		}
		if Ratio(s, d) >= threshold {
			n++
		}
	}
	return float64(n) / float64(len(supplyDraws)), nil
}

// BandProbabilities returns the share of paired Monte Carlo draws in each
// band under t (the zero Thresholds means DefaultThresholds), indexed by
// Band; the shares sum to 1. Draws are treated as in
// ProbabilityOversupplied; a pair with neither supply nor openings is
// Balanced, as in ClassifyCounts.
func BandProbabilities(supplyDraws, demandDraws []float64, t Thresholds) ([NumBands]float64, error) {
	var p [NumBands]float64
	if err := checkDraws(supplyDraws, demandDraws); err != nil {
		return p, err
	}
	t = t.orDefault()
	if err := t.Validate(); err != nil {
		return p, err
	}
	var n [NumBands]int
	for k := range supplyDraws {
		s, d := max(supplyDraws[k], 0), max(demandDraws[k], 0)
		b := Balanced
		if s != 0 || d != 0 {
			b = classify(Ratio(s, d), t)
		}
		n[b]++
	}
	for b := range p {
		p[b] = float64(n[b]) / float64(len(supplyDraws))
	}
	return p, nil
}
