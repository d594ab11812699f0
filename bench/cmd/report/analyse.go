package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/corskit/corskit/bench"
)

// Row is one implementation in one scenario.
type Row struct {
	Impl    bench.Impl
	Cell    *Cell // nil when the run has no result for it
	Verdict bench.Verdict
	// VsPeer is the time ratio to the fastest peer that answers rightly,
	// VsFloor to the floor; 0 when there is nothing to compare with.
	VsPeer, VsFloor float64
	// AllocsOverBare is allocs/op minus the bare router's (impl=none).
	AllocsOverBare float64
	HasBare        bool
}

// Judged reports whether the row's answer is a CORS answer to judge:
// corskit's and peers', not the baselines'.
func (r Row) Judged() bool { return r.Impl.Role == bench.Corskit || r.Impl.Role == bench.Peer }

// ScenarioResult is one scenario of one framework.
type ScenarioResult struct {
	Scenario bench.Scenario
	Rows     []Row
	// FastestPeer is the fastest peer that answers rightly ("" when none
	// does); FasterWrong lists wrongly answering peers faster than it.
	FastestPeer string
	FasterWrong []string
}

// Find returns the row of impl, or nil.
func (s *ScenarioResult) Find(impl string) *Row {
	for i := range s.Rows {
		if s.Rows[i].Impl.Name == impl {
			return &s.Rows[i]
		}
	}
	return nil
}

// Role returns the first row with role r, or nil.
func (s *ScenarioResult) Role(r bench.Role) *Row {
	for i := range s.Rows {
		if s.Rows[i].Impl.Role == r {
			return &s.Rows[i]
		}
	}
	return nil
}

// fastestUnshared returns the fastest peer that answers rightly without
// sharing header slices between responses, or nil.
func (s *ScenarioResult) fastestUnshared() *Row {
	var best *Row
	for i := range s.Rows {
		r := &s.Rows[i]
		if r.Impl.Role == bench.Peer && r.Cell != nil && r.Verdict.Right && len(r.Verdict.Shared) == 0 &&
			(best == nil || r.Cell.NS() < best.Cell.NS()) {
			best = r
		}
	}
	return best
}

// Check is one target for one scenario.
type Check struct {
	Target string
	Met    bool
	Detail string
}

// Analysis is one framework's table.
type Analysis struct {
	Framework bench.Framework
	Scenarios []ScenarioResult
	Benchstat string // the benchstat command run for it
	Checks    map[string][]Check
}

// Target names, in report order.
const (
	tFastest = "fastest"
	tAllocs  = "allocs"
	tMany    = "1000-headers"
)

func analyse(f bench.Framework, t Table, cmd string) Analysis {
	a := Analysis{Framework: f, Benchstat: cmd, Checks: make(map[string][]Check)}
	for _, s := range bench.Scenarios {
		sr := ScenarioResult{Scenario: s}
		for _, impl := range f.Impls {
			sr.Rows = append(sr.Rows, Row{
				Impl:    impl,
				Cell:    t.Get(s.Name, impl.Name),
				Verdict: bench.Judge(s, bench.Run(impl, s)),
			})
		}
		// The fastest peer that answers rightly.
		best := -1.0
		for _, r := range sr.Rows {
			if r.Impl.Role == bench.Peer && r.Cell != nil && r.Verdict.Right && (best < 0 || r.Cell.NS() < best) {
				best, sr.FastestPeer = r.Cell.NS(), r.Impl.Name
			}
		}
		for _, r := range sr.Rows {
			if r.Impl.Role == bench.Peer && r.Cell != nil && !r.Verdict.Right && (best < 0 || r.Cell.NS() < best) {
				sr.FasterWrong = append(sr.FasterWrong, r.Impl.Name)
			}
		}
		floor, bare := sr.Role(bench.Floor), sr.Role(bench.None)
		for i := range sr.Rows {
			r := &sr.Rows[i]
			if r.Cell == nil {
				continue
			}
			if best > 0 {
				r.VsPeer = r.Cell.NS() / best
			}
			if floor != nil && floor.Cell != nil {
				r.VsFloor = r.Cell.NS() / floor.Cell.NS()
			}
			if bare != nil && bare.Cell != nil {
				r.AllocsOverBare = r.Cell.Allocs.Center - bare.Cell.Allocs.Center
				r.HasBare = true
			}
		}
		if sr.Role(bench.Corskit) != nil && sr.Role(bench.Corskit).Cell != nil {
			a.Checks[s.Name] = checks(f, &sr)
		}
		a.Scenarios = append(a.Scenarios, sr)
	}
	// preflight-1000-headers against corskit's ordinary preflight.
	many, ordinary := a.scenario("preflight-1000-headers"), a.scenario("preflight-allowed")
	if many != nil && ordinary != nil {
		m, o := many.Role(bench.Corskit), ordinary.Role(bench.Corskit)
		if m != nil && o != nil && m.Cell != nil && o.Cell != nil {
			ratio := m.Cell.NS() / o.Cell.NS()
			met := m.Cell.Allocs.Center <= o.Cell.Allocs.Center && ratio <= 3
			a.Checks[many.Scenario.Name] = append(a.Checks[many.Scenario.Name], Check{tMany, met,
				fmt.Sprintf("%s, %g allocs, vs the ordinary preflight's %s, %g allocs: %.2f× the time",
					fmtNS(m.Cell.NS()), m.Cell.Allocs.Center, fmtNS(o.Cell.NS()), o.Cell.Allocs.Center, ratio)})
		}
	}
	return a
}

