package chart

import (
	"errors"
	"fmt"
	"math"
	"strconv"
)

// StackedBar draws one upright bar per category, stacked from its groups,
// such as employment by sector (groups) per year (categories).
type StackedBar struct {
	// Title is drawn above the chart and is its accessible name.
	Title string
	// Categories label the bars, left to right.
	Categories []string
	// Groups name the layers, bottom to top; group j takes palette colour
	// j and has a legend entry.
	Groups []string
	// Values holds one row per category and one value per group:
	// Values[category][group]. Values are shares or counts; NaN is missing
	// and stacks as 0; negative and infinite values are errors.
	Values [][]float64
	// Percent scales each category to 100% and labels the axis in percent.
	Percent bool
}

// check reports every shape and value error.
func (c StackedBar) check() error {
	if len(c.Categories) == 0 || len(c.Groups) == 0 {
		return ErrNoData
	}
	var errs []error
	if len(c.Values) != len(c.Categories) {
		errs = append(errs, fmt.Errorf("%d categories, %d rows of values: %w", len(c.Categories), len(c.Values), ErrShape))
	}
	for i, row := range c.Values {
		where := fmt.Sprintf("row %d", i)
		if i < len(c.Categories) {
			where = fmt.Sprintf("category %d %q", i, clean(c.Categories[i]))
		}
		if len(row) != len(c.Groups) {
			errs = append(errs, fmt.Errorf("%s: %d groups, %d values: %w", where, len(c.Groups), len(row), ErrShape))
			continue
		}
		total := 0.0
		for j, v := range row {
			if v < 0 || math.IsInf(v, 0) {
				errs = append(errs, fmt.Errorf("%s, group %q: %v: %w", where, clean(c.Groups[j]), v, ErrValue))
			}
			if finite(v) && v > 0 {
				total += v
			}
		}
		if math.IsInf(total, 0) {
			errs = append(errs, fmt.Errorf("%s: total overflows: %w", where, ErrValue))
		}
	}
	return errors.Join(errs...)
}

// SVG draws the chart as one <svg> element. It returns an error wrapping
// ErrNoData when there are no categories, no groups or no finite value,
// ErrShape when Values does not match them, and ErrValue for a negative or
// infinite value.
func (c StackedBar) SVG() (string, error) {
	if err := c.check(); err != nil {
		return "", fmt.Errorf("stacked bar chart: %w", err)
	}
	totals := make([]float64, len(c.Values))
	some := false
	maxTotal := 0.0
	for i, row := range c.Values {
		for _, v := range row {
			if finite(v) {
				totals[i] += v
				some = true
			}
		}
		maxTotal = math.Max(maxTotal, totals[i])
	}
	if !some {
		return "", fmt.Errorf("stacked bar chart: no finite value: %w", ErrNoData)
	}
	// stackValue is what a value adds to its stack: itself, or its percent
	// of the category's total.
	stackValue := func(i int, v float64) float64 {
		if !finite(v) || v <= 0 {
			return 0
		}
		if c.Percent {
			return v / totals[i] * 100
		}
		return v
	}
	// Segment labels: percent without decimals, or counts with the
	// decimals that keep about three significant digits of the largest
	// total.
	decimals := 0
	if maxTotal > 0 {
		decimals = min(4, max(0, 2-int(math.Floor(math.Log10(maxTotal)))))
	}
	valueText := func(i int, v float64) string {
		if c.Percent {
			return strconv.FormatFloat(stackValue(i, v), 'f', 0, 64) + "%"
		}
		return group(strconv.FormatFloat(v, 'f', decimals, 64))
	}

	var items []legendItem
	groups := make([]string, len(c.Groups))
	for j, g := range c.Groups {
		groups[j] = clean(g)
		items = append(items, legendItem{name: groups[j], color: colorAt(j), box: true})
	}
	cats := make([]string, len(c.Categories))
	for i, name := range c.Categories {
		cats[i] = clean(name)
	}

	var w svgWriter
	w.open(viewHeight, c.Title, "堆积柱形图", descList("堆积柱形图", groups))
	top := w.legend(items, 24, viewWidth-16, titleHeight(c.Title)+8) + 14
	right := viewWidth - 16
	n := float64(len(c.Categories))
	axis := layoutCats(cats, (right-70)/n)
	bottom := viewHeight - axis.height
	if bottom-top < 80 {
		top = bottom - 80
	}
	var ys scale
	if c.Percent {
		ys = scale{min: 0, max: 100, ticks: []float64{0, 20, 40, 60, 80, 100}, step: 20}
	} else {
		hi := maxTotal
		if hi == 0 {
			hi = 1 // all values zero
		}
		ys = niceScale(0, hi, max(2, int((bottom-top)/45)), false)
	}
	ys.from, ys.to = bottom, top
	widest := 0.0
	for _, t := range ys.ticks {
		l := ys.label(t, false)
		if c.Percent {
			l += "%"
		}
		widest = math.Max(widest, textWidth(l)*tickSize)
	}
	left := axis.fitLeft(8+widest+8, right, n)
	band := (right - left) / n
	barW := math.Min(band*0.6, 64)

	drawGridY(&w, ys, left, right, c.Percent)
	axis.draw(&w, left, band, bottom)
	var labels []func()
	for i := range c.Values {
		x := left + (float64(i)+0.5)*band - barW/2
		base := 0.0
		for j, v := range c.Values[i] {
			sv := stackValue(i, v)
			if sv == 0 {
				continue
			}
			y0, y1 := ys.at(base), ys.at(base+sv)
			base += sv
			color := colorAt(j)
			text := valueText(i, v)
			w.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s · %s：%s</title></rect>`+"\n",
				num(x), num(y1), num(barW), num(y0-y1), color, esc(cats[i]), esc(groups[j]), esc(text))
			if y0-y1 >= 14 && textWidth(text)*tickSize <= barW-4 {
				cx, cy := x+barW/2, (y0+y1)/2+4
				labels = append(labels, func() {
					w.text(cx, cy, ` fill="`+inkOn(color)+`"`, text, text)
				})
			}
		}
	}
	if len(labels) > 0 {
		w.printf(`<g font-size="%s" text-anchor="middle">`+"\n", num(tickSize))
		for _, draw := range labels {
			draw()
		}
		w.printf("</g>\n")
	}
	w.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(left), num(bottom), num(right), num(bottom), axisColor)
	return w.close(), nil
}
