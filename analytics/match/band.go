package match

import (
	"errors"
	"fmt"
	"math"
)

// Band is one of the five supply–demand bands of POLICY.md, from Shortage
// to Oversupply, in increasing order of the ratio.
type Band int

// The bands, in increasing order of the supply–demand ratio.
const (
	// Shortage is r < 0.60 with the default thresholds.
	Shortage Band = iota
	// SlightUndersupply is 0.60 ≤ r < 0.90 with the default thresholds.
	SlightUndersupply
	// Balanced is 0.90 ≤ r ≤ 1.20 with the default thresholds.
	Balanced
	// SlightOversupply is 1.20 < r < 1.50 with the default thresholds.
	SlightOversupply
	// Oversupply is r ≥ 1.50 with the default thresholds.
	Oversupply
)

// NumBands is the number of bands; Band values run from 0 to NumBands-1.
const NumBands = 5

var bandNames = [NumBands]string{"shortage", "slight_undersupply", "balanced", "slight_oversupply", "oversupply"}

var bandChinese = [NumBands]string{"供给不足", "略有不足", "基本平衡", "略有过剩", "供给过剩"}

// String returns the band's snake_case code, e.g. "slight_oversupply", as
// used in exports; an out-of-range value gives "Band(n)".
func (b Band) String() string {
	if b < 0 || b >= NumBands {
		return fmt.Sprintf("Band(%d)", int(b))
	}
	return bandNames[b]
}

// ChineseName returns the band's name in Chinese, e.g. "略有过剩", as
// shown in reports; an out-of-range value gives "Band(n)".
func (b Band) ChineseName() string {
	if b < 0 || b >= NumBands {
		return fmt.Sprintf("Band(%d)", int(b))
	}
	return bandChinese[b]
}

// Thresholds are the four cut points between the five bands. A ratio r is
//
//	Shortage           if r < Shortage
//	SlightUndersupply  if Shortage ≤ r < Slight
//	Balanced           if Slight ≤ r ≤ BalancedHigh
//	SlightOversupply   if BalancedHigh < r < SlightHigh
//	Oversupply         if r ≥ SlightHigh
//
// The zero value means DefaultThresholds.
type Thresholds struct {
	// Shortage is the lower end of slight undersupply (default 0.60).
	Shortage float64
	// Slight is the lower end of the balanced band (default 0.90).
	Slight float64
	// BalancedHigh is the upper end of the balanced band, included in it
	// (default 1.20).
	BalancedHigh float64
	// SlightHigh is the lower end of oversupply, included in it (default
	// 1.50).
	SlightHigh float64
}

// DefaultThresholds returns the thresholds of POLICY.md: 0.60, 0.90, 1.20
// and 1.50.
func DefaultThresholds() Thresholds {
	return Thresholds{Shortage: 0.60, Slight: 0.90, BalancedHigh: 1.20, SlightHigh: 1.50}
}

// orDefault returns t, or DefaultThresholds if t is the zero value.
func (t Thresholds) orDefault() Thresholds {
	if t == (Thresholds{}) {
		return DefaultThresholds()
	}
	return t
}

// Validate reports whether the thresholds are finite, positive and strictly
// increasing. The zero value is valid: it means DefaultThresholds.
func (t Thresholds) Validate() error {
	t = t.orDefault()
	v := [4]float64{t.Shortage, t.Slight, t.BalancedHigh, t.SlightHigh}
	names := [4]string{"shortage", "slight", "balanced_high", "slight_high"}
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
			return fmt.Errorf("match: threshold %s = %v must be finite and positive", names[k], x)
		}
		if k > 0 && x <= v[k-1] {
			return fmt.Errorf("match: threshold %s = %v must exceed %s = %v", names[k], x, names[k-1], v[k-1])
		}
	}
	return nil
}

// ErrUndefinedRatio is returned by Classify for a NaN ratio, such as
// Ratio(0, 0): neither supply nor openings.
var ErrUndefinedRatio = errors.New("match: ratio is undefined (NaN)")

// Classify returns the band of the supply–demand ratio r under t (the zero
// Thresholds means DefaultThresholds), with the half-open intervals of
// POLICY.md: with the defaults 0.60 is SlightUndersupply, 0.90 and 1.20 are
// Balanced, 1.50 is Oversupply. +Inf (openings zero, supply positive) is
// Oversupply. A NaN ratio gives ErrUndefinedRatio, a negative ratio an
// error, invalid thresholds the error of Validate.
func Classify(r float64, t Thresholds) (Band, error) {
	t = t.orDefault()
	if err := t.Validate(); err != nil {
		return 0, err
	}
	switch {
	case math.IsNaN(r):
		return 0, ErrUndefinedRatio
	case r < 0:
		return 0, fmt.Errorf("match: negative ratio %v", r)
	}
	return classify(r, t), nil
}

// classify places a ratio known to be non-negative or +Inf in a band of
// valid thresholds t.
func classify(r float64, t Thresholds) Band {
	switch {
	case r < t.Shortage:
		return Shortage
	case r < t.Slight:
		return SlightUndersupply
	case r <= t.BalancedHigh:
		return Balanced
	case r < t.SlightHigh:
		return SlightOversupply
	default:
		return Oversupply
	}
}

// ClassifyCounts returns the band of supply against openings. Unlike
// Classify(Ratio(supply, openings), t), it reports a cell with neither
// supply nor openings as Balanced: nothing is needed and nothing is
// offered. Negative, NaN or infinite counts are errors.
func ClassifyCounts(supply, openings float64, t Thresholds) (Band, error) {
	if err := checkCount("supply", supply); err != nil {
		return 0, err
	}
	if err := checkCount("openings", openings); err != nil {
		return 0, err
	}
	t = t.orDefault()
	if err := t.Validate(); err != nil {
		return 0, err
	}
	if supply == 0 && openings == 0 {
		return Balanced, nil
	}
	return classify(Ratio(supply, openings), t), nil
}

// checkCount rejects negative, NaN and infinite counts.
func checkCount(name string, x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return fmt.Errorf("match: %s = %v must be finite and non-negative", name, x)
	}
	return nil
}

// Ratio returns supply ÷ openings with the zero cases defined: positive
// supply and zero openings give +Inf (Oversupply); zero supply and zero
// openings give NaN (undefined: Classify returns ErrUndefinedRatio). A
// negative or NaN argument gives NaN.
func Ratio(supply, openings float64) float64 {
	if math.IsNaN(supply) || math.IsNaN(openings) || supply < 0 || openings < 0 {
		return math.NaN()
	}
	if openings == 0 {
		if supply == 0 {
			return math.NaN()
		}
		return math.Inf(1)
	}
	return supply / openings
}