func (a *Analysis) scenario(name string) *ScenarioResult {
	for i := range a.Scenarios {
		if a.Scenarios[i].Scenario.Name == name {
			return &a.Scenarios[i]
		}
	}
	return nil
}

// checks evaluates the performance targets for corskit in one scenario:
//   - at most 0.9× the fastest right peer that shares no header slice
//     between responses (p < 0.05), and parity with those that share
//     (rs/cors: not significantly slower, since sharing is its #198 race
//     and never corskit's);
//   - allocations: none over the bare route on fiber, at most one over
//     the framework's no-op middleware elsewhere;
//   - the hostile preflight (tMany, in analyse) within 3× an ordinary one.
func checks(f bench.Framework, sr *ScenarioResult) []Check {
	c := sr.Role(bench.Corskit)
	var out []Check

	if sr.FastestPeer == "" {
		out = append(out, Check{tFastest, true, "no peer answers rightly"})
	} else {
		met, detail := true, ""
		if own := sr.fastestUnshared(); own != nil {
			ratio, p := c.Cell.NS()/own.Cell.NS(), own.Cell.Sec.P
			ok := ratio <= 0.9 && pBelow(p, 0.05)
			detail = fmt.Sprintf("%s %s (p=%s)", near(ratio, 0.9), own.Impl.Title, p)
			if ratio <= 0.9 && !ok {
				detail += ", not significant"
			}
			met = ok
		}
		for i := range sr.Rows {
			peer := &sr.Rows[i]
			if peer.Impl.Role != bench.Peer || peer.Cell == nil || !peer.Verdict.Right || len(peer.Verdict.Shared) == 0 {
				continue
			}
			ratio, p := c.Cell.NS()/peer.Cell.NS(), peer.Cell.Sec.P
			ok := ratio <= 1 || !pBelow(p, 0.05)
			if detail != "" {
				detail += "; "
			}
			detail += fmt.Sprintf("parity with %s (shares %s): %.2f× (p=%s)", peer.Impl.Title, strings.Join(peer.Verdict.Shared, ", "), ratio, p)
			if !ok {
				detail += ", slower"
			}
			met = met && ok
		}
		out = append(out, Check{tFastest, met, detail})
	}

	if n := sr.Role(bench.Noop); c.Cell != nil {
		fiber := f.Name == "Fiber" || f.Name == "Fiber3"
		switch {
		case fiber:
			out = append(out, Check{tAllocs, c.Cell.Allocs.Center == 0, fmt.Sprintf("%g allocs per request (limit 0)", c.Cell.Allocs.Center)})
		case n != nil && n.Cell != nil:
			over := c.Cell.Allocs.Center - n.Cell.Allocs.Center
			out = append(out, Check{tAllocs, over <= 1, fmt.Sprintf("%+g over the no-op middleware (limit 1)", over)})
		}
	}
	return out
}

// near formats the ratio r with two decimals, or three when two would
// round it onto the limit it is checked against.
func near(r, limit float64) string {
	if s := fmt.Sprintf("%.2f", r); s == fmt.Sprintf("%.2f", limit) && r != limit {
		return fmt.Sprintf("%.3f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

// pBelow reports whether benchstat's p-value text is below alpha.
func pBelow(p string, alpha float64) bool {
	v, err := strconv.ParseFloat(p, 64)
	return err == nil && v < alpha
}
