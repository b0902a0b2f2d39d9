package chart

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Series is one line of a LineChart, optionally with a shaded interval
// band around it.
//
// X and Y have the same length. Lo and Hi are nil or have the length of X;
// together they shade the band between them, such as a forecast's 80%
// prediction interval. A series with Lo and Hi but no Y draws only the
// band, so a second, wider interval (95%) can be added as its own series in
// the same Color. A point whose X or Y is NaN or infinite is a gap: the
// line breaks there, and a point with gaps on both sides is drawn as a dot.
// The band breaks likewise where X, Lo or Hi is not finite.
type Series struct {
	// Name is the series' legend entry; a series without a name has none.
	Name string
	// X and Y are the points, in drawing order.
	X, Y []float64
	// Lo and Hi are the lower and upper edges of an optional band.
	Lo, Hi []float64
	// Dashed draws the line dashed, e.g. for a forecast.
	Dashed bool
	// Color overrides the palette colour: "#rrggbb", "#rgb" or a CSS
	// colour name. The zero value takes the next Okabe–Ito colour.
	Color string
}

// LineChart draws series over a numeric X axis, such as employment by year
// with history solid and the forecast dashed inside its intervals.
//
// Axes get 1-2-5 ticks labelled with thousands separators. The zero value
// of each field is a usable default.
type LineChart struct {
	// Title is drawn above the chart and is its accessible name.
	Title string
	// XLabel and YLabel name the axes; empty draws none.
	XLabel, YLabel string
	// Series are drawn in order; series i takes palette colour i unless it
	// sets Color.
	Series []Series
	// XTicksInt keeps X ticks on whole numbers and prints them without
	// thousands separators, for years.
	XTicksInt bool
	// VLine draws a dashed vertical line at this X, e.g. the last observed
	// year; NaN, ±Inf and 0 (the zero value) draw none. The X axis is
	// widened to include it.
	VLine float64
}

// check reports every shape error of the series.
func (c LineChart) check() error {
	if len(c.Series) == 0 {
		return ErrNoData
	}
	var errs []error
	for i, s := range c.Series {
		where := fmt.Sprintf("series %d %q", i, clean(s.Name))
		band := s.Lo != nil || s.Hi != nil
		switch {
		case len(s.Y) != len(s.X) && !(len(s.Y) == 0 && band):
			errs = append(errs, fmt.Errorf("%s: %d x values, %d y values: %w", where, len(s.X), len(s.Y), ErrShape))
		case band && (len(s.Lo) != len(s.X) || len(s.Hi) != len(s.X)):
			errs = append(errs, fmt.Errorf("%s: %d x values, %d lo, %d hi: %w", where, len(s.X), len(s.Lo), len(s.Hi), ErrShape))
		}
		if err := checkColor(s.Color); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
		}
	}
	return errors.Join(errs...)
}

