package bench

import "testing"

// TestCorskitRight is the correctness pass for corskit's rows: every
// adapter must answer every scenario rightly, without notes.
func TestCorskitRight(t *testing.T) {
	for _, f := range Frameworks() {
		for _, impl := range f.Impls {
			if impl.Role != Corskit {
				continue
			}
			for _, s := range Scenarios {
				v := Judge(s, Run(impl, s))
				if !v.Right || len(v.Notes) > 0 {
					t.Errorf("%s %s %s: %s", f.Name, impl.Name, s.Name, v.Summary())
				}
			}
		}
	}
}

// TestPeers logs the correctness pass for every row; peers' wrong answers
// are reported, not failed: BENCHMARKS.md states them beside the row.
func TestPeers(t *testing.T) {
	for _, f := range Frameworks() {
		for _, impl := range f.Impls {
			for _, s := range Scenarios {
				v := Judge(s, Run(impl, s))
				t.Logf("%-5s %-16s %-22s %d handler=%-5v %s", f.Name, impl.Name, s.Name, v.Status, v.Handler, v.Summary())
			}
		}
	}
}
