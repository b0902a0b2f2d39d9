package chart

// legendItem is one entry of a legend: a swatch and a name.
type legendItem struct {
	name   string
	color  string
	line   bool // a line swatch (series)
	dashed bool // the line is dashed
	band   bool // a shaded band behind the swatch (interval)
	box    bool // a filled square swatch (bars, groups)
}

const (
	legendRow     = 18.0 // height of one legend row
	legendMaxRows = 4    // further entries are summarised as "…"
)

// legend draws the items left to right from left, wrapping at right, with
// the first row centred on y. It returns the y just below the last row.
func (w *svgWriter) legend(items []legendItem, left, right, y float64) float64 {
	if len(items) == 0 {
		return y - legendRow/2
	}
	x, rows := left, 1
	w.printf("<g>\n")
	for _, it := range items {
		name := truncate(clean(it.name), legendMaxEm)
		width := 28 + textWidth(name)*textSize + 16
		if x+width > right && x > left {
			if rows == legendMaxRows {
				w.text(x, y+4, ` fill="`+textColor+`"`, "…", "…")
				break
			}
			x, y, rows = left, y+legendRow, rows+1
		}
		if it.band {
			w.printf(`<rect x="%s" y="%s" width="22" height="12" fill="%s" fill-opacity="0.2"/>`+"\n", num(x), num(y-6), it.color)
		}
		if it.box {
			w.printf(`<rect x="%s" y="%s" width="12" height="12" fill="%s"/>`+"\n", num(x+5), num(y-6), it.color)
		}
		if it.line {
			dash := ""
			if it.dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", num(x), num(y), num(x+22), num(y), it.color, dash)
		}
		w.text(x+28, y+4, ` fill="`+textColor+`"`, name, clean(it.name))
		x += width
	}
	w.printf("</g>\n")
	return y + legendRow/2
}