// SVG draws the chart as one <svg> element. It returns an error wrapping
// ErrNoData when there are no series or no finite point, ErrShape when
// lengths disagree and ErrValue for a bad colour.
func (c LineChart) SVG() (string, error) {
	if err := c.check(); err != nil {
		return "", fmt.Errorf("line chart: %w", err)
	}
	var xe, ye extent
	for _, s := range c.Series {
		for i, x := range s.X {
			if !finite(x) {
				continue
			}
			if len(s.Y) > 0 && finite(s.Y[i]) {
				xe.add(x)
				ye.add(s.Y[i])
			}
			if s.Lo != nil && finite(s.Lo[i]) && finite(s.Hi[i]) {
				xe.add(x)
				ye.add(s.Lo[i])
				ye.add(s.Hi[i])
			}
		}
	}
	if !xe.ok {
		return "", fmt.Errorf("line chart: no finite point: %w", ErrNoData)
	}
	vline := finite(c.VLine) && c.VLine != 0
	if vline {
		xe.add(c.VLine)
	}

	colors := make([]string, len(c.Series))
	var items []legendItem
	var names []string
	for i, s := range c.Series {
		colors[i] = s.Color
		if colors[i] == "" {
			colors[i] = colorAt(i)
		}
		if name := clean(s.Name); name != "" && len(s.X) > 0 {
			items = append(items, legendItem{name: name, color: colors[i], line: len(s.Y) > 0, dashed: s.Dashed, band: s.Lo != nil})
			names = append(names, name)
		}
	}

	var w svgWriter
	w.open(viewHeight, c.Title, "折线图", descList("折线图", names))
	top := titleHeight(c.Title)
	top = w.legend(items, 24, viewWidth-16, top+8) + 14
	bottom := viewHeight - 28
	if clean(c.XLabel) != "" {
		bottom -= 18
	}
	if bottom-top < 80 {
		top = bottom - 80
	}

	// Y ticks first: their labels set the left margin.
	ys := niceScale(ye.lo, ye.hi, max(2, int((bottom-top)/45)), false)
	ys.from, ys.to = bottom, top
	left := 8.0
	if clean(c.YLabel) != "" {
		left += 20
	}
	widest := 0.0
	for _, t := range ys.ticks {
		widest = math.Max(widest, textWidth(ys.label(t, false))*tickSize)
	}
	left += widest + 8

	// X ticks: the densest spacing whose labels fit; the outer labels may
	// need a wider margin.
	right := viewWidth - 20
	xs := fitTicks(xe.lo, xe.hi, right-left, c.XTicksInt, c.XTicksInt)
	if n := len(xs.ticks); n > 0 {
		left = math.Max(left, textWidth(xs.label(xs.ticks[0], c.XTicksInt))*tickSize/2+4)
		right = math.Min(right, viewWidth-textWidth(xs.label(xs.ticks[n-1], c.XTicksInt))*tickSize/2-4)
	}
	xs.from, xs.to = left, right

	drawGridY(&w, ys, left, right, false)
	// X tick marks and labels.
	w.printf(`<g stroke="%s">`+"\n", axisColor)
	for _, t := range xs.ticks {
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(xs.at(t)), num(bottom), num(xs.at(t)), num(bottom+4))
	}
	w.printf("</g>\n")
	w.printf(`<g font-size="%s" fill="%s" text-anchor="middle">`+"\n", num(tickSize), axisColor)
	for _, t := range xs.ticks {
		l := xs.label(t, c.XTicksInt)
		w.text(xs.at(t), bottom+16, "", l, l)
	}
	w.printf("</g>\n")
	axisTitles(&w, c.XLabel, c.YLabel, left, right, top, bottom, viewHeight-10)

	// Bands under everything else, then the marker line, then the lines.
	for i, s := range c.Series {
		if s.Lo == nil {
			continue
		}
		d := bandPath(s, xs, ys)
		if d != "" {
			w.printf(`<path d="%s" fill="%s" fill-opacity="0.2"/>`+"\n", d, colors[i])
		}
	}
	if vline && xs.contains(c.VLine) {
		x := xs.at(c.VLine)
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#555555" stroke-dasharray="4 3"/>`+"\n", num(x), num(top), num(x), num(bottom))
	}
	for i, s := range c.Series {
		if len(s.Y) == 0 {
			continue
		}
		d, dots := linePath(s, xs, ys)
		if d != "" {
			dash := ""
			if s.Dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			w.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"%s/>`+"\n", d, colors[i], dash)
		}
		for _, p := range dots {
			w.printf(`<circle cx="%s" cy="%s" r="3" fill="%s"/>`+"\n", num(p[0]), num(p[1]), colors[i])
		}
	}
	w.printf(`<path d="M%s %sV%sH%s" fill="none" stroke="%s"/>`+"\n", num(left), num(top), num(bottom), num(right), axisColor)
	return w.close(), nil
}

