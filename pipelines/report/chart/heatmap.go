package chart

import (
	"errors"
	"fmt"
	"math"
)

// Heatmap draws a table of values coloured on a diverging scale, such as
// location quotients by city (rows) and industry (columns): cells above
// Center shade towards orange, cells below towards blue, cells at Center
// are white, and each cell prints its value. A key below the table shows
// the scale from the lowest value through Center to the highest.
type Heatmap struct {
	// Title is drawn above the chart and is its accessible name.
	Title string
	// Rows and Cols label the table's rows (left) and columns (top).
	Rows, Cols []string
	// Values holds one slice per row and one value per column:
	// Values[row][col]. NaN or ±Inf is a missing cell, drawn grey.
	Values [][]float64
	// Center is the neutral value of the scale, e.g. 1.0 for location
	// quotients; the zero value centres on 0. Each side of Center is
	// scaled to its own extreme: the lowest value is full blue and the
	// highest full orange, so colour shows rank on each side, and the
	// printed values show magnitude.
	Center float64
	// Format is the printf format of the cell values; "" means "%.2f".
	Format string
}

// format returns the chart's value format.
func (c Heatmap) format() string {
	if c.Format == "" {
		return "%.2f"
	}
	return c.Format
}

// check reports every shape and value error.
func (c Heatmap) check() error {
	if len(c.Rows) == 0 || len(c.Cols) == 0 {
		return ErrNoData
	}
	var errs []error
	if len(c.Values) != len(c.Rows) {
		errs = append(errs, fmt.Errorf("%d rows, %d rows of values: %w", len(c.Rows), len(c.Values), ErrShape))
	}
	for i, row := range c.Values {
		if len(row) != len(c.Cols) {
			where := fmt.Sprintf("row %d", i)
			if i < len(c.Rows) {
				where = fmt.Sprintf("row %d %q", i, clean(c.Rows[i]))
			}
			errs = append(errs, fmt.Errorf("%s: %d columns, %d values: %w", where, len(c.Cols), len(row), ErrShape))
		}
	}
	if !finite(c.Center) {
		errs = append(errs, fmt.Errorf("center %v: %w", c.Center, ErrValue))
	}
	if err := checkFormat(c.format()); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// SVG draws the heat map as one <svg> element, 720 wide and as tall as
// its rows need. It returns an error wrapping ErrNoData when there are no
// rows, no columns or no finite value, ErrShape when Values does not
// match them, and ErrValue for a non-finite Center or a bad Format.
func (c Heatmap) SVG() (string, error) {
	if err := c.check(); err != nil {
		return "", fmt.Errorf("heat map: %w", err)
	}
	// Each side of Center is scaled by its own extreme (a two-slope
	// normalisation), so the lowest value is full blue and the highest
	// full orange even when, as for location quotients, values can rise
	// far above Center but not fall far below it. Distances are halved so
	// that they cannot overflow.
	half := c.Center / 2
	var e extent
	gaps := false
	for _, row := range c.Values {
		for _, v := range row {
			if !finite(v) {
				gaps = true
			}
			e.add(v)
		}
	}
	if !e.ok {
		return "", fmt.Errorf("heat map: no finite value: %w", ErrNoData)
	}
	below, above := math.Max(0, half-e.lo/2), math.Max(0, e.hi/2-half)
	fill := func(v float64) string {
		d := v/2 - half
		switch {
		case !finite(v):
			return missingColor
		case d < 0:
			return diverging(d / below)
		case d > 0:
			return diverging(d / above)
		}
		return "#FFFFFF"
	}
	text := func(v float64) string {
		if !finite(v) {
			return ""
		}
		return clean(fmt.Sprintf(c.format(), v))
	}

	rows := make([]string, len(c.Rows))
	shownRows := make([]string, len(c.Rows))
	rowW := 0.0
	for i, r := range c.Rows {
		rows[i] = clean(r)
		shownRows[i] = truncate(rows[i], labelMaxEm)
		rowW = math.Max(rowW, textWidth(shownRows[i])*textSize)
	}
	cols := make([]string, len(c.Cols))
	colW := 0.0
	for j, col := range c.Cols {
		cols[j] = clean(col)
		colW = math.Max(colW, textWidth(cols[j])*textSize)
	}
	valueW := 0.0
	for _, row := range c.Values {
		for _, v := range row {
			valueW = math.Max(valueW, textWidth(text(v)))
		}
	}

	const cellH = 24.0
	n := float64(len(c.Cols))
	gridLeft := 12 + rowW + 8
	cellW := math.Min((viewWidth-16-gridLeft)/n, 96)
	// Column labels stay level when they fit their cells; otherwise they
	// are turned 45° and truncated, and the last ones need room on the
	// right.
	shownCols := append([]string(nil), cols...)
	rotate := colW > cellW-4
	header := 24.0
	if rotate {
		colW = 0
		for j := range cols {
			shownCols[j] = truncate(cols[j], labelMaxEm)
			colW = math.Max(colW, textWidth(shownCols[j])*textSize)
		}
		reach := colW * math.Sqrt2 / 2
		cellW = math.Min(cellW, (viewWidth-16-gridLeft-reach)/(n-0.5))
		cellW = math.Max(cellW, 4)
		header = reach + textSize + 8
	}
	top := titleHeight(c.Title) + header
	bottom := top + float64(len(c.Rows))*cellH
	height := bottom + 62

	// Values print at 11 units when they fit the cells, else at 9, else
	// only in the cell's tooltip.
	valueSize := 0.0
	for _, size := range []float64{tickSize, 9} {
		if valueW*size <= cellW-4 {
			valueSize = size
			break
		}
	}

	var w svgWriter
	w.open(height, c.Title, "热力图", fmt.Sprintf("热力图：%d 行 × %d 列", len(c.Rows), len(c.Cols)))
	w.printf(`<g text-anchor="end" fill="%s">`+"\n", textColor)
	for i := range rows {
		w.text(gridLeft-8, top+(float64(i)+0.5)*cellH+4, "", shownRows[i], rows[i])
	}
	w.printf("</g>\n")
	if rotate {
		w.printf(`<g fill="%s">`+"\n", textColor)
		for j := range cols {
			w.rotatedText(gridLeft+(float64(j)+0.5)*cellW-2, top-6, -45, "", shownCols[j], cols[j])
		}
	} else {
		w.printf(`<g text-anchor="middle" fill="%s">`+"\n", textColor)
		for j := range cols {
			w.text(gridLeft+(float64(j)+0.5)*cellW, top-8, "", shownCols[j], cols[j])
		}
	}
	w.printf("</g>\n")

	w.printf(`<g stroke="#D9D9D9">` + "\n")
	for i, row := range c.Values {
		for j, v := range row {
			t := text(v)
			if t == "" {
				t = missing
			}
			w.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s × %s：%s</title></rect>`+"\n",
				num(gridLeft+float64(j)*cellW), num(top+float64(i)*cellH), num(cellW), num(cellH), fill(v), esc(rows[i]), esc(cols[j]), esc(t))
		}
	}
	w.printf("</g>\n")
	if valueSize > 0 {
		w.printf(`<g font-size="%s" text-anchor="middle">`+"\n", num(valueSize))
		for i, row := range c.Values {
			for j, v := range row {
				if t := text(v); t != "" {
					w.text(gridLeft+(float64(j)+0.5)*cellW, top+(float64(i)+0.5)*cellH+valueSize*0.35, ` fill="`+inkOn(fill(v))+`"`, t, t)
				}
			}
		}
		w.printf("</g>\n")
	}

	// The colour key: nine steps from the lowest value through Center to
	// the highest, and the grey of missing cells.
	ky := bottom + 18
	kx := gridLeft
	const step = 26.0
	for k := -4; k <= 4; k++ {
		w.printf(`<rect x="%s" y="%s" width="%s" height="12" fill="%s"/>`+"\n", num(kx+float64(k+4)*step), num(ky), num(step), diverging(float64(k)/4))
	}
	w.printf(`<rect x="%s" y="%s" width="%s" height="12" fill="none" stroke="#999999"/>`+"\n", num(kx), num(ky), num(9*step))
	keyText := func(v float64) string { return clean(fmt.Sprintf(c.format(), v)) }
	w.printf(`<g font-size="%s" fill="%s" text-anchor="middle">`+"\n", num(tickSize), axisColor)
	lo, hi := keyText(math.Min(e.lo, c.Center)), keyText(math.Max(e.hi, c.Center))
	mid := keyText(c.Center)
	w.text(kx+step/2, ky+27, "", lo, lo)
	w.text(kx+4.5*step, ky+27, "", mid, mid)
	w.text(kx+8.5*step, ky+27, "", hi, hi)
	w.printf("</g>\n")
	if gaps {
		gx := kx + 9*step + 24
		w.printf(`<rect x="%s" y="%s" width="%s" height="12" fill="%s"/>`+"\n", num(gx), num(ky), num(step), missingColor)
		w.text(gx+step+6, ky+11, ` font-size="`+num(tickSize)+`" fill="`+axisColor+`"`, "无数据", "无数据")
	}
	return w.close(), nil
}
