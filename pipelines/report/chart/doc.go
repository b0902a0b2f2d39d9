// Package chart draws the charts of vocmap's offline HTML reports as
// self-contained SVG, for education planners reading on screen or on
// paper:
//
//   - LineChart: series over years, e.g. employment history solid and its
//     forecast dashed inside shaded 80% and 95% prediction intervals;
//   - BarChart: one bar per item, e.g. supply–demand ratios by programme
//     against a reference line at 1.0;
//   - StackedBar: shares or counts per category, e.g. employment by sector
//     per year;
//   - Heatmap: a table coloured around a centre, e.g. location quotients of
//     city × industry around 1.0.
//
// Each type's SVG method returns one <svg> element to paste into the page
// (with html/template, as template.HTML). The same input gives the same
// bytes, so reports can be compared and tested against golden files.
//
// # Why SVG by hand
//
// The reports are opened offline, often on office machines, and printed.
// So the charts use no JavaScript, no CDN and no web fonts: text is SVG
// <text> in the viewer's own fonts, with a font-family list of the common
// CJK fonts of Linux, Windows and macOS (Noto Sans CJK SC, Source Han Sans
// SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei), so Chinese
// labels render in whichever one is installed, stay selectable and
// searchable, and print sharp. gonum/plot was considered: it lays out and
// draws text with fonts compiled into the program (Liberation by default;
// its SVG backend measures with them and can embed them), and those fonts
// lack CJK glyphs, so Chinese comes out as boxes or mis-measured, while
// bundling a CJK font instead would add megabytes to every report. A chart
// type here is a few hundred lines of layout over a string builder, in the
// standard library only.
//
// # Layout and print
//
// Every chart is 720 units wide with width="100%" and a fixed viewBox, so
// it scales uniformly to the text column of an A4 page or a browser window.
// Line, vertical bar and stacked bar charts are 720 × 360; horizontal bar
// charts grow taller than 360 when their rows need it, and heat maps are as
// tall as their rows. Charts have a white background, no animation, and no
// id attributes, so several can be inlined in one page.
//
// Text width is estimated (a CJK character is one em, a Latin character
// 0.6 em), since no font is available when the SVG is written. Long labels
// are cut with "…" (category labels at about 14 CJK characters) and keep
// their full text as a <title> tooltip. Axes get 1-2-5 ticks (Heckbert,
// "Nice numbers for graph labels", Graphics Gems, 1990) with thousands
// separators ("12,000"; year axes print "2024"). Coordinates are written
// with one decimal.
//
// # Accessibility and colour
//
// The root element has role="img" and an aria-label, and a <title> and
// <desc> (the title, and the series or categories); bars and cells carry
// their value in a <title>. Colours are the Okabe–Ito palette (Okabe & Ito
// 2008), which colour-blind readers can tell apart (see Palette); dashes
// and printed values carry the meaning too. Heat maps use a blue–white–
// orange scale built from the same palette, with text in black or white,
// whichever contrasts more (WCAG 2.1).
//
// # Input
//
// All text is XML-escaped, with invalid UTF-8 and control characters
// replaced, so any label is safe. NaN marks a missing value: it breaks a
// line, leaves a bar out (printing "—"), counts as 0 in a stack, or greys a
// heat map cell. Shapes that cannot be drawn are errors wrapping
// ErrNoData, ErrShape or ErrValue, all reported at once; no input makes
// SVG panic.
package chart
