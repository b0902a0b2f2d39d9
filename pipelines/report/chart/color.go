package chart

import (
	"fmt"
	"math"
	"strconv"
)

// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design (CUD):
// how to make figures and presentations that are friendly to colorblind
// people", https://jfly.uni-koeln.de/color/): eight colours that stay
// distinct under protanopia, deuteranopia and tritanopia, and in greyscale
// print when paired with dashes or labels.
const (
	okabeBlack         = "#000000"
	okabeOrange        = "#E69F00"
	okabeSkyBlue       = "#56B4E9"
	okabeBluishGreen   = "#009E73"
	okabeYellow        = "#F0E442"
	okabeBlue          = "#0072B2"
	okabeVermillion    = "#D55E00"
	okabeReddishPurple = "#CC79A7"

	missingColor = "#C8C8C8" // a heat map cell without a value
)

// palette is the order in which series and groups take colours: the
// strong colours first, yellow (weak on white paper) and black last.
var palette = [...]string{
	okabeBlue, okabeVermillion, okabeBluishGreen, okabeOrange,
	okabeReddishPurple, okabeSkyBlue, okabeYellow, okabeBlack,
}

// Palette returns the eight Okabe–Ito colours as "#RRGGBB", in the order
// in which charts assign them to series and groups (it repeats after
// eight). Use it to colour matching legends or table cells in the page
// around a chart.
func Palette() []string {
	return append([]string(nil), palette[:]...)
}

// colorAt returns the i-th palette colour, cycling.
func colorAt(i int) string { return palette[i%len(palette)] }

// rgb parses "#rgb" or "#rrggbb"; ok is false for anything else (such as
// a colour name).
func rgb(c string) (r, g, b float64, ok bool) {
	if len(c) == 4 && c[0] == '#' {
		c = "#" + string([]byte{c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if len(c) != 7 || c[0] != '#' {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(c[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return float64(v >> 16 & 0xFF), float64(v >> 8 & 0xFF), float64(v & 0xFF), true
}

// luminance is the relative luminance of an sRGB colour (WCAG 2.1,
// "relative luminance"); a colour name counts as mid-grey.
func luminance(c string) float64 {
	r, g, b, ok := rgb(c)
	if !ok {
		return 0.2
	}
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// inkOn returns black or white, whichever has the higher WCAG 2.1
// contrast ratio against the background colour.
func inkOn(bg string) string {
	l := luminance(bg)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return okabeBlack
	}
	return "#FFFFFF"
}

// diverging maps t in [-1, 1] onto a blue–white–orange scale, linear in
// sRGB: -1 is Okabe–Ito blue, 0 white, +1 Okabe–Ito orange. Both ends stay
// distinct for colour-blind readers.
func diverging(t float64) string {
	if !finite(t) {
		return missingColor
	}
	t = math.Max(-1, math.Min(1, t))
	end := okabeOrange
	if t < 0 {
		end, t = okabeBlue, -t
	}
	r, g, b, _ := rgb(end)
	mix := func(v float64) int { return int(math.Round(255 + t*(v-255))) }
	return fmt.Sprintf("#%02X%02X%02X", mix(r), mix(g), mix(b))
}
