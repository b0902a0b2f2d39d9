package chart

import (
	"errors"
	"fmt"
	"math"
)

// Bar is one bar of a BarChart.
type Bar struct {
	// Label names the bar; long labels are cut to about 14 CJK characters
	// with "…", the full text kept as a tooltip.
	Label string
	// Value is the bar's length; a negative value extends left of (or
	// below) zero. NaN or ±Inf draws no bar and prints "—".
	Value float64
	// Color overrides the default colour: "#rrggbb", "#rgb" or a CSS colour
	// name. By default positive bars are Okabe–Ito blue and negative bars
	// vermillion.
	Color string
}

// BarChart draws one bar per item, such as supply–demand ratios by
// programme, with the value printed at each bar's end.
type BarChart struct {
	// Title is drawn above the chart and is its accessible name.
	Title string
	// ValueLabel names the value axis; empty draws none.
	ValueLabel string
	// Bars are drawn in order: top to bottom, or left to right.
	Bars []Bar
	// Horizontal lays the bars out as rows with their labels on the left,
	// which suits long Chinese labels; otherwise bars stand upright.
	Horizontal bool
	// RefLine draws a dashed reference line at this value, e.g. a ratio of
	// 1.0 or a target of 0.15, labelled with Format; NaN, ±Inf and 0 (the
	// zero value, where the zero line already is) draw none. The value axis
	// is widened to include it.
	RefLine float64
	// Format is the printf format of the value labels; "" means "%.2f".
	Format string
}

// format returns the chart's value format.
func (c BarChart) format() string {
	if c.Format == "" {
		return "%.2f"
	}
	return c.Format
}

// SVG draws the chart as one <svg> element. It returns an error wrapping
// ErrNoData when there are no bars or no finite value, and ErrValue for a
// bad colour or Format.
func (c BarChart) SVG() (string, error) {
	var errs []error
	if len(c.Bars) == 0 {
		errs = append(errs, ErrNoData)
	}
	for i, b := range c.Bars {
		if err := checkColor(b.Color); err != nil {
			errs = append(errs, fmt.Errorf("bar %d %q: %w", i, clean(b.Label), err))
		}
	}
	if err := checkFormat(c.format()); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return "", fmt.Errorf("bar chart: %w", err)
	}
	e := extent{lo: 0, hi: 0, ok: true}
	some := false
	for _, b := range c.Bars {
		if finite(b.Value) {
			e.add(b.Value)
			some = true
		}
	}
	if !some {
		return "", fmt.Errorf("bar chart: no finite value: %w", ErrNoData)
	}
	ref := finite(c.RefLine) && c.RefLine != 0
	if ref {
		e.add(c.RefLine)
	}
	if e.lo == e.hi {
		e.hi = 1 // all bars zero
	}

	values := make([]string, len(c.Bars))
	colors := make([]string, len(c.Bars))
	names := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		values[i] = missing
		if finite(b.Value) {
			values[i] = clean(fmt.Sprintf(c.format(), b.Value))
		}
		colors[i] = b.Color
		switch {
		case colors[i] != "":
		case b.Value < 0:
			colors[i] = okabeVermillion
		default:
			colors[i] = okabeBlue
		}
		names[i] = clean(b.Label)
	}
	if c.Horizontal {
		return c.horizontal(e, values, colors, names, ref), nil
	}
	return c.vertical(e, values, colors, names, ref), nil
}

