//go:build duckdb_arrow

package report

import (
	"math"
	"strings"
	"unicode"
)

// count writes a count for prose: in Chinese 万 from 100,000 up ("565.1万"),
// grouped digits below; in English "5.65 million" from a million up,
// grouped digits below. NaN is "—".
func count(x float64, lang string) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "—"
	case lang == "en" && math.Abs(x) >= 1e6:
		return groupFixed(x/1e6, 2) + " million"
	case lang != "en" && math.Abs(x) >= 1e5:
		return groupFixed(x/1e4, 1) + "万"
	}
	return formatCell(x, "int")
}

// pctText writes a fraction as a percentage with one decimal ("91.7%").
func pctText(x float64) string { return formatCell(x, "pct") }

// signedPct writes a relative change with its sign ("+1.2%", "−0.4%").
func signedPct(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	s := formatCell(math.Abs(x), "pct")
	if x < 0 {
		return "−" + s
	}
	return "+" + s
}

// signedCount writes a change with its sign and grouped digits.
func signedCount(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	s := formatCell(math.Abs(x), "int")
	if math.Round(x) < 0 {
		return "−" + s
	}
	return "+" + s
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// zhPunct writes a generated Chinese text (a reason from the rules, say)
// in the style of a provincial document: half-width parentheses, commas,
// colons and semicolons next to Chinese become full-width, and spaces
// next to Chinese go. Names from the data are not passed through it.
func zhPunct(s string) string {
	rs := []rune(s)
	full := map[rune]rune{'(': '（', ')': '）', ',': '，', ':': '：', ';': '；'}
	var b strings.Builder
	last := rune(0) // the last rune written
	for i, r := range rs {
		prevCJK := last != 0 && isCJK(last)
		nextCJK := i+1 < len(rs) && (isCJK(rs[i+1]) || rs[i+1] == ' ' && i+2 < len(rs) && isCJK(rs[i+2]))
		if f, ok := full[r]; ok && (prevCJK || nextCJK || r == '(' || r == ')') {
			b.WriteRune(f)
			last = f
			continue
		}
		if r == ' ' && (prevCJK || nextCJK) {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}
