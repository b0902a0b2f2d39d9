package chart

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNoData is returned when a chart has nothing to draw: no series, bars,
// categories or cells, or no finite value among them.
var ErrNoData = errors.New("chart: no data")

// ErrShape is returned when the lengths of a chart's slices disagree, such
// as a series with more X than Y values or a heat map row with too few
// cells.
var ErrShape = errors.New("chart: mismatched lengths")

// ErrValue is returned for a value the chart cannot draw: a negative or
// infinite count in a stacked bar, a non-finite heat map centre, a colour
// that is not a hex code or a name, or a Format that does not print one
// float64.
var ErrValue = errors.New("chart: invalid value")

// The drawing's coordinate system. Every chart is 720 units wide and is
// drawn with width="100%", so it fills the text column of an A4 page or a
// browser window and scales uniformly; line, vertical bar and stacked bar
// charts are 360 units high, horizontal bar charts and heat maps grow with
// their number of rows.
const (
	viewWidth  = 720.0
	viewHeight = 360.0

	// fontFamily lists the CJK fonts of Linux, Windows and macOS in order,
	// so that Chinese text renders in whichever one the viewer has.
	fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif"

	titleSize = 16.0 // font size of the title
	textSize  = 12.0 // font size of labels and legends
	tickSize  = 11.0 // font size of tick and value labels

	labelMaxEm  = 14.0 // longest category label, in em (≈ CJK characters)
	legendMaxEm = 20.0 // longest legend entry, in em

	textColor = "#222222"
	axisColor = "#333333"
	gridColor = "#E5E5E5"
	missing   = "—" // printed for a missing value, as in Chinese statistical tables
)

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// num formats a coordinate with at most one decimal, so that output is
// byte-identical across runs and platforms. Coordinates are clamped to a
// range far outside the drawing; a non-finite one (which the layout never
// produces) becomes 0 rather than an invalid attribute.
func num(v float64) string {
	if !finite(v) {
		v = 0
	}
	v = math.Max(-1e5, math.Min(1e5, v))
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

// clean makes s printable as one line of SVG text: invalid UTF-8 and
// characters that XML 1.0 does not allow become U+FFFD, line breaks and
// tabs become spaces, and surrounding space is trimmed.
func clean(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				r = unicode.ReplacementChar
			}
		case r == '\t' || r == '\n' || r == '\r':
			r = ' '
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			r = unicode.ReplacementChar
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// esc escapes cleaned text for use in XML character data and in attribute
// values quoted with '"'.
func esc(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wide reports whether r takes a full em in a CJK font.
func wide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r),
		unicode.Is(unicode.Katakana, r), unicode.Is(unicode.Hangul, r):
		return true
	case r >= 0x2E80 && r <= 0x303F, // radicals, CJK symbols and punctuation
		r >= 0x3100 && r <= 0x31BF, // bopomofo
		r >= 0xFF00 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6,
		r == '…', r == '—', r == unicode.ReplacementChar:
		return true
	}
	return false
}

// textWidth estimates the rendered width of s in em. A CJK character is
// one em; a Latin letter or digit is taken as 0.6 em, which overestimates
// most proportional fonts, so estimated boxes err on the side of room.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case wide(r):
			w += 1
		case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == '|' || r == '!':
			w += 0.35
		default:
			w += 0.6
		}
	}
	return w
}

// truncate shortens cleaned text to at most maxEm em, ending it with "…"
// when anything was cut.
func truncate(s string, maxEm float64) string {
	if textWidth(s) <= maxEm {
		return s
	}
	w := 0.0
	for i, r := range s {
		rw := textWidth(string(r))
		if w+rw+1 > maxEm {
			return strings.TrimSpace(s[:i]) + "…"
		}
		w += rw
	}
	return s
}

var colorRE = regexp.MustCompile(`^(#[0-9A-Fa-f]{3}|#[0-9A-Fa-f]{6}|[A-Za-z]{1,32})$`)

// checkColor accepts "" (use the default), a hex code "#rgb" or "#rrggbb",
// or a CSS colour name; anything else could break the SVG.
func checkColor(c string) error {
	if c == "" || colorRE.MatchString(c) {
		return nil
	}
	return fmt.Errorf("colour %q: %w", c, ErrValue)
}

// checkFormat accepts a printf format that prints one float64 cleanly.
func checkFormat(f string) error {
	if s := fmt.Sprintf(f, 1.5); strings.Contains(s, "%!") {
		return fmt.Errorf("format %q: %w", f, ErrValue)
	}
	return nil
}

// svgWriter accumulates one SVG document.
type svgWriter struct {
	b strings.Builder
}

// printf appends formatted markup; callers escape text with esc and
// coordinates with num.
func (w *svgWriter) printf(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
}

// open writes the root element, the accessible name and a white
// background. The root carries no id, so several charts can be inlined in
// one HTML page without clashes.
func (w *svgWriter) open(height float64, title, kind, desc string) {
	name := clean(title)
	if name == "" {
		name = kind
	}
	w.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="100%%" viewBox="0 0 %s %s" role="img" aria-label="%s" font-family="%s" font-size="%s">`+"\n",
		num(viewWidth), num(height), esc(name), fontFamily, num(textSize))
	w.printf("<title>%s</title>\n", esc(name))
	if desc = clean(desc); desc != "" {
		w.printf("<desc>%s</desc>\n", esc(desc))
	}
	w.printf(`<rect width="%s" height="%s" fill="#FFFFFF"/>`+"\n", num(viewWidth), num(height))
	if title = clean(title); title != "" {
		w.printf(`<text x="%s" y="26" font-size="%s" font-weight="bold" text-anchor="middle" fill="%s">%s</text>`+"\n",
			num(viewWidth/2), num(titleSize), textColor, esc(truncate(title, (viewWidth-40)/titleSize)))
	}
}

// close ends the document and returns it.
func (w *svgWriter) close() string {
	w.b.WriteString("</svg>\n")
	return w.b.String()
}

// text writes one text element. shown is the (possibly truncated) text to
// draw; when it differs from full, full is attached as a <title> so that
// it appears as a tooltip and to screen readers. attrs are extra
// attributes, already escaped.
func (w *svgWriter) text(x, y float64, attrs, shown, full string) {
	w.printf(`<text x="%s" y="%s"%s>`, num(x), num(y), attrs)
	if full != shown {
		w.printf("<title>%s</title>", esc(full))
	}
	w.printf("%s</text>\n", esc(shown))
}

// rotatedText writes text turned by deg degrees around (x, y).
func (w *svgWriter) rotatedText(x, y, deg float64, attrs, shown, full string) {
	w.printf(`<text transform="translate(%s %s) rotate(%s)"%s>`, num(x), num(y), num(deg), attrs)
	if full != shown {
		w.printf("<title>%s</title>", esc(full))
	}
	w.printf("%s</text>\n", esc(shown))
}

// titleHeight is the space the title takes at the top.
func titleHeight(title string) float64 {
	if clean(title) == "" {
		return 14
	}
	return 40
}
