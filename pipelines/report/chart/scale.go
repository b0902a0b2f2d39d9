package chart

import (
	"math"
	"strconv"
	"strings"
)

// scale is a linear axis: the domain [min, max] is mapped onto the screen
// interval [from, to], and ticks are the values to label.
type scale struct {
	min, max float64
	ticks    []float64
	step     float64 // distance between ticks; sets their decimals
	from, to float64
}

// extent is the running range of the finite values added to it.
type extent struct {
	lo, hi float64
	ok     bool
}

func (e *extent) add(v float64) {
	if !finite(v) {
		return
	}
	if !e.ok {
		e.lo, e.hi, e.ok = v, v, true
		return
	}
	e.lo = math.Min(e.lo, v)
	e.hi = math.Max(e.hi, v)
}

// niceStep rounds raw up to 1, 2 or 5 times a power of ten (Heckbert,
// "Nice numbers for graph labels", Graphics Gems, 1990, pp. 61–63). It
// returns 0 when raw is not a positive finite number.
func niceStep(raw float64) float64 {
	if !(raw > 0) || !finite(raw) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	if p == 0 || !finite(p) {
		return 0
	}
	var m float64
	switch f := raw / p; {
	case f <= 1:
		m = 1
	case f <= 2:
		m = 2
	case f <= 5:
		m = 5
	default:
		m = 10
	}
	return m * p
}

// niceScale chooses about target ticks at a 1-2-5 step covering [lo, hi],
// and widens the domain to the first and last tick. A range too narrow to
// show (all values equal, up to float64 noise) is widened around its
// middle: by 10% either side, by 1 when the middle is 0, and by 1 on an
// integer axis (years). With integer set the step is at least 1.
//
// Ranges near the limits of float64 fall back to the data range itself,
// labelled at its two ends; the result is always finite.
func niceScale(lo, hi float64, target int, integer bool) scale {
	if lo > hi {
		lo, hi = hi, lo
	}
	if target < 1 {
		target = 1
	}
	if hi-lo <= math.Max(math.Abs(lo), math.Abs(hi))*1e-9 {
		mid := lo/2 + hi/2
		pad := math.Abs(mid) * 0.1
		if integer && 1 > math.Abs(mid)*1e-9 {
			pad = 1
		}
		if pad == 0 {
			pad = 1
		}
		lo, hi = mid-pad, mid+pad
		if math.IsInf(lo, 0) {
			lo = mid
		}
		if math.IsInf(hi, 0) {
			hi = mid
		}
	}
	t := float64(target)
	step := niceStep(hi/t - lo/t)
	if integer && step > 0 && step < 1 {
		step = 1
	}
	fallback := scale{min: lo, max: hi, ticks: []float64{lo, hi}, step: math.Inf(1)}
	if step == 0 {
		return fallback
	}
	k0, k1 := math.Floor(lo/step), math.Ceil(hi/step)
	dmin, dmax := k0*step, k1*step
	if !finite(dmin) || !finite(dmax) || k1-k0 > 1000 || k1-k0 < 1 {
		return fallback
	}
	n := int(k1 - k0)
	ticks := make([]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		ticks = append(ticks, (k0+float64(i))*step)
	}
	return scale{min: dmin, max: dmax, ticks: ticks, step: step}
}

// at maps a domain value to the screen. The arithmetic halves both terms
// first so that ranges spanning most of float64 do not overflow.
func (s scale) at(v float64) float64 {
	span := s.max/2 - s.min/2
	if !(span > 0) {
		return (s.from + s.to) / 2
	}
	f := (v/2 - s.min/2) / span
	if !finite(f) {
		f = 0
	}
	return s.from + f*(s.to-s.from)
}

// contains reports whether v lies within the domain.
func (s scale) contains(v float64) bool { return v >= s.min && v <= s.max }

// label formats tick v. Decimals follow the step (a step of 0.05 gives
// two), the integer part is grouped by thousands with commas unless plain
// is set (years), and values of 1e15 and more, or steps below 1e-6, are
// written with %g and as many significant digits as the step needs.
func (s scale) label(v float64, plain bool) string {
	fallback := !finite(s.step)
	if v == 0 || !fallback && math.Abs(v) < s.step*1e-9 {
		return "0"
	}
	d := 3 // fallback ticks show the data range to three decimals
	if !fallback {
		d = max(0, -int(math.Floor(math.Log10(s.step)+1e-9)))
	}
	if math.Abs(v) >= 1e15 || d > 6 || fallback && math.Abs(v) < 1e-3 {
		// Enough significant digits to tell neighbouring ticks apart.
		p := 4
		if !fallback {
			p = int(math.Floor(math.Log10(math.Abs(v)))-math.Floor(math.Log10(s.step)+1e-9)) + 1
			p = min(17, max(1, p))
		}
		return strconv.FormatFloat(v, 'g', p, 64)
	}
	str := strconv.FormatFloat(v, 'f', d, 64)
	if plain {
		return str
	}
	return group(str)
}

// group inserts a comma between each group of three digits of the integer
// part of a formatted number: "-12345.6" becomes "-12,345.6".
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	lead := len(intPart) % 3
	if lead > 0 {
		b.WriteString(intPart[:lead])
	}
	for i := lead; i < len(intPart); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}

// fitTicks picks the densest tick spacing, trying 10 ticks down to 2,
// whose labels fit side by side along a horizontal axis of the given
// length in screen units.
func fitTicks(lo, hi, length float64, integer, plain bool) scale {
	var s scale
	for target := 10; target >= 2; target-- {
		s = niceScale(lo, hi, target, integer)
		if len(s.ticks) < 2 {
			return s
		}
		widest := 0.0
		for _, t := range s.ticks {
			widest = math.Max(widest, textWidth(s.label(t, plain))*tickSize)
		}
		if length/float64(len(s.ticks)-1) >= widest+12 {
			return s
		}
	}
	return s
}
