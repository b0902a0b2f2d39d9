package chart

import (
	"math"
	"testing"
)

func nanV() float64 { return math.NaN() }

func TestEsc(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"护理 & <康养>", "护理 &amp; &lt;康养&gt;"},
		{`a"b'c`, "a&quot;b&#39;c"},
		{"line\nbreak\ttab", "line break tab"},
		{"  padded  ", "padded"},
		{"bell\x07", "bell\uFFFD"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"\uFFFE", "\uFFFD"},
		{"ok \uFFFD", "ok \uFFFD"},
		{"", ""},
	} {
		if got := esc(tc.in); got != tc.want {
			t.Errorf("esc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		maxEm float64
		want  string
	}{
		{"护理", 14, "护理"},
		{"十四个汉字正好能放得下的标签", 14, "十四个汉字正好能放得下的标签"},
		{"老年服务与管理及智慧健康养老服务专业群", 14, "老年服务与管理及智慧健康养…"},
		{"Software engineering and services", 14, "Software engineering a…"},
		{"abc", 0, "…"},
	} {
		if got := truncate(tc.in, tc.maxEm); got != tc.want {
			t.Errorf("truncate(%q, %v) = %q, want %q", tc.in, tc.maxEm, got, tc.want)
		}
		if got := truncate(tc.in, tc.maxEm); textWidth(got) > math.Max(tc.maxEm, 1) {
			t.Errorf("truncate(%q, %v) = %q is %v em wide", tc.in, tc.maxEm, got, textWidth(got))
		}
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {-0.04, "0"}, {12.34, "12.3"}, {12.35, "12.4"},
		{100, "100"}, {-3.25, "-3.3"}, {math.NaN(), "0"}, {math.Inf(1), "0"}, {1e9, "100000"},
	} {
		if got := num(tc.in); got != tc.want {
			t.Errorf("num(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInkOn(t *testing.T) {
	// Hand check with WCAG 2.1 contrast ratios: blue #0072B2 has relative
	// luminance 0.155, so white gives 4.9:1 and black 4.3:1.
	for _, tc := range []struct{ bg, want string }{
		{"#FFFFFF", okabeBlack}, {"#000000", "#FFFFFF"}, {okabeBlue, "#FFFFFF"},
		{okabeOrange, okabeBlack}, {okabeYellow, okabeBlack}, {okabeVermillion, okabeBlack},
	} {
		if got := inkOn(tc.bg); got != tc.want {
			t.Errorf("inkOn(%s) = %s, want %s", tc.bg, got, tc.want)
		}
	}
}

func TestDiverging(t *testing.T) {
	for _, tc := range []struct {
		t    float64
		want string
	}{
		{-1, okabeBlue}, {0, "#FFFFFF"}, {1, okabeOrange}, {-5, okabeBlue}, {5, okabeOrange},
		{0.5, "#F3CF80"}, // halfway from white to (230,159,0): (242.5,207,127.5), rounded half away from zero
		{math.NaN(), missingColor},
	} {
		if got := diverging(tc.t); got != tc.want {
			t.Errorf("diverging(%v) = %s, want %s", tc.t, got, tc.want)
		}
	}
}

func TestPaletteIsACopy(t *testing.T) {
	p := Palette()
	if len(p) != 8 || p[0] != okabeBlue {
		t.Fatalf("Palette() = %v", p)
	}
	p[0] = "#123456"
	if Palette()[0] != okabeBlue {
		t.Fatal("changing the returned slice changed the palette")
	}
}
