package main

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/corskit/corskit/bench"
)

// Chart geometry, in pixels.
const (
	chartWidth = 900
	labelW     = 170 // scenario names
	valueW     = 120 // value labels beyond the longest bar
	barH       = 10
	barGap     = 2
	groupGap   = 12
	panelTop   = 56 // title and legend
	panelGap   = 28
)

// colors of the rows: corskit stands out, peers are muted, baselines grey.
var (
	corskitColor = "#1565c0"
	peerColors   = []string{"#ef6c00", "#2e7d32", "#8e24aa"}
	noneColor    = "#cfd8dc"
	floorColor   = "#78909c"
	noopColor    = "#b0bec5"
)

func rowColor(f bench.Framework, impl bench.Impl) string {
	switch impl.Role {
	case bench.Corskit:
		return corskitColor
	case bench.None:
		return noneColor
	case bench.Floor:
		return floorColor
	case bench.Noop:
		return noopColor
	}
	i := 0
	for _, other := range f.Impls {
		if other.Name == impl.Name {
			break
		}
		if other.Role == bench.Peer {
			i++
		}
	}
	return peerColors[i%len(peerColors)]
}

// chart draws one panel per framework: a group of horizontal bars per
// scenario, one bar per implementation, time per request. Each panel has
// its own linear scale; bars far beyond the rest are cut at the panel's
// edge, marked, and labelled with their value.
func chart(fws []Analysis) string {
	var body strings.Builder
	y := 40
	for _, a := range fws {
		y = panel(&body, a, y) + panelGap
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="11">`+"\n",
		chartWidth, y, chartWidth, y)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="22" font-size="16" font-weight="bold">CORS middleware cost per request (time/op, benchstat median; shorter is better)</text>`+"\n")
	fmt.Fprintf(&b, `<text x="10" y="36" fill="#555">✗ marks a wrong answer (see BENCHMARKS.md); ≫ a bar cut at the panel's edge.</text>`+"\n")
	b.WriteString(body.String())
	b.WriteString("</svg>\n")
	return b.String()
}

func panel(b *strings.Builder, a Analysis, y int) int {
	f := a.Framework
	fmt.Fprintf(b, `<text x="10" y="%d" font-size="14" font-weight="bold">%s</text>`+"\n", y+16, esc(f.Title))
	// Legend.
	x := 10
	for _, impl := range f.Impls {
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/>`, x, y+26, rowColor(f, impl))
		label := impl.Name
		if impl.Role == bench.Peer {
			label = impl.Title
		}
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", x+14, y+35, esc(label))
		x += 24 + 7*len(label)
	}
	y += panelTop

	// Scale: up to a little beyond the largest value that is not far
	// beyond the rest.
	var vals []float64
	for _, sr := range a.Scenarios {
		for _, r := range sr.Rows {
			if r.Cell != nil {
				vals = append(vals, r.Cell.NS())
			}
		}
	}
	sort.Float64s(vals)
	if len(vals) == 0 {
		return y
	}
	median := vals[len(vals)/2]
	max := 0.0
	for _, v := range vals {
		if v <= 4*median && v > max {
			max = v
		}
	}
	max *= 1.05
	barMax := float64(chartWidth - labelW - valueW - 10)

	// Grid lines.
	step := niceStep(max / 5)
	height := 0
	for _, sr := range a.Scenarios {
		height += len(sr.Rows)*(barH+barGap) + groupGap
	}
	for v := 0.0; v <= max; v += step {
		gx := float64(labelW) + v/max*barMax
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eceff1"/>`, gx, y-4, gx, y+height-groupGap+2)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" fill="#777" text-anchor="middle" font-size="9">%s</text>`+"\n", gx, y+height-groupGap+13, esc(fmtNS(v)))
	}

	for _, sr := range a.Scenarios {
		gh := len(sr.Rows)*(barH+barGap) - barGap
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", labelW-8, y+gh/2+4, esc(sr.Scenario.Name))
		for _, r := range sr.Rows {
			if r.Cell != nil {
				v := r.Cell.NS()
				w := v / max * barMax
				cut := v > max
				if cut {
					w = barMax
				}
				fmt.Fprintf(b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s %s %s: %s, %g B/op, %g allocs/op</title></rect>`,
					labelW, y, w, barH, rowColor(a.Framework, r.Impl), esc(f.Title), esc(sr.Scenario.Name), esc(r.Impl.Name), esc(fmtNS(v)), r.Cell.Bytes.Center, r.Cell.Allocs.Center)
				label := fmtNS(v)
				if cut {
					label = "≫ " + label
				}
				if r.Judged() && !r.Verdict.Right {
					label += " ✗"
				}
				weight := "normal"
				if r.Impl.Role == bench.Corskit {
					weight = "bold"
				}
				fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="9" font-weight="%s">%s</text>`+"\n", float64(labelW)+w+4, y+barH-1, weight, esc(label))
			}
			y += barH + barGap
		}
		y += groupGap
	}
	return y + 10
}

// niceStep rounds s up to 1, 2 or 5 times a power of ten.
func niceStep(s float64) float64 {
	if s <= 0 {
		return 1
	}
	p := 1.0
	for p*10 <= s {
		p *= 10
	}
	for p > s {
		p /= 10
	}
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= s {
			return m * p
		}
	}
	return 10 * p
}

func esc(s string) string { return html.EscapeString(s) }