// horizontal lays out one row per bar, labels on the left, the value axis
// at the bottom. The drawing grows taller than 360 when the rows need it.
func (c BarChart) horizontal(e extent, values, colors, names []string, ref bool) string {
	n := float64(len(c.Bars))
	top := titleHeight(c.Title) + 4
	if ref {
		top += 16
	}
	below := 30.0
	if clean(c.ValueLabel) != "" {
		below += 20
	}
	height := math.Max(viewHeight, top+n*26+below)
	bottom := height - below
	row := (bottom - top) / n
	thick := math.Min(row*0.62, 30)

	labelW, valueW := 0.0, 0.0
	shown := make([]string, len(names))
	for i := range names {
		shown[i] = truncate(names[i], labelMaxEm)
		labelW = math.Max(labelW, textWidth(shown[i])*textSize)
		valueW = math.Max(valueW, textWidth(values[i])*tickSize)
	}
	valueW = math.Min(valueW, 160)
	labelRight := 12 + labelW
	left, right := labelRight+10, viewWidth-16
	if e.lo < 0 {
		left += valueW + 6
	}
	if e.hi > 0 {
		right -= valueW + 6
	}
	if right-left < 120 {
		right = left + 120
	}
	xs := fitTicks(e.lo, e.hi, right-left, false, false)
	xs.from, xs.to = left, right

	var w svgWriter
	w.open(height, c.Title, "条形图", descList("条形图", names))
	// Vertical grid lines and their labels.
	w.printf(`<g stroke="%s">`+"\n", gridColor)
	for _, t := range xs.ticks {
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(xs.at(t)), num(top), num(xs.at(t)), num(bottom))
	}
	w.printf("</g>\n")
	w.printf(`<g font-size="%s" fill="%s" text-anchor="middle">`+"\n", num(tickSize), axisColor)
	for _, t := range xs.ticks {
		l := xs.label(t, false)
		w.text(xs.at(t), bottom+16, "", l, l)
	}
	w.printf("</g>\n")
	if l := clean(c.ValueLabel); l != "" {
		w.text((left+right)/2, bottom+38, ` text-anchor="middle" fill="`+textColor+`"`, truncate(l, (right-left)/textSize), l)
	}

	zero := xs.at(0)
	w.printf(`<g text-anchor="end" fill="%s">`+"\n", textColor)
	for i := range names {
		w.text(labelRight, top+(float64(i)+0.5)*row+4, "", shown[i], names[i])
	}
	w.printf("</g>\n")
	for i, b := range c.Bars {
		if !finite(b.Value) || b.Value == 0 {
			continue
		}
		x := xs.at(b.Value)
		w.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s：%s</title></rect>`+"\n",
			num(math.Min(x, zero)), num(top+(float64(i)+0.5)*row-thick/2), num(math.Abs(x-zero)), num(thick), colors[i], esc(names[i]), esc(values[i]))
	}
	w.printf(`<g font-size="%s" fill="%s">`+"\n", num(tickSize), textColor)
	for i, b := range c.Bars {
		y := top + (float64(i)+0.5)*row + 4
		if v := finiteOr0(b.Value); v < 0 {
			w.text(xs.at(v)-4, y, ` text-anchor="end"`, values[i], values[i])
		} else {
			w.text(xs.at(v)+4, y, "", values[i], values[i])
		}
	}
	w.printf("</g>\n")
	w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(zero), num(top), num(zero), num(bottom), axisColor)
	if ref && xs.contains(c.RefLine) {
		x := xs.at(c.RefLine)
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-dasharray="5 3"/>`+"\n", num(x), num(top-6), num(x), num(bottom), okabeBlack)
		l := clean(fmt.Sprintf(c.format(), c.RefLine))
		w.text(x, top-10, ` font-size="`+num(tickSize)+`" text-anchor="middle" fill="`+textColor+`"`, l, l)
	}
	return w.close()
}

// vertical lays out upright bars, labels below, the value axis on the
// left. The value range is padded by 8% on each side that has bars, so
// that the value labels have room.
func (c BarChart) vertical(e extent, values, colors, names []string, ref bool) string {
	n := float64(len(c.Bars))
	top := titleHeight(c.Title) + 6
	right := viewWidth - 16
	cats := layoutCats(names, (right-90)/n)
	bottom := viewHeight - cats.height

	lo, hi := e.lo, e.hi
	span := hi/2 - lo/2
	if lo < 0 {
		lo -= span * 0.16
	}
	if hi > 0 {
		hi += span * 0.16
	}
	if !finite(lo) || !finite(hi) {
		lo, hi = e.lo, e.hi
	}
	ys := niceScale(lo, hi, max(2, int((bottom-top)/45)), false)
	ys.from, ys.to = bottom, top
	left := 8.0
	if clean(c.ValueLabel) != "" {
		left += 20
	}
	widest := 0.0
	for _, t := range ys.ticks {
		widest = math.Max(widest, textWidth(ys.label(t, false))*tickSize)
	}
	left = cats.fitLeft(left+widest+8, right, n)
	band := (right - left) / n
	barW := math.Min(band*0.65, 56)

	var w svgWriter
	w.open(viewHeight, c.Title, "柱形图", descList("柱形图", names))
	drawGridY(&w, ys, left, right, false)
	axisTitles(&w, "", c.ValueLabel, left, right, top, bottom, 0)
	cats.draw(&w, left, band, bottom)

	zero := ys.at(0)
	for i, b := range c.Bars {
		if !finite(b.Value) || b.Value == 0 {
			continue
		}
		y := ys.at(b.Value)
		w.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s：%s</title></rect>`+"\n",
			num(left+(float64(i)+0.5)*band-barW/2), num(math.Min(y, zero)), num(barW), num(math.Abs(y-zero)), colors[i], esc(names[i]), esc(values[i]))
	}
	valueW := 0.0
	for _, v := range values {
		valueW = math.Max(valueW, textWidth(v)*tickSize)
	}
	if valueW <= band-2 {
		w.printf(`<g font-size="%s" fill="%s" text-anchor="middle">`+"\n", num(tickSize), textColor)
		for i, b := range c.Bars {
			cx := left + (float64(i)+0.5)*band
			if v := finiteOr0(b.Value); v < 0 {
				w.text(cx, ys.at(v)+13, "", values[i], values[i])
			} else {
				w.text(cx, ys.at(v)-4, "", values[i], values[i])
			}
		}
		w.printf("</g>\n")
	}
	w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(left), num(zero), num(right), num(zero), axisColor)
	if ref && ys.contains(c.RefLine) {
		y := ys.at(c.RefLine)
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-dasharray="5 3"/>`+"\n", num(left), num(y), num(right+6), num(y), okabeBlack)
		l := clean(fmt.Sprintf(c.format(), c.RefLine))
		w.text(right, y-4, ` font-size="`+num(tickSize)+`" text-anchor="end" fill="`+textColor+`"`, l, l)
	}
	return w.close()
}

// finiteOr0 returns v, or 0 when v is NaN or infinite.
func finiteOr0(v float64) float64 {
	if finite(v) {
		return v
	}
	return 0
}
