package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Stat is benchstat's summary of one metric of one benchmark: the median,
// the confidence interval, and for a column other than the base (corskit)
// the p-value of the difference from the base.
type Stat struct {
	Center float64
	CI     string // e.g. "2%", "∞" when there are too few runs
	Delta  string // benchstat's "vs base": e.g. "-12.34%" or "~"
	P      string // e.g. "0.002"
	N      string // runs, e.g. "6" or "6+5"
	OK     bool   // the value is present
}

// Cell holds the three metrics of one benchmark.
type Cell struct {
	Sec, Bytes, Allocs Stat
}

// NS returns the median time in nanoseconds.
func (c Cell) NS() float64 { return c.Sec.Center * 1e9 }

// Table is one framework's results: scenario, then implementation.
type Table map[string]map[string]*Cell

func (t Table) cell(scenario, impl string) *Cell {
	m := t[scenario]
	if m == nil {
		m = make(map[string]*Cell)
		t[scenario] = m
	}
	c := m[impl]
	if c == nil {
		c = new(Cell)
		m[impl] = c
	}
	return c
}

// Get returns the cell of scenario and impl, or nil.
func (t Table) Get(scenario, impl string) *Cell {
	if c := t[scenario][impl]; c != nil && c.Sec.OK {
		return c
	}
	return nil
}

// runBenchstat runs benchstat on raw for one framework, with corskit as
// the base column so that every other column carries its p-value against
// corskit, and parses its CSV output.
func runBenchstat(benchstat, raw, framework string, impls []string) (Table, string, error) {
	args := []string{
		"-filter", ".name:" + framework,
		"-row", "/scenario",
		"-col", "/impl@(" + strings.Join(impls, " ") + ")",
		"-format", "csv", raw,
	}
	cmd := exec.Command(benchstat, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, "", fmt.Errorf("benchstat %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	t, err := parseCSV(out)
	shown := append([]string{"benchstat"}, args[:len(args)-1]...)
	return t, strings.Join(shown, " "), err
}

// parseCSV reads benchstat's CSV: for each unit, a section whose first
// line names the columns (the first of each group), whose second names
// the fields (unit, CI, and "vs base", P beyond the base), then one line
// per scenario and a geomean line.
func parseCSV(out []byte) (Table, error) {
	t := make(Table)
	var sections [][]string
	var cur []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if len(cur) > 0 {
				sections = append(sections, cur)
			}
			cur = nil
		case strings.HasPrefix(line, ",") || len(cur) > 0:
			cur = append(cur, line)
		}
		// Other lines are benchfmt configuration (goos: linux, ...).
	}
	if len(cur) > 0 {
		sections = append(sections, cur)
	}
	for _, sec := range sections {
		recs, err := csv.NewReader(strings.NewReader(strings.Join(sec, "\n"))).ReadAll()
		if err != nil {
			return nil, fmt.Errorf("benchstat CSV: %v", err)
		}
		if len(recs) < 3 {
			continue
		}
		groups, fields := recs[0], recs[1]
		for _, rec := range recs[2:] {
			scenario := rec[0]
			if scenario == "geomean" {
				continue
			}
			for j := 1; j < len(fields) && j < len(rec); j++ {
				unit := fields[j]
				if unit != "sec/op" && unit != "B/op" && unit != "allocs/op" {
					continue
				}
				impl := groups[j]
				var s Stat
				if rec[j] != "" {
					v, err := strconv.ParseFloat(rec[j], 64)
					if err != nil {
						return nil, fmt.Errorf("benchstat CSV: %s %s %s: %v", scenario, impl, unit, err)
					}
					s.Center, s.OK = v, true
				}
				if j+1 < len(rec) {
					s.CI = rec[j+1]
				}
				if j+3 < len(fields) && fields[j+2] == "vs base" && j+3 < len(rec) {
					s.Delta = rec[j+2]
					s.P, s.N = parseP(rec[j+3])
				}
				c := t.cell(scenario, impl)
				switch unit {
				case "sec/op":
					c.Sec = s
				case "B/op":
					c.Bytes = s
				case "allocs/op":
					c.Allocs = s
				}
			}
		}
	}
	return t, nil
}

// parseP splits benchstat's "p=0.002 n=6" into its values.
func parseP(s string) (p, n string) {
	for _, f := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(f, "p="):
			p = strings.TrimPrefix(f, "p=")
		case strings.HasPrefix(f, "n="):
			n = strings.TrimPrefix(f, "n=")
		}
	}
	return p, n
}
