package chart

import "math"

// catAxis is the layout of category labels under a vertical-bar plot.
type catAxis struct {
	shown, full []string
	rotate      bool    // labels are turned 45° because they do not fit
	every       int     // label every n-th category when rotated labels would collide
	height      float64 // space the labels take below the plot
	reach       float64 // how far turned labels reach left of their anchor
}

// layoutCats keeps the labels level when each fits its band (the width
// per category), or when the bands are wide enough (8 em) to show a
// useful part of each, truncated to the band. Otherwise it turns them 45°,
// truncates them to labelMaxEm, and labels only every n-th category if
// the bands are too narrow even for turned text.
func layoutCats(labels []string, band float64) catAxis {
	a := catAxis{every: 1, height: 24}
	widest := 0.0
	for _, l := range labels {
		f := clean(l)
		a.full = append(a.full, f)
		a.shown = append(a.shown, f)
		widest = math.Max(widest, textWidth(f)*textSize)
	}
	if widest <= band-4 {
		return a
	}
	if band >= 8*textSize {
		for i, f := range a.full {
			a.shown[i] = truncate(f, (band-4)/textSize)
		}
		return a
	}
	a.rotate = true
	widest = 0
	for i, f := range a.full {
		a.shown[i] = truncate(f, labelMaxEm)
		widest = math.Max(widest, textWidth(a.shown[i])*textSize)
	}
	a.reach = widest * math.Sqrt2 / 2
	a.height = a.reach + textSize + 10
	if band > 0 {
		a.every = max(1, int(math.Ceil(16/band)))
	}
	return a
}

// fitLeft widens the left margin so that the first turned label, which
// reaches left of its band, stays inside the drawing.
func (a catAxis) fitLeft(left, right, n float64) float64 {
	if !a.rotate {
		return left
	}
	band := (right - left) / n
	return math.Max(left, a.reach-band/2+4)
}

// draw writes the labels centred under each band, starting at x0.
func (a catAxis) draw(w *svgWriter, x0, band, bottom float64) {
	if a.rotate {
		w.printf(`<g text-anchor="end" fill="%s">`+"\n", textColor)
	} else {
		w.printf(`<g text-anchor="middle" fill="%s">`+"\n", textColor)
	}
	for i := range a.shown {
		if i%a.every != 0 {
			continue
		}
		cx := x0 + (float64(i)+0.5)*band
		if a.rotate {
			w.rotatedText(cx+4, bottom+12, -45, "", a.shown[i], a.full[i])
		} else {
			w.text(cx, bottom+17, "", a.shown[i], a.full[i])
		}
	}
	w.printf("</g>\n")
}