// linePath returns the path of a series' line, one subpath per run of
// two or more finite points, and the points that stand alone between gaps.
func linePath(s Series, xs, ys scale) (string, [][2]float64) {
	var b strings.Builder
	var dots [][2]float64
	var run [][2]float64
	flush := func() {
		switch len(run) {
		case 0:
		case 1:
			dots = append(dots, run[0])
		default:
			for k, p := range run {
				cmd := "L"
				if k == 0 {
					cmd = "M"
				}
				fmt.Fprintf(&b, "%s%s %s", cmd, num(p[0]), num(p[1]))
			}
		}
		run = run[:0]
	}
	for i, x := range s.X {
		if !finite(x) || !finite(s.Y[i]) {
			flush()
			continue
		}
		run = append(run, [2]float64{xs.at(x), ys.at(s.Y[i])})
	}
	flush()
	return b.String(), dots
}

// bandPath returns the outline of a series' band, one closed subpath per
// run of points with finite X, Lo and Hi: along Lo forwards, back along
// Hi. A run of one point becomes a thin vertical bar.
func bandPath(s Series, xs, ys scale) string {
	var b strings.Builder
	flush := func(run []int) {
		if len(run) == 0 {
			return
		}
		if len(run) == 1 {
			i := run[0]
			x := xs.at(s.X[i])
			fmt.Fprintf(&b, "M%s %sL%s %sL%s %sL%s %sZ", num(x-1.5), num(ys.at(s.Lo[i])), num(x+1.5), num(ys.at(s.Lo[i])),
				num(x+1.5), num(ys.at(s.Hi[i])), num(x-1.5), num(ys.at(s.Hi[i])))
			return
		}
		for k, i := range run {
			cmd := "L"
			if k == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&b, "%s%s %s", cmd, num(xs.at(s.X[i])), num(ys.at(s.Lo[i])))
		}
		for k := len(run) - 1; k >= 0; k-- {
			i := run[k]
			fmt.Fprintf(&b, "L%s %s", num(xs.at(s.X[i])), num(ys.at(s.Hi[i])))
		}
		b.WriteString("Z")
	}
	var run []int
	for i, x := range s.X {
		if finite(x) && finite(s.Lo[i]) && finite(s.Hi[i]) {
			run = append(run, i)
			continue
		}
		flush(run)
		run = run[:0]
	}
	flush(run)
	return b.String()
}

// drawGridY draws horizontal grid lines and labels for the ticks of a
// vertical axis; percent appends "%" to the labels.
func drawGridY(w *svgWriter, ys scale, left, right float64, percent bool) {
	w.printf(`<g stroke="%s">`+"\n", gridColor)
	for _, t := range ys.ticks {
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(left), num(ys.at(t)), num(right), num(ys.at(t)))
	}
	w.printf("</g>\n")
	if ys.min < 0 && ys.max > 0 {
		w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#999999"/>`+"\n", num(left), num(ys.at(0)), num(right), num(ys.at(0)))
	}
	w.printf(`<g font-size="%s" fill="%s" text-anchor="end">`+"\n", num(tickSize), axisColor)
	for _, t := range ys.ticks {
		l := ys.label(t, false)
		if percent {
			l += "%"
		}
		w.text(left-6, ys.at(t)+4, "", l, l)
	}
	w.printf("</g>\n")
}

// axisTitles draws the X axis title centred on the baseline xLabelY below
// the plot and the Y axis title turned upright at the left edge.
func axisTitles(w *svgWriter, xLabel, yLabel string, left, right, top, bottom, xLabelY float64) {
	if x := clean(xLabel); x != "" {
		shown := truncate(x, (right-left)/textSize)
		w.text((left+right)/2, xLabelY, ` text-anchor="middle" fill="`+textColor+`"`, shown, x)
	}
	if y := clean(yLabel); y != "" {
		shown := truncate(y, (bottom-top)/textSize)
		w.rotatedText(20, (top+bottom)/2, -90, ` text-anchor="middle" fill="`+textColor+`"`, shown, y)
	}
}

// descList is a short description for screen readers: the chart kind and
// its named items.
func descList(kind string, names []string) string {
	if len(names) == 0 {
		return kind
	}
	if len(names) > 12 {
		names = append(names[:12:12], "…")
	}
	return kind + "：" + strings.Join(names, "、")
}
