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
	tFloor   = "floor"
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

// checks evaluates the targets for corskit in one scenario.
func checks(f bench.Framework, sr *ScenarioResult) []Check {
	c := sr.Role(bench.Corskit)
	var out []Check

	if sr.FastestPeer == "" {
		out = append(out, Check{tFastest, true, "no peer answers rightly"})
	} else {
		peer := sr.Find(sr.FastestPeer)
		p := peer.Cell.Sec.P
		met := c.VsPeer <= 0.9 && pBelow(p, 0.05)
		detail := fmt.Sprintf("%s %s (p=%s)", near(c.VsPeer, 0.9), peer.Impl.Title, p)
		if c.VsPeer <= 0.9 && !met {
			detail += ", not significant"
		}
		floorMeaningful := sr.Scenario.Name == "actual-allowed" || sr.Scenario.Name == "preflight-allowed"
		if f := sr.Role(bench.Floor); !met && floorMeaningful && f != nil && f.VsPeer > 0 {
			// How far a middleware that only sets the headers gets.
			detail += fmt.Sprintf("; the floor is %.2f×", f.VsPeer)
		}
		if !met && len(peer.Verdict.Shared) > 0 {
			// What the peer saves by not allocating: say it, and how
			// corskit stands against the peers that do not share.
			detail += fmt.Sprintf("; %s shares %s between responses", peer.Impl.Title, strings.Join(peer.Verdict.Shared, ", "))
			if own := sr.fastestUnshared(); own != nil {
				detail += fmt.Sprintf("; %s %s (p=%s), the fastest right peer that does not share",
					near(c.Cell.NS()/own.Cell.NS(), 0.9), own.Impl.Title, own.Cell.Sec.P)
			} else {
				detail += "; every right peer shares"
			}
		}
		out = append(out, Check{tFastest, met, detail})
	}

	if c.HasBare {
		limit := 1.0
		if f.Name == "Fiber" || f.Name == "Fiber3" {
			limit = 0
		}
		detail := fmt.Sprintf("%+g over the bare route (limit %g)", c.AllocsOverBare, limit)
		if n := sr.Role(bench.Noop); c.AllocsOverBare > limit && n != nil && n.Cell != nil && n.AllocsOverBare > 0 {
			// The framework charges some allocations for any middleware.
			detail += fmt.Sprintf("; any middleware costs %+g here (the no-op row), corskit %+g over it",
				n.AllocsOverBare, c.AllocsOverBare-n.AllocsOverBare)
		}
		out = append(out, Check{tAllocs, c.AllocsOverBare <= limit, detail})
	}

	if sr.Scenario.Name == "actual-allowed" || sr.Scenario.Name == "preflight-allowed" {
		if c.VsFloor > 0 {
			out = append(out, Check{tFloor, c.VsFloor <= 1.3,
				fmt.Sprintf("%s the floor (p=%s)", near(c.VsFloor, 1.3), sr.Role(bench.Floor).Cell.Sec.P)})
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
